"""Worker heartbeats and in-flight requests in Redis: what a killed worker had taken goes back to the queue.

Each crawl worker records every request it takes from the shared queue in its own in-flight hash,
in the same atomic step as the pop, and deletes it only once the request is fully handled (its
items stored in the item queue, its new requests in the shared queue). Workers beat every few
seconds; a worker silent for ``CLUSTER_WORKER_TIMEOUT`` is dead, and the first live worker to
notice moves its hash away with one RENAME (so only one worker claims it) and puts its requests
back. A request is thus never dropped; at worst one is crawled twice, and the store-worker's
deduplication drops the second copy.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

import redis

from crawler.cluster.keys import ClusterKeys

# Pop the best request (lowest score) and record it as in flight, in one step: a kill between the
# two cannot lose it.
_POP_AND_LEASE = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0)
if #found == 0 then return false end
redis.call('ZREM', KEYS[1], found[1])
redis.call('HSET', KEYS[2], ARGV[1], found[1])
return found[1]
"""


class Leases:
    """One worker's heartbeat and in-flight requests, and the re-queueing of dead workers' requests."""

    def __init__(self, server: redis.Redis, keys: ClusterKeys, worker: str, timeout: float) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.timeout = timeout
        self._pop = server.register_script(_POP_AND_LEASE)

    def now(self) -> float:
        """Redis's clock, so that workers on machines with skewed clocks agree on who is dead."""
        seconds, micros = self.server.time()
        return seconds + micros / 1e6

    def beat(self) -> None:
        """Tell the cluster this worker is alive."""
        self.server.zadd(self.keys.workers, {self.worker: self.now()})

    def leave(self) -> None:
        """Leave the cluster (after putting back anything still in flight)."""
        self.server.zrem(self.keys.workers, self.worker)

    def pop(self, queue_key: str, field: str) -> bytes | None:
        """Pop the first request of the queue and hold it in flight under ``field``."""
        return self._pop(keys=[queue_key, self.keys.inflight(self.worker)], args=[field])

    def release(self, field: str) -> None:
        """A request held in flight is fully handled."""
        self.server.hdel(self.keys.inflight(self.worker), field)

    def held(self) -> list[bytes]:
        """This worker's in-flight requests (encoded)."""
        return list(self.server.hvals(self.keys.inflight(self.worker)))

    def drop_held(self) -> None:
        self.server.delete(self.keys.inflight(self.worker))

    def live_workers(self) -> list[str]:
        """Workers that beat within the timeout."""
        members = self.server.zrangebyscore(self.keys.workers, self.now() - self.timeout, "+inf")
        return [m.decode() for m in members]

    def dead_workers(self) -> list[str]:
        members = self.server.zrangebyscore(self.keys.workers, "-inf", f"({self.now() - self.timeout}")
        return [m.decode() for m in members]

    def in_flight_total(self) -> int:
        """Requests held in flight by any worker, dead or alive, or being put back."""
        total = 0
        for pattern in (self.keys.inflight("*"), self.keys.reaping("*")):
            for key in self.server.scan_iter(match=pattern, count=500):
                total += self.server.hlen(key)
        return total

    def reap(self, requeue: Callable[[bytes], None]) -> int:
        """Put the in-flight requests of dead workers back through ``requeue``; return how many."""
        count = 0
        live = set(self.live_workers())
        for dead in self.dead_workers():
            if dead == self.worker:
                continue
            claimed = self.keys.reaping(f"{dead}:{self.worker}")
            # Fails when nothing is in flight, or when another worker claimed it first.
            with suppress(redis.ResponseError):
                self.server.rename(self.keys.inflight(dead), claimed)
            self.server.zrem(self.keys.workers, dead)
        # Claimed here, or left half put back by a reaper that died meanwhile.
        for key in self.server.scan_iter(match=self.keys.reaping("*"), count=500):
            reaper = key.decode().rsplit(":", 1)[1]
            if reaper != self.worker and reaper in live:
                continue
            for data in self.server.hvals(key):
                requeue(data)
                count += 1
            self.server.delete(key)
        return count
