"""The author's page found by their name: a JSON-LD Person's ``url``, or a link of the page whose text is their
name, on the page's own site. Pure functions: ``crawler.discovery.identity`` asks for the people it named without
a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from crawler.discovery.authorpages import archive_base, is_author_archive_url
from crawler.discovery.markup import absolute_url
from crawler.discovery.names import name_key
from crawler.discovery.voices import is_article_object
from crawler.urls import normalize_url, same_site


def named_pages(
    links: list[etree._Element], objects: list[dict], base_url: str, keys: set[str]
) -> list[tuple[str, str]]:
    """(name key, URL) of the same-site pages the page ties to the people ``keys``: JSON-LD Persons' ``url``
    and its ``links`` (every ``<a>``) whose text is their name. Not the page itself, nor the home page."""
    here = normalize_url(base_url).rstrip("/")
    found = [(key, url) for key, url in _person_urls(objects) if key in keys]
    # A link whose text is much longer than every name sought is a headline or a sentence: not looked at.
    longest = max(len(key) for key in keys) + 25
    # A name's key holds its words: an ASCII text (no entity its cleaning would unescape) without the last word of
    # any key sought is not looked at further.
    last_words = {key.rpartition("-")[2] for key in keys}
    for a in links:
        href = a.get("href")
        text = (a.text if len(a) == 0 else "".join(a.itertext())) if href else ""
        if not text or not 3 <= len(text) <= longest:
            continue
        if text.isascii() and "&" not in text:
            lowered = text.lower()
            if not any(word in lowered for word in last_words):
                continue
        # name_key cleans the name (a byline's "By"), and is cached.
        if (key := name_key(text)) in keys:
            found.append((key, href or ""))
    pages = []
    for key, href in found:
        url = absolute_url(href, base_url) if key else None
        if url and same_site(url, base_url) and urlsplit(url).path.strip("/") and url.rstrip("/") != here and (
            not _SEARCH.search(url) or _BY_PERSON.search(urlsplit(url).query)
        ):
            pages.append((key, url))
    return pages


def _person_urls(objects: list[dict]) -> Iterator[tuple[str, str]]:
    """(name key, url) of the page's JSON-LD Persons; an Article's ``author`` with a url and no name, by its
    url's last segment ("/user/megan-leanda-berry"; a named one is judged by ``jsonld_votes``)."""
    people = [obj for obj in objects if obj.get("@type") == "Person"]
    for obj in filter(is_article_object, objects):
        authors = obj.get("author")
        people += [a for a in (authors if isinstance(authors, list) else [authors])
                   if isinstance(a, dict) and not isinstance(a.get("name"), str)]
    for person in people:
        url = person.get("url")
        if not isinstance(url, str):
            continue
        name = person.get("name") if isinstance(person.get("name"), str) else None
        yield name_key(name or urlsplit(url).path.rstrip("/").rpartition("/")[2].replace("-", " ")), url


# A site search for the name ("/search?q=Jane+Doe"): a list of what mentions them, not their page; unless it
# searches by person ("searchtype=author", "people=Jane+Doe"): then it lists their work.
_SEARCH = re.compile(r"/search(?:[/?#]|$)|[?&](?:q|s|query|search)=", re.IGNORECASE)
_BY_PERSON = re.compile(r"(?:^|&)(?:people|person|author|searchtype=author)", re.IGNORECASE)


def page_of(key: str, pages: list[tuple[str, str]]) -> str | None:
    """The page of the person ``key``: an author-page-shaped one first, else the first page their name links."""
    theirs = [url for page_key, url in pages if page_key == key]
    shaped = [url for url in theirs if is_author_archive_url(url)]
    chosen = (shaped or theirs or [None])[0]
    return archive_base(chosen) if chosen and is_author_archive_url(chosen) else chosen
