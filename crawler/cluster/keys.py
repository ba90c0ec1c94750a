"""The Redis keys of one cluster crawl, all under the ``CLUSTER_KEY`` prefix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterKeys:
    """Names of the shared structures: scrapy-redis's queue and dupefilter, and this project's own."""

    prefix: str

    @property
    def requests(self) -> str:
        """scrapy-redis priority queue of requests (a sorted set)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """scrapy-redis request fingerprints (a set)."""
        return f"{self.prefix}:dupefilter"

    @property
    def workers(self) -> str:
        """Crawl workers and their last heartbeat (a sorted set scored by Redis time)."""
        return f"{self.prefix}:workers"

    def inflight(self, worker: str) -> str:
        """Requests a worker took from the queue and has not finished (a hash)."""
        return f"{self.prefix}:inflight:{worker}"

    def reaping(self, worker: str) -> str:
        """Where a dead worker's in-flight hash is moved while it is put back (claimed by one RENAME)."""
        return f"{self.prefix}:reaping:{worker}"

    @property
    def items(self) -> str:
        """Extracted records waiting for the store-worker (a list)."""
        return f"{self.prefix}:items"

    @property
    def items_processing(self) -> str:
        """Records the store-worker took and has not yet stored or dropped (a list)."""
        return f"{self.prefix}:items:processing"

    @property
    def store_lock(self) -> str:
        """Held by the one running store-worker (a key with a TTL)."""
        return f"{self.prefix}:store-lock"
