"""The ``duplicates`` table: URLs dropped as duplicates, each tied to the article it was merged into."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any


class DuplicateLog:
    """Mixin of ``Corpus``: record duplicates, tie them to their kept article, list them."""

    _db: sqlite3.Connection
    _write: Callable[[], Any]

    def add_duplicate(
        self, url: str, canonical_url: str, content_hash: str, reason: str, seen_at: str, kept_url: str | None = None
    ) -> bool:
        """Record that ``url`` was dropped as a duplicate (``reason``) of a stored article, when it is known.

        The kept article is the one at ``kept_url`` when given, else the one with the same canonical URL
        (reason ``url``) or the same body (other reasons). Return whether it is stored yet: the kept
        record may still be on its way to the store, and ``link_duplicate`` ties the two later.
        """
        column, key = _kept_key(reason, canonical_url, content_hash, kept_url)
        with self._write():
            self._db.execute(
                "INSERT INTO duplicates (url, canonical_url, content_hash, reason, article_id, seen_at)"
                f" VALUES (?, ?, ?, ?, (SELECT id FROM articles WHERE {column} = ? ORDER BY id LIMIT 1), ?)"
                " ON CONFLICT (url) DO UPDATE SET seen_at = excluded.seen_at,"
                " article_id = COALESCE(excluded.article_id, duplicates.article_id)",
                (url, canonical_url, content_hash, reason, key, seen_at),
            )
            row = self._db.execute("SELECT article_id FROM duplicates WHERE url = ?", (url,)).fetchone()
        return row is not None and row[0] is not None

    def link_duplicate(
        self, url: str, canonical_url: str, content_hash: str, reason: str, kept_url: str | None = None
    ) -> bool:
        """Tie a recorded duplicate to its kept article once that is stored; return whether it is tied."""
        column, key = _kept_key(reason, canonical_url, content_hash, kept_url)
        with self._write():
            self._db.execute(
                f"UPDATE duplicates SET article_id = (SELECT id FROM articles WHERE {column} = ? ORDER BY id"
                " LIMIT 1) WHERE url = ? AND article_id IS NULL",
                (key, url),
            )
            row = self._db.execute("SELECT article_id FROM duplicates WHERE url = ?", (url,)).fetchone()
        return row is not None and row[0] is not None

    def duplicates_of(self, canonical_url: str) -> list[dict[str, str]]:
        """Return the URLs merged into the article with this canonical URL, as duplicates, oldest first."""
        rows = self._db.execute(
            "SELECT d.url, d.reason, d.seen_at FROM duplicates d JOIN articles a ON a.id = d.article_id"
            " WHERE a.canonical_url = ? ORDER BY d.seen_at, d.url",
            (canonical_url,),
        )
        return [{"url": url, "reason": reason, "seen_at": seen_at} for url, reason, seen_at in rows]


def _kept_key(reason: str, canonical_url: str, content_hash: str, kept_url: str | None) -> tuple[str, str]:
    """The articles column and value that find the article a duplicate was merged into."""
    if kept_url is not None or reason == "url":
        return "canonical_url", kept_url or canonical_url
    return "content_hash", content_hash
