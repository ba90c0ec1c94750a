"""scrapy-redis's scheduler, with requests held in flight per worker so that a killed worker loses none.

The queue and the dupefilter are scrapy-redis's (``Scheduler``, ``RFPDupeFilter``, a priority queue,
``SCHEDULER_PERSIST``). What this adds:

- each pop is recorded in the worker's in-flight hash in the same Lua step (``crawler.cluster.leases``),
  and released when Scrapy's engine has fully handled the request;
- a heartbeat, which also re-queues dead workers' in-flight requests and polls the shared queue
  (another worker may have filled it while this one was idle);
- on a clean close, whatever is still in flight goes back to the queue; once the cluster's crawl is
  over (queue empty, nothing in flight anywhere), the dupefilter is cleared so that the next
  scheduled crawl of the same authors starts afresh. An interrupted crawl keeps it, to resume.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from crawler.cluster.keys import ClusterKeys
from crawler.cluster.leases import Leases
from crawler.internals import decode_request, engine_slot

logger = logging.getLogger(__name__)


def worker_id() -> str:
    """A name for this process, unique in the cluster (host, pid, random)."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}".replace(":", "-")


class ClusterScheduler(Scheduler):
    """Shared frontier in Redis; requests taken by this worker are leased until fully handled."""

    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        settings = crawler.settings
        scheduler.keys = ClusterKeys(settings.get("CLUSTER_KEY"))
        scheduler.worker = worker_id()
        scheduler.leases = Leases(
            scheduler.server, scheduler.keys, scheduler.worker, settings.getfloat("CLUSTER_WORKER_TIMEOUT")
        )
        scheduler.poll = settings.getfloat("CLUSTER_POLL_INTERVAL")
        scheduler._fields = {}
        return scheduler

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.leases.beat()
        logger.info("Cluster worker %s joined (queue %s: %d requests)", self.worker, self.queue.key, len(self.queue))
        # The engine calls its slot's remove_request once a request is fully handled: its download,
        # callback, item pipelines (the item is in the item queue) and new requests (in the shared queue).
        # There is no signal for that moment, so the slot's method is wrapped to release the lease there.
        slot = engine_slot(self.crawler)
        remove_request = slot.remove_request

        def remove_and_release(request: Request) -> None:
            remove_request(request)
            self._release(request)

        slot.remove_request = remove_and_release
        self._tick = LoopingCall(self.tick)
        self._tick.start(self.poll, now=False)

    def tick(self) -> None:
        """Heartbeat, re-queue dead workers' requests, and wake the engine to poll the shared queue."""
        try:
            self.leases.beat()
            requeued = self.leases.reap(self._requeue)
        except Exception as exc:  # Redis briefly away: try again next tick
            logger.warning("Cluster heartbeat failed: %s", exc)
            return
        if requeued:
            self.stats.inc_value("cluster/requeued_from_dead_workers", requeued, spider=self.spider)
            logger.warning("Put back %d in-flight requests of dead workers", requeued)
        # Another worker may have filled the queue while this one was idle; and an idle engine asks
        # the idle stop again (Scrapy's own heartbeat would take 5 s).
        slot = engine_slot(self.crawler)
        if slot is not None:
            slot.nextcall.schedule()

    def _requeue(self, data: bytes) -> None:
        self.queue.push(decode_request(self.queue, data))

    def _release(self, request: Request) -> None:
        field = self._fields.pop(id(request), None)
        if field is not None:
            self.leases.release(field)

    def next_request(self) -> Request | None:
        field = uuid.uuid4().hex
        data = self.leases.pop(self.queue.key, field)
        if data is None:
            return None
        request = decode_request(self.queue, data)
        self._fields[id(request)] = field
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=self.spider)
        return request

    def close(self, reason: str) -> Any:
        if self._tick.running:
            self._tick.stop()
        held = self.leases.held()
        for data in held:
            self._requeue(data)
        self.leases.drop_held()
        self.leases.leave()
        if held:
            logger.info("Put %d in-flight requests back in the shared queue", len(held))
        if reason == "finished" and not len(self.queue) and not self.leases.in_flight_total():
            self.df.clear()
            logger.info("The cluster's crawl is over: request fingerprints cleared for the next crawl")
        return super().close(reason)
