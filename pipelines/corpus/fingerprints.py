"""Near-duplicate fingerprints and small settings kept in the corpus (``fingerprints``, ``meta``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class FingerprintStore:
    """Methods of ``Corpus`` over the ``fingerprints`` and ``meta`` tables."""

    _db: sqlite3.Connection
    path: Path

    _write: Callable[[], Any]

    def get_meta(self, key: str) -> str | None:
        """A value of the ``meta`` table."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the ``meta`` table."""
        with self._write():
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def put_fingerprint(self, canonical_url: str, keys: bytes) -> int:
        """Store the band keys of the article at ``canonical_url``; return its fingerprint id."""
        with self._write():
            self._db.execute(
                "INSERT INTO fingerprints (canonical_url, keys) VALUES (?, ?)"
                " ON CONFLICT (canonical_url) DO UPDATE SET keys = excluded.keys",
                (canonical_url, keys),
            )
            return self._db.execute(
                "SELECT id FROM fingerprints WHERE canonical_url = ?", (canonical_url,)
            ).fetchone()[0]

    def fingerprint_id(self, canonical_url: str) -> int | None:
        """The fingerprint id of the article at ``canonical_url``, if it has one."""
        row = self._db.execute("SELECT id FROM fingerprints WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return row[0] if row else None

    def fingerprints(self, chunk: int = 50_000) -> Iterator[list[tuple[int, bytes]]]:
        """All ``(fingerprint id, keys)`` rows, in chunks."""
        cursor = self._db.execute("SELECT id, keys FROM fingerprints ORDER BY id")
        while rows := cursor.fetchmany(chunk):
            yield rows

    def unfingerprinted(self) -> Iterator[tuple[str, str]]:
        """``(canonical URL, text)`` of the stored articles without a fingerprint."""
        yield from self._db.execute(
            "SELECT a.canonical_url, a.text FROM articles a"
            " WHERE NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.canonical_url = a.canonical_url) ORDER BY a.id"
        ).fetchall()

    def clear_fingerprints(self) -> None:
        """Forget every fingerprint (the parameters changed; they are recomputed)."""
        with self._write():
            self._db.execute("DELETE FROM fingerprints")

    def fingerprint_text(self, fingerprint_id: int) -> tuple[str, str] | None:
        """``(canonical URL, text)`` of the stored article behind a fingerprint, or None."""
        return self._db.execute(
            "SELECT a.canonical_url, a.text FROM fingerprints f JOIN articles a ON a.canonical_url = f.canonical_url"
            " WHERE f.id = ?",
            (fingerprint_id,),
        ).fetchone()
