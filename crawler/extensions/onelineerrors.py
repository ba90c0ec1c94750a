"""Network failures that Scrapy's robots.txt middleware logs with a traceback, logged as one line.

A site that is down, or a host name that does not resolve, is a fact about the site, not a bug in
the crawler: the request's own outcome is counted and reported where it failed (the seed's error,
``discovery/article_failed/...``). Tracebacks of anything else are left alone.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

#: Loggers whose download errors carry a traceback that says nothing a user can act on.
LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)


class _NetworkErrorsOnOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and _is_network_error(record.exc_info[1]):
            record.exc_info = None
            record.exc_text = None
        return True


def _is_network_error(error: BaseException | None) -> bool:
    """A failure to reach or read from a host (refused, reset, timed out, no such name), not a bug."""
    while error is not None:
        if isinstance(error, OSError | ConnectionError | TimeoutError):
            return True
        module = type(error).__module__
        if module.startswith(("twisted.internet.error", "twisted.web._newclient")) or (
            module.startswith("scrapy") and type(error).__name__.startswith("Download")
        ):
            return True
        error = error.__cause__
    return False


class OneLineErrors:
    """Install the filter on the loggers above for the crawl (``ONE_LINE_NETWORK_ERRORS``)."""

    def __init__(self) -> None:
        self.filter = _NetworkErrorsOnOneLine()
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OneLineErrors:
        if not crawler.settings.getbool("ONE_LINE_NETWORK_ERRORS"):
            raise NotConfigured
        return cls()
