"""``scrapy report``: one static HTML page with a weekly chart per author and the authors table."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.cli import one_line_errors, open_corpus
from crawler.commands.authors import as_of
from crawler.monitor.cadence import parse_time
from crawler.monitor.queries import author_rows, corpus_author_key
from crawler.monitor.report import chart_png, render_report, weekly_counts
from crawler.outputs import OutputError, write_atomically


class Command(ScrapyCommand):
    """Write the authors report of the corpus (``CORPUS_DB``) as one self-contained HTML file."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-o report.html [--weeks N] [--site HOST] [--as-of DATE]"

    def short_desc(self) -> str:
        return "Write an HTML report: articles per week for each author, and the authors table"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="FILE", help="the HTML file to write, or - for stdout")
        parser.add_argument("--weeks", type=int, default=52, help="weeks in the chart (default 52)")
        parser.add_argument("--site", help="only authors of this site")
        parser.add_argument("--as-of", help="status as of this date; the chart ends there (default now)")

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected argument {args[0]!r}", print_help=False)
        if not opts.output:
            raise UsageError("-o FILE is required (- for stdout)", print_help=False)
        if opts.weeks < 1:
            raise UsageError("--weeks must be at least 1", print_help=False)
        now = as_of(opts.as_of)
        corpus = open_corpus(self.settings)
        try:
            rows = [r for r in author_rows(corpus, now if opts.as_of else None) if opts.site in (None, r.site)]
            keys = {r.key for r in rows}
            posts = []
            latest = None
            for site, author, published, _ in corpus.author_posts():
                key, moment = corpus_author_key(site, author), parse_time(published)
                if key in keys and moment is not None:
                    posts.append((key, moment))
                    latest = moment if latest is None or moment > latest else latest
        finally:
            corpus.close()
        # Without --as-of, the chart ends at the newest article, so a corpus of old posts still shows them.
        end = (now if opts.as_of else min(now, latest or now)).date()
        starts, series = weekly_counts(posts, end, opts.weeks)
        png = chart_png(starts, series, {r.key: f"{r.author} ({r.site})" for r in rows})
        window = f"{opts.weeks} weeks to {end.isoformat()}"
        html = render_report([r.as_dict(now) for r in rows], png, datetime.now(UTC), window)
        if opts.output == "-":  # as `dump -o -` and `feed -o -`
            sys.stdout.write(html)
            sys.stdout.flush()
            print(f"Wrote the report of {len(rows)} authors to stdout", file=sys.stderr)
            return
        try:
            write_atomically(Path(opts.output), lambda tmp: tmp.write_text(html, encoding="utf-8"))
        except OutputError as exc:
            raise UsageError(str(exc), print_help=False) from None
        print(f"Wrote the report of {len(rows)} authors to {opts.output}", file=sys.stderr)
