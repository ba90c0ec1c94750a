"""The article record of a page: its metadata read from the markup, and its body."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from lxml.html import HtmlElement
from parsel import Selector

from crawler.discovery.blocks import block_elements, more_from_elements
from crawler.discovery.identity import Byline, byline_authors
from crawler.discovery.pagescan import page_scan
from crawler.extraction.body import NoArticle, PrunedPage, article_body, content_hash, prune, word_count
from crawler.extraction.metadata import canonical_url, first_published, page_language
from crawler.extraction.parse import parse_html
from crawler.extraction.titles import page_headline
from crawler.text import drop_invisible, repair_mojibake
from crawler.urls import site_of


def extract_article(html: str | bytes, url: str, discovered_via: str = "seed") -> dict:
    """Return the article record for one page; raise ``NoArticle`` when there is no body.

    ``html`` may be bytes of unknown encoding: trafilatura's loader detects the charset.
    """
    tree = parse_html(html)
    if tree is None:
        raise NoArticle("unparseable HTML")
    sel = Selector(root=tree, type="html")
    blocks = more_from_elements(sel, url)
    elements = block_elements(blocks)
    return _record(html, tree, sel, url, discovered_via, byline_authors(sel, url, blocks), elements)


def page_metadata(html: str | bytes, url: str) -> dict:
    """Return a page's title, authors, author page and publication date, without extracting its body."""
    tree = parse_html(html)
    if tree is None:
        return {"title": None, "authors": [], "author_url": None, "published": None}
    sel = Selector(root=tree, type="html")
    meta = _metadata(tree, sel, url, byline_authors(sel, url, more_from_elements(sel, url)))
    return {key: meta[key] for key in ("title", "authors", "author_url", "published")}


def _pruned(tree: HtmlElement, sel: Selector, blocks: list[HtmlElement]) -> PrunedPage:
    """The page pruned for its body, with its accordions (``page_scan`` reads them, and styles, before pruning)."""
    scan = page_scan(sel)
    prune(tree, blocks, scan.styled)
    return PrunedPage(tree, scan.accordions)


def _pruned_again(html: str | bytes, url: str) -> PrunedPage:
    """The page ``html`` parsed and pruned again, as ``_record`` did (for a reading after trafilatura's first)."""
    tree = parse_html(html)
    if tree is None:  # parsed once already: cannot happen
        raise NoArticle("unparseable HTML")
    sel = Selector(root=tree, type="html")
    return _pruned(tree, sel, block_elements(more_from_elements(sel, url)))


def _metadata(tree: HtmlElement, sel: Selector, url: str, byline: list[Byline]) -> dict:
    """The record's fields read from the page's markup (before it is pruned for the body)."""
    title, h1 = page_headline(sel, url)
    published = first_published(tree, sel, url, h1)
    return {
        "canonical_url": canonical_url(sel, url),
        "title": unicodedata.normalize("NFC", drop_invisible(repair_mojibake(title))) if title else title,
        "authors": [unicodedata.normalize("NFC", b.name) for b in byline],
        "author_url": next((b.url for b in byline if b.url), None),
        "published": published or None,
        "language": page_language(sel),
    }


def _record(
    html: str | bytes, tree: HtmlElement, sel: Selector, url: str, discovered_via: str, byline: list[Byline],
    blocks: list[HtmlElement],
) -> dict:
    """The record of the page ``html``, parsed as ``tree``, whose byline and "More From" block elements are known
    (the tree is pruned, then read)."""
    meta = _metadata(tree, sel, url, byline)
    page = _pruned(tree, sel, blocks)
    body = article_body(page, lambda: _pruned_again(html, url), url, meta["title"], meta["authors"])
    text = repair_mojibake(body)
    return {
        "url": url,
        "canonical_url": meta["canonical_url"],
        "title": meta["title"],
        "authors": meta["authors"],
        "author_url": meta["author_url"],
        "site": site_of(url),
        "published": meta["published"],
        "language": meta["language"],
        "text": text,
        "word_count": word_count(text),
        "content_hash": content_hash(text),
        "discovered_via": discovered_via,
        "crawled_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
