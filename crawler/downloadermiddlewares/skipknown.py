"""Repeat crawls fetch only what is new: article URLs the corpus knows are not fetched again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.urls import normalize_url
from pipelines.corpus.database import Corpus

#: Request meta key the spider sets on article requests (never on seeds or hubs).
ARTICLE_META = "author_article"
#: Request meta key on an archive's next-page request: the article links of the page before it.
PREVIOUS_PAGE_LINKS_META = "author_previous_page_links"


class KnownToTheCorpus(IgnoreRequest):
    """A request not sent because the corpus already answers it: a repeat crawl's success, not a failure."""


class SkipKnownArticlesMiddleware:
    """Make repeat crawls incremental, from what the corpus already holds.

    - An article URL the corpus knows (stored, canonical, or dropped as a duplicate) is not fetched.
    - An archive's next page is not fetched when every article on the page before it is known:
      archives list newest first, so past the first page with nothing new there is nothing new.

    Seeds and first archive pages are always fetched: that is where new articles appear.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.path = crawler.settings.get("CORPUS_DB")
        self.corpus: Corpus | None = None
        self.run_started = ""
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipKnownArticlesMiddleware:
        if not crawler.settings.getbool("SKIP_KNOWN_ARTICLES"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self) -> None:
        self.corpus = Corpus(self.path)
        self.run_started = datetime.now(UTC).isoformat(timespec="seconds")
        # Articles stored by a crawl that was cut short do not show that an archive was read to its
        # end: paging stops early only on what was known before such a crawl.
        interrupted = self.corpus.interrupted_since()
        if interrupted is not None and interrupted < self.run_started:
            self.run_started = interrupted

    def spider_closed(self) -> None:
        if self.corpus is not None:
            self.corpus.close()

    def process_request(self, request: Request) -> Any:
        if self.corpus is None:
            return None
        if request.meta.get(ARTICLE_META) and self.corpus.knows_url(normalize_url(request.url)):
            self.stats.inc_value("dedup/skipped_known_url")
            raise KnownToTheCorpus(f"already in the corpus: {request.url}")
        previous = request.meta.get(PREVIOUS_PAGE_LINKS_META)
        # Known from earlier runs only: articles this run stored on its way say nothing about page N+1.
        if previous and all(self.corpus.knows_url(normalize_url(url), before=self.run_started) for url in previous):
            self.stats.inc_value("dedup/archive_paging_stopped")
            raise KnownToTheCorpus(f"nothing new on the page before {request.url}")
        return None
