"""What a corpus stage does when the corpus cannot be written: stop the crawl, once, with a reason."""

from __future__ import annotations

import asyncio
import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pipelines.corpus.errors import CorpusError

logger = logging.getLogger(__name__)


class CrawlStopper:
    """Stops the crawl (reason ``store_failed``) at the first corpus write that fails, whichever stage saw it.

    Stopping beats crawling on: pages fetched now could not be kept. The record is not in the corpus,
    so the next run fetches it again.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        #: Spider closes in progress (asyncio keeps only weak references to tasks).
        self._closing: set[asyncio.Future[None]] = set()

    def stop(self, exc: CorpusError) -> DropItem:
        """Log the failure, stop the crawl if no stage has yet, and return the DropItem to raise."""
        stats = self.crawler.stats
        stats.inc_value("store/write_failed")
        if stats.get_value("store/write_failed") == 1 and self.crawler.engine is not None:
            logger.error("%s; stopping the crawl", exc)
            closing = asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="store_failed"))
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)
        return DropItem(f"not stored: {exc}")
