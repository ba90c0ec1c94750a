"""Item definitions: what the spider hands to extraction, and the article record that is stored."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class PageItem:
    """A fetched article page and how it was found; the extraction stage turns it into an ArticleItem."""

    url: str
    html: str
    discovered_via: str


@dataclass
class ArticleItem:
    """One article: the record written to the store and to JSON Lines."""

    url: str
    canonical_url: str
    title: str | None
    authors: list[str]
    author_url: str | None
    site: str
    published: str | None
    language: str | None
    text: str
    word_count: int
    content_hash: str
    discovered_via: str
    crawled_at: str
    #: The fetched page, gzip-compressed, for ``scrapy reextract``; stored, never exported.
    html_gz: bytes | None = field(default=None, repr=False)


#: The fields of the exported record (JSON Lines, ``FEED_EXPORT_FIELDS``), in schema order.
RECORD_FIELDS: list[str] = [f.name for f in fields(ArticleItem) if f.name != "html_gz"]
