"""Whether a corpus file is damaged, by SQLite's own check, read-only and within a time budget."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path


def corpus_damage(path: str | Path, seconds: float = 0.0) -> str | None:
    """SQLite's verdict on a damaged corpus at ``path`` (one line), or None when it is whole.

    With ``seconds`` > 0, ``PRAGMA quick_check`` (page structure, not index contents) is given up
    after that long, and an unfinished check counts as whole; with 0, the full ``integrity_check``.
    """
    pragma = "quick_check(1)" if seconds > 0 else "integrity_check(1)"
    try:
        # A file another process holds is not waited for long: the check is a courtesy, not a gate.
        with closing(sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, timeout=1)) as db:
            if seconds > 0:
                deadline = time.monotonic() + seconds
                db.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            verdict = " ".join(str(db.execute(f"PRAGMA {pragma}").fetchone()[0]).split())
    except sqlite3.OperationalError:
        # Over the budget ("interrupted"), or busy: another process holds the file ("database is locked").
        # Not damage; the crawl's own reads and writes still fail cleanly if it is.
        return None
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if verdict == "ok" else verdict


def damaged_message(path: str | Path, verdict: str) -> str:
    """The one line that tells a user their corpus is damaged and what to do."""
    return (f"the corpus {path} is damaged (integrity_check: {verdict}); restore it from a backup,"
            " or start a new one (-s CORPUS_DB=…) and crawl again")
