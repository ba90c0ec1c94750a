"""TrailingSlashMiddleware: a host that redirects every page to its address with a trailing slash is asked so."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.downloadermiddlewares.trailingslash import ASKED_META, TrailingSlashMiddleware, adds_slash, with_slash


def test_which_addresses_take_a_slash_and_which_redirects_add_only_it() -> None:
    assert with_slash("https://example.org/blog/post") == "https://example.org/blog/post/"
    for url in ("https://example.org/blog/post/", "https://example.org/feed.xml", "https://example.org/p?id=3",
                "https://example.org"):
        assert with_slash(url) is None, url
    assert adds_slash("https://example.org/blog/post", "/blog/post/")
    assert adds_slash("https://example.org/blog/post", "https://example.org/blog/post/")
    assert not adds_slash("https://example.org/blog/post", "https://www.example.org/blog/post/")
    assert not adds_slash("https://example.org/blog/post", "/")
    assert not adds_slash("https://example.org/blog/post", "/login?next=/blog/post/")


def _middleware(after: int = 2) -> TrailingSlashMiddleware:
    crawler = get_crawler(settings_dict={"TRAILING_SLASH_AFTER_REDIRECTS": after})
    crawler.stats.open_spider()
    return TrailingSlashMiddleware.from_crawler(crawler)


def _redirect(mw: TrailingSlashMiddleware, url: str, status: int = 301) -> None:
    request = Request(url)
    mw.process_response(request, Response(url, status=status, headers={"Location": with_slash(url)}, request=request))


def test_two_redirects_teach_the_host_then_its_pages_are_asked_with_the_slash() -> None:
    mw = _middleware()
    _redirect(mw, "http://127.0.0.1:8000/blog/a")
    assert mw.process_request(Request("http://127.0.0.1:8000/blog/b")) is None  # one redirect teaches nothing
    _redirect(mw, "http://127.0.0.1:8000/blog/c", status=302)  # a temporary redirect neither
    assert mw.process_request(Request("http://127.0.0.1:8000/blog/b")) is None
    _redirect(mw, "http://127.0.0.1:8000/blog/d")
    asked = mw.process_request(Request("http://127.0.0.1:8000/blog/b", meta={"x": 1}))
    assert asked.url == "http://127.0.0.1:8000/blog/b/" and asked.meta == {"x": 1, ASKED_META: "http://127.0.0.1:8000/blog/b"}
    assert mw.process_request(asked) is None  # not asked again
    assert mw.process_request(Request("http://127.0.0.1:8000/feed.xml")) is None
    assert mw.process_request(Request("http://127.0.0.2:8000/blog/b")) is None  # another host
    assert mw.stats.get_value("redirects/trailing_slash_added") == 1


def test_a_page_not_found_with_the_slash_is_asked_as_given_and_the_host_untaught() -> None:
    mw = _middleware()
    for path in ("a", "b"):
        _redirect(mw, f"http://127.0.0.1:8000/{path}")
    asked = mw.process_request(Request("http://127.0.0.1:8000/about"))
    again = mw.process_response(asked, Response(asked.url, status=404, request=asked))
    assert again.url == "http://127.0.0.1:8000/about" and again.dont_filter and ASKED_META not in again.meta
    assert mw.process_request(Request("http://127.0.0.1:8000/contact")) is None
    _redirect(mw, "http://127.0.0.1:8000/c")
    _redirect(mw, "http://127.0.0.1:8000/d")
    assert mw.process_request(Request("http://127.0.0.1:8000/contact")) is None  # not taught again
    assert mw.stats.get_value("redirects/trailing_slash_reverted") == 1


def test_zero_switches_it_off() -> None:
    with pytest.raises(NotConfigured):
        _middleware(after=0)
