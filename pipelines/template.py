"""Template stage: learns the blocks each site repeats on many pages and drops them from bodies.

A block (a line of the body, see ``pipelines.template_blocks``) seen on at least
``TEMPLATE_MIN_PAGES`` distinct pages of a site is that site's boilerplate: an author bio, a
press-release "About us", a newsletter prompt, a disclaimer. The counts live in the corpus, so
they grow across runs. A page counts once, however often it is fetched.

Until a block reaches the threshold, the pages that carry it are stored with it. When it does,
the site's stored bodies are cleaned in place at the end of the run (stat
``template/stored_cleaned``). The JSON Lines feed already written keeps what it wrote;
``scrapy dump`` exports the clean corpus.

Runs before validation, so a page left with too few words once its template is gone is dropped
there. Counting and lookups run in the stage's own thread, one item at a time in arrival order.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extraction.body import content_hash, word_count
from pipelines.corpus.database import CorpusError
from pipelines.corpusstage import CorpusStage
from pipelines.template_blocks import block_keys, strip_blocks

logger = logging.getLogger(__name__)


class TemplatePipeline(CorpusStage):
    """Drop each site's learned boilerplate blocks from bodies; clean stored bodies when a block is learned."""

    stage = "template"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.min_pages = crawler.settings.getint("TEMPLATE_MIN_PAGES")
        self.min_words = crawler.settings.getint("TEMPLATE_MIN_WORDS")
        #: Sites with blocks that reached the threshold in this run, whose stored bodies need cleaning.
        self._learned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TemplatePipeline:
        if crawler.settings.getint("TEMPLATE_MIN_PAGES") <= 0:
            raise NotConfigured("TEMPLATE_MIN_PAGES is 0: site templates are off")
        return cls(crawler)

    async def close_spider(self) -> None:
        if self.corpus is None:
            return
        # Cleaning stored bodies reads and rewrites many rows: in the stage's thread, off the reactor.
        await self.thread.run(self._finish)
        self.thread.stop()

    def _finish(self) -> None:
        """Clean the stored bodies of the sites that learned blocks in this run, then close the corpus."""
        assert self.corpus is not None
        try:
            for site in sorted(self._learned):
                self.clean_stored(site)
        except CorpusError as exc:
            logger.error("stored bodies not cleaned of their template: %s", exc)
        finally:
            self.corpus.close()

    async def process_item(self, item: Any) -> Any:
        try:
            return await self.thread.run(self.apply, item)
        except CorpusError as exc:
            raise self.stopper.stop(exc) from None

    def apply(self, item: Any) -> Any:
        """Count the item's blocks for its site and drop those that are the site's boilerplate. Synchronous."""
        assert self.corpus is not None, "pipeline not opened"
        adapter = ItemAdapter(item)
        text, site, url = adapter.get("text") or "", adapter.get("site"), adapter.get("canonical_url")
        if not (site and url):
            return item  # validation drops it, with its reason
        keys = block_keys(text, self.min_words)
        counted, pages = self.corpus.learn_blocks(site, url, keys)
        boilerplate = {key for key, count in pages.items() if count >= self.min_pages}
        # A block is learned by the page that brings it to the threshold, not by that page fetched again.
        learned = sum(1 for count in pages.values() if count == self.min_pages) if counted else 0
        if learned:
            self._learned.add(site)
            self.thread.inc("template/blocks_learned", learned)
        if not boilerplate:
            return item
        cleaned = strip_blocks(text, boilerplate, self.min_words)
        adapter["text"] = cleaned
        adapter["word_count"] = word_count(cleaned)
        adapter["content_hash"] = content_hash(cleaned)
        self.thread.inc("template/pages_trimmed")
        self.thread.inc("template/blocks_dropped", len(boilerplate))
        return item

    def clean_stored(self, site: str) -> int:
        """Drop the site's boilerplate blocks from its stored bodies; return how many bodies changed."""
        assert self.corpus is not None
        boilerplate = self.corpus.site_boilerplate(site, self.min_pages)
        changed = 0
        for article_id, text in self.corpus.site_texts(site):
            cleaned = strip_blocks(text, boilerplate, self.min_words)
            if cleaned != text:
                self.corpus.set_text(article_id, cleaned, word_count(cleaned), content_hash(cleaned))
                changed += 1
        if changed:
            self.thread.inc("template/stored_cleaned", changed)
            logger.info("Cleaned %d stored bodies of %s of its template", changed, site)
        return changed

