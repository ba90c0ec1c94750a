"""A crawl worker stops by itself once the shared crawl has had nothing to do for ``CLUSTER_IDLE_TIMEOUT``.

Scrapy closes a spider as soon as its own scheduler looks empty; in a cluster that moment comes
whenever this worker has caught up, while others may still be fetching pages that will add
requests. So the close is held back (``DontCloseSpider``) until the shared queue is empty and no
worker, alive or dead, holds a request in flight, and that has lasted the timeout.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

from crawler.internals import engine_slot

logger = logging.getLogger(__name__)


class ClusterIdleStop:
    """Hold a crawl worker open while the cluster's crawl goes on."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("CLUSTER_IDLE_TIMEOUT")
        self._idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterIdleStop:
        if crawler.settings.get("SCHEDULER") != "crawler.cluster.scheduler.ClusterScheduler":
            raise NotConfigured("not a cluster crawl worker")
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        return extension

    def spider_idle(self) -> None:
        scheduler = engine_slot(self.crawler).scheduler
        scheduler.tick()  # dead workers' requests back in the queue first
        if len(scheduler.queue) or scheduler.leases.in_flight_total():
            self._idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
            logger.info("Shared queue empty; stopping after %.0f s with nothing to do", self.timeout)
        if now - self._idle_since < self.timeout:
            raise DontCloseSpider
