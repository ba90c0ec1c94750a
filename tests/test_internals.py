"""The private parts of the pinned Scrapy, scrapy-redis and Python that ``crawler.internals`` reaches are there."""

from __future__ import annotations

import inspect
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest
from scrapy import Request, Spider
from scrapy.core import engine
from scrapy_redis.queue import FifoQueue

from crawler.internals import decode_request, pool_broken, pool_processes


def test_the_engine_keeps_its_slot_where_the_cluster_reaches_it() -> None:
    assert "self._slot" in inspect.getsource(engine.ExecutionEngine)
    for name in ("remove_request", "nextcall", "scheduler"):
        assert name in inspect.getsource(engine._Slot), name


def test_a_scrapy_redis_queue_decodes_what_it_encodes() -> None:
    queue = FifoQueue(server=None, spider=Spider("s"), key="q")
    request = Request("https://example.com/a", meta={"k": 1}, priority=3)
    decoded = decode_request(queue, queue._encode_request(request))
    assert (decoded.url, decoded.meta["k"], decoded.priority) == ("https://example.com/a", 1, 3)


def test_a_process_pool_shows_its_workers() -> None:
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        assert pool.submit(abs, -1).result(timeout=60) == 1
        workers = pool_processes(pool)
        assert len(workers) == 1 and workers[0].is_alive()
        assert not pool_broken(pool)
        workers[0].kill()
        with pytest.raises(BrokenProcessPool):
            pool.submit(abs, -1).result(timeout=60)
        assert pool_broken(pool)
    finally:
        pool.shutdown()
