"""Faults: a full disk, and crawls killed at random points; nothing is lost, duplicated or torn."""

from __future__ import annotations

import json
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.site.content import JANE
from tests.site.themes import article_url
from tests.test_crawl import solo


def _limit_file_size(limit: int):
    def apply() -> None:
        # Writes past `limit` bytes fail with EFBIG, as on a full disk (instead of the default SIGXFSZ kill).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_stops_the_crawl_with_a_clear_error(web, tmp_path: Path) -> None:
    wp = web["wp"]
    db = tmp_path / "corpus.sqlite3"
    settings = {"CORPUS_DB": str(db), "FEEDS": {str(tmp_path / "items.jsonl"): {"format": "jsonlines"}},
                "AUTOTHROTTLE_ENABLED": False, "EXTRACTION_WORKERS": 1, "LOG_LEVEL": "INFO"}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(settings),
         "--spargs", json.dumps({"url": article_url(wp.site, solo(wp.site, JANE))}),
         "--stats-out", str(tmp_path / "stats.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        preexec_fn=_limit_file_size(150_000),
    )
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["finish_reason"] == "store_failed"
    assert "cannot write to corpus" in proc.stderr and "stopping the crawl" in proc.stderr
    assert "Traceback" not in proc.stderr
    with sqlite3.connect(db) as con:  # what was stored is whole
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert stored < len(wp.site.by(JANE))
