"""The log of crawl runs kept in the corpus: when each started and ended, how, and with which seeds."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any


class RunLog:
    """Methods of ``Corpus`` over the ``runs`` table."""

    _db: sqlite3.Connection
    path: Path

    _write: Callable[[], Any]

    def start_run(self, started: str, seeds: str = "") -> int:
        """Record that a crawl of ``seeds`` (a canonical string of them) started; return its run id."""
        with self._write():
            cursor = self._db.execute("INSERT INTO runs (started, seeds) VALUES (?, ?)", (started, seeds))
            return cursor.lastrowid or 0

    def finish_run(self, run_id: int, finished: str, stored: int, reason: str) -> None:
        """Record that the crawl ``run_id`` ended (Scrapy's finish ``reason``), having stored ``stored`` articles.

        A crawl that finished redoes the earlier interrupted crawls of the same seeds: they count as done.
        """
        with self._write():
            self._db.execute(
                "UPDATE runs SET finished = ?, stored = ?, reason = ? WHERE id = ?",
                (finished, stored, reason, run_id),
            )
            if reason == "finished":
                self._db.execute(
                    "UPDATE runs SET finished = ?, reason = 'redone' WHERE finished IS NULL AND id < ?"
                    " AND seeds = (SELECT seeds FROM runs WHERE id = ?)",
                    (finished, run_id, run_id),
                )

    def interrupted_since(self) -> str | None:
        """Start of the earliest earlier crawl that was cut short and not redone (None when there is none)."""
        row = self._db.execute(
            "SELECT MIN(started) FROM runs WHERE finished IS NULL AND id < (SELECT MAX(id) FROM runs)"
        ).fetchone()
        return row[0] if row else None

    def last_run_started(self) -> str | None:
        """Start time of the latest crawl run, or None when no run was recorded."""
        row = self._db.execute("SELECT started FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None
