"""Faults: a full disk, and crawls killed at random points; nothing is lost, duplicated or torn."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from crawler.feedstorage import repair_torn_tail
from crawler.urls import normalize_url
from pipelines.corpus import Corpus
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


def _crawl_command(tmp_path: Path, seeds: list[str]) -> list[str]:
    settings = {
        "CORPUS_DB": tmp_path / "corpus.sqlite3", "JOBDIR": tmp_path / "job", "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0.02", "CONCURRENT_REQUESTS": "4", "EXTRACTION_WORKERS": "1", "LOG_LEVEL": "WARNING",
        "FEEDS": json.dumps({str(tmp_path / "items.jsonl"): {"format": "jsonlines", "encoding": "utf8"}}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "author", "-a", f"urls={','.join(seeds)}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def test_killed_crawls_resume_and_lose_or_repeat_nothing(web, tmp_path: Path) -> None:
    sites = [holder.site for holder in web.values()]
    seeds = [article_url(site, solo(site, site.authors[0])) for site in sites]
    # Each article of the followed authors, as the set of URLs it is served at (a reposted copy too).
    groups = [
        {normalize_url(article_url(site, a))}
        | ({normalize_url(article_url(site, a, a.repost_slug))} if a.repost_slug else set())
        for site in sites
        for a in site.by(site.authors[0])
    ]
    rng = random.Random(20261127)
    command = _crawl_command(tmp_path, seeds)
    kills = attempts = 0
    while kills < 20 and attempts < 80:  # a run may finish before its kill comes: try again
        attempts += 1
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        time.sleep(rng.uniform(0.3, 2.5))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the crawl and its extraction workers, mid-flight
            kills += 1
        proc.communicate(timeout=60)
    final = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert final.returncode == 0, final.stderr[-2000:]
    assert kills == 20

    with sqlite3.connect(tmp_path / "corpus.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = [row[0] for row in db.execute("SELECT canonical_url FROM articles")]
    # Every article exactly once (a post or its reposted copy), and nothing else.
    assert len(stored) == len(set(stored))
    assert [g for g in groups if len(g & set(stored)) != 1] == []
    assert len(stored) == len(groups)
    lines = (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # no torn line: each one parses
    urls = [r["canonical_url"] for r in records]
    assert len(urls) == len(set(urls))  # no line written twice
    assert set(urls) <= set(stored)  # and nothing in the file that the corpus does not hold
    print(f"kills {kills}, stored {len(stored)}, in the JSONL {len(urls)}")


def test_torn_tail_is_cut_and_whole_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert repair_torn_tail(path) == len(b'{"c": ')
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert repair_torn_tail(path) == 0
    path.write_bytes(b'{"only": "torn')
    assert repair_torn_tail(path) == len(b'{"only": "torn') and path.read_bytes() == b""
    assert repair_torn_tail(tmp_path / "missing.jsonl") == 0


def test_interrupted_runs_are_known_until_redone(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c.sqlite3")
    first = corpus.start_run("2026-01-01T00:00:00+00:00", '["a"]')  # killed: never finished
    other = corpus.start_run("2026-01-02T00:00:00+00:00", '["b"]')
    corpus.finish_run(other, "2026-01-02T01:00:00+00:00", 3, "finished")
    corpus.start_run("2026-01-03T00:00:00+00:00", '["a"]')
    assert corpus.interrupted_since() == "2026-01-01T00:00:00+00:00"  # b's run does not redo a's
    redo = corpus.start_run("2026-01-04T00:00:00+00:00", '["a"]')
    corpus.finish_run(redo, "2026-01-04T01:00:00+00:00", 0, "finished")
    corpus.start_run("2026-01-05T00:00:00+00:00", '["c"]')
    assert corpus.interrupted_since() is None and first < redo
    corpus.close()
