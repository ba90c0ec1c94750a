"""``scrapy authors``: every author in the corpus, with cadence and status, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.cli import one_line_errors, open_corpus
from crawler.monitor.cadence import parse_time
from crawler.monitor.queries import author_rows

COLUMNS = (
    ("key", "author key"),
    ("articles", "articles"),
    ("first_published", "first"),
    ("last_published", "last"),
    ("new_since_last_run", "new"),
    ("mean_interval_days", "mean gap (d)"),
    ("days_since_last_post", "since last (d)"),
    ("status", "status"),
)


def as_of(value: str | None) -> datetime:
    """``--as-of`` (an ISO date or time), else now."""
    if value is None:
        return datetime.now(UTC)
    parsed = parse_time(value)
    if parsed is None:
        raise UsageError(f"--as-of: not a date (YYYY-MM-DD[THH:MM]): {value!r}", print_help=False)
    return parsed


def render_table(rows: list[dict]) -> str:
    """A plain-text table of ``rows`` (dicts as ``AuthorRow.as_dict`` makes)."""

    def cell(row: dict, name: str) -> str:
        value = row[name]
        if value is None:
            return "-"
        return value[:10] if name.endswith("_published") else str(value)

    table = [[title for _, title in COLUMNS], *[[cell(r, name) for name, _ in COLUMNS] for r in rows]]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in table)


class Command(ScrapyCommand):
    """Print one line per author of the corpus (``CORPUS_DB``)."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--json] [--site HOST] [--as-of DATE]"

    def short_desc(self) -> str:
        return "List the corpus's authors: articles, first/last published, new, cadence, active or quiet"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
        parser.add_argument("--site", help="only authors of this site")
        parser.add_argument(
            "--as-of", help="the corpus as it stood on this date: later articles left out (default now)"
        )

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected argument {args[0]!r}", print_help=False)
        now = as_of(opts.as_of)
        corpus = open_corpus(self.settings)
        try:
            rows = [r.as_dict(now) for r in author_rows(corpus, now if opts.as_of else None)
                    if opts.site in (None, r.site)]
        finally:
            corpus.close()
        if opts.json:
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            empty = f"No author had an article by {opts.as_of}." if opts.as_of else "No authors in the corpus yet."
            print(render_table(rows) if rows else empty)
