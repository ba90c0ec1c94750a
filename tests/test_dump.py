"""`scrapy dump`: the corpus as JSON Lines, filtered, compressed, with duplicates."""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from backports import zstd

from tests.conftest import ROOT, damage_pages
from tests.site.content import JANE
from tests.site.themes import article_url


def dump(db, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "scrapy", "dump", "-s", f"CORPUS_DB={db}", *args]
    return subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$@"', "sh", *command],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def crawled(module_web, module_crawl):
    """One crawl of Jane's site, whose corpus the tests only read."""
    wp = module_web["wp"]
    seed = next(a for a in wp.site.primary(JANE) if a.authors == [JANE])
    return module_crawl(url=article_url(wp.site, seed))


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dump_all_compressed_and_with_duplicates(crawled, tmp_path) -> None:
    out = tmp_path / "corpus.jsonl"
    result = dump(crawled.db, "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = lines(out)
    assert [r["canonical_url"] for r in records] == [i["canonical_url"] for i in crawled.items]  # insertion order
    assert records == [{k: v for k, v in i.items()} for i in crawled.items]
    assert f"Dumped {len(records)} articles" in result.stderr
    assert out.stat().st_mode & 0o044 == 0o044  # readable by others, as any new file under the usual umask

    for suffix, opener in ((".gz", gzip.open), (".zst", zstd.open)):
        packed = tmp_path / f"corpus.jsonl{suffix}"
        assert dump(crawled.db, "-o", str(packed)).returncode == 0
        with opener(packed, "rt", encoding="utf-8") as fh:
            assert [json.loads(line) for line in fh] == records

    with_dups = tmp_path / "dups.jsonl"
    assert dump(crawled.db, "-o", str(with_dups), "--with-duplicates", "--fields", "canonical_url").returncode == 0
    merged = [d for r in lines(with_dups) for d in r["duplicates"]]
    assert len(merged) == crawled.stats["dedup/dropped"]
    assert {d["reason"] for d in merged} == {"url", "content"}
    assert all(set(r) == {"canonical_url", "duplicates"} for r in lines(with_dups))


def test_dump_filters(crawled, tmp_path) -> None:
    dates = sorted(i["published"][:10] for i in crawled.items)
    out = tmp_path / "f.jsonl"
    assert dump(crawled.db, "-o", str(out), "--since", dates[2], "--until", dates[-3]).returncode == 0
    kept = sorted(r["published"][:10] for r in lines(out))
    assert kept == dates[2:-2]
    site = crawled.items[0]["site"]
    assert dump(crawled.db, "-o", str(out), "--site", f"www.{site}").returncode == 0
    assert len(lines(out)) == len(crawled.items)
    unknown = dump(crawled.db, "-o", str(out), "--site", "other.example")  # as an unknown --author is
    assert unknown.returncode == 2 and "no articles from site 'other.example'" in unknown.stderr


def test_dump_writes_the_format_the_file_name_says(crawled, tmp_path) -> None:
    urls = [i["canonical_url"] for i in crawled.items]
    assert dump(crawled.db, "-o", str(tmp_path / "c.csv")).returncode == 0
    with (tmp_path / "c.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["canonical_url"] for r in rows] == urls and rows[0]["title"] == crawled.items[0]["title"]
    assert dump(crawled.db, "-o", str(tmp_path / "c.json.gz")).returncode == 0
    assert [r["canonical_url"] for r in json.loads(gzip.decompress((tmp_path / "c.json.gz").read_bytes()))] == urls
    assert dump(crawled.db, "-o", str(tmp_path / "c.xml")).returncode == 0
    items = ElementTree.parse(tmp_path / "c.xml").getroot()
    assert [item.findtext("canonical_url") for item in items] == urls


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-13-01"], "--since: not a date (YYYY-MM-DD): '2024-13-01'"),
        (["--fields", "title,nope"], "unknown field 'nope'"),
        (["-o", "/nonexistent/dir/out.jsonl"], "cannot write /nonexistent/dir/out.jsonl"),
        (["--fields", "title", "-o", "out.txt"], "cannot tell the format of 'out.txt'"),
    ],
)
def test_bad_input_is_one_line_and_leaves_files_alone(crawled, tmp_path, args: list[str], message: str) -> None:
    out = tmp_path / "existing.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    result = dump(crawled.db, *(args if "-o" in args else ["-o", str(out), *args]))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_damaged_corpus_is_one_line_naming_the_file_and_the_verdict(crawled, tmp_path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(crawled.db.read_bytes())
    damage_pages(damaged)
    out = tmp_path / "out.jsonl"
    result = dump(damaged, "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith(f"scrapy dump: error: the corpus {damaged} is damaged (")
    assert "integrity_check:" in result.stderr and result.stderr.count("\n") == 1
    assert not out.exists()
