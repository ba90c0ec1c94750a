"""Cluster benchmark: 1, 2 and 4 crawl workers sharing one crawl through a real redis-server, on loopback.

Serves the static web of bench/web.py (built from the shared benchmark's real pages) with Twisted's
static server, crawls every author once in a single process (the reference) and then in cluster mode
(N ``scrapy crawl author`` workers and one ``scrapy store-worker``), and once more with one of two
workers SIGKILLed halfway. Prints articles/s, CPU use, duplicates in the output and articles missing
against the single-process crawl. Writes bench/results/cluster.json.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import redis

from bench import write_result
from bench.crawl import ROOT, free_port
from bench.web import article_path, bench_setup, build_web
from crawler.cluster.keys import ClusterKeys
from crawler.cluster.leases import Leases
from tests.redis_server import redis_server


def scrapy_command(head: list[str], settings: dict) -> list[str]:
    command = [sys.executable, "-m", "scrapy", *head]
    for name, value in settings.items():
        command += ["-s", f"{name}={value if isinstance(value, str) else json.dumps(value)}"]
    return command


def corpus_settings(workdir: Path, extra: dict | None = None) -> dict:
    """The store's settings (corpus, feed) of one run; ``extra`` overrides."""
    return {
        "CORPUS_DB": str(workdir / "corpus.sqlite3"),
        "FEEDS": {str(workdir / "items.jsonl"): {"format": "jsonlines", "encoding": "utf8"}},
        "LOG_LEVEL": "INFO", "SUMMARY_ENABLED": False, "ALLOW_PRIVATE_ADDRESSES": True,
        **(extra or {}),
    }


def outcome(workdir: Path) -> dict:
    """What a run stored: canonical URLs in the corpus and the JSON Lines file, and what it merged into what."""
    with sqlite3.connect(workdir / "corpus.sqlite3") as db:
        stored = [row[0] for row in db.execute("SELECT canonical_url FROM articles")]
        merged = dict(db.execute("SELECT d.canonical_url, a.canonical_url FROM duplicates d"
                                 " JOIN articles a ON a.id = d.article_id WHERE d.canonical_url != a.canonical_url"))
    feed = workdir / "items.jsonl"
    lines = [json.loads(line)["canonical_url"] for line in feed.read_text(encoding="utf-8").splitlines()] \
        if feed.exists() else []
    repeats = sum(n - 1 for n in Counter(stored).values()) + sum(n - 1 for n in Counter(lines).values())
    return {"stored": sorted(set(stored)), "merged": merged, "lines": len(lines), "repeats": repeats}


def single_crawl(seeds: list[str], workdir: Path, extra: dict | None = None) -> dict:
    """The embedded crawl (one process): the reference."""
    workdir.mkdir(parents=True, exist_ok=True)
    command = scrapy_command(["crawl", "author", "-a", f"urls={','.join(seeds)}"], corpus_settings(workdir, extra))
    began = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=3600, check=False)
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        raise RuntimeError(f"single crawl failed:\n{proc.stderr[-3000:]}")
    return {"wall": wall, **outcome(workdir)}


def _holds_requests(server: redis.Redis, keys: ClusterKeys, pid: int) -> bool:
    """Whether the worker process ``pid`` has requests in flight (its worker id holds the pid)."""
    return any(server.hlen(key) for key in server.scan_iter(match=keys.inflight(f"*-{pid}-*")))


def _drained(leases: Leases, keys: ClusterKeys) -> bool:
    server = leases.server
    return not (server.zcard(keys.requests) or leases.in_flight_total() or server.llen(keys.items)
                or server.llen(keys.items_processing))


@dataclass
class _Watch:
    """The watch over a running cluster: its queues, when to kill its first worker, and what happened."""

    server: redis.Redis
    keys: ClusterKeys
    kill_after: float | None
    kill_at_seen: int | None
    timeout: float
    killed: bool = False
    #: The crawl's end: the first moment from which nothing is queued, in flight or waiting to be stored.
    done_at: float | None = None

    def run(self, procs: list[subprocess.Popen], store: subprocess.Popen, workdir: Path, began: float) -> None:
        """Watch until every process ends: kill the first worker when due, note when the cluster drained."""
        leases = Leases(self.server, self.keys, "bench", 5)
        started = False
        while True:
            now = time.perf_counter() - began
            if now > self.timeout:
                raise RuntimeError(f"the cluster crawl took over {self.timeout} s")
            due = (self.kill_after is not None and now >= self.kill_after) or (
                self.kill_at_seen is not None and self.server.scard(self.keys.dupefilter) >= self.kill_at_seen
                and _holds_requests(self.server, self.keys, procs[0].pid))
            if due and not self.killed and procs[0].poll() is None:
                os.killpg(procs[0].pid, signal.SIGKILL)
                procs[0].wait()
                self.killed = True
            drained = _drained(leases, self.keys)
            started = started or not drained
            self.done_at = (self.done_at or now) if started and drained else None
            if all(p.poll() is not None for p in [*procs, store]):
                return
            if store.poll() is not None:
                raise RuntimeError(f"the store-worker stopped early:\n{(workdir / 'store.log').read_text()[-3000:]}")
            time.sleep(0.2)


def cluster_crawl(seeds: list[str], workdir: Path, redis_url: str, workers: int, extra: dict | None = None,
                  kill_after: float | None = None, kill_at_seen: int | None = None, timeout: float = 3600) -> dict:
    """N crawl workers and one store-worker; optionally SIGKILL the first worker mid-crawl.

    The kill comes ``kill_after`` seconds in, or once the cluster has seen ``kill_at_seen`` requests
    and the first worker has some in flight.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    key = f"bench{time.monotonic_ns()}"
    cluster = {"CLUSTER_REDIS_URL": redis_url, "CLUSTER_KEY": key, "CLUSTER_IDLE_TIMEOUT": 2,
               "CLUSTER_POLL_INTERVAL": 0.5, "CLUSTER_WORKER_TIMEOUT": 5}
    settings = corpus_settings(workdir, {**cluster, **(extra or {})})
    # Workers export nothing: the store-worker writes the corpus and the feed, once.
    worker_settings = {k: v for k, v in settings.items() if k != "FEEDS"}
    logs = [open(workdir / f"worker{i}.log", "w") for i in range(workers)]  # noqa: SIM115
    store_log = open(workdir / "store.log", "w")  # noqa: SIM115
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    store = subprocess.Popen(scrapy_command(["store-worker"], settings), cwd=ROOT, stdout=store_log, stderr=store_log,
                             start_new_session=True)
    crawl = scrapy_command(["crawl", "author", "-a", f"urls={','.join(seeds)}"], worker_settings)
    procs = [subprocess.Popen(crawl, cwd=ROOT, stdout=log, stderr=log, start_new_session=True) for log in logs]
    watch = _Watch(redis.Redis.from_url(redis_url), ClusterKeys(key), kill_after, kill_at_seen, timeout)
    try:
        watch.run(procs, store, workdir, began)
        for proc in [*procs, store]:
            proc.wait(timeout=120)
    finally:
        for proc in [*procs, store]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for log in [*logs, store_log]:
            log.close()
        watch.server.close()
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    failed = [i for i, p in enumerate(procs) if p.returncode != 0 and not (watch.killed and i == 0)]
    if failed or store.returncode != 0:
        raise RuntimeError(f"workers {failed} / store-worker rc {store.returncode} failed:\n"
                           + (workdir / "store.log").read_text()[-2000:])
    requeued = sum(_stat(workdir / f"worker{i}.log", "cluster/requeued_from_dead_workers") for i in range(workers))
    return {"workers": workers, "killed": watch.killed, "crawl_time": watch.done_at or wall, "wall": wall,
            "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "requeued_from_dead_workers": requeued, **outcome(workdir)}


def _stat(log: Path, name: str) -> int:
    """A counter from the stats Scrapy dumps at the end of a log (0 when absent)."""
    for line in reversed(log.read_text(encoding="utf-8", errors="replace").splitlines()):
        if f"'{name}'" in line:
            return int(line.split(":")[-1].strip(" ,}"))
    return 0


def compare(reference: dict, run: dict) -> dict:
    """A run against the reference crawl, article by article.

    Which copy of a duplicate is kept depends on arrival order, so an article is its group in the
    reference: the copy kept there and the copies merged into it. Missing: a group with no copy in
    the run. Duplicates: a group with more than one, plus any URL stored or exported twice.
    """
    groups: dict[str, set[str]] = {url: {url} for url in reference["stored"]}
    for dropped, kept in reference["merged"].items():
        groups.setdefault(kept, {kept}).add(dropped)
    got = set(run["stored"])
    hits = [len(group & got) for group in groups.values()]
    known = set().union(*groups.values()) if groups else set()
    return {"missing": hits.count(0), "duplicates": run["repeats"] + sum(n - 1 for n in hits if n > 1),
            "extra": len(got - known), "jsonl_lines_vs_stored": run["lines"] - len(got)}


def main(argv: list[str] | None = None) -> int:
    args, real = bench_setup(argv, __doc__, pages=2000, authors=20)
    cores = os.cpu_count() or 1
    report: dict = {"pages": args.pages, "authors": args.authors, "cores": cores, "server": "twisted.web.static"}
    extra = {"AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
             "AUTHOR_MAX_ARCHIVE_PAGES": 1000, "LOG_LEVEL": "INFO"}
    with tempfile.TemporaryDirectory() as tmp, redis_server() as url:
        workdir = Path(tmp)
        by_author = build_web(workdir / "web", real, args.pages, args.authors)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        seeds = [base + article_path(pages[0]) for pages in by_author.values()]
        web = subprocess.Popen([sys.executable, "-m", "twisted", "web", "--listen",
                                f"tcp:{port}:interface=127.0.0.1", "--path", str(workdir / "web")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.5)
            single = single_crawl(seeds, workdir / "single", {**extra, "EXTRACTION_WORKERS": cores})
            report["single_process"] = {k: v for k, v in single.items() if k not in ("stored", "merged")}
            report["single_process"]["articles"] = len(single["stored"])
            runs = {}
            for n in (1, 2, 4):
                per_worker = max(1, cores // n)
                runs[str(n)] = cluster_crawl(seeds, workdir / f"cluster{n}", url, n,
                                             {**extra, "EXTRACTION_WORKERS": per_worker})
            half = runs["2"]["crawl_time"] / 2
            runs["2_one_killed"] = cluster_crawl(seeds, workdir / "killed", url, 2,
                                                 {**extra, "EXTRACTION_WORKERS": max(1, cores // 2)}, kill_after=half)
        finally:
            web.terminate()
            web.wait(timeout=30)
    print(f"cluster on {args.pages} pages ({args.authors} authors), {cores} cores, one redis-server, loopback")
    s = report["single_process"]
    print(f"single process      {s['articles'] / s['wall']:7.1f} articles/s  ({s['articles']} articles)")
    report["cluster"] = {}
    for name, run in runs.items():
        diff = compare(single, run)
        rate = len(run["stored"]) / run["crawl_time"]
        cpu = run["cpu"] / (run["wall"] * cores)
        report["cluster"][name] = {**{k: v for k, v in run.items() if k not in ("stored", "merged")}, **diff,
                                   "articles": len(run["stored"]), "articles_per_s": rate, "cpu_utilisation": cpu}
        label = f"{name} workers" if name.isdigit() else "2 workers, 1 SIGKILLed"
        print(f"{label:22s}{rate:7.1f} articles/s  CPU {cpu:4.0%}  duplicates {diff['duplicates']}"
              f"  missing {diff['missing']}  extra {diff['extra']}  requeued {run['requeued_from_dead_workers']}")
    write_result("cluster", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
