"""One write transaction on the corpus: every table's writes go through it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from pipelines.corpus.errors import CorpusError


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on error (on an autocommit connection)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextmanager
def write(db: sqlite3.Connection, path: Path) -> Iterator[None]:
    """A ``transaction`` whose SQLite errors (a full disk, a lock held too long) become ``CorpusError``."""
    try:
        with transaction(db):
            yield
    except sqlite3.Error as exc:
        if db.in_transaction:  # a COMMIT that failed leaves it open
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise CorpusError(f"cannot write to corpus {path}: {exc}") from None
