"""What the project's commands share: the corpus opened for reading, or a one-line error."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import UsageError

from pipelines.corpus import Corpus, CorpusError


def open_corpus(settings: Any) -> Corpus:
    """Open the existing corpus at ``CORPUS_DB``; a missing or unreadable one is a ``UsageError``."""
    try:
        return Corpus.open_existing(settings.get("CORPUS_DB"))
    except CorpusError as exc:
        raise UsageError(str(exc), print_help=False) from None
