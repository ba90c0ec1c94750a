"""What the project's commands share: the corpus opened for reading, or a one-line error."""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.exceptions import UsageError

from pipelines.corpus.database import Corpus, CorpusError
from pipelines.corpus.integrity import corpus_damage, damaged_message


def open_corpus(settings: Any) -> Corpus:
    """Open the existing corpus at ``CORPUS_DB``; a missing or unreadable one is a ``UsageError``."""
    try:
        return Corpus.open_existing(settings.get("CORPUS_DB"))
    except CorpusError as exc:
        raise UsageError(str(exc), print_help=False) from None


R = TypeVar("R")


def one_line_errors(run: Callable[..., R]) -> Callable[..., R]:
    """Wrap a command's ``run``: a user's mistake is one line and exit 2, a damaged corpus one line and exit 1.

    (Scrapy would print the usage above a ``UsageError``, and a traceback for the damaged corpus.)
    """

    @functools.wraps(run)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> R:
        command = type(self).__module__.rsplit(".", 1)[-1]
        try:
            return run(self, *args, **kwargs)
        except UsageError as exc:
            if exc.print_help or not str(exc):
                raise
            print(f"scrapy {command}: error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
        except sqlite3.DatabaseError as exc:
            path = self.settings.get("CORPUS_DB")
            verdict = corpus_damage(path) or str(exc)
            print(f"scrapy {command}: error: {damaged_message(path, verdict)}", file=sys.stderr)
            raise SystemExit(1) from None

    return wrapped
