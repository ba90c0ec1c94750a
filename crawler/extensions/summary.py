"""Crawl summary: new articles per author, duplicates dropped and time taken, printed when the crawl ends."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, TextIO

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

DROP_LABELS = {
    "dedup/dropped/url": "same canonical URL",
    "dedup/dropped/content": "same body",
    "dedup/dropped/near": "nearly the same body",
    "validate/dropped/no_body": "no body",
    "validate/dropped/too_short": "too short",
    "validate/dropped/missing_field": "missing field",
    "extract/dropped/no_article": "no article found",
    "extract/dropped/error": "extraction error",
    "extract/dropped/worker_died": "extraction worker died",
    "extract/dropped/too_large": "too large to read",
}


def format_summary(per_author: Counter[str], stats: dict[str, Any], elapsed: float) -> str:
    """Return the human summary of one crawl from its per-author counts and Scrapy stats."""
    new = stats.get("item_scraped_count", 0)
    lines = [f"Crawl finished in {elapsed:.1f} s ({stats.get('finish_reason', 'finished')})."]
    seeds_failed = stats.get("seeds/failed", 0)
    if seeds_failed and not stats.get("seeds/read"):
        others = seeds_failed - 1
        more = f" (and {others} other seed{'s' if others > 1 else ''})" if others else ""
        lines.append(f"No seed could be read: {stats.get('seeds/first_failure')}{more}.")
    elif seeds_failed:
        lines.append(f"Seeds not read: {seeds_failed} of {stats.get('seeds/requested', seeds_failed)}"
                     f" (first: {stats.get('seeds/first_failure')}).")
    if new:
        lines.append(f"New articles: {new}")
        width = max(len(name) for name in per_author)
        for name, count in sorted(per_author.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {name:<{width}}  {count}")
    elif not seeds_failed or stats.get("seeds/read"):
        parts = []
        if skipped := stats.get("dedup/skipped_known_url", 0):
            parts.append(f"{skipped} known articles were not fetched again")
        if seen := stats.get("dedup/dropped", 0):
            parts.append(f"{seen} article pages fetched are already in the corpus")
        lines.append("Nothing new" + (": " + "; ".join(parts) if parts else "") + ".")
    dups = stats.get("dedup/dropped", 0)
    detail = ", ".join(
        f"{DROP_LABELS[key]} {stats[key]}" for key in DROP_LABELS if key.startswith("dedup/") and stats.get(key)
    )
    lines.append(f"Duplicates dropped: {dups}" + (f" ({detail})" if detail else ""))
    if failed := stats.get("store/write_failed", 0):
        lines.append(f"NOT STORED: {failed} records; the corpus could not be written (see the error above)."
                     " The crawl stopped; run it again once the disk has room: nothing stored is lost.")
    if updated := stats.get("dedup/new_version", 0):
        lines.append(f"Updated articles (stored as a new version): {updated}")
    other = {DROP_LABELS[k]: stats[k] for k in DROP_LABELS if not k.startswith("dedup/") and stats.get(k)}
    if other:
        lines.append("Other drops: " + ", ".join(f"{label} {n}" for label, n in other.items()))
    if learned := stats.get("template/blocks_learned", 0):
        lines.append(
            f"Site templates: {learned} repeated lines learned; dropped from {stats.get('template/pages_trimmed', 0)}"
            f" pages as they came and from {stats.get('template/stored_cleaned', 0)} stored ones"
        )
    if new and stats.get("dedup/skipped_known_url"):
        lines.append(f"Known articles not fetched again: {stats['dedup/skipped_known_url']}")
    if "store/articles_total" in stats:
        lines.append(f"Corpus: {stats['store/articles_total']} articles in {stats.get('store/path')}")
    return "\n".join(lines)


class CrawlSummary:
    """Count scraped items per author and print the summary to stderr (stdout may carry a feed)."""

    def __init__(self, crawler: Crawler, out: TextIO | None = None) -> None:
        self.crawler = crawler
        self.out = out or sys.stderr
        self.per_author: Counter[str] = Counter()
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        if not crawler.settings.getbool("SUMMARY_ENABLED"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.started = time.monotonic()

    def item_scraped(self, item: Any) -> None:
        for name in ItemAdapter(item).get("authors") or ["(unknown author)"]:
            self.per_author[name] += 1

    def spider_closed(self, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        print(format_summary(self.per_author, stats, time.monotonic() - self.started), file=self.out)
