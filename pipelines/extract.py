"""Extraction stage: turns each ``PageItem`` into an ``ArticleItem`` in a process pool, off the reactor."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.extraction import NoArticle, extract_page
from crawler.items import ArticleItem, PageItem

logger = logging.getLogger(__name__)


def _warm_up() -> None:
    """Import the extractor (trafilatura, lxml) in each worker at pool start, not on its first page."""
    import crawler.extraction  # noqa: F401


def discard_pool(pool: ProcessPoolExecutor) -> None:
    """Shut down a broken pool without waiting, killing the workers that survived.

    After one worker dies, a sibling can stay blocked on the pool's queue forever; the
    interpreter joins the pool's manager thread at exit, so the crawl would never end.
    """
    # ProcessPoolExecutor has no public way to reach its workers before Python 3.14 (kill_workers).
    for process in list(getattr(pool, "_processes", {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


class ExtractionPipeline:
    """Run ``crawler.extraction.extract_article`` in worker processes (trafilatura is not thread-safe)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.workers = crawler.settings.getint("EXTRACTION_WORKERS") or os.cpu_count() or 1
        self.keep_html = crawler.settings.getbool("STORE_RAW_HTML")
        # "spawn": forking a process that runs a reactor and threads is unsafe.
        self._context = multiprocessing.get_context(crawler.settings.get("EXTRACTION_MP_START", "spawn"))
        self._pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        return cls(crawler)

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self._context, initializer=_warm_up)

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
                return await loop.run_in_executor(
                    pool, extract_page, page.html, page.url, page.discovered_via, self.keep_html
                )
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
