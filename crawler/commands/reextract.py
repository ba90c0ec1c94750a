"""``scrapy reextract``: rebuild the corpus's records from the pages it kept, with the current extractor."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.cli import one_line_errors
from crawler.extraction.body import content_hash, word_count
from crawler.extraction.jobs import ordered_map, reextract_page
from crawler.extraction.worker import extraction_pool, pool_size
from crawler.progress import Progress
from pipelines.corpus.database import EXTRACTED_FIELDS, Corpus, CorpusError
from pipelines.template_blocks import strip_blocks


def without_template(record: dict, boilerplate: set[int], min_words: int) -> dict:
    """The record without its site's learned boilerplate blocks (as the crawl's template stage drops them)."""
    text = strip_blocks(record["text"], boilerplate, min_words)
    if text == record["text"]:
        return record
    return {**record, "text": text, "word_count": word_count(text), "content_hash": content_hash(text)}


class Command(ScrapyCommand):
    """Re-run extraction over every stored page (``STORE_RAW_HTML``) and update the records that change."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--workers N]"

    def short_desc(self) -> str:
        return "Rebuild the corpus's article records from its stored pages, with the current extractor"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--workers", type=int, default=0, help="extraction processes (default one per core)")

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        path = self.settings.get("CORPUS_DB")
        workers = pool_size(opts.workers)
        min_pages, min_words = self.settings.getint("TEMPLATE_MIN_PAGES"), self.settings.getint("TEMPLATE_MIN_WORDS")
        changed = unchanged = failed = 0
        # Each site's learned blocks, read once: re-extraction does not change the counts.
        templates: dict[str, set[int]] = {}
        try:
            reader, writer = Corpus.open_existing(path), Corpus(path)
        except CorpusError as exc:
            raise UsageError(str(exc), print_help=False) from None
        progress = Progress("Re-extracting", reader.count())
        try:
            with extraction_pool(workers) as pool:
                for article_id, result in ordered_map(pool, reextract_page, reader.raw_pages(), workers * 8):
                    progress.advance()
                    if isinstance(result, str):
                        failed += 1  # the stored record stays as it was
                        continue
                    if min_pages > 0:
                        site = result["site"]
                        if site not in templates:
                            templates[site] = writer.site_boilerplate(site, min_pages)
                        result = without_template(result, templates[site], min_words)
                    old = writer.record(article_id)
                    if all(old[name] == result[name] for name in EXTRACTED_FIELDS):
                        unchanged += 1
                    else:
                        writer.update_extraction(article_id, result)
                        changed += 1
        except CorpusError as exc:
            raise UsageError(str(exc), print_help=False) from None
        finally:
            progress.close()
            reader.close()
            writer.close()
        print(
            f"Re-extracted {changed + unchanged + failed} stored pages: {changed} records changed, "
            f"{unchanged} unchanged, {failed} failed (kept as they were)."
        )
