"""``scrapy reextract``: rebuild the corpus's records from the pages it kept, with the current extractor."""

from __future__ import annotations

import argparse
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.extract_jobs import ordered_map, reextract_page
from pipelines.corpus import Corpus, CorpusError

#: Fields that re-extraction may change; URLs, discovery path and crawl time stay as crawled.
EXTRACTED = ("title", "authors", "author_url", "site", "published", "language", "text", "word_count", "content_hash")


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
        parser.add_argument("--workers", type=int, default=0, help="extraction processes (default: one per core)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        path = self.settings.get("CORPUS_DB")
        workers = opts.workers or os.cpu_count() or 1
        changed = unchanged = failed = 0
        try:
            reader, writer = Corpus.open_existing(path), Corpus(path)
        except CorpusError as exc:
            raise UsageError(str(exc), print_help=False) from None
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                for article_id, result in ordered_map(pool, reextract_page, reader.raw_pages(), workers * 8):
                    if isinstance(result, str):
                        failed += 1  # the stored record stays as it was
                        continue
                    old = writer.record(article_id)
                    if all(old[name] == result[name] for name in EXTRACTED):
                        unchanged += 1
                    else:
                        writer.update_extraction(article_id, result)
                        changed += 1
        except CorpusError as exc:
            raise UsageError(str(exc), print_help=False) from None
        finally:
            reader.close()
            writer.close()
        print(
            f"Re-extracted {changed + unchanged + failed} stored pages: {changed} records changed, "
            f"{unchanged} unchanged, {failed} failed (kept as they were)."
        )
