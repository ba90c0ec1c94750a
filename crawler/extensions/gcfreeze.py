"""Keep Python's full garbage collections short: what exists when the crawl starts is frozen out of them.

A full (generation 2) collection walks every tracked object. After start-up that is mostly modules,
functions and constants of Scrapy, lxml, trafilatura and their dependencies, which live as long as
the process; each full collection walked them all again and held the reactor 90-140 ms (measured on
the crawl benchmark with ``gc.callbacks``). ``gc.freeze()`` moves them to a permanent generation that
collections skip; objects made during the crawl are collected as before.
"""

from __future__ import annotations

import gc
import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


class GcFreeze:
    """Freeze the start-up heap when the spider opens (``GC_FREEZE``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GcFreeze:
        if not crawler.settings.getbool("GC_FREEZE"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self) -> None:
        gc.collect()
        gc.freeze()
        self.stats.set_value("gc/frozen_objects", gc.get_freeze_count())
