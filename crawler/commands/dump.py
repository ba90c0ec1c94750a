"""``scrapy dump``: the corpus as JSON Lines (or JSON, CSV, XML), filtered, in stable order, with constant memory."""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.exporters import (
    BaseItemExporter,
    CsvItemExporter,
    JsonItemExporter,
    JsonLinesItemExporter,
    XmlItemExporter,
)

from crawler.cli import one_line_errors, open_corpus
from crawler.compression import zstd
from crawler.items import RECORD_FIELDS
from crawler.monitor.queries import find_author
from crawler.outputs import OutputError, write_atomically
from crawler.progress import Progress
from crawler.urls import site_of
from pipelines.corpus.database import Corpus


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option}: not a date (YYYY-MM-DD): {value!r}", print_help=False) from None


def _fields(value: str | None) -> list[str]:
    if not value:
        return list(RECORD_FIELDS)
    fields = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in fields if name not in RECORD_FIELDS]
    if unknown:
        raise UsageError(f"unknown field {unknown[0]!r} (fields: {', '.join(RECORD_FIELDS)})", print_help=False)
    return fields


#: The exporter for each file extension (before any .gz/.zst): Scrapy's own, as its feed exports use.
EXPORTERS = {".jsonl": JsonLinesItemExporter, ".jl": JsonLinesItemExporter, ".json": JsonItemExporter,
             ".csv": CsvItemExporter, ".xml": XmlItemExporter}


def exporter_for(name: str) -> type[BaseItemExporter]:
    """The exporter the file name ``name`` asks for ("x.csv", "x.jsonl.gz"); ``UsageError`` for one it does not."""
    stem = name.removesuffix(".gz").removesuffix(".zst")
    suffix = Path(stem).suffix.lower()
    if suffix not in EXPORTERS:
        known = ", ".join(sorted(EXPORTERS))
        raise UsageError(f"cannot tell the format of {name!r}: name it {known} (then .gz or .zst)", print_help=False)
    return EXPORTERS[suffix]


def _open(path: Path, name: str) -> IO[bytes]:
    """Open ``path`` for bytes, compressed as the final file ``name`` says (``.gz``, ``.zst``)."""
    if name.endswith(".gz"):
        return gzip.open(path, "wb")
    if name.endswith(".zst"):
        return zstd.open(path, "wb")
    return path.open("wb")


class Command(ScrapyCommand):
    """Write the corpus (``CORPUS_DB``) as JSON Lines: to a new file atomically, or to stdout."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return (
            "-o FILE.{jsonl,json,csv,xml}[.gz|.zst] [--author KEY] [--site HOST] [--since DATE] [--until DATE]"
            " [--fields a,b] [--with-duplicates]"
        )

    def short_desc(self) -> str:
        return "Export the corpus as JSON Lines, JSON, CSV or XML (insertion order, constant memory)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "-o", "--output", metavar="FILE",
            help="output file: .jsonl, .json, .csv or .xml, each also .gz or .zst; or - (JSON Lines on stdout)",
        )
        parser.add_argument("--author", metavar="KEY", help="only this author (a key from `scrapy authors`)")
        parser.add_argument("--site", help="only this site (host, as in the record's 'site')")
        parser.add_argument("--since", help="only articles published on or after this date (YYYY-MM-DD)")
        parser.add_argument("--until", help="only articles published on or before this date (YYYY-MM-DD)")
        parser.add_argument("--fields", help="comma-separated record fields to write (default all)")
        parser.add_argument(
            "--with-duplicates", action="store_true", help="add 'duplicates': the URLs merged into each article"
        )

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected argument {args[0]!r}", print_help=False)
        if not opts.output:
            raise UsageError("-o FILE is required (- for stdout)", print_help=False)
        since, until = _date(opts.since, "--since"), _date(opts.until, "--until")
        fields = _fields(opts.fields)
        exporter = JsonLinesItemExporter if opts.output == "-" else exporter_for(opts.output)
        site = site_of(f"http://{opts.site}/") if opts.site else None
        corpus = open_corpus(self.settings)
        try:
            author = None
            if opts.author:
                found = find_author(corpus, opts.author)
                if found is None:
                    raise UsageError(f"unknown author {opts.author!r} (see `scrapy authors`)", print_help=False)
                if site is not None and site != found[0]:
                    raise UsageError(f"author {opts.author!r} writes on {found[0]}, not {site}", print_help=False)
                site, author = found
            elif site is not None and next(iter(corpus.articles(site=site)), None) is None:
                raise UsageError(f"no articles from site {opts.site!r} in the corpus (see `scrapy authors`)",
                                 print_help=False)
            records = corpus.articles(site=site, since=since, until=until, author=author)
            if opts.output == "-":
                try:
                    count = self._write(sys.stdout.buffer, exporter, records, fields,
                                        corpus if opts.with_duplicates else None)
                    sys.stdout.flush()
                except BrokenPipeError:  # the reader stopped early (`| head`): not an error
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                    return
            else:
                count = self._write_file(Path(opts.output), exporter, records, fields,
                                         corpus if opts.with_duplicates else None)
        finally:
            corpus.close()
        print(f"Dumped {count} articles to {opts.output}", file=sys.stderr)

    def _write_file(
        self, path: Path, exporter: type[BaseItemExporter], records: Any, fields: list[str], corpus: Corpus | None
    ) -> int:
        """Write to a temporary file beside ``path``, then rename: an existing file is never half-overwritten."""

        def write(tmp: Path) -> int:
            with _open(tmp, path.name) as out:
                return self._write(out, exporter, records, fields, corpus)

        try:
            return write_atomically(path, write)
        except OutputError as exc:
            raise UsageError(str(exc), print_help=False) from None

    @staticmethod
    def _write(
        out: IO[bytes], exporter: type[BaseItemExporter], records: Any, fields: list[str], corpus: Corpus | None
    ) -> int:
        names = [*fields, "duplicates"] if corpus is not None else fields
        progress = Progress("Dumping")
        export = exporter(out, fields_to_export=names, encoding="utf-8")  # JSON: ensure_ascii off with an encoding
        export.start_exporting()
        count = 0
        for record in records:
            line = {name: record[name] for name in fields}
            if corpus is not None:
                line["duplicates"] = corpus.duplicates_of(record["canonical_url"])
            export.export_item(line)
            count += 1
            progress.advance()
        export.finish_exporting()
        progress.close()
        return count
