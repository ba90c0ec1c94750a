"""The addresses of author pages: their shapes on common CMSs (``/author/x/``, ``/@x``, ``?author=N``), the slug or
id they carry, and the first page of the archive they belong to. Pure functions."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from crawler.urls import normalize_url

# Path words of author pages on WordPress and common CMSs, in several languages.
_ARCHIVE_WORDS = (
    r"author|authors|writer|writers|people|person|profile|profiles|staff|contributor|contributors|"
    r"columnist|columnists|journalist|journalists|by|u|autor|autoren|autores|autori|"
    r"auteur|auteurs|redactor|redacteur|redaktion|editor|editors|reporter|reporters|experts|experten"
)
AUTHOR_ARCHIVE_PATH = re.compile(
    # Up to three leading segments: a language (/fr/), a blog in a folder (/blog/, /scst/), a section.
    r"^(?:/[^/?#]+){0,3}?"
    rf"/(?:{_ARCHIVE_WORDS})/(?P<slug>[^/?#]+?)(?:\.html?)?/?(?:page/\d+/?)?$"
    # A handle at the root of the site: /@jane (Medium, Ghost, Substack-like hosts).
    r"|^/@(?P<handle>[\w.-]+)/?$",
    re.IGNORECASE,
)
# Author archives addressed by query: WordPress's plain permalinks (/?author=2), Squarespace (/blog?author=ID).
_AUTHOR_QUERY = re.compile(r"(?:^|&)author=[^&]+")
#: A raw, unresolved, lower-cased href that may point to an author page (cheap pre-check before normalizing;
#: lower case, as a case-insensitive pattern of alternatives is several times slower).
AUTHORISH_HREF = re.compile(rf"/(?:{_ARCHIVE_WORDS})/|/@[\w.-]+/?$|[?&]author=")
# Segments that are never an author's slug: a section index or a listing.
_NOT_SLUGS = frozenset("index all list page feed rss category tag tags search archive archives picks".split())


def is_author_archive_url(url: str) -> bool:
    """Return True when ``url`` has the shape of an author's page: ``/author/x/``, ``/blog/authors/x``, ``/@x``,
    ``?author=N``."""
    parts = urlsplit(url)
    if _AUTHOR_QUERY.search(parts.query):
        return True
    match = AUTHOR_ARCHIVE_PATH.match(parts.path)
    if not match:
        return False
    slug = (match.group("slug") or match.group("handle") or "").lower()
    if _ARTICLE_SLUG.match(slug):
        return False  # "/magazin/people/395567-breeny_lee_ermutigt_zur_selbstannahme.html": an article in a section
    # A number is a page of a list ("/authors/2"), but after "/author/" a CMS's author id ("/author/180/").
    return slug not in _NOT_SLUGS and (not slug.isdigit() or f"/author/{slug}" in parts.path.lower())


#: An article's slug: its id, then its headline's words (more than a name has). A word holds no separator, so a
#: hostile address cannot make the pattern try every way of splitting it.
_ARTICLE_SLUG = re.compile(r"^\d{4,}(?:[-_][^\W_]+){5,}$")


def archive_author_id(url: str) -> int | None:
    """The author id of an author page addressed by query (WordPress's ``/?author=3``), or None."""
    match = re.search(r"(?:^|&)author=(\d+)(?:&|$)", urlsplit(url).query)
    return int(match.group(1)) if match else None


def archive_slug(url: str) -> str | None:
    """The author's slug in the address of their page ("jane-doe" in ``/author/jane-doe/``), or None."""
    match = AUTHOR_ARCHIVE_PATH.match(urlsplit(url).path)
    slug = (match.group("slug") or match.group("handle")) if match else None
    return unquote(slug) if slug and slug.lower() not in _NOT_SLUGS else None


def archive_base(url: str) -> str:
    """Return the first page of the author archive that ``url`` belongs to (drops ``/page/N/`` and the query,
    except an ``author=`` query, which is the archive itself)."""
    parts = urlsplit(normalize_url(url))
    path = re.sub(r"/page/\d+/?$", "/", parts.path)
    author = _AUTHOR_QUERY.search(parts.query)
    query = "?" + author.group(0).lstrip("&") if author else ""
    return f"{parts.scheme}://{parts.netloc}{path}{query}"


# Static generators number an archive's pages in the file name: /author/jane.html, /author/jane2.html (Pelican).
_NUMBERED_PAGE = re.compile(r"(?:-|_)?\d+(\.html?)$")


def same_archive(url_a: str, url_b: str) -> bool:
    """Return True when both URLs are pages of the same author archive (``/page/N/``, ``?page=N``,
    ``jane2.html``)."""
    a, b = archive_base(url_a).rstrip("/"), archive_base(url_b).rstrip("/")
    return a == b or _NUMBERED_PAGE.sub(r"\1", a) == _NUMBERED_PAGE.sub(r"\1", b)
