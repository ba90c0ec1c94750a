"""What the stages that work on the corpus share: the corpus, a thread of their own, a stop on write failure."""

from __future__ import annotations

import asyncio

from scrapy.crawler import Crawler

from pipelines.corpus.database import Corpus
from pipelines.stagethread import StageThread
from pipelines.stopping import CrawlStopper


class CorpusStage:
    """Base of the template, dedup and store stages: opens the corpus with the spider and works in one
    thread (``StageThread``) off the reactor; a write that fails stops the crawl (``CrawlStopper``).

    Subclasses set ``stage`` (the thread's name), extend ``open_spider`` and ``_close`` (run in a thread
    when the spider closes, after the stage's thread is stopped).
    """

    stage = "corpus"

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = crawler.settings.get("CORPUS_DB")
        self.corpus: Corpus | None = None
        self.thread = StageThread(self.stage, self.stats)
        self.stopper = CrawlStopper(crawler)

    def open_spider(self) -> None:
        self.corpus = Corpus(self.path)
        self.thread.start()

    async def close_spider(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        """Wait for the stage's thread (off the reactor)."""
        self.thread.stop()
