"""Raw pages kept by the crawl, and `scrapy reextract` rebuilding records from them."""

from __future__ import annotations

import gzip
import sqlite3

import pytest

from crawler.compression import pack_html, unpack_html
from pipelines.corpus.database import _MIGRATIONS, SCHEMA_VERSION, Corpus
from tests.conftest import scrapy_on
from tests.site.content import BOB
from tests.site.themes import article_url


def test_crawl_keeps_pages_and_reextract_repairs_records(web, crawl) -> None:
    blog = web["blog"]
    result = crawl(url=article_url(blog.site, blog.site.primary(BOB)[-1]))
    assert len(result.items) == 7
    assert all("html_z" not in item for item in result.items)
    with sqlite3.connect(result.db) as db:
        pages = db.execute("SELECT a.url, r.html_z FROM articles a JOIN raw_pages r ON r.article_id = a.id").fetchall()
        assert len(pages) == 7
        url, html_z = pages[0]
        assert unpack_html(html_z).decode("utf-8") == blog.routes[url.removeprefix(blog.base_url)].body
        before = db.execute("SELECT id, title, text, content_hash FROM articles ORDER BY id").fetchall()
        # As if an older extractor had left boilerplate in two records; the first one's page stored as
        # a corpus before schema v8 stored it (gzip).
        db.execute("UPDATE articles SET text = text || '\nRelated Posts', title = 'Old' WHERE id IN (1, 3)")
        old = db.execute("SELECT html_z FROM raw_pages WHERE article_id = 1").fetchone()[0]
        db.execute("UPDATE raw_pages SET html_z = ? WHERE article_id = 1", (gzip.compress(unpack_html(old)),))
    out = scrapy_on(result.db, "reextract", "--workers", "2")
    assert out.returncode == 0, out.stderr
    assert "Re-extracted 7 stored pages: 2 records changed, 5 unchanged, 0 failed" in out.stdout
    with sqlite3.connect(result.db) as db:
        assert db.execute("SELECT id, title, text, content_hash FROM articles ORDER BY id").fetchall() == before
    # Nothing left to change on a second pass.
    assert "0 records changed, 7 unchanged" in scrapy_on(result.db, "reextract").stdout


def test_reextract_without_a_corpus(tmp_path) -> None:
    out = scrapy_on(tmp_path / "none.sqlite3", "reextract")
    assert out.returncode == 2
    assert "no corpus at" in out.stderr and "Traceback" not in out.stderr


def test_version_1_corpus_is_upgraded_in_place(tmp_path) -> None:
    path = tmp_path / "c.sqlite3"
    with sqlite3.connect(path) as db:  # a v1 database, with one article
        db.executescript(_MIGRATIONS[0])
        db.execute("PRAGMA user_version=1")
        db.execute(
            "INSERT INTO articles (canonical_url, url, content_hash, site, authors, text, word_count,"
            " discovered_via, crawled_at) VALUES ('u', 'u', 'h', 's', '[]', 't', 1, 'seed', 'now')"
        )
    corpus = Corpus(path)
    assert corpus.count() == 1
    assert corpus._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2
    assert list(corpus.raw_pages()) == []
    corpus.close()


def test_stored_pages_are_zstd_and_gzip_ones_still_read() -> None:
    html = "<html><body><p>Zoë\u2019s page</p></body></html>"
    packed = pack_html(html)
    assert packed[:4] == b"\x28\xb5\x2f\xfd"  # a zstd frame
    assert unpack_html(packed).decode("utf-8") == html
    assert unpack_html(gzip.compress(html.encode("utf-8"))).decode("utf-8") == html
    with pytest.raises(OSError, match="not a zstd or gzip page"):
        unpack_html(b"<html>stored raw by mistake")
