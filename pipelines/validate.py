"""Validation stage: drops records that are not articles, counting each reason in the stats."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

REQUIRED = ("url", "canonical_url", "site", "content_hash")


class ValidationPipeline:
    """Drop records with no body, a body shorter than ``VALIDATE_MIN_WORDS``, or missing identity fields."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.min_words = crawler.settings.getint("VALIDATE_MIN_WORDS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def _drop(self, reason: str, detail: str) -> DropItem:
        self.stats.inc_value(f"validate/dropped/{reason}")
        return DropItem(f"invalid ({reason}): {detail}")

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        missing = [name for name in REQUIRED if not adapter.get(name)]
        if missing:
            raise self._drop("missing_field", ", ".join(missing))
        if not (adapter.get("text") or "").strip():
            raise self._drop("no_body", "empty text")
        words = adapter.get("word_count") or 0
        if words < self.min_words:
            raise self._drop("too_short", f"{words} words < {self.min_words}")
        return item
