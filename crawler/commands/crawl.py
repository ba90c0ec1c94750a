"""``scrapy crawl``, with the author spider's seed arguments checked before the crawl starts."""

from __future__ import annotations

import argparse

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError

from crawler.cluster.connection import ClusterError, cluster_url, connect
from crawler.seeds import SeedError, parse_seeds
from pipelines.corpus import Corpus, CorpusError


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``; bad seed arguments give a one-line error and exit status 2, not a traceback.

    When no seed could be read (each one a 404, an unknown host, a page with no article...), the exit
    status is 1.

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

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == "author":
            spargs = opts.spargs
            assert self.settings is not None
            seeded = any(spargs.get(name) for name in ("url", "urls", "urls_file"))
            try:  # a cluster worker may join a crawl without seeds of its own
                if seeded or not cluster_url(self.settings):
                    parse_seeds(spargs.get("url"), spargs.get("urls"), spargs.get("urls_file"))
            except SeedError as exc:
                raise UsageError(str(exc), print_help=False) from None
            if cluster_url(self.settings):
                try:
                    connect(cluster_url(self.settings)).close()
                except ClusterError as exc:
                    raise UsageError(str(exc), print_help=False) from None
            try:  # an unusable CORPUS_DB is a one-line error before the crawl, not a traceback inside it
                Corpus(self.settings.get("CORPUS_DB")).close()
            except CorpusError as exc:
                raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
        stats = self._crawler.stats if self._crawler is not None else None
        if stats is not None and stats.get_value("seeds/failed") and not stats.get_value("seeds/read"):
            self.exitcode = 1  # no seed could be read: the crawl did nothing it was asked to (the summary says why)
