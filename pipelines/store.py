"""Store stage: writes each record to the SQLite corpus (``CORPUS_DB``) in its own transaction.

Writes run in the stage's own thread, in arrival order: a commit that waits for the disk, or for
the dedup stage's write lock, waits there and not on the reactor.
"""

from __future__ import annotations

import json
import logging
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pipelines.corpus.database import CorpusError
from pipelines.corpusstage import CorpusStage


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

logger = logging.getLogger(__name__)


class StorePipeline(CorpusStage):
    """Insert records into the corpus; a write failure stops the crawl rather than losing records."""

    stage = "store"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        super().open_spider()
        self.stats.set_value("store/path", str(self.path))
        # Recorded so that monitoring can tell what the latest run added ("new since the last run"), and
        # so that a crawl cut short is known as such (see SkipKnownArticlesMiddleware).
        seeds = sorted(getattr(self.crawler.spider, "seeds", None) or [])
        self._run = self.corpus.start_run(_now(), json.dumps(seeds))

    def _close(self) -> None:
        """Wait for the stage's thread and count the corpus (a scan of a large table), off the reactor."""
        super()._close()
        if self.corpus is not None:
            self.stats.set_value("store/articles_total", self.corpus.count())

    def spider_closed(self, reason: str) -> None:
        """Record how the run ended (after the pipelines closed, when the reason is known)."""
        if self.corpus is not None:
            with suppress(CorpusError):
                self.corpus.finish_run(self._run, _now(), self.stats.get_value("store/inserted", 0), reason)
            self.corpus.close()
            self.corpus = None

    async def process_item(self, item: Any) -> Any:
        assert self.corpus is not None, "pipeline not opened"
        record = ItemAdapter(item).asdict()
        try:
            inserted = await self.thread.run(self.corpus.add, record)
        except CorpusError as exc:
            raise self.stopper.stop(exc) from None
        return self._counted(item, inserted)

    def add(self, item: Any) -> Any:
        """Store one record now, in the calling thread (``process_item`` is the crawl's way)."""
        assert self.corpus is not None, "pipeline not opened"
        try:
            inserted = self.corpus.add(ItemAdapter(item).asdict())
        except CorpusError as exc:
            raise self.stopper.stop(exc) from None
        return self._counted(item, inserted)

    def _counted(self, item: Any, inserted: bool) -> Any:
        if not inserted:
            self.stats.inc_value("dedup/dropped/url")
            self.stats.inc_value("dedup/dropped")
            raise DropItem("duplicate (url): stored meanwhile")
        self.stats.inc_value("store/inserted")
        return item
