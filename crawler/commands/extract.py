"""``scrapy extract``: article records from saved HTML files, without crawling."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.cli import one_line_errors
from crawler.extraction.jobs import MAX_HTML_BYTES, JobError, ordered_map, parse_lines, read_html, run_item, run_job
from crawler.extraction.worker import extraction_pool, pool_size
from crawler.progress import Progress


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


class Command(ScrapyCommand):
    """Extract one file (``FILE --url URL``), or every file listed as JSON lines on stdin (``-``)."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "FILE.html[.gz] --url URL | -"

    def short_desc(self) -> str:
        return "Extract article records from saved HTML, without crawling"

    def long_desc(self) -> str:
        return (
            "With FILE, or '-' and --url: print the page's article record as one JSON object. "
            "With '-' alone: read JSON lines from stdin, "
            "each with 'url' and 'path' (.html or .html.gz; other keys are passed through), and write one "
            "JSON line per input, in input order, extracting on every core. A page without an article, "
            "an unreadable file or a malformed input line gives a record with an 'error' field."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the page's URL (required with FILE): resolves links and canonical URL")
        parser.add_argument("--workers", type=int, default=0, help="extraction processes (default one per core)")

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one FILE, or - to read a page (with --url) or JSON lines from stdin",
                             print_help=False)
        if args[0] == "-" and opts.url:  # one page on stdin: `curl … | scrapy extract - --url URL`
            html = sys.stdin.buffer.read(MAX_HTML_BYTES + 1)
            if len(html) > MAX_HTML_BYTES:
                raise UsageError(f"the page on stdin is larger than {MAX_HTML_BYTES} bytes", print_help=False)
            print(_dump(run_job({"url": opts.url, "path": "-"}, html)))
            return
        if args[0] == "-":
            if sys.stdin.buffer.peek(4096).lstrip()[:1] == b"<":
                raise UsageError("stdin holds HTML, not JSON lines: give --url URL to extract it as one page",
                                 print_help=False)
            self._stream(pool_size(opts.workers))
            return
        if not opts.url:
            raise UsageError("--url URL is required with a FILE", print_help=False)
        try:
            read_html(args[0])
        except JobError as exc:
            raise UsageError(str(exc), print_help=False) from None
        print(_dump(run_job({"url": opts.url, "path": args[0]})))

    def _stream(self, workers: int) -> None:
        out = sys.stdout
        progress = Progress("Extracting")
        failed = 0
        try:
            with extraction_pool(workers) as pool:
                for record in ordered_map(pool, run_item, parse_lines(sys.stdin), window=workers * 8):
                    out.write(_dump(record) + "\n")
                    failed += "error" in record
                    progress.advance()
            out.flush()
        except BrokenPipeError:  # `scrapy extract - | head`: the reader left, nothing to report
            sys.stderr.close()
            return
        progress.close()
        print(f"Extracted {progress.count - failed} pages, {failed} with an error record", file=sys.stderr)
