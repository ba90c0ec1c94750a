"""Cluster mode on a real redis-server: shared queue and dupefilter, leases, the item queue, the store-worker."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from bench.cluster import cluster_crawl, compare, corpus_settings, outcome, scrapy_command, single_crawl
from bench.faults import solo
from crawler.cluster.addon import ClusterAddon
from crawler.cluster.itemqueue import ItemQueue, decode_record, encode_record
from crawler.cluster.keys import ClusterKeys
from crawler.cluster.leases import Leases
from crawler.discovery.identity import Byline
from crawler.extraction.pool import PagePool
from crawler.items import PageItem
from crawler.spiders.author import FOLLOWED_META, AuthorSpider
from tests.conftest import ROOT
from tests.redis_server import redis_server
from tests.site.themes import article_url


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


KEYS = ClusterKeys("t")


# -- leases: what a worker takes is never lost -------------------------------------------------------


def test_pop_leases_the_request_until_released(server: redis.Redis) -> None:
    server.zadd(KEYS.requests, {b"low": 0, b"high": -5})
    worker = Leases(server, KEYS, "w1", timeout=30)
    assert worker.pop(KEYS.requests, "f1") == b"high"  # scrapy-redis scores are -priority
    assert server.zcard(KEYS.requests) == 1
    assert worker.held() == [b"high"]
    assert worker.in_flight_total() == 1
    worker.release("f1")
    assert worker.held() == []
    assert worker.pop(KEYS.requests, "f2") == b"low"
    assert worker.pop(KEYS.requests, "f3") is None


def test_a_dead_workers_requests_go_back_once(server: redis.Redis) -> None:
    dead = Leases(server, KEYS, "dead", timeout=30)
    server.zadd(KEYS.requests, {b"r1": 0, b"r2": 0})
    dead.beat()
    dead.pop(KEYS.requests, "a")
    dead.pop(KEYS.requests, "b")
    server.zadd(KEYS.workers, {"dead": dead.now() - 60})  # silent for a minute
    alive, other = Leases(server, KEYS, "alive", timeout=30), Leases(server, KEYS, "other", timeout=30)
    alive.beat()
    other.beat()
    assert alive.live_workers() == ["alive", "other"] or set(alive.live_workers()) == {"alive", "other"}
    requeued: list[bytes] = []
    assert alive.reap(requeued.append) == 2
    assert sorted(requeued) == [b"r1", b"r2"]
    assert other.reap(requeued.append) == 0  # claimed once, by one worker
    assert "dead" not in alive.live_workers() + alive.dead_workers()
    assert alive.in_flight_total() == 0


def test_a_live_workers_requests_are_left_alone(server: redis.Redis) -> None:
    busy = Leases(server, KEYS, "busy", timeout=30)
    busy.beat()
    server.zadd(KEYS.requests, {b"r": 0})
    busy.pop(KEYS.requests, "x")
    assert Leases(server, KEYS, "peer", timeout=30).reap(lambda data: None) == 0
    assert busy.held() == [b"r"]


# -- the item queue: records reach the store-worker exactly as sent -------------------------------------


def test_records_survive_the_queue_byte_for_byte() -> None:
    record = {"url": "https://a.test/é", "text": "Zoë's “quoted” text", "html_z": b"\x1f\x8b\x00\xff",
              "authors": ["A"]}
    assert decode_record(encode_record(record)) == record
    assert decode_record(encode_record({**record, "html_z": None}))["html_z"] is None


def test_claimed_records_are_restored_unless_acknowledged(server: redis.Redis) -> None:
    queue = ItemQueue(server, KEYS)
    for n in range(3):
        queue.push(f"r{n}".encode())
    first, second = queue.claim(2)
    assert (first, second) == (b"r0", b"r1")  # oldest first
    queue.ack(first)
    assert queue.waiting() == 1 and queue.processing() == 1
    assert queue.restore() == 1  # the store-worker died holding r1
    assert sorted(queue.claim(10)) == [b"r1", b"r2"]


# -- the switch ------------------------------------------------------------------------------------------


def _applied(**overrides: object) -> Settings:
    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    ClusterAddon().update_settings(settings)
    return settings


def test_without_a_redis_url_nothing_changes() -> None:
    settings = _applied()
    assert "scrapy_redis" not in str(settings.get("DUPEFILTER_CLASS"))
    assert "crawler.cluster" not in str(settings.get("SCHEDULER"))
    assert "pipelines.store.StorePipeline" in settings.getdict("ITEM_PIPELINES")


def test_one_setting_turns_a_worker_into_a_cluster_worker() -> None:
    settings = _applied(CLUSTER_REDIS_URL="redis://127.0.0.1:1/0", CLUSTER_KEY="jane")
    assert settings.get("SCHEDULER") == "crawler.cluster.scheduler.ClusterScheduler"
    assert settings.get("DUPEFILTER_CLASS") == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings.get("SCHEDULER_QUEUE_KEY") == "jane:requests"
    pipelines = {str(k).rsplit(".", 1)[-1].strip("'>"): v for k, v in settings.getdict("ITEM_PIPELINES").items()
                 if v is not None}
    assert set(pipelines) == {"ExtractionPipeline", "ValidationPipeline", "ClusterPushPipeline"}
    assert settings.getdict("FEEDS") == {}


def test_the_store_worker_keeps_dedup_and_store_and_drops_extraction() -> None:
    settings = _applied(CLUSTER_REDIS_URL="redis://127.0.0.1:1/0", CLUSTER_ROLE="store")
    active = {str(k) for k, v in settings.getdict("ITEM_PIPELINES").items() if v is not None}
    assert any("DedupPipeline" in k for k in active) and any("StorePipeline" in k for k in active)
    assert not any("ExtractionPipeline" in k for k in active)
    assert "crawler.cluster" not in str(settings.get("SCHEDULER"))


# -- a request handled by a worker that never saw the seed -------------------------------------------------


def _spider(**kwargs: str) -> AuthorSpider:
    crawler = get_crawler(AuthorSpider, {"EXTRACTION_WORKERS": 1, "EXTENSIONS": {PagePool: 0}})
    return AuthorSpider.from_crawler(crawler, **kwargs)


def _parsed(spider: AuthorSpider, response: HtmlResponse, via: str, key: str) -> list:
    """The callback's output (it reads the page in the crawler's extraction pool)."""
    async def collect() -> list:
        try:
            return [x async for x in spider.parse_article(response, via=via, key=key)]
        finally:
            PagePool.of(spider.crawler).close()
    return asyncio.run(collect())


def test_a_worker_that_never_saw_the_seed_still_knows_the_followed_author() -> None:
    maker = _spider(url="http://a.test/post-1/")
    key = maker._follow("http://a.test/post-1/", Byline("Jane Doe", "http://a.test/author/jane/"))
    request = maker._article_request("http://a.test/post-2/", key, "more-from-author")
    assert request.meta[FOLLOWED_META] == [key, "Jane Doe", "http://a.test/author/jane/"]

    other = _spider()  # a cluster worker joining without seeds
    page = ('<html><body><article><h1>Post two</h1><a rel="author" href="/author/jane/">Jane Doe</a>'
            '<p>Text.</p></article></body></html>')
    response = HtmlResponse(request.url, body=page.encode(), encoding="utf-8", request=request)
    out = _parsed(other, response, "more-from-author", key)
    assert any(isinstance(x, PageItem) for x in out), "kept as the followed author's article"
    assert other.followed.get(key).name == "Jane Doe"
    assert any(isinstance(x, Request) and x.url == "http://a.test/author/jane/" for x in out)

    # Without the author in the request, that worker would take Jane's byline for someone else's.
    bare = response.replace(request=Request(request.url))
    assert not any(isinstance(x, PageItem) for x in _parsed(_spider(), bare, "x", key))


# -- command line ------------------------------------------------------------------------------------------


def scrapy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


def test_unreachable_redis_is_a_one_line_error() -> None:
    result = scrapy("crawl", "author", "-a", "url=http://a.test/p/", "-s", "CLUSTER_REDIS_URL=redis://127.0.0.1:1/0")
    assert result.returncode == 2
    assert "error: cannot reach Redis at redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.stderr


def test_store_worker_needs_a_cluster() -> None:
    result = scrapy("store-worker")
    assert result.returncode == 2
    assert "error: no cluster: pass -s CLUSTER_REDIS_URL=" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_store_worker_stands_by(redis_url: str, server: redis.Redis, tmp_path: Path) -> None:
    lock = ClusterKeys("author").store_lock
    server.set(lock, "another-host:4242", ex=60)
    result = scrapy("store-worker", "-s", f"CLUSTER_REDIS_URL={redis_url}", "-s", f"CORPUS_DB={tmp_path / 'c.db'}",
                    "-s", "FEEDS={}", "-s", "CLUSTER_IDLE_TIMEOUT=1", "-s", "CLUSTER_POLL_INTERVAL=0.2")
    assert result.returncode == 0
    assert "Another store-worker holds author:store-lock; standing by" in result.stderr
    assert "the standby stops" in result.stderr
    assert server.get(lock) == b"another-host:4242"


# -- whole crawls on the fixture web ----------------------------------------------------------------------

SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "EXTRACTION_WORKERS": 1}


@pytest.fixture
def reference(web, tmp_path: Path) -> tuple[list[str], dict]:
    """Seeds on every fixture site and the single-process crawl of them."""
    seeds = [article_url(h.site, solo(h.site)) for h in web.values()]
    return seeds, single_crawl(seeds, tmp_path / "single", SETTINGS)


def test_two_workers_store_what_one_process_stores(reference, redis_url: str, server: redis.Redis,
                                                   tmp_path: Path) -> None:
    seeds, single = reference
    run = cluster_crawl(seeds, tmp_path / "cluster", redis_url, 2, SETTINGS, timeout=180)
    assert len(single["stored"]) > 50
    assert compare(single, run) == {"missing": 0, "duplicates": 0, "extra": 0, "jsonl_lines_vs_stored": 0}
    assert len(run["merged"]) == len(single["merged"]) >= 2  # the reposted and the syndicated copies
    logs = [(tmp_path / "cluster" / f"worker{i}.log").read_text() for i in (0, 1)]
    assert all("Spider closed (finished)" in log for log in logs), "both stop by themselves"
    assert "The cluster's crawl is over" in "".join(logs)
    # Over: the queue is empty and the fingerprints are cleared, so the next scheduled crawl starts afresh.
    assert not [k for k in server.scan_iter("bench*:requests")] + [k for k in server.scan_iter("bench*:dupefilter")]


def test_a_worker_killed_mid_crawl_loses_nothing(reference, redis_url: str, tmp_path: Path) -> None:
    seeds, single = reference
    # A download delay keeps requests in flight in the worker when it dies.
    run = cluster_crawl(seeds, tmp_path / "killed", redis_url, 2, {**SETTINGS, "DOWNLOAD_DELAY": 0.1},
                        kill_at_seen=30, timeout=240)
    assert run["killed"]
    assert run["requeued_from_dead_workers"] > 0
    assert compare(single, run) == {"missing": 0, "duplicates": 0, "extra": 0, "jsonl_lines_vs_stored": 0}


def test_a_store_worker_killed_mid_store_loses_nothing(reference, redis_url: str, server: redis.Redis,
                                                       tmp_path: Path) -> None:
    seeds, single = reference
    workdir, keys = tmp_path / "store-killed", ClusterKeys("storekill")
    settings = corpus_settings(workdir, {**SETTINGS, "CLUSTER_REDIS_URL": redis_url, "CLUSTER_KEY": keys.prefix,
                                         "CLUSTER_IDLE_TIMEOUT": 1, "CLUSTER_POLL_INTERVAL": 0.2})
    crawl = scrapy_command(["crawl", "author", "-a", f"urls={','.join(seeds)}"],
                           {k: v for k, v in settings.items() if k != "FEEDS"})
    subprocess.run(crawl, cwd=ROOT, capture_output=True, timeout=180, check=True)
    pushed = server.llen(keys.items)
    assert pushed >= len(single["stored"]), "the records wait in Redis for a store-worker"

    store = scrapy_command(["store-worker"], settings)
    first = subprocess.Popen(store, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 60
    while not server.llen(keys.items_processing) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert server.llen(keys.items) + server.llen(keys.items_processing) > 0, "killed before it was done"

    second = subprocess.run(store, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "records a stopped store-worker had taken" in second.stderr
    assert compare(single, outcome(workdir)) == {"missing": 0, "duplicates": 0, "extra": 0,
                                                 "jsonl_lines_vs_stored": 0}
    assert server.llen(keys.items) == server.llen(keys.items_processing) == 0
