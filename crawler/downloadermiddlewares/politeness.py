"""Politeness the server asks for: ``Retry-After`` on 429/503, and robots.txt's ``Crawl-delay``."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware:
    """On 429 or 503 with ``Retry-After``: wait that long, then retry (within ``RETRY_TIMES``).

    A wait longer than ``RETRY_AFTER_MAX`` is not honoured by hammering sooner: the page is given up
    and counted. Runs before Scrapy's RetryMiddleware, which would retry at once.
    """

    CODES = (429, 503)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in self.CODES or request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response  # Scrapy's RetryMiddleware retries it as usual
        if wait > self.max_wait:
            self.stats.inc_value("retry_after/too_long")
            logger.warning("%s asks to retry after %.0f s (over RETRY_AFTER_MAX); giving up", request.url, wait)
            request.meta["dont_retry"] = True
            return response
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After")
        if retry is None:  # RETRY_TIMES used up (counted by get_retry_request)
            request.meta["dont_retry"] = True
            return response
        self.stats.inc_value("retry_after/honoured")
        await asyncio.sleep(wait)
        return retry


class CrawlDelayMiddleware:
    """Apply robots.txt's ``Crawl-delay`` to its host's download slot (capped by ``CRAWL_DELAY_MAX``).

    Read when Scrapy parses a robots.txt (the ``robots_parsed`` signal). AutoThrottle is told not to
    lower that host's delay below it.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.cap = crawler.settings.getfloat("CRAWL_DELAY_MAX")
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay:
            return
        host = urlsplit(request.url).hostname or ""
        if delay > self.cap:
            logger.warning("%s asks for a Crawl-delay of %s s; using CRAWL_DELAY_MAX=%s", host, delay, self.cap)
        self.delays[host] = min(float(delay), self.cap)
        self.stats.set_value(f"robotstxt/crawl_delay/{host}", self.delays[host])

    def process_request(self, request: Request) -> None:
        delay = self.delays.get(urlsplit(request.url).hostname or "")
        if delay is None:
            return
        request.meta["autothrottle_dont_adjust_delay"] = True
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None and slot.delay < delay:
            slot.delay = delay
            slot.jitter = 0.0
