"""Deduplication stage: drops a record whose canonical URL or exact body is already in the corpus or this run."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.urls import normalize_url
from pipelines.corpus import Corpus


class DedupPipeline:
    """Check canonical URL, then content hash, against the stored corpus (persistent) and this run's items."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.path = crawler.settings.get("CORPUS_DB")
        self.corpus: Corpus | None = None
        # Items accepted in this run but maybe not committed yet (the store runs after us).
        self._urls: set[str] = set()
        self._hashes: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.corpus = Corpus(self.path)

    def close_spider(self) -> None:
        if self.corpus is not None:
            self.corpus.close()

    def _drop(self, adapter: ItemAdapter, reason: str, detail: str) -> DropItem:
        assert self.corpus is not None
        self.stats.inc_value(f"dedup/dropped/{reason}")
        self.stats.inc_value("dedup/dropped")
        # Remembered, so a later run need not fetch this URL again (see SkipKnownArticlesMiddleware).
        self.corpus.add_duplicate(
            normalize_url(adapter["url"]), adapter["canonical_url"], adapter["content_hash"], reason,
            adapter["crawled_at"],
        )
        return DropItem(f"duplicate ({reason}): {detail}")

    def process_item(self, item: Any) -> Any:
        assert self.corpus is not None, "pipeline not opened"
        adapter = ItemAdapter(item)
        url, digest = adapter["canonical_url"], adapter["content_hash"]
        # No await between check and reservation: concurrent items cannot both pass.
        if url in self._urls or self.corpus.has_url(url):
            raise self._drop(adapter, "url", url)
        if digest in self._hashes or self.corpus.has_content(digest):
            raise self._drop(adapter, "content", f"{adapter['url']} has the body of a stored article")
        self._urls.add(url)
        self._hashes.add(digest)
        return item
