"""SkipKnownArticlesMiddleware: what a repeat crawl does not fetch again."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from crawler.downloadermiddlewares.skipknown import ARTICLE_META, PREVIOUS_PAGE_LINKS_META, SkipKnownArticlesMiddleware
from pipelines.corpus.database import Corpus
from tests.conftest import record

OLD, NOW = "2020-01-01T00:00:00+00:00", "2099-01-01T00:00:00+00:00"


@pytest.fixture
def middleware(tmp_path):
    db = tmp_path / "corpus.sqlite3"
    corpus = Corpus(db)
    corpus.add(record(1, crawled_at=OLD))  # from an earlier run
    corpus.add(record(2, crawled_at=NOW))  # stored during this run
    corpus.add_duplicate("https://example.com/?p=7", "https://example.com/1", "hash1", "url", OLD)
    corpus.close()
    crawler = get_crawler(settings_dict={"CORPUS_DB": str(db), "SKIP_KNOWN_ARTICLES": True})
    crawler.stats.open_spider()
    mw = SkipKnownArticlesMiddleware.from_crawler(crawler)
    mw.spider_opened()
    mw.run_started = "2026-01-01T00:00:00+00:00"
    yield mw
    mw.spider_closed()


def test_known_articles_are_not_fetched(middleware) -> None:
    for url in ("https://example.com/1", "https://example.com/1?utm_source=x", "https://example.com/?p=7"):
        with pytest.raises(IgnoreRequest):
            middleware.process_request(Request(url, meta={ARTICLE_META: True}))
    assert middleware.process_request(Request("https://example.com/3", meta={ARTICLE_META: True})) is None
    # Seeds and hubs carry no article mark: always fetched.
    assert middleware.process_request(Request("https://example.com/1")) is None
    assert middleware.stats.get_value("dedup/skipped_known_url") == 3


def test_paging_stops_only_on_pages_known_from_earlier_runs(middleware) -> None:
    def next_page(*previous: str) -> Request:
        return Request("https://example.com/author/x/page/3/", meta={PREVIOUS_PAGE_LINKS_META: list(previous)})

    with pytest.raises(IgnoreRequest):
        middleware.process_request(next_page("https://example.com/1", "https://example.com/?p=7"))
    # Article 2 was stored by this very run: that says nothing about the pages after it.
    assert middleware.process_request(next_page("https://example.com/1", "https://example.com/2")) is None
    assert middleware.process_request(next_page("https://example.com/1", "https://example.com/new")) is None
    assert middleware.stats.get_value("dedup/archive_paging_stopped") == 1
