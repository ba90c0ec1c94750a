"""Per-site block statistics kept in the corpus (``site_pages``, ``site_blocks``): site-level template learning."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class SiteBlockStore:
    """Methods of ``Corpus`` over the tables that count, per site, on how many distinct pages each block was seen."""

    _db: sqlite3.Connection
    path: Path

    _write: Callable[[], Any]

    def learn_blocks(self, site: str, url: str, keys: list[int]) -> tuple[bool, dict[int, int]]:
        """Count ``keys`` as seen on page ``url`` of ``site``, once per page.

        Return whether the page was new (its keys counted now) and each key's page count.
        """
        if not keys:
            return False, {}
        with self._write():
            new_page = self._db.execute(
                "INSERT OR IGNORE INTO site_pages (site, url) VALUES (?, ?)", (site, url)
            ).rowcount
            if new_page:
                self._db.executemany(
                    "INSERT INTO site_blocks (site, key, pages) VALUES (?, ?, 1)"
                    " ON CONFLICT (site, key) DO UPDATE SET pages = pages + 1",
                    [(site, key) for key in keys],
                )
            return bool(new_page), self.block_pages(site, keys)

    def block_pages(self, site: str, keys: list[int]) -> dict[int, int]:
        """Return on how many pages of ``site`` each of ``keys`` was seen (known keys only)."""
        found: dict[int, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(
                    f"SELECT key, pages FROM site_blocks WHERE site = ? AND key IN ({marks})", (site, *chunk)
                ).fetchall()
            )
        return found

    def site_boilerplate(self, site: str, min_pages: int) -> set[int]:
        """Return the keys of the blocks seen on at least ``min_pages`` pages of ``site``."""
        rows = self._db.execute("SELECT key FROM site_blocks WHERE site = ? AND pages >= ?", (site, min_pages))
        return {key for (key,) in rows}

    def site_texts(self, site: str) -> Iterator[tuple[int, str]]:
        """Yield ``(article id, text)`` of the stored articles of ``site``, read a chunk at a time."""
        last = 0
        while rows := self._db.execute(
            "SELECT id, text FROM articles WHERE site = ? AND id > ? ORDER BY id LIMIT 500", (site, last)
        ).fetchall():
            yield from rows
            last = rows[-1][0]

    def set_text(self, article_id: int, text: str, word_count: int, content_hash: str) -> None:
        """Replace a stored article's body in place (a cleaning, not a new version)."""
        with self._write():
            self._db.execute(
                "UPDATE articles SET text = ?, word_count = ?, content_hash = ? WHERE id = ?",
                (text, word_count, content_hash, article_id),
            )
            # The dedup stage fingerprints the new text when it next opens.
            self._db.execute(
                "DELETE FROM fingerprints WHERE canonical_url = (SELECT canonical_url FROM articles WHERE id = ?)",
                (article_id,),
            )
