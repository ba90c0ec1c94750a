"""Store stage: writes each record to the SQLite corpus (``CORPUS_DB``) in its own transaction."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pipelines.corpus import Corpus, CorpusError


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

logger = logging.getLogger(__name__)


class StorePipeline:
    """Insert records into the corpus; a write failure stops the crawl rather than losing records."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = crawler.settings.get("CORPUS_DB")
        self.corpus: Corpus | None = None
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.corpus = Corpus(self.path)
        self.stats.set_value("store/path", str(self.path))
        # Recorded so that monitoring can tell what the latest run added ("new since the last run").
        self._run = self.corpus.start_run(_now())

    def close_spider(self) -> None:
        if self.corpus is not None:
            self.stats.set_value("store/articles_total", self.corpus.count())
            with suppress(CorpusError):
                self.corpus.finish_run(self._run, _now(), self.stats.get_value("store/inserted", 0))
            self.corpus.close()

    def process_item(self, item: Any) -> Any:
        assert self.corpus is not None, "pipeline not opened"
        try:
            inserted = self.corpus.add(ItemAdapter(item).asdict())
        except CorpusError as exc:
            logger.error("%s", exc)
            self.stats.inc_value("store/write_failed")
            # Stop rather than go on crawling pages that cannot be kept; the record is not in the
            # corpus, so the next run fetches it again.
            self._closing = asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="store_failed"))
            raise DropItem(f"not stored: {exc}") from None
        if not inserted:
            self.stats.inc_value("dedup/dropped/url")
            self.stats.inc_value("dedup/dropped")
            raise DropItem("duplicate (url): stored meanwhile")
        self.stats.inc_value("store/inserted")
        return item
