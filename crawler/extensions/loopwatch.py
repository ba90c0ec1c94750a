"""Watch the reactor: log and count every stretch in which something held it longer than a threshold.

A timer asks to run every ``interval``; when it runs late by more than ``LOOP_BLOCK_WARN_MS``, some
callback, pipeline step or signal handler held the event loop that long, and no download, timer or
other callback could run meanwhile. Counted in ``reactor/blocked``, the longest in
``reactor/max_block_ms``.

A timer also runs late when the operating system gives the CPU to other processes (on a machine
where the extraction workers keep every core busy, they do). Linux says how long the thread sat
ready to run but waiting for a CPU (``/proc/thread-self/schedstat``); that share of the lateness is
not the reactor being held, so it is subtracted, and a timer late only for that reason is counted
in ``reactor/starved`` instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


class LoopWatch:
    """Measure how late a periodic timer runs on the asyncio loop under the reactor."""

    def __init__(self, crawler: Crawler, threshold_ms: float, interval: float = 0.01) -> None:
        self.stats = crawler.stats
        self.threshold = threshold_ms / 1000
        self.interval = interval
        self._handle: asyncio.TimerHandle | None = None
        self._due = 0.0
        self._waited = 0.0
        self._clock: RunQueueClock | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LoopWatch:
        threshold = crawler.settings.getfloat("LOOP_BLOCK_WARN_MS")
        if threshold <= 0:
            raise NotConfigured
        return cls(crawler, threshold)

    def spider_opened(self) -> None:
        self.stats.set_value("reactor/blocked", 0)
        self.stats.set_value("reactor/max_block_ms", 0)
        self.stats.set_value("reactor/starved", 0)
        self._clock = RunQueueClock()  # opened on the reactor's thread: its clock is the one read
        self._waited = self._clock.read()
        self._schedule(asyncio.get_event_loop())

    def spider_closed(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self._clock is not None:
            self._clock.close()

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        self._due = time.monotonic() + self.interval
        self._handle = loop.call_later(self.interval, self._tick, loop)

    def _tick(self, loop: asyncio.AbstractEventLoop) -> None:
        late = time.monotonic() - self._due
        assert self._clock is not None
        waited, self._waited = self._waited, self._clock.read()  # one read a tick: this one is the next baseline
        if late > self.threshold:
            held = late - max(0.0, self._waited - waited)
            if held > self.threshold:
                self.stats.inc_value("reactor/blocked")
                self.stats.max_value("reactor/max_block_ms", round(held * 1000))
                logger.warning("The reactor was blocked for %.0f ms", held * 1000)
            else:
                self.stats.inc_value("reactor/starved")
        self._schedule(loop)


class RunQueueClock:
    """Seconds the opening thread has spent ready to run but waiting for a CPU (0 where Linux does not say).

    The file stays open and is re-read in place: opening it a hundred times a second cost 2% of the reactor.
    """

    def __init__(self, path: str = "/proc/thread-self/schedstat") -> None:
        try:
            self._fd: int | None = os.open(path, os.O_RDONLY)
        except OSError:
            self._fd = None

    def read(self) -> float:
        if self._fd is None:
            return 0.0
        try:
            return int(os.pread(self._fd, 128, 0).split()[1]) / 1e9
        except (OSError, IndexError, ValueError):
            return 0.0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
