"""An Atom feed of one author's latest articles, built with feedgen (text escaped by its XML writer)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from crawler.cadence import parse_time

#: Characters of the body shown as each entry's summary.
SUMMARY_CHARS = 500
# XML 1.0 forbids most control characters; a page's text may still carry them.
_XML_UNSAFE = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _clean(text: str | None) -> str:
    return (text or "").translate(_XML_UNSAFE)


def atom_feed(key: str, author: str, site: str, records: Iterable[Mapping[str, Any]], now: datetime) -> bytes:
    """Return an Atom document for ``author`` of ``site`` with ``records`` (newest first) as entries."""
    feed = FeedGenerator()
    feed.id(f"tag:author-crawler,2026:{key}")
    feed.title(_clean(f"{author} on {site}"))
    feed.author({"name": _clean(author)})
    entries = list(records)
    home = urlsplit(entries[0]["canonical_url"]) if entries else None
    feed.link(href=f"{home.scheme}://{home.netloc}/" if home else f"https://{site}/", rel="alternate")
    feed.generator("author-crawler")
    latest: datetime | None = None
    for record in reversed(entries):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(record["canonical_url"])
        entry.title(_clean(record.get("title") or record["canonical_url"]))
        entry.link(href=record["canonical_url"], rel="alternate")
        for name in record.get("authors") or [author]:
            entry.author({"name": _clean(name)})
        published = parse_time(record.get("published"))
        updated = parse_time(record.get("updated")) or published or parse_time(record.get("crawled_at")) or now
        if published:
            entry.published(published)
        entry.updated(updated)
        latest = updated if latest is None else max(latest, updated)
        text = _clean(record.get("text"))
        entry.summary(text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else ""))
    feed.updated((latest or now).astimezone(UTC))
    return feed.atom_str(pretty=True)
