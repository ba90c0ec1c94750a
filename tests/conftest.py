"""Shared fixtures: the fixture web on loopback and a helper that runs real crawls against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from tests.site.server import ServedSite, serve

ROOT = Path(__file__).resolve().parents[1]

# `make test` replays the same examples every run (a landing must not hinge on a lucky draw);
# HYPOTHESIS_PROFILE=explore draws new ones each run, to look for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def web() -> Iterator[dict[str, ServedSite]]:
    """The fixture sites, each served by a real HTTP server on a free loopback port (fresh request logs)."""
    with serve() as served:
        yield served


@dataclass
class CrawlResult:
    stats: dict[str, Any]
    items: list[dict[str, Any]]
    db: Path
    log: str

    def urls_by(self, author: str) -> set[str]:
        return {item["canonical_url"] for item in self.items if author in item["authors"]}


def run_crawl(workdir: Path, n: int, settings: dict[str, Any] | None = None, **spargs: str) -> CrawlResult:
    """A real ``author`` crawl in a subprocess, into ``workdir``'s store and run ``n``'s JSONL feed."""
    feed, stats_out, db = workdir / f"run{n}.jsonl", workdir / f"stats{n}.json", workdir / "corpus.sqlite3"
    overrides = {
        "CORPUS_DB": str(db),
        "FEEDS": {str(feed): {"format": "jsonlines", "encoding": "utf8"}},
        "AUTOTHROTTLE_ENABLED": False,
        "EXTRACTION_WORKERS": 2,
        "LOG_LEVEL": "INFO",
        **(settings or {}),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(overrides),
         "--spargs", json.dumps(spargs), "--stats-out", str(stats_out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()] if feed.exists() else []
    return CrawlResult(json.loads(stats_out.read_text()), items, db, proc.stderr)


@pytest.fixture
def crawl(tmp_path: Path):
    """Return ``run(**spider_args)``: a real ``author`` crawl into tmp_path's store and JSONL feed."""
    runs = iter(range(1000))

    def run(settings: dict[str, Any] | None = None, **spargs: str) -> CrawlResult:
        return run_crawl(tmp_path, next(runs), settings, **spargs)

    return run


def damage_pages(path: Path) -> None:
    """Overwrite parts of an SQLite file's pages after the first two: the header stays whole."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        for offset in range(4096 * 2, size - 4096, 4096 * 3):
            fh.seek(offset + 64)
            fh.write(bytes(range(256)) * 8)
