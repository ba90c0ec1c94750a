"""A hostile web: every bad page gets a counted, logged outcome; nothing crashes, hangs or leaks."""

from __future__ import annotations

from itertools import pairwise

import pytest
from scrapy.resolver import dnscache
from twisted.python.failure import Failure

from crawler.downloadermiddlewares.addresses import is_public_address
from crawler.downloadermiddlewares.politeness import retry_after_seconds
from crawler.downloadermiddlewares.resolver import PrivateAddressRefused, PublicOnlyResolver
from tests.conftest import solo
from tests.site.content import CARLA
from tests.site.hostile import BAD, GOOD, JAPANESE, LATIN, serve_hostile
from tests.site.hostile_archives import SEEDS
from tests.site.themes import Page, article_url

LIMITS = {
    "DOWNLOAD_MAXSIZE": 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 256 * 1024,
    "DOWNLOAD_TIMEOUT": 3,
    "RETRY_TIMES": 1,
}


@pytest.fixture
def hostile():
    with serve_hostile() as site:
        yield site


def test_addresses_and_retry_after_parsing() -> None:
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254", "::1", "fe80::1",
                    "fd00::1", "100.64.1.1", "0.0.0.0", "224.0.0.1", "::ffff:127.0.0.1"):
        assert not is_public_address(address), address
    for address in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"):
        assert is_public_address(address), address
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past: no wait


def test_hostile_site_gives_counted_outcomes(hostile, crawl) -> None:
    result = crawl(settings=LIMITS, url=hostile.base_url + "/seed")
    stored = {item["url"].removeprefix(hostile.base_url): item for item in result.items}
    assert set(stored) == GOOD | {"/seed"}
    stats = result.stats
    assert stats["finish_reason"] == "finished"

    # Charsets: declared only in the page (Windows-1252), Shift_JIS, UTF-8 with a BOM.
    assert JAPANESE[:20] in stored["/sjis"]["text"]
    assert LATIN in stored["/cp1252"]["text"]
    assert "\ufeff" not in stored["/bom"]["text"] and "✓" in stored["/bom"]["text"]
    assert stored["/malformed"]["word_count"] > 50 and stored["/truncated"]["authors"] == ["Hana Sato"]

    hits = hostile.hits
    assert hits["/gone404"] == 1 and hits["/gone410"] == 1  # recorded, never retried
    assert hits["/err500"] == 1 + LIMITS["RETRY_TIMES"]  # retried, bounded
    assert hits["/private/secret"] == 0  # robots.txt is obeyed
    assert hits["/loop-a"] <= 5 and hits["/loop-b"] <= 5
    first, second = hostile.times["/ratelimited"]
    assert hits["/ratelimited"] == 2 and second - first >= 0.9  # Retry-After: 1 was honoured
    assert hostile.other_hits == {}  # no redirect reached 127.0.0.1:other, localhost or 169.254.169.254

    assert stats["retry_after/honoured"] == 1
    assert stats["ssrf/refused"] >= 3  # /offsite (to localhost), /to-metadata, /to-loopback
    assert stats["discovery/not_html"] >= 1  # the PDF
    assert stats["extract/dropped/no_article"] >= 2  # binary junk served as HTML, the empty page
    failed = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("discovery/article_failed/")}
    assert failed["http_404"] == failed["http_410"] == failed["http_500"] == 1
    assert failed["DownloadTimeoutError"] == 1  # the page that stalls mid-body (after its retry)
    assert failed["DownloadCancelledError"] == 1  # over DOWNLOAD_MAXSIZE
    # Refused before download: three private redirects, robots.txt's disallowed page, the gzip bomb
    # (decompressed past DOWNLOAD_MAXSIZE).
    assert failed["IgnoreRequest"] == 5 and stats["robotstxt/forbidden"] == 1 and hits["/bomb"] == 1
    # Every bad page is accounted for: failed, refused, not HTML, no article, or a redirect loop given up.
    accounted = sum(failed.values()) + stats["discovery/not_html"] + stats["extract/dropped/no_article"]
    assert accounted == len(BAD) - 1  # and the redirect loop, which ends at the duplicate filter
    assert stats["dupefilter/filtered"] >= 1
    assert stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] == 1
    assert "Traceback" not in result.log


def test_the_connection_itself_refuses_a_name_that_turns_private(hostile, crawl) -> None:
    # DNS rebinding: the name looked public when checked before the download; the resolver the
    # connection goes through checks the address it connects to.
    guard = {"crawler.downloadermiddlewares.privateaddresses.PrivateAddressMiddleware": None,
             "tests.site.hostile.FirstAnswerPublic": 40}
    result = crawl(settings={**LIMITS, "DOWNLOAD_TIMEOUT": 1, "DOWNLOADER_MIDDLEWARES": guard},
                   url=hostile.base_url + "/seed")
    assert hostile.other_hits == {}
    assert result.stats["ssrf/refused_at_connect"] >= 1  # /offsite's redirect to localhost
    assert "Refused to connect to localhost" in result.log and "Traceback" not in result.log
    assert {item["url"].removeprefix(hostile.base_url) for item in result.items} >= {"/seed"}


def test_resolver_fails_lookups_that_answer_a_private_address() -> None:
    resolver = PublicOnlyResolver(reactor=None, cache_size=10, timeout=1.0)
    resolver.allow(["seed.test"])
    dnscache.update({"public.test": "93.184.216.34", "rebound.test": "127.0.0.1", "seed.test": "10.0.0.5"})
    answers: dict[str, object] = {}
    for name in ("public.test", "rebound.test", "seed.test"):
        resolver.getHostByName(name).addBoth(lambda result, name=name: answers.__setitem__(name, result))
    assert answers["public.test"] == "93.184.216.34" and answers["seed.test"] == "10.0.0.5"
    assert isinstance(answers["rebound.test"], Failure) and answers["rebound.test"].check(PrivateAddressRefused)
    resolver.check = False  # ALLOW_PRIVATE_ADDRESSES
    resolver.getHostByName("rebound.test").addBoth(lambda result: answers.__setitem__("allowed", result))
    assert answers["allowed"] == "127.0.0.1"


def test_article_links_that_redirect_to_another_site_are_not_kept(hostile, crawl) -> None:
    # With private addresses allowed, the redirects reach the other local server: a different site.
    settings = {**LIMITS, "ALLOW_PRIVATE_ADDRESSES": True, "DOWNLOAD_TIMEOUT": 1}
    result = crawl(settings=settings, url=hostile.base_url + "/seed")
    assert set(hostile.other_hits) == {"/robots.txt", "/elsewhere", "/admin"}
    assert result.stats["discovery/redirected_offsite"] == 2
    assert not any(item["url"].startswith("http://localhost") for item in result.items)
    assert all(item["url"].startswith(hostile.base_url) for item in result.items)


def test_slow_extraction_is_dropped_by_the_time_limit(web, crawl) -> None:
    blog = web["blog"]
    result = crawl(settings={"EXTRACTION_TIME_LIMIT": 0.0001}, url=article_url(blog.site, solo(blog.site, CARLA)))
    assert result.items == []
    assert result.stats["extract/dropped/timeout"] == result.stats["item_dropped_count"] >= 3
    assert "Traceback" not in result.log


def test_robots_crawl_delay_is_applied(web, crawl) -> None:
    blog = web["blog"]
    blog.routes["/robots.txt"] = Page("User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    result = crawl(url=article_url(blog.site, solo(blog.site, CARLA)))
    assert len(result.items) == len(blog.site.by(CARLA))
    times = [t for t, path in blog.log if path != "/robots.txt"]
    gaps = [b - a for a, b in pairwise(times)]
    assert len(gaps) >= 3 and min(gaps) >= 0.9
    assert result.stats["robotstxt/crawl_delay/127.0.0.1"] == 1.0


def test_hostile_archives_are_read_in_bounded_work(hostile, crawl) -> None:
    seeds = [hostile.base_url + path for path in SEEDS.values()]
    caps = {"AUTHOR_MAX_ARCHIVE_PAGES": 5, "AUTHOR_MAX_LINKS_PER_PAGE": 25}
    result = crawl(settings={**LIMITS, **caps}, urls=",".join(seeds))
    assert sorted(item["url"] for item in result.items) == sorted(seeds)
    hits, stats = hostile.hits, result.stats

    def fetched(prefix: str) -> list[str]:
        return [path for path in hits if path.startswith(prefix)]

    # Nested entries (quadratic to read naively) and a page of 10,000 links: the first 25 of each.
    assert len(fetched("/nested/")) == len(fetched("/huge/")) == 25
    assert stats["discovery/page_link_cap_reached"] == 2
    # Two "next" links on every page: one is judged the next page, and five pages are read in all.
    branching = fetched("/author/branching/")
    assert len(branching) == 5 and all("b" not in path.partition("p=")[2] for path in branching)
    assert stats["discovery/archive_page_cap_reached"] == 1
    assert stats["finish_reason"] == "finished" and "Traceback" not in result.log
