"""Extraction stage: turns each ``PageItem`` into an ``ArticleItem``, or drops it with a counted reason.

The spider has usually read the page in the extraction pool already (``PageItem.analysis``); a page
that comes without is read here, in the same pool, off the reactor.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.extraction.pool import PagePool
from crawler.items import ArticleItem, PageItem

logger = logging.getLogger(__name__)


class ExtractionPipeline:
    """Records from the crawler's extraction process pool (trafilatura is not thread-safe)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.pages = PagePool.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.pages.open()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        analysis = item.analysis or await self.pages.analyze(item.html, item.url, item.discovered_via)
        if analysis.record is None:
            reason = analysis.error or "error"
            self.stats.inc_value(f"extract/dropped/{reason}")
            if reason == "timeout":
                logger.warning("Extraction of %s took too long (%s); dropped", item.url, analysis.message)
            raise DropItem(f"{reason.replace('_', ' ')}: {analysis.message}")
        self.stats.inc_value("extract/ok")
        return ArticleItem(**analysis.record)
