"""The fault benchmark's hostile archives: each crawled alone, measured against the issue's targets.

Per case: the longest the reactor was held, the peak RSS of the crawl or any of its workers, the
archive pages read, exit status and tracebacks; then all at once, stopped by SIGTERM mid-crawl.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrapy.utils.project import get_project_settings

from tests.site.hostile import serve_hostile
from tests.site.hostile_archives import LINKS_SEED, SEEDS

ROOT = Path(__file__).resolve().parent.parent
#: The targets every case must meet.
MAX_BLOCK_MS, MAX_RSS_MB, MAX_STOP_SECONDS = 100, 500, 10.0
CASES = {**SEEDS, "article of links": LINKS_SEED}


def _command(workdir: Path, seeds: list[str]) -> tuple[list[str], Path]:
    stats_out = workdir / "stats.json"
    settings = {"CORPUS_DB": str(workdir / "corpus.sqlite3"), "AUTOTHROTTLE_ENABLED": False,
                "LOG_LEVEL": "ERROR", "SUMMARY_ENABLED": False, "RETRY_TIMES": 0, "FEEDS": {}}
    return [sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(settings),
            "--spargs", json.dumps({"urls": ",".join(seeds)}), "--stats-out", str(stats_out)], stats_out


def _one(base_url: str, kind: str, path: str, hits: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        command, stats_out = _command(Path(tmp), [base_url + path])
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        stderr = proc.stderr.read() if proc.stderr else ""
        stats = json.loads(stats_out.read_text()) if stats_out.exists() else {}
    settings = get_project_settings()
    held = stats.get("reactor/max_block_ms") or 0  # 0: never over LOOP_BLOCK_WARN_MS
    case = {
        "seconds": round(time.monotonic() - started, 1), "exit_status": os.waitstatus_to_exitcode(status),
        "traceback": "Traceback" in stderr, "reactor_max_block_ms": held,
        "loop_warn_ms": settings.getint("LOOP_BLOCK_WARN_MS"),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),  # the crawl process or any of its workers, whichever peaked
        "archive_pages": sum(n for p, n in hits.items() if p.startswith(f"/author/{kind}/")),
        "archive_page_limit": settings.getint("AUTHOR_MAX_ARCHIVE_PAGES"),
        "link_cap_hits": stats.get("discovery/page_link_cap_reached", 0),
        "dropped_too_large": stats.get("extract/dropped/too_large", 0),
    }
    case["ok"] = (held <= MAX_BLOCK_MS and case["peak_rss_mb"] < MAX_RSS_MB and not case["traceback"]
                  and case["archive_pages"] <= case["archive_page_limit"])
    return case


def _stopped_by_sigterm(base_url: str, stop_after: float) -> float:
    """Seconds from SIGTERM to exit, for a crawl of every hostile case at once."""
    with tempfile.TemporaryDirectory() as tmp:
        command, _ = _command(Path(tmp), [base_url + path for path in CASES.values()])
        stop = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(stop_after)
        stop.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        try:
            stop.wait(timeout=120)
        except subprocess.TimeoutExpired:
            stop.kill()
        return round(time.monotonic() - signalled, 1)


def hostile_archives(nested: int, huge: int, links: int, stop_after: float) -> dict:
    """Crawl each hostile case alone with the default limits, then all at once stopped by SIGTERM."""
    with serve_hostile(nested=nested, huge=huge, links=links) as hostile:
        cases = {}
        for kind, path in CASES.items():
            hostile.hits.clear()
            cases[kind] = _one(hostile.base_url, kind, path, hostile.hits)
        stopped_in = _stopped_by_sigterm(hostile.base_url, stop_after)
    return {"nested_entries": nested, "huge_links": huge, "article_links": links, "cases": cases,
            "sigterm_stop_seconds": stopped_in,
            "targets": {"max_block_ms": MAX_BLOCK_MS, "max_rss_mb": MAX_RSS_MB, "max_stop_seconds": MAX_STOP_SECONDS},
            "ok": all(c["ok"] for c in cases.values()) and stopped_in <= MAX_STOP_SECONDS}


def print_archives(a: dict) -> None:
    """One line per hostile case, then the SIGTERM stop."""
    print(f"hostile archives ({a['nested_entries']} nested entries, {a['huge_links']} links on an archive page, "
          f"{a['article_links']} on an article); "
          f"targets: reactor held <= {MAX_BLOCK_MS} ms, peak RSS < {MAX_RSS_MB} MB, archive pages <= limit")
    for kind, c in a["cases"].items():
        held = c["reactor_max_block_ms"]
        print(f"  {kind:17} {'ok ' if c['ok'] else 'MISS'} "
              + (f"reactor held up to {held} ms" if held else f"reactor never held over {c['loop_warn_ms']} ms")
              + f"; peak RSS {c['peak_rss_mb']} MB; archive pages {c['archive_pages']}"
              f" (limit {c['archive_page_limit']}); {c['seconds']} s; exit {c['exit_status']}")
    print(f"SIGTERM stopped the crawl of all of them in {a['sigterm_stop_seconds']} s (target {MAX_STOP_SECONDS} s)")
