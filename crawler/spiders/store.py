"""The ``store-worker`` spider: drains the cluster's item queue through deduplication, the store and FEEDS.

It fetches nothing. Its ``start()`` yields the records crawl workers pushed to Redis, so that the
same item pipelines as an embedded crawl (validate, deduplicate, store) and the same feed exports
run on them, in one process, in one order.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, ClassVar

import scrapy
from scrapy import signals

from crawler.cluster.connection import ClusterError, cluster_url, connect
from crawler.cluster.itemqueue import ItemQueue, decode_record
from crawler.cluster.keys import ClusterKeys
from crawler.cluster.leases import Leases
from crawler.items import ArticleItem
from crawler.lockowner import lock_owner, owner_is_dead

#: Records taken from Redis and not yet through the pipelines, at most.
_OUTSTANDING = 256


class StoreWorkerSpider(scrapy.Spider):
    """Take records from the item queue; acknowledge each once it is stored or deliberately dropped."""

    name = "store-worker"
    custom_settings: ClassVar[dict[str, Any]] = {"CLUSTER_ROLE": "store"}
    #: The corpus's run record lists the seeds; the store-worker has none of its own.
    seeds: ClassVar[list[str]] = []

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> StoreWorkerSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        url = cluster_url(crawler.settings)
        if not url:
            raise ClusterError("the store-worker needs CLUSTER_REDIS_URL (e.g. -s CLUSTER_REDIS_URL=redis://host:6379/0)")
        spider.server = connect(url)
        spider.keys = ClusterKeys(crawler.settings.get("CLUSTER_KEY"))
        spider.queue = ItemQueue(spider.server, spider.keys)
        spider.leases = Leases(spider.server, spider.keys, "store", crawler.settings.getfloat("CLUSTER_WORKER_TIMEOUT"))
        spider.idle_timeout = crawler.settings.getfloat("CLUSTER_IDLE_TIMEOUT")
        spider.poll = crawler.settings.getfloat("CLUSTER_POLL_INTERVAL")
        spider.lock_id = lock_owner()
        # The lock lapses as a silent crawl worker is declared dead; it is renewed well within that.
        spider.lock_ttl = max(1, int(crawler.settings.getfloat("CLUSTER_WORKER_TIMEOUT")))
        spider._claimed = {}
        for signal in (signals.item_scraped, signals.item_dropped):
            crawler.signals.connect(spider._done, signal=signal)
        crawler.signals.connect(spider._failed, signal=signals.item_error)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _lock(self) -> bool:
        """Take or renew the store lock: one store-worker at a time owns the processing list."""
        if self.server.set(self.keys.store_lock, self.lock_id, nx=True, ex=self.lock_ttl):
            return True
        holder = self.server.get(self.keys.store_lock)
        if holder == self.lock_id.encode():
            self.server.expire(self.keys.store_lock, self.lock_ttl)
            return True
        if holder is not None and owner_is_dead(holder.decode()):
            # Its process is gone (killed on this host): no need to wait for the lock to lapse.
            if self.server.get(self.keys.store_lock) == holder:
                self.server.delete(self.keys.store_lock)
            return bool(self.server.set(self.keys.store_lock, self.lock_id, nx=True, ex=self.lock_ttl))
        return False

    def _done(self, item: Any) -> None:
        data = self._claimed.pop(id(item), None)
        # After a store failure the crawl is stopping and the record was not kept: leave it queued.
        if data is not None and not self.crawler.stats.get_value("store/write_failed"):
            self.queue.ack(data)

    def _failed(self, item: Any) -> None:
        """A pipeline error: the record stays in the processing list, for the next store-worker."""
        self._claimed.pop(id(item), None)

    def _closed(self) -> None:
        if self.server.get(self.keys.store_lock) == self.lock_id.encode():
            self.server.delete(self.keys.store_lock)

    def _cluster_idle(self) -> bool:
        """Nothing left to store now, and no crawl worker alive to push more."""
        return (
            not self.queue.waiting()
            and not self._claimed
            and not self.leases.live_workers()
            and not self.server.zcard(self.keys.requests)
        )

    def _idle_too_long(self) -> bool:
        """Whether the cluster has had nothing to store for ``CLUSTER_IDLE_TIMEOUT`` (call once a poll)."""
        now = asyncio.get_running_loop().time()
        if not self._cluster_idle():
            self._idle_since = None
            return False
        if self._idle_since is None:
            self._idle_since = now
        return now - self._idle_since >= self.idle_timeout

    async def start(self) -> AsyncIterator[ArticleItem]:
        loop = asyncio.get_running_loop()
        self._idle_since: float | None = None
        if not self._lock():
            self.logger.info("Another store-worker holds %s; standing by until it stops", self.keys.store_lock)
        while not self._lock():
            if self._idle_too_long():
                self.logger.info("Nothing to store for %.0f s; the standby stops", self.idle_timeout)
                return
            await asyncio.sleep(self.poll)
        restored = self.queue.restore()
        if restored:
            self.logger.warning("Put back %d records a stopped store-worker had taken", restored)
        self.logger.info("Store-worker draining %s", self.keys.items)
        self._idle_since = None
        last_lock = loop.time()
        while True:
            if loop.time() - last_lock > self.lock_ttl / 3:
                if not self._lock():
                    self.logger.error("Lost the store lock %s; stopping", self.keys.store_lock)
                    return
                last_lock = loop.time()
            room = _OUTSTANDING - len(self._claimed)
            batch = self.queue.claim(min(room, 64)) if room > 0 else []
            for data in batch:
                item = ArticleItem(**decode_record(data))
                self._claimed[id(item)] = data
                self.crawler.stats.inc_value("cluster/items_taken")
                yield item
            if batch:
                await asyncio.sleep(0)
                continue
            if self._idle_too_long():
                self.logger.info("No crawl worker and nothing queued for %.0f s; stopping", self.idle_timeout)
                return
            await asyncio.sleep(self.poll)
