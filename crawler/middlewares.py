"""Downloader middlewares of the project."""

from __future__ import annotations

from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.urls import normalize_url
from pipelines.corpus import Corpus

#: Request meta key the spider sets on article requests (never on seeds or hubs).
ARTICLE_META = "author_article"


class SkipKnownArticlesMiddleware:
    """Do not fetch an article URL the corpus already holds (stored, canonical, or dropped as a duplicate).

    Seeds and hubs (author archives) are always fetched: a repeat crawl needs them to find what is new.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.path = crawler.settings.get("CORPUS_DB")
        self.corpus: Corpus | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipKnownArticlesMiddleware:
        if not crawler.settings.getbool("SKIP_KNOWN_ARTICLES"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self) -> None:
        self.corpus = Corpus(self.path)

    def spider_closed(self) -> None:
        if self.corpus is not None:
            self.corpus.close()

    def process_request(self, request: Request) -> Any:
        if not request.meta.get(ARTICLE_META) or self.corpus is None:
            return None
        if self.corpus.knows_url(normalize_url(request.url)):
            self.stats.inc_value("dedup/skipped_known_url")
            raise IgnoreRequest(f"already in the corpus: {request.url}")
        return None
