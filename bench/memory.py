"""Memory benchmark: peak RSS of the crawl's main process over a 50,000-page crawl, sampled as it goes.

Builds the static web of bench/web.py (pages made from the shared benchmark's real pages), serves it
with Twisted's static server on loopback, and runs the project's full crawl of every author with a
JOBDIR (the disk-backed request queue). Every two seconds it reads the main process's resident set
(VmRSS, and the peak VmHWM) from /proc and how many pages the corpus holds (stored or merged); it
prints the peak RSS at every 10,000 pages and the growth from 10k to the end. Writes bench/results/memory.json.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import write_result
from bench.crawl import ROOT, served
from bench.web import article_path, bench_setup, build_web


def _status_kib(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _pages_done(db: Path) -> int:
    """Pages through the pipelines so far: stored articles plus the copies merged into them."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return sum(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                       for table in ("articles", "duplicates"))
    except sqlite3.Error:
        return 0


def _settings(workdir: Path, cores: int, jobdir: bool) -> dict:
    return {
        "CORPUS_DB": str(workdir / "corpus.sqlite3"), "FEEDS": {str(workdir / "items.jsonl"): {"format": "jsonlines"}},
        "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "EXTRACTION_WORKERS": cores, "LOG_LEVEL": "WARNING", "AUTHOR_MAX_ARCHIVE_PAGES": 10000,
        "ALLOW_PRIVATE_ADDRESSES": True, **({"JOBDIR": str(workdir / "job")} if jobdir else {}),
    }


def _sampled(crawl: subprocess.Popen, db: Path) -> list[dict]:
    """Every two seconds until the crawl ends: its RSS, its peak RSS and the pages the corpus holds."""
    samples: list[dict] = []
    started = time.perf_counter()
    while crawl.poll() is None:
        rss, hwm = _status_kib(crawl.pid, "VmRSS"), _status_kib(crawl.pid, "VmHWM")
        if rss is not None:
            samples.append({"t": time.perf_counter() - started, "pages": _pages_done(db), "rss_kib": rss,
                            "hwm_kib": hwm})
            if len(samples) % 30 == 0:  # a progress line a minute
                print(f"  {samples[-1]['t']:6.0f} s  {samples[-1]['pages']:6d} pages  RSS {rss / 1024:6.1f} MiB"
                      f"  peak {hwm / 1024:6.1f} MiB", file=sys.stderr, flush=True)
        time.sleep(2)
    return samples


def _crawl(workdir: Path, seeds_of: Callable[[str], list[str]], settings: dict) -> tuple[list[dict], dict] | None:
    """Serve the web, crawl every author with samples taken; the samples and the crawl's stats, None if it failed."""
    with served(workdir / "web") as (base, _):
        crawl = subprocess.Popen(
            [sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(settings),
             "--spargs", json.dumps({"urls": ",".join(seeds_of(base))}), "--stats-out", str(workdir / "stats.json")],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(workdir / "crawl.log", "w"),  # noqa: SIM115
        )
        samples = _sampled(crawl, Path(settings["CORPUS_DB"]))
    if crawl.returncode != 0:
        print((workdir / "crawl.log").read_text()[-3000:], file=sys.stderr)
        return None
    return samples, json.loads((workdir / "stats.json").read_text())


def _peaks_by_mark(samples: list[dict], pages: int) -> dict[int, int]:
    """The peak RSS reached by the time each 10,000th page was stored."""
    marks = {}
    for mark in range(10000, pages + 1, 10000):
        reached = [s for s in samples if s["pages"] >= mark]
        if reached:
            marks[mark] = max(s["hwm_kib"] for s in samples if s["t"] <= reached[0]["t"])
    return marks


def main(argv: list[str] | None = None) -> int:
    args, real = bench_setup(argv, __doc__, pages=50000, authors=50,
                             flags={"--no-jobdir": "keep the request queue in memory"})
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        began = time.perf_counter()
        by_author = build_web(workdir / "web", real, args.pages, args.authors)
        built = time.perf_counter() - began
        print(f"built {args.pages} pages in {built:.0f} s", file=sys.stderr, flush=True)
        ran = _crawl(workdir, lambda base: [base + article_path(pages[0]) for pages in by_author.values()],
                     _settings(workdir, cores, not args.no_jobdir))
    if ran is None:
        return 1
    samples, stats = ran
    done = samples[-1]["pages"] if samples else 0
    marks = _peaks_by_mark(samples, args.pages)
    peak = max(s["hwm_kib"] for s in samples)
    at_10k = marks.get(10000)
    report = {"pages": args.pages, "authors": args.authors, "cores": cores, "jobdir": not args.no_jobdir,
              "build_s": built, "pages_done": done, "crawl_s": samples[-1]["t"] if samples else 0,
              "peak_rss_kib_by_stored": marks, "peak_rss_kib": peak,
              "growth_10k_to_end": (peak / at_10k - 1) if at_10k else None,
              "reactor_blocked": stats.get("reactor/blocked", 0), "max_block_ms": stats.get("reactor/max_block_ms", 0),
              "samples": samples}
    print(f"memory over a {args.pages}-page crawl ({done} pages stored or merged), {cores} cores,"
          f" JOBDIR {'on' if report['jobdir'] else 'off'}")
    for mark, kib in marks.items():
        print(f"  peak RSS of the crawl process by {mark:>6} pages: {kib / 1024:7.1f} MiB")
    if at_10k:
        print(f"growth from 10k pages to the end: {report['growth_10k_to_end']:+.1%}"
              f"   reactor blocked {report['reactor_blocked']}x (max {report['max_block_ms']} ms)")
    write_result("memory", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
