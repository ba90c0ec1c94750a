"""The author spider's seeds: each one read, or failed with a reason the user can act on.

A mixin of the author spider, like ``crawler.spiders.probes``. Outcomes go to the stats collector
(``seeds/requested``, ``seeds/read``, ``seeds/failed`` and the first failure as text), where the crawl
summary and the ``crawl`` command's exit status read them.
"""

from __future__ import annotations

from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

#: Request meta marking a seed's own request (an article page or an author archive).
SEED_META = "author_seed"


def failure_reason(error: BaseException) -> str:
    """A short, plain reason for a failed request: "HTTP 404", "host name not found", "timed out"..."""
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    name = type(error).__name__
    if isinstance(error, DNSLookupError) or "ResolveHost" in name or "DNSLookup" in name:
        return "host name not found"
    if isinstance(error, ConnectionRefusedError) or "ConnectionRefused" in name:
        return "connection refused"
    if isinstance(error, TimeoutError | TCPTimedOutError) or "Timeout" in name or "TimedOut" in name:
        return "timed out"
    if isinstance(error, IgnoreRequest):
        return str(error) or "refused"
    return name


class SeedOutcomes:
    """Seed requests with an errback, and each seed's outcome counted once."""

    def _seed_request(self, url: str) -> scrapy.Request:
        self.crawler.stats.inc_value("seeds/requested")
        return scrapy.Request(
            url, self.parse_article, cb_kwargs={"via": "seed", "key": None}, errback=self._seed_failed,
            meta={SEED_META: True},
        )

    def _seed_failed(self, failure: Any) -> None:
        self._seed_outcome(failure.request.url, failure_reason(failure.value))

    def _seed_outcome(self, url: str, reason: str | None = None) -> None:
        """Count a seed as read (``reason`` None) or failed, with the first failure kept as text for the summary."""
        stats = self.crawler.stats
        if reason is None:
            stats.inc_value("seeds/read")
            return
        stats.inc_value("seeds/failed")
        if stats.get_value("seeds/first_failure") is None:
            stats.set_value("seeds/first_failure", f"{url} ({reason})")
        self.logger.error("Seed not read: %s (%s)", url, reason)
