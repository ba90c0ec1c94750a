"""URL canonicalisation and site identity: pure functions, no Scrapy."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from tldextract import TLDExtract
from w3lib.url import canonicalize_url, url_query_cleaner

# Query parameters that only track the visitor; the page is the same without them.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_hsenc",
        "_hsmi",
        "igshid",
        "ref",
        "ref_src",
        "amp",
    }
)
_TRACKING_PREFIXES = ("utm_",)
_AMP_SUFFIX = re.compile(r"/amp/?$")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


@lru_cache(maxsize=8192)
def normalize_url(url: str) -> str:
    """Return the canonical form of ``url``: no fragment, tracking parameters, AMP suffix or default port (cached:
    a page links an address again and again, a crawl its site's pages)."""
    parts = urlsplit(url.strip())
    query_names = [pair.split("=", 1)[0] for pair in parts.query.split("&") if pair]
    tracking = [name for name in query_names if _is_tracking(name)]
    if tracking:
        url = url_query_cleaner(url, tracking, remove=True, keep_fragments=False)
        parts = urlsplit(url)
    path = _AMP_SUFFIX.sub("/", parts.path) or "/"
    netloc = parts.netloc.lower()
    if parts.port is not None and (
        (parts.scheme == "http" and parts.port == 80)
        or (parts.scheme == "https" and parts.port == 443)
    ):
        netloc = netloc.rsplit(":", 1)[0]
    rebuilt = urlunsplit((parts.scheme.lower(), netloc, path, parts.query, ""))
    return canonicalize_url(rebuilt, keep_fragments=False)


def site_of(url: str) -> str:
    """Return the site key of ``url``: lower-case host (and non-default port), without ``www.``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    default = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port is not None and parts.port != default:
        return f"{host}:{parts.port}"
    return host


def same_site(url_a: str, url_b: str) -> bool:
    """Return True when both URLs belong to the same site."""
    return site_of(url_a) == site_of(url_b)


def same_domain(url_a: str, url_b: str) -> bool:
    """Return True when both URLs' hosts are on one registered domain ("blog.example.co.uk", "example.co.uk");
    False when either is malformed ("https://[ccpa-preferences]")."""
    try:
        host_a, host_b = urlsplit(url_a).hostname, urlsplit(url_b).hostname
    except ValueError:
        return False
    return bool(host_a and host_b) and registered_domain(host_a) == registered_domain(host_b)


# The Public Suffix List as tldextract ships it: never fetched (a crawl reads no list from the network).
_SUFFIXES = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """The domain a host is registered under ("example.co.uk" of "www.example.co.uk"), or the host itself (an IP
    address, "localhost")."""
    return _SUFFIXES(host.lower()).top_domain_under_public_suffix or host.lower()


def is_http_url(url: str) -> bool:
    """Return True for absolute http(s) URLs."""
    return urlsplit(url).scheme in {"http", "https"} and bool(urlsplit(url).hostname)
