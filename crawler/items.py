"""Item definitions: what the spider hands to extraction, and the article record that is stored."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter


@dataclass
class PageItem:
    """A fetched article page and how it was found; the extraction stage turns it into an ArticleItem."""

    url: str
    #: The page; empty when ``analysis`` already holds what extraction made of it.
    html: str
    discovered_via: str
    #: The page as read in the extraction pool (``crawler.extraction.worker.PageAnalysis``), when the spider did it.
    analysis: Any = field(default=None, repr=False)


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
    #: 1 for the first text seen at this canonical URL; one more each time a later crawl finds it changed.
    version: int = 1
    #: When this version was crawled, for version 2 and later (None for an article never seen changed).
    updated: str | None = None
    #: The fetched page, compressed (``crawler.compression``), for ``scrapy reextract``; stored, never exported.
    html_z: bytes | None = field(default=None, repr=False)


#: The fields of the exported record (JSON Lines, ``FEED_EXPORT_FIELDS``), in schema order.
RECORD_FIELDS: list[str] = [f.name for f in fields(ArticleItem) if f.name != "html_z"]

#: Where the record's JSON Schema is kept (``python -m crawler.items`` rewrites it).
SCHEMA_PATH = Path(__file__).with_name("article.schema.json")


def record_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of an exported record, generated from ``ArticleItem`` by itemadapter."""
    schema = ItemAdapter.get_json_schema(ArticleItem)
    schema["properties"] = {name: schema["properties"][name] for name in RECORD_FIELDS}
    schema["required"] = [name for name in schema["required"] if name in RECORD_FIELDS]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Article record",
        "description": "One article of the corpus: a line of the JSON Lines export (scrapy crawl, scrapy dump).",
        **schema,
    }


if __name__ == "__main__":
    SCHEMA_PATH.write_text(json.dumps(record_json_schema(), indent=2) + "\n", encoding="utf-8")
    print(f"written: {SCHEMA_PATH}")
