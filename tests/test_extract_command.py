"""`scrapy extract`: saved HTML in, article records out, without crawling."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.site.content import JANE, wordpress_site
from tests.site.themes import article_url, render

BASE = "http://site.test"


def scrapy_extract(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "extract", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture
def saved(tmp_path):
    """Three of Jane's pages saved to disk, one gzipped, with their URLs and articles."""
    site = wordpress_site()
    site.base_url = BASE
    routes = render(site)
    pages = []
    for i, article in enumerate(site.by(JANE)[:3]):
        url = article_url(site, article)
        body = routes[url.removeprefix(BASE)].body.encode("utf-8")
        path = tmp_path / (f"page{i}.html.gz" if i == 1 else f"page{i}.html")
        path.write_bytes(gzip.compress(body) if i == 1 else body)
        pages.append((url, path, article))
    return pages


def test_one_file(saved) -> None:
    url, path, article = saved[0]
    result = scrapy_extract(str(path), "--url", url)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == article.title
    assert record["authors"] == [a.name for a in article.authors]
    assert record["text"].split() == " ".join(article.body).split()
    assert record["discovered_via"] == "file"


def test_one_page_on_stdin(saved) -> None:
    url, path, article = saved[0]
    html = path.read_text(encoding="utf-8")
    result = scrapy_extract("-", "--url", url, stdin=html)  # `curl URL | scrapy extract - --url URL`
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == article.title and len(result.stdout.splitlines()) == 1
    # HTML on stdin without --url is not taken for JSON lines (an error record per line): one error.
    bare = scrapy_extract("-", stdin=html)
    assert bare.returncode == 2 and "stdin holds HTML" in bare.stderr and bare.stdout == ""


def test_stream_keeps_order_and_passes_keys_through(saved, tmp_path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    lines = [
        json.dumps({"url": url, "path": str(path), "id": n, "batch": "b1"}) for n, (url, path, _) in enumerate(saved)
    ]
    lines.insert(1, "this is not json")
    lines.insert(2, json.dumps({"url": BASE + "/gone", "path": str(tmp_path / "missing.html"), "id": "m"}))
    lines.append(json.dumps({"url": BASE + "/empty", "path": str(empty), "id": "e"}))
    lines.append(json.dumps({"path": str(empty)}))
    result = scrapy_extract("-", "--workers", "2", stdin="\n".join(lines) + "\n\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 7
    assert [r.get("id") for r in records] == [0, None, "m", 1, 2, "e", None]
    assert records[1] == {"error": "line 2: not a JSON object"}
    assert records[2]["error"].startswith("cannot read") and records[2]["url"] == BASE + "/gone"
    assert records[5]["error"] == "no article body"
    assert records[6] == {"error": "line 7: missing url"}
    assert result.stderr.strip() == "Extracted 3 pages, 4 with an error record"  # a pipe: the final count only
    for record, (url, _, article) in zip((records[0], records[3], records[4]), saved, strict=True):
        assert record["url"] == url and record["batch"] == "b1"
        assert record["title"] == article.title
        assert "error" not in record


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/page.html", "--url", BASE], "cannot read /nonexistent/page.html"),
        (["page.html"], "--url URL is required with a FILE"),
        ([], "give one FILE, or -"),
    ],
)
def test_bad_arguments(args: list[str], message: str) -> None:
    result = scrapy_extract(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
