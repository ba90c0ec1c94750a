"""The private-address guard: requests to private, loopback, link-local and metadata addresses are refused."""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.downloadermiddlewares.addresses import is_ip_literal, is_public_address
from crawler.downloadermiddlewares.resolver import PublicOnlyResolver

logger = logging.getLogger(__name__)


class PrivateAddressMiddleware:
    """Refuse requests to private, loopback, link-local and metadata addresses (checked after DNS).

    Links come from pages the crawler does not trust: without this, a page (or a redirect) could
    point it at the cloud metadata service or at services inside the network. The seeds' own hosts
    are allowed, so a crawl of a site on the local network still works; ``ALLOW_PRIVATE_ADDRESSES``
    allows everything. Redirects pass through here again, so they are checked too.

    This check runs before the download; ``crawler.downloadermiddlewares.resolver.PublicOnlyResolver`` checks again the
    address the connection uses (a name may answer differently the second time). This middleware
    tells that resolver the seeds' hosts and counts its refusals.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.allowed: set[str] = set()
        self._verdicts: dict[str, bool] = {}
        self.resolver: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        if crawler.settings.getbool("ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        seeds = [urlsplit(seed) for seed in getattr(spider, "seeds", [])]
        self.allowed = {seed.netloc.lower() for seed in seeds}
        from twisted.internet import reactor  # the installed one; importing it earlier would install the default

        self.resolver = getattr(reactor, "resolver", None)
        if isinstance(self.resolver, PublicOnlyResolver):
            self.resolver.allow((seed.hostname for seed in seeds if seed.hostname), self._refused_at_connect)

    async def resolves_to_public(self, host: str, port: int) -> bool:
        """True when every address ``host`` resolves to now is public."""
        return await _resolves_to_public(host, port)

    def _refused_at_connect(self, host: str, address: str) -> None:
        self.stats.inc_value("ssrf/refused_at_connect")
        logger.warning("Refused to connect to %s: it now resolves to %s, not a public address", host, address)

    async def process_request(self, request: Request) -> None:
        proxy = urlsplit(request.meta.get("proxy") or "").hostname
        if proxy and isinstance(self.resolver, PublicOnlyResolver):
            self.resolver.allow([proxy])  # a proxy the project's own code chose, not a page
        parts = urlsplit(request.url)
        if parts.netloc.lower() in self.allowed or not parts.hostname:
            return
        host = parts.hostname
        if host not in self._verdicts:
            self._verdicts[host] = await self.resolves_to_public(host, parts.port or 0)
        if not self._verdicts[host]:
            self.stats.inc_value("ssrf/refused")
            logger.warning("Refused %s: %s is not a public address", request.url, host)
            raise IgnoreRequest(f"not a public address: {host}")


async def _resolves_to_public(host: str, port: int) -> bool:
    """True when every address ``host`` resolves to is public (an unresolvable name is left to the downloader)."""
    if is_ip_literal(host):
        return is_public_address(host.strip("[]"))
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port or None, type=socket.SOCK_STREAM)
    except OSError:
        return True  # the download fails with a DNS error, counted as such
    return all(is_public_address(info[4][0]) for info in infos)
