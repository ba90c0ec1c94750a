"""Author names and identity keys: pure functions."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from crawler.urls import normalize_url, site_of

# Path shapes of author archive pages on WordPress and common CMSs.
AUTHOR_ARCHIVE_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]{2})?/)?"  # optional language prefix: /fr/, /pt-br/
    r"(?:author|authors|writer|writers|people|person|profile|profiles|staff|"
    r"contributor|contributors|columnist|columnists|journalist|journalists|by)"
    r"/(?P<slug>[^/?#]+)/?(?:page/\d+/?)?$",
    re.IGNORECASE,
)

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|story|words|text)\s+)?(?:by|von|par|por|di|door|av)\s*[:\-]?\s+",
    re.IGNORECASE,
)
# A byline often carries a role or outlet after a separator: "Jane Doe | Staff", "Jane Doe - Reuters".
_SUFFIX = re.compile(r"\s+(?:[|\u2013\u2014•·]|-\s)\s*.*$|,\s*(?:staff|senior|contributing|editor).*$", re.I)
_AND = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.IGNORECASE)


def clean_author_name(raw: str) -> str:
    """Return the person's name from a byline string: "By Jane Doe | Staff" -> "Jane Doe"."""
    name = unicodedata.normalize("NFKC", raw)
    name = " ".join(name.split())
    name = _PREFIX.sub("", name)
    name = _SUFFIX.sub("", name)
    return name.strip(" ,;:|-")


def split_author_names(raw: str) -> list[str]:
    """Split a byline that names several people ("Jane Doe and John Roe") into clean names."""
    cleaned = clean_author_name(raw)
    parts = [clean_author_name(part) for part in _AND.split(cleaned)]
    return [part for part in parts if part]


def name_key(name: str) -> str:
    """Return a comparison key for a person's name: case-, accent- and spacing-insensitive."""
    decomposed = unicodedata.normalize("NFKD", clean_author_name(name))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^\w]+", "-", ascii_only.casefold()).strip("-")


def is_author_archive_url(url: str) -> bool:
    """Return True when ``url`` has the path shape of an author archive page."""
    return bool(AUTHOR_ARCHIVE_PATH.match(urlsplit(url).path))


def archive_base(url: str) -> str:
    """Return the first page of the author archive that ``url`` belongs to (drops ``/page/N/`` and the query)."""
    parts = urlsplit(normalize_url(url))
    path = re.sub(r"/page/\d+/?$", "/", parts.path)
    return f"{parts.scheme}://{parts.netloc}{path}"


def same_archive(url_a: str, url_b: str) -> bool:
    """Return True when both URLs are pages of the same author archive."""
    return archive_base(url_a).rstrip("/") == archive_base(url_b).rstrip("/")


def author_key(page_url: str, name: str | None, archive_url: str | None) -> str:
    """Return the identity key of an author on a site: from the archive URL when known, else the name."""
    site = site_of(page_url)
    if archive_url:
        path = urlsplit(archive_base(archive_url)).path.rstrip("/")
        return f"{site}{path}"
    return f"{site}/~{name_key(name or '')}"
