"""The DNS resolver the reactor connects through: it hands out public addresses only.

``PrivateAddressMiddleware`` refuses a request whose host resolves to a private address, but it
asks DNS before the download, and the download asks again when it connects: a name whose answer
changes in between (DNS rebinding) would pass the first check and connect to the second answer.
This resolver is what the connection itself uses (``TWISTED_DNS_RESOLVER``), so the address it
checks is the address connected to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from crawler.downloadermiddlewares.addresses import is_public_address

logger = logging.getLogger(__name__)


class PrivateAddressRefused(DNSLookupError):
    """A name resolved to an address the crawler may not reach; to the downloader, a failed lookup."""


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, failing any lookup whose answer is not a public address.

    Hosts passed to ``allow`` (the seeds' own, bound by ``PrivateAddressMiddleware``) and the
    proxies named in the environment may resolve anywhere. ``ALLOW_PRIVATE_ADDRESSES`` turns the
    check off.
    """

    def __init__(self, reactor: Any, cache_size: int, timeout: float, check: bool = True) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.check = check
        self.allowed: set[str] = set()
        self.on_refused: Callable[[str, str], None] = _log_refused

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PublicOnlyResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.check = not crawler.settings.getbool("ALLOW_PRIVATE_ADDRESSES")
        resolver.allow(host for proxy in getproxies().values() if (host := urlsplit(proxy).hostname))
        return resolver

    def allow(self, hosts: Iterable[str], on_refused: Callable[[str, str], None] | None = None) -> None:
        """Let ``hosts`` resolve to any address; call ``on_refused(host, address)`` on each refusal."""
        self.allowed.update(host.lower() for host in hosts)
        if on_refused is not None:
            self.on_refused = on_refused

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        answer = super().getHostByName(name, timeout)
        if self.check and name.lower() not in self.allowed:
            answer.addCallback(self._public_only, name)
        return answer

    def _public_only(self, address: str, name: str) -> str:
        if is_public_address(address):
            return address
        self.on_refused(name, address)
        raise PrivateAddressRefused(f"{name} resolves to {address}, not a public address")


def _log_refused(host: str, address: str) -> None:
    logger.warning("Refused to connect to %s: it resolves to %s, not a public address", host, address)
