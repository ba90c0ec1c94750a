"""The one thread a pipeline stage does its blocking work in: items in arrival order, off the reactor."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from scrapy.statscollectors import StatsCollector

T = TypeVar("T")


class StageThread:
    """A stage's single worker thread, and its stats counted on the reactor's thread."""

    def __init__(self, name: str, stats: StatsCollector) -> None:
        self.name = name
        self.stats = stats
        self._executor: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    def start(self) -> None:
        """Start the thread (at the stage's ``open_spider``)."""
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=self.name)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Await ``fn(*args)`` run in the stage's thread, after the calls submitted before it."""
        assert self._executor is not None, "pipeline not opened"
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        return await self._loop.run_in_executor(self._executor, fn, *args)

    def inc(self, key: str, count: int = 1) -> None:
        """Count in the stats, on the reactor's thread (the stats collector is not thread-safe)."""
        if self._loop is not None and threading.get_ident() != self._loop_thread:
            self._loop.call_soon_threadsafe(self.stats.inc_value, key, count)
        else:
            self.stats.inc_value(key, count)

    def stop(self) -> None:
        """Wait for the work submitted so far, then end the thread (blocking: call it off the reactor)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
