"""``scrapy crawl``, with the author spider's seed arguments checked before the crawl starts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler

from crawler.cluster.connection import ClusterError, cluster_url, connect
from crawler.preflight import PreflightError, check_feeds, check_settings
from crawler.seeds import SeedError, parse_seeds
from pipelines.corpus.database import Corpus, CorpusError
from pipelines.corpus.errors import CorpusDamaged
from pipelines.corpus.integrity import corpus_damage, damaged_message


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``; bad seed arguments give a one-line error and exit status 2, not a traceback.

    When no seed could be read (each one a 404, an unknown host, a page with no article...), or the
    corpus is damaged or could not be written, the exit status is 1.

    The project's default feed (``data/articles.jsonl``) applies only when no ``-o``/``-O`` is
    given: Scrapy would otherwise write both, and ``-O jane.jsonl`` means "write jane.jsonl".
    """

    _crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self._crawler = super()._create_crawler(spidercls)
        return self._crawler

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        if (opts.output or opts.overwrite_output) and self.settings is not None:
            self.settings.set("FEEDS", {}, priority="project")
        super().process_options(args, opts)
        if args and args[0] == "author":
            # Before the crawler process exists: the error is the one line printed, no banner above it.
            try:
                self._preflight(opts.spargs)
            except (SeedError, ClusterError, CorpusError, PreflightError) as exc:
                print(f"scrapy crawl: error: {exc}", file=sys.stderr)
                raise SystemExit(1 if isinstance(exc, CorpusDamaged) else 2) from None

    def _preflight(self, spargs: dict[str, str]) -> None:
        """Seeds, cluster, settings, feed files and the corpus, checked before anything is crawled."""
        assert self.settings is not None
        seeded = any(spargs.get(name) for name in ("url", "urls", "urls_file"))
        if seeded or not cluster_url(self.settings):  # a cluster worker may join a crawl without seeds of its own
            parse_seeds(spargs.get("url"), spargs.get("urls"), spargs.get("urls_file"))
        if cluster_url(self.settings):
            connect(cluster_url(self.settings)).close()
        check_settings(self.settings)
        check_feeds(self.settings.getdict("FEEDS"))
        path, seconds = self.settings.get("CORPUS_DB"), self.settings.getfloat("CORPUS_CHECK_SECONDS")
        if seconds > 0 and Path(path).is_file() and (verdict := corpus_damage(path, seconds)):
            raise CorpusDamaged(damaged_message(path, verdict))
        Corpus(path).close()

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = self._crawler.stats if self._crawler is not None else None
        if stats is None:
            return
        if stats.get_value("seeds/failed") and not stats.get_value("seeds/read"):
            self.exitcode = 1  # no seed could be read: the crawl did nothing it was asked to (the summary says why)
        elif stats.get_value("finish_reason") == "store_failed":
            self.exitcode = 1  # the corpus could not be written (a full disk): the summary says how many records
