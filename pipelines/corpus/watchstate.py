"""Watch state in the corpus: each target's last run, next due time, result, lock; alerts already sent."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crawler.lockowner import lock_owner, owner_is_dead
from pipelines.corpus.database import Corpus

__all__ = ["WatchState", "lock_owner"]


@dataclass(frozen=True)
class TargetState:
    url: str
    label: str | None
    author_key: str | None
    last_run: str | None
    next_due: str | None
    last_result: dict[str, Any] | None


class WatchState:
    """Read and update the ``watch_targets`` and ``alerts_sent`` tables of a corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.db = corpus.db

    def sync(self, targets: Iterable[tuple[str, str | None]], now: str) -> None:
        """Add new targets (due at once) and refresh labels; state of known targets is kept."""
        with self.corpus.transaction():
            for url, label in targets:
                self.db.execute(
                    "INSERT INTO watch_targets (url, label, next_due) VALUES (?, ?, ?)"
                    " ON CONFLICT (url) DO UPDATE SET label = excluded.label",
                    (url, label, now),
                )

    def get(self, url: str) -> TargetState | None:
        row = self.db.execute(
            "SELECT url, label, author_key, last_run, next_due, last_result FROM watch_targets WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        return TargetState(*row[:5], json.loads(row[5]) if row[5] else None)

    def due(self, urls: Iterable[str], now: str) -> list[str]:
        """Those of ``urls`` whose next visit is due at ``now``, soonest first."""
        wanted = list(urls)
        rows = self.db.execute("SELECT url, next_due FROM watch_targets WHERE next_due <= ? ORDER BY next_due", (now,))
        return [url for url, _ in rows if url in wanted]

    def next_due(self, urls: Iterable[str]) -> str | None:
        """The earliest next visit among ``urls``."""
        wanted = list(urls)
        marks = ",".join("?" * len(wanted))
        row = self.db.execute(f"SELECT MIN(next_due) FROM watch_targets WHERE url IN ({marks})", wanted).fetchone()
        return row[0] if row else None

    def acquire(self, url: str, owner: str, now: str, until: str) -> bool:
        """Take the target's lock until ``until``; False when another live watcher holds it or it is no longer due."""
        with self.corpus.transaction():
            row = self.db.execute(
                "SELECT lock_owner, lock_until, next_due FROM watch_targets WHERE url = ?", (url,)
            ).fetchone()
            if row is None or (row[2] or "") > now:  # gone, or visited meanwhile by another watcher
                return False
            holder, held_until, _ = row
            if holder and holder != owner and held_until > now and not owner_is_dead(holder):
                return False
            self.db.execute(
                "UPDATE watch_targets SET lock_owner = ?, lock_until = ? WHERE url = ?", (owner, until, url)
            )
            return True

    def finish(
        self, url: str, owner: str, last_run: str, next_due: str, result: dict[str, Any], author_key: str | None
    ) -> None:
        """Record a run's outcome and the next visit, and release the lock."""
        with self.corpus.transaction():
            self.db.execute(
                "UPDATE watch_targets SET last_run = ?, next_due = ?, last_result = ?,"
                " author_key = COALESCE(?, author_key), lock_owner = NULL, lock_until = NULL"
                " WHERE url = ? AND lock_owner = ?",
                (last_run, next_due, json.dumps(result), author_key, url, owner),
            )

    def release(self, url: str, owner: str) -> None:
        """Drop the lock without recording a run (the target stays due)."""
        with self.corpus.transaction():
            self.db.execute(
                "UPDATE watch_targets SET lock_owner = NULL, lock_until = NULL WHERE url = ? AND lock_owner = ?",
                (url, owner),
            )

    def claim_alert(self, kind: str, author_key: str, ref: str, now: str) -> bool:
        """True the first time this alert (kind, author, ref) is claimed: send it; False: already sent."""
        with self.corpus.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO alerts_sent (kind, author_key, ref, sent_at) VALUES (?, ?, ?, ?)",
                (kind, author_key, ref, now),
            )
            return cursor.rowcount == 1
