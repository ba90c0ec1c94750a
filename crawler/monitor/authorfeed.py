"""An Atom feed of one author's latest articles, built with feedgen (text escaped by its XML writer)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from crawler.monitor.cadence import parse_time

#: Characters of the body shown as each entry's summary.
SUMMARY_CHARS = 500
# XML 1.0 forbids most control characters; a page's text may still carry them.
_XML_UNSAFE = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _clean(text: str | None) -> str:
    return (text or "").translate(_XML_UNSAFE)


def feed_id(key: str, site: str, records: list[Mapping[str, Any]]) -> str:
    """The feed's permanent id: the author's page on the site when the corpus knows it, else an IRI of the
    site that names the author (``https://site/#author=name-slug``). Both stay the same as entries come and go."""
    pages = sorted({r["author_url"] for r in records if r.get("author_url")})
    if pages:
        return pages[0]
    home = urlsplit(records[0]["canonical_url"]) if records else None
    base = f"{home.scheme}://{home.netloc}/" if home else f"https://{site}/"
    return f"{base}#author={key.rsplit('/', 1)[-1]}"


def atom_feed(
    key: str, author: str, site: str, records: Iterable[Mapping[str, Any]], now: datetime, self_url: str | None = None
) -> bytes:
    """Return an Atom document for ``author`` of ``site`` with ``records`` (newest first) as entries.

    ``self_url``: where the feed will be published, for its ``rel="self"`` link.
    """
    feed = FeedGenerator()
    entries = list(records)
    feed.id(feed_id(key, site, entries))
    feed.title(_clean(f"{author} on {site}"))
    feed.author({"name": _clean(author)})
    home = urlsplit(entries[0]["canonical_url"]) if entries else None
    feed.link(href=f"{home.scheme}://{home.netloc}/" if home else f"https://{site}/", rel="alternate")
    if self_url:
        feed.link(href=self_url, rel="self")
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
