"""The crawl's extraction process pool: a Scrapy extension, shared by the spider and the extraction stage.

The spider hands each article page to it once (``analyze_page``: discovery facts and the record from
one parse), so that nothing parses HTML on the reactor; the extraction stage uses it for pages that
arrive without a record. trafilatura is not thread-safe: processes, never threads. Its workers start
with the first page and stop when the spider closes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extraction.worker import PageAnalysis, analyze_page, discard_pool, extraction_pool
from crawler.internals import pool_broken

logger = logging.getLogger(__name__)

T = TypeVar("T")


class WorkerDied(Exception):
    """The worker died on this page twice (killed, or a crash inside lxml)."""


class WorkerStuck(Exception):
    """The worker did not answer within twice the time limit (stuck in C code); it was replaced."""


class PagePool:
    """One process pool per crawler: worker deaths are survived, stuck workers replaced."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.stats = crawler.stats
        self.workers = settings.getint("EXTRACTION_WORKERS")
        self.start_method = settings.get("EXTRACTION_MP_START")
        self.time_limit = settings.getfloat("EXTRACTION_TIME_LIMIT")
        self.keep_html = settings.getbool("STORE_RAW_HTML")
        self.memory_mb = settings.getint("EXTRACTION_WORKER_MEMORY_MB")
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PagePool:
        pool = cls(crawler)
        crawler.signals.connect(pool.spider_closed, signal=signals.spider_closed)
        return pool

    @staticmethod
    def of(crawler: Crawler) -> PagePool:
        """The pool of ``crawler`` (the extension's instance)."""
        pool = crawler.get_extension(PagePool)
        if pool is None:
            raise NotConfigured("the extraction pool is off: add crawler.extraction.pool.PagePool to EXTENSIONS")
        return pool

    async def spider_closed(self) -> None:
        # Joining the worker processes takes a while: in a thread, off the reactor.
        await asyncio.to_thread(self.close)

    def open(self) -> None:
        if self._pool is None and not self._closed:
            self._pool = extraction_pool(self.workers, self.start_method, self.memory_mb)

    def close(self) -> None:
        """Shut the pool down for good: a page still on its way in (a crawl stopping) gets no new pool."""
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Call ``fn(*args)`` in a worker; retry once on a dead worker."""
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            self.open()
            pool = self._pool
            if pool is None:
                raise WorkerDied("the extraction pool is closed (the crawl is stopping)")
            try:
                work = loop.run_in_executor(pool, fn, *args)
            except (BrokenProcessPool, RuntimeError, OSError, ValueError) as exc:
                # Broken or shut down by another page's failure a moment ago: a fresh pool, not a lost page.
                # ValueError: submitting while the pool's manager thread tears it down can start a worker
                # with a pipe it has just closed ("bad value(s) in fds_to_keep", seen on CPython 3.11).
                # A worker died, and this page is the first to see it. The submit that sees it may raise other than
                # BrokenProcessPool: one made while the manager thread marks the pool broken can see it half marked.
                if isinstance(exc, BrokenProcessPool) or pool_broken(pool):
                    self.stats.inc_value("extract/worker_died")
                if self._pool is pool:
                    discard_pool(pool)
                    self._pool = None
                continue
            try:
                # The worker's own timer stops a slow extraction; this outer guard catches one stuck in C code.
                return await asyncio.wait_for(work, self.time_limit * 2 + 5 if self.time_limit else None)
            except TimeoutError:
                if self._pool is pool:
                    discard_pool(pool)
                    self._pool = None
                raise WorkerStuck(f"no answer within {self.time_limit * 2 + 5:.0f} s") from None
            except BrokenProcessPool:
                self.stats.inc_value("extract/worker_died")
                logger.warning("Extraction worker died (attempt %d)", attempt)
                if self._pool is pool:
                    discard_pool(pool)
                    self._pool = None
        raise WorkerDied("extraction worker died twice on this page")

    async def analyze(self, html: str, url: str, discovered_via: str) -> PageAnalysis:
        """Read a page once in a worker (``analyze_page``); a lost worker gives an analysis with an error."""
        try:
            return await self.run(analyze_page, html, url, discovered_via, self.keep_html, self.time_limit)
        except WorkerStuck as exc:
            return PageAnalysis(None, error="timeout", message=str(exc))
        except WorkerDied as exc:
            return PageAnalysis(None, error="worker_died", message=str(exc))
        except Exception as exc:  # a bug in extraction must cost one page, not the crawl
            logger.error("Extraction failed on %s: %r", url, exc)
            return PageAnalysis(None, error="error", message=repr(exc))
