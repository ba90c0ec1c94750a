"""``scrapy feed``: an Atom feed of one author's latest articles, for any feed reader."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.cli import one_line_errors, open_corpus
from crawler.monitor.authorfeed import atom_feed
from crawler.monitor.queries import corpus_author_key, find_author
from crawler.outputs import OutputError, write_atomically


class Command(ScrapyCommand):
    """Write the Atom feed of an author of the corpus (``CORPUS_DB``)."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "AUTHOR_KEY -o FILE.atom [--limit N] [--self-url URL]"

    def short_desc(self) -> str:
        return "Write an Atom feed of an author's latest articles"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="FILE", help="output file, or - for stdout")
        parser.add_argument("--limit", type=int, default=20, help="how many of the latest articles (default 20)")
        parser.add_argument("--self-url", metavar="URL", help="the URL the feed is published at (its rel=self link)")

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if len(args) != 1:
            raise UsageError("give one author key (see `scrapy authors`)", print_help=False)
        if not opts.output:
            raise UsageError("-o FILE is required (- for stdout)", print_help=False)
        if opts.limit < 1:
            raise UsageError("--limit must be at least 1", print_help=False)
        corpus = open_corpus(self.settings)
        try:
            found = find_author(corpus, args[0])
            if found is None:
                raise UsageError(f"unknown author {args[0]!r} (see `scrapy authors`)", print_help=False)
            site, author = found
            records = list(corpus.articles(site=site, author=author, newest_first=True, limit=opts.limit))
        finally:
            corpus.close()
        document = atom_feed(corpus_author_key(site, author), author, site, records, datetime.now(UTC), opts.self_url)
        if opts.output == "-":
            sys.stdout.buffer.write(document)
        else:
            try:
                write_atomically(Path(opts.output), lambda tmp: tmp.write_bytes(document))
            except OutputError as exc:
                raise UsageError(str(exc), print_help=False) from None
            print(f"Wrote {len(records)} entries for {author} ({site}) to {opts.output}", file=sys.stderr)
