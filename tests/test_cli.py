"""The command line as a user types it: `scrapy crawl author ...`."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from pipelines.corpus.database import Corpus
from tests.conftest import ROOT, damage_pages
from tests.site.content import BOB
from tests.site.themes import article_url


def scrapy(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no seed URL: pass -a url=URL, -a urls=URL1,URL2 or -a urls_file=PATH"),
        (["-a", "url=example.com/post"], "-a url: not an http(s) URL: 'example.com/post'"),
        (["-a", "urls_file=/nonexistent/list.txt"],
         "cannot read urls_file '/nonexistent/list.txt': No such file or directory"),
        (["-a", "url=http://127.0.0.1:9/x", "-s", "EXTRACTION_TIME_LIMIT=-5"],
         "setting EXTRACTION_TIME_LIMIT: '-5' is below its least value, 0.0"),
        (["-a", "url=http://127.0.0.1:9/x", "-s", "DOWNLOAD_DELAY=abc"],
         "setting DOWNLOAD_DELAY: 'abc' is not a number"),
        (["-a", "url=http://127.0.0.1:9/x", "-s", "TEMPLATE_MIN_PAGES=-1"],
         "setting TEMPLATE_MIN_PAGES: '-1' is below its least value, 0"),
        (["-a", "url=http://127.0.0.1:9/x", "-O", "/etc/passwd/out.jsonl"],
         "cannot write the feed '/etc/passwd/out.jsonl': Not a directory"),
    ],
)
def test_bad_arguments_give_one_line_error_before_anything_runs(args: list[str], message: str) -> None:
    result = scrapy("crawl", "author", *args)
    assert result.returncode == 2
    assert result.stderr == f"scrapy crawl: error: {message}\n"  # no banner, no usage, no traceback


def test_real_command_writes_the_requested_jsonl(web, tmp_path) -> None:
    default_feed = ROOT / "data" / "articles.jsonl"
    before = default_feed.stat().st_mtime_ns if default_feed.exists() else None
    blog = web["blog"]
    seed = article_url(blog.site, blog.site.primary(BOB)[-1])
    out = tmp_path / "bob.jsonl"
    result = scrapy(
        "crawl", "author", "-a", f"url={seed}", "-O", str(out),
        "-s", f"CORPUS_DB={tmp_path / 'corpus.sqlite3'}", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    assert all(BOB.name in r["authors"] for r in records)
    assert set(records[0]) == {
        "url", "canonical_url", "title", "authors", "author_url", "site", "published", "language",
        "text", "word_count", "content_hash", "discovered_via", "crawled_at", "version", "updated",
    }
    # The summary goes to stderr, so `-O -` (JSONL on stdout) stays clean.
    assert "New articles: 7" in result.stderr
    assert "Bob Smith" in result.stderr
    # -O replaces the project's default feed instead of adding to it.
    assert (default_feed.stat().st_mtime_ns if default_feed.exists() else None) == before


def test_unusable_corpus_path_is_a_one_line_error(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = scrapy("crawl", "author", "-a", "url=http://127.0.0.1:9/x", "-s", f"CORPUS_DB={blocker}/c.sqlite3")
    assert result.returncode == 2
    assert "cannot open corpus" in result.stderr and "Traceback" not in result.stderr


def test_a_crawl_on_a_damaged_corpus_is_one_line_and_leaves_it_untouched(tmp_path) -> None:
    db = tmp_path / "corpus.sqlite3"
    Corpus(db).close()
    con = sqlite3.connect(db)  # pages enough to damage
    with con:
        con.execute("CREATE TABLE filler (line TEXT)")
        con.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,) for _ in range(2000)])
    con.close()  # the last connection: the WAL is written back into the file
    damage_pages(db)
    before = db.read_bytes()
    result = scrapy("crawl", "author", "-a", "url=http://127.0.0.1:9/x", "-s", f"CORPUS_DB={db}")
    assert result.returncode == 1
    assert result.stderr.startswith(f"scrapy crawl: error: the corpus {db} is damaged (integrity_check: ")
    assert result.stderr.count("\n") == 1 and db.read_bytes() == before


def test_a_crawl_whose_seeds_all_fail_exits_non_zero_and_says_why(web, tmp_path) -> None:
    blog = web["blog"]
    base = article_url(blog.site, blog.site.primary(BOB)[-1]).split("/", 3)[:3]
    missing = "/".join(base) + "/no/such/post/"
    closed = "http://127.0.0.1:9/x"  # the discard port: nothing listens there
    settings = ["-s", f"CORPUS_DB={tmp_path / 'corpus.sqlite3'}", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0",
                "-O", str(tmp_path / "out.jsonl")]
    result = scrapy("crawl", "author", "-a", f"urls={missing},{closed}", *settings)
    assert result.returncode == 1, result.stderr[-2000:]
    first = {f"{missing} (HTTP 404)", f"{closed} (connection refused)"}
    assert any(f"No seed could be read: {f} (and 1 other seed)." in result.stderr for f in first)
    assert "Seed not read: http://127.0.0.1:9/x (connection refused)" in result.stderr
    assert "Nothing new" not in result.stderr and "Traceback" not in result.stderr

    good = article_url(blog.site, blog.site.primary(BOB)[-1])
    result = scrapy("crawl", "author", "-a", f"urls={good},{missing}", *settings)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Seeds not read: 1 of 2 (first: {missing} (HTTP 404))." in result.stderr


@pytest.mark.parametrize(
    "command", ["authors", "crawl", "dump", "extract", "feed", "reextract", "report", "store-worker", "watch"]
)
def test_help_has_only_the_usual_headings(command: str) -> None:
    # Scrapy's help formatter takes any help line that ends in ":" for a heading and underlines it.
    result = scrapy(command, "-h")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    headings = [lines[i - 1] for i, line in enumerate(lines) if i and line and set(line) <= {"=", "-"}]
    assert headings == ["Usage", "Options", "Global Options"], headings
