"""A host that answers every address of a page without its trailing slash with a redirect to the one with it (static
hosts serving a site's folders, whose pages link each other without the slash: Docusaurus's) is asked with the slash
at once, once it has done so a few times: one request a page instead of two."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

logger = logging.getLogger(__name__)

#: Request meta key of a request whose slash was added here: the address the spider asked for.
ASKED_META = "trailing_slash_asked"
_PERMANENT = (301, 308)


def with_slash(url: str) -> str | None:
    """``url`` with a trailing slash, where it names a folder-like page: no slash, no query, no file extension."""
    parts = urlsplit(url)
    last = parts.path.rsplit("/", 1)[-1]
    if not last or "." in last or parts.query:
        return None
    return urlunsplit(parts._replace(path=parts.path + "/"))


def adds_slash(url: str, location: str) -> bool:
    """Whether a redirect from ``url`` to ``location`` (relative or not) only adds the path's trailing slash."""
    return with_slash(url) == urljoin(url, location).split("#", 1)[0]


class TrailingSlashMiddleware:
    """Learn, per host, that addresses without their trailing slash are redirected to it; then add it beforehand.

    ``TRAILING_SLASH_AFTER_REDIRECTS`` permanent redirects that only add the slash teach it (0 switches this off).
    Where an address asked with the slash is not found (404), the host is not taught again and the address is
    asked as the spider gave it.
    """

    def __init__(self, crawler: Crawler, after: int) -> None:
        self.stats = crawler.stats
        self.after = after
        self.seen: dict[str, int] = {}
        self.learned: set[str] = set()
        self.refused: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrailingSlashMiddleware:
        after = crawler.settings.getint("TRAILING_SLASH_AFTER_REDIRECTS")
        if after <= 0:
            raise NotConfigured
        return cls(crawler, after)

    def process_request(self, request: Request) -> Any:
        host = urlsplit(request.url).netloc
        if host not in self.learned or ASKED_META in request.meta or (slashed := with_slash(request.url)) is None:
            return None
        self.stats.inc_value("redirects/trailing_slash_added")
        return request.replace(url=slashed, meta={**request.meta, ASKED_META: request.url})

    def process_response(self, request: Request, response: Response) -> Any:
        host = urlsplit(request.url).netloc
        if response.status == 404 and (asked := request.meta.get(ASKED_META)):
            # The host serves this page without the slash: ask as the spider did, and add no more slashes there.
            self.learned.discard(host)
            self.refused.add(host)
            self.stats.inc_value("redirects/trailing_slash_reverted")
            meta = {key: value for key, value in request.meta.items() if key != ASKED_META}
            return request.replace(url=asked, meta=meta, dont_filter=True)
        location = response.headers.get("Location")
        if response.status in _PERMANENT and location and host not in self.refused and host not in self.learned \
                and adds_slash(request.url, location.decode("latin-1")):
            self.seen[host] = self.seen.get(host, 0) + 1
            if self.seen[host] >= self.after:
                self.learned.add(host)
                self.stats.inc_value("redirects/trailing_slash_learned")
                logger.info("%s redirects pages to their address with a trailing slash: asking so", host)
        return response
