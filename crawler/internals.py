"""The private parts of Scrapy, scrapy-redis and concurrent.futures the project reaches into, in one place.

Each is reached because no public API does the job (named beside it). ``tests/test_internals.py``
fails when a pinned version stops having one, so an upgrade shows here and not as a crawl that hangs.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler


def engine_slot(crawler: Crawler) -> Any:
    """The engine's slot (its scheduler, ``nextcall``, ``remove_request``), or None before the spider opens.

    Scrapy has no signal for "this request is fully handled" nor a public way to wake the engine.
    """
    return getattr(crawler.engine, "_slot", None)


def decode_request(queue: Any, data: bytes) -> Request:
    """A request from its serialised form in a scrapy-redis queue (the queue's own decoder)."""
    return queue._decode_request(data)


def pool_broken(pool: ProcessPoolExecutor) -> bool:
    """Whether a pool's manager thread has found a dead worker (the flag ``submit`` reads before it raises)."""
    return bool(getattr(pool, "_broken", False))


def pool_processes(pool: ProcessPoolExecutor) -> list[Any]:
    """The worker processes of a pool (Python has no public way to reach them before 3.14's kill_workers)."""
    return list((getattr(pool, "_processes", None) or {}).values())
