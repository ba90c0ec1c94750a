"""What the project's commands share: the corpus opened for reading, or a one-line error."""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.exceptions import UsageError

from pipelines.corpus import Corpus, CorpusError


def open_corpus(settings: Any) -> Corpus:
    """Open the existing corpus at ``CORPUS_DB``; a missing or unreadable one is a ``UsageError``."""
    try:
        return Corpus.open_existing(settings.get("CORPUS_DB"))
    except CorpusError as exc:
        raise UsageError(str(exc), print_help=False) from None


R = TypeVar("R")


def integrity_verdict(path: str) -> str:
    """The first line of SQLite's ``PRAGMA integrity_check`` on the corpus at ``path``."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return " ".join(str(db.execute("PRAGMA integrity_check(1)").fetchone()[0]).split())
    except sqlite3.Error as exc:
        return str(exc)


def corpus_errors(run: Callable[..., R]) -> Callable[..., R]:
    """Wrap a command's ``run``: a damaged corpus found while reading it is one line and exit 1, not a traceback."""

    @functools.wraps(run)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> R:
        try:
            return run(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            path = self.settings.get("CORPUS_DB")
            command = type(self).__module__.rsplit(".", 1)[-1]
            print(f"scrapy {command}: error: the corpus {path} is damaged ({exc}; integrity_check:"
                  f" {integrity_verdict(path)}); restore it from a backup, or rebuild it with a new crawl",
                  file=sys.stderr)
            raise SystemExit(1) from None

    return wrapped
