"""Extraction stage: turns each ``PageItem`` into an ``ArticleItem`` in a process pool, off the reactor."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.extraction import ExtractionTimeout, NoArticle, discard_pool, extract_page, extraction_pool
from crawler.items import ArticleItem, PageItem

logger = logging.getLogger(__name__)


class ExtractionPipeline:
    """Run ``crawler.extraction.extract_article`` in worker processes (trafilatura is not thread-safe)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.workers = crawler.settings.getint("EXTRACTION_WORKERS")
        self.keep_html = crawler.settings.getbool("STORE_RAW_HTML")
        self.start_method = crawler.settings.get("EXTRACTION_MP_START", "spawn")
        self.time_limit = crawler.settings.getfloat("EXTRACTION_TIME_LIMIT", 0)
        self._pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        return cls(crawler)

    def _new_pool(self) -> ProcessPoolExecutor:
        return extraction_pool(self.workers, self.start_method)

    def open_spider(self) -> None:
        self._pool = self._new_pool()

    def close_spider(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        record = await self._extract(item)
        self.stats.inc_value("extract/ok")
        return ArticleItem(**record)

    async def _extract(self, page: PageItem) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            pool = self._pool
            assert pool is not None, "pipeline not opened"
            try:
                work = loop.run_in_executor(
                    pool, extract_page, page.html, page.url, page.discovered_via, self.keep_html, self.time_limit
                )
                # The worker's own timer stops a slow extraction; this outer guard catches one stuck in C code.
                return await asyncio.wait_for(work, self.time_limit * 2 + 5 if self.time_limit else None)
            except (ExtractionTimeout, TimeoutError) as exc:
                self.stats.inc_value("extract/dropped/timeout")
                logger.warning("Extraction of %s took over %s s; dropped", page.url, self.time_limit)
                if isinstance(exc, TimeoutError) and self._pool is pool:  # the worker is stuck: replace it
                    discard_pool(pool)
                    self._pool = self._new_pool()
                raise DropItem(f"extraction timeout: {page.url}") from None
            except BrokenProcessPool:
                # A worker died (killed, or a crash inside lxml): replace the pool, retry once.
                self.stats.inc_value("extract/worker_died")
                logger.warning("Extraction worker died on %s (attempt %d)", page.url, attempt)
                if self._pool is pool:
                    discard_pool(pool)
                    self._pool = self._new_pool()
            except NoArticle as exc:
                self.stats.inc_value("extract/dropped/no_article")
                raise DropItem(f"no article: {exc}") from None
            except Exception as exc:
                self.stats.inc_value("extract/dropped/error")
                logger.error("Extraction failed on %s: %r", page.url, exc)
                raise DropItem(f"extraction error: {exc!r}") from None
        self.stats.inc_value("extract/dropped/worker_died")
        raise DropItem("extraction worker died twice on this page")
