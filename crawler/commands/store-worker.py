"""``scrapy store-worker``: the one process of a cluster that deduplicates, stores and exports records."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.cli import one_line_errors
from crawler.cluster.connection import ClusterError, cluster_url, connect
from pipelines.corpus.database import Corpus, CorpusError


class Command(ScrapyCommand):
    """Drain the item queue of the cluster named by ``CLUSTER_REDIS_URL`` into ``CORPUS_DB`` and ``FEEDS``."""

    requires_project = True

    def syntax(self) -> str:
        return "[-s CLUSTER_REDIS_URL=redis://host:6379/0]"

    def short_desc(self) -> str:
        return "Store the records of a cluster crawl (deduplicate, SQLite corpus, JSON Lines)"

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None and self.crawler_process is not None
        url = cluster_url(self.settings)
        if not url:
            raise UsageError("no cluster: pass -s CLUSTER_REDIS_URL=redis://host:6379/0", print_help=False)
        try:
            connect(url).close()
            Corpus(self.settings.get("CORPUS_DB")).close()
        except (ClusterError, CorpusError) as exc:
            raise UsageError(str(exc), print_help=False) from None
        self.crawler_process.crawl("store-worker")
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
