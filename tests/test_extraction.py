"""Extraction of article records from HTML, in this process (the crawl runs it in a pool)."""

from __future__ import annotations

import pytest

from crawler.extraction import NoArticle, content_hash, extract_article, normalize_text
from tests.site.content import JANE, blog_site, wordpress_site
from tests.site.themes import article_url, render

BASE = "http://site.test"


def test_wordpress_record() -> None:
    site = wordpress_site()
    site.base_url = BASE
    article = site.primary(JANE)[2]
    url = article_url(site, article)
    html = render(site)[url.removeprefix(BASE)].body
    # Fetched through a tracking link: the record still carries the canonical URL.
    record = extract_article(html, url + "?utm_source=x", "more-from-author")
    assert record["canonical_url"] == url
    assert record["url"] == url + "?utm_source=x"
    assert record["title"] == article.title
    assert record["authors"] == ["Jane Doe"]
    assert record["author_url"] == f"{BASE}/author/jane-doe/"
    assert record["published"] == article.published.isoformat()
    assert record["text"].split() == " ".join(article.body).split()
    assert "More From Author" not in record["text"]
    assert record["discovered_via"] == "more-from-author"


def test_blog_record_has_no_headline_in_body() -> None:
    site = blog_site()
    site.base_url = BASE
    article = site.articles[0]
    url = article_url(site, article)
    record = extract_article(render(site)[url.removeprefix(BASE)].body, url)
    assert not record["text"].startswith(article.title)
    assert record["text"].split() == " ".join(article.body).split()
    assert record["published"] == article.published.isoformat()


def test_page_without_article() -> None:
    with pytest.raises(NoArticle):
        extract_article("<html><head><title>x</title></head><body></body></html>", BASE + "/x")
    with pytest.raises(NoArticle):
        extract_article("", BASE + "/x")
    # A navigation-only page gives a record of a word or two: validation drops it as too short.
    record = extract_article("<html><body><nav><a href='/'>Home</a></nav></body></html>", BASE + "/x")
    assert record["word_count"] < 5


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Hello  World\n") == content_hash("hello world")
    assert content_hash("Hello World") != content_hash("Hello World!")
    assert normalize_text("\uff26\uff55\uff4c\uff4c width") == "full width"  # full-width letters


def test_dek_under_the_headline_is_not_body() -> None:
    body = "".join(f"<p>{p}</p>" for p in ("Body paragraph one " * 12, "Body paragraph two " * 12))
    for header in (
        "<header><h1>The Headline</h1><h2>A dek sentence that summarises the whole story.</h2></header>",
        '<div class="head"><h1>The Headline</h1>'
        '<h2 class="article-subline">A dek sentence that summarises it.</h2></div>',
    ):
        page = f"<html><head><title>The Headline</title></head><body><article>{header}{body}</article></body></html>"
        text = extract_article(page, BASE + "/x")["text"]
        assert "dek sentence" not in text
        assert text.startswith("Body paragraph one")
    # A heading inside the body stays.
    page = f"<html><body><article><header><h1>T</h1></header>{body}<h2>Section two</h2>{body}</article></body></html>"
    assert "Section two" in extract_article(page, BASE + "/x")["text"]
