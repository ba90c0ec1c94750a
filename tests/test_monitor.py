"""Monitoring commands on a real crawled corpus: `scrapy authors`, `scrapy feed`, `scrapy dump --author`."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import feedparser
import pytest

from pipelines.corpus.database import Corpus
from tests.conftest import corpus_copy, record, scrapy_on
from tests.site.content import BOB, JANE, JOHN


def test_authors_table_and_json(two_runs) -> None:
    wp, blog, db = two_runs
    result = scrapy_on(db, "authors", "--json", "--as-of", "2024-06-10")
    assert result.returncode == 0, result.stderr
    rows = {row["author"]: row for row in map(json.loads, result.stdout.splitlines())}
    assert set(rows) == {"Jane Doe", "John Roe", "Bob Smith", "Carla Díaz"}
    jane = rows["Jane Doe"]
    dates = sorted(a.published for a in wp.by(JANE))
    assert jane["articles"] == len(wp.by(JANE))
    assert jane["first_published"] == dates[0].isoformat() and jane["last_published"] == dates[-1].isoformat()
    assert jane["mean_interval_days"] == pytest.approx((dates[-1] - dates[0]).days / (len(dates) - 1), abs=0.2)
    assert jane["status"] == "active" and jane["new_since_last_run"] == 0  # the latest run was Bob's
    assert rows["John Roe"]["articles"] == 2  # co-authored posts count for each author
    bob = rows["Bob Smith"]
    assert bob["new_since_last_run"] == bob["articles"] == len(blog.by(BOB))
    # Bob's last post is from February 2024: by June he has been quiet for more than 3 usual gaps.
    assert bob["status"] == "quiet" and bob["days_since_last_post"] > 3 * bob["mean_interval_days"]
    assert jane["key"].endswith("/jane-doe") and jane["site"] == wp.base_url.removeprefix("http://")

    table = scrapy_on(db, "authors", "--as-of", "2024-06-10")
    assert table.returncode == 0
    header, *lines = table.stdout.splitlines()
    assert header.split()[:2] == ["author", "key"] and len(lines) == 4
    assert any(line.startswith(jane["key"]) and line.rstrip().endswith("active") for line in lines)
    bad = scrapy_on(db, "authors", "--as-of", "June")
    assert bad.returncode != 0 and "--as-of" in bad.stderr and "Traceback" not in bad.stderr
    # As of a date is the corpus as it stood then: Jane's later articles are not counted yet.
    cut = dates[len(dates) // 2]
    then = scrapy_on(db, "authors", "--json", "--as-of", cut.isoformat())
    jane_then = next(row for row in map(json.loads, then.stdout.splitlines()) if row["author"] == "Jane Doe")
    assert jane_then["articles"] == sum(d <= cut for d in dates) and jane_then["last_published"] <= cut.isoformat()
    before = scrapy_on(db, "authors", "--as-of", "2000-01-01")
    assert before.returncode == 0 and before.stdout.strip() == "No author had an article by 2000-01-01."


def test_feed_is_valid_atom_of_the_latest_articles(two_runs, tmp_path) -> None:
    wp, _, shared = two_runs
    db = corpus_copy(shared, tmp_path)
    corpus = Corpus(db)  # an article whose title carries markup: it must reach the feed as text
    corpus.add(record(99, site=wp.base_url.removeprefix("http://"), authors=["Jane Doe"],
                      title="<script>alert(1)</script> & more", published="2025-01-01T00:00:00+00:00"))
    corpus.close()
    out = tmp_path / "jane.atom"
    self_url = "https://feeds.example.org/jane.atom"
    result = scrapy_on(db, "feed", "jane-doe", "-o", str(out), "--limit", "5", "--self-url", self_url)
    assert result.returncode == 0, result.stderr
    raw = out.read_text(encoding="utf-8")
    assert "<script>" not in raw
    feed = feedparser.parse(raw.encode())
    assert not feed.bozo and feed.version == "atom10"
    assert len(feed.entries) == 5
    assert feed.entries[0].title == "<script>alert(1)</script> & more"  # newest first, escaped in transit
    published = [datetime(*e.published_parsed[:6], tzinfo=UTC) for e in feed.entries if "published_parsed" in e]
    assert published == sorted(published, reverse=True)
    expected = {a.title for a in sorted(wp.by(JANE), key=lambda a: a.published, reverse=True)[:4]}
    assert {e.title for e in feed.entries[1:]} == expected
    assert all(e.link.startswith("http") for e in feed.entries)
    # The feed's id is Jane's author page (an IRI of her site, stable as entries change); rel=self is given.
    assert feed.feed.id == f"{wp.base_url}/author/jane-doe/"
    assert any(link.rel == "self" and link.href == self_url for link in feed.feed.links)


def test_feed_and_dump_refuse_unknown_authors_and_bad_paths(two_runs, tmp_path) -> None:
    *_, db = two_runs
    for args in (["feed", "nobody", "-o", str(tmp_path / "x.atom")], ["dump", "--author", "nobody", "-o", "-"]):
        result = scrapy_on(db, *args)
        assert result.returncode != 0 and "unknown author 'nobody'" in result.stderr
        assert "Traceback" not in result.stderr
    result = scrapy_on(db, "feed", "jane-doe", "-o", str(tmp_path / "missing-dir" / "x.atom"))
    assert result.returncode != 0 and "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "missing-dir").exists()


def test_dump_author_gives_exactly_that_authors_articles(two_runs) -> None:
    wp, _, db = two_runs
    result = scrapy_on(db, "dump", "--author", f"{wp.base_url.removeprefix('http://')}/john-roe", "-o", "-")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2 and all(JOHN.name in r["authors"] for r in records)
