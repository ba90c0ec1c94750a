"""The record's fields read from a page's markup: publication date, canonical URL, language (the headline is
``crawler.extraction.titles``'s).

Pure functions over a parsel ``Selector`` (and the lxml tree, for htmldate). The extraction workers call
them on the same parse as the body; ``crawler.extraction`` assembles the record.
"""

from __future__ import annotations

import re
from datetime import datetime

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from crawler.discovery.markup import absolute_url
from crawler.discovery.pagemeta import page_meta
from crawler.discovery.pagescan import page_scan
from crawler.extraction.dateline import days_in, shown_date
from crawler.urls import normalize_url, same_site


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.isoformat()


def canonical_url(sel: Selector, url: str) -> str:
    """Return the page's canonical URL (``rel=canonical``, then ``og:url``) when on the same site, else ``url``.

    ``rel=canonical`` is asked first wherever it sits: a theme (Hexo's NexT) writes ``og:url`` before it, as the
    page's file (``…/post/index.html``) where the canonical names its folder (``…/post/``)."""
    tags = page_meta(sel).tags
    canonical = [attrs.get("href") for tag, attrs in tags
                 if tag == "link" and (attrs.get("rel") or "").lower() == "canonical"]
    og_url = [attrs.get("content") for tag, attrs in tags if tag == "meta" and attrs.get("property") == "og:url"]
    for href in canonical + og_url:
        candidate = absolute_url(href, url)
        if candidate and same_site(candidate, url):
            return candidate
    return normalize_url(url)


def published_date(sel: Selector) -> str | None:
    """Return the publication time from article metadata (Open Graph, JSON-LD, ``<time>``), ISO 8601."""
    meta = page_meta(sel)
    stated = meta.contents(("property", "article:published_time"), ("itemprop", "datePublished"))
    # Microdata's datePublished on a <time> (or a <meta>) as its datetime.
    stated += [el.get("datetime") for el in meta.times if el.get("itemprop") == "datePublished"]
    stated += [tag["datetime"] for tag in meta.metas() if tag.get("itemprop") == "datePublished" and "datetime" in tag]
    for value in stated:
        if iso := _iso(value):
            return iso
    for obj in meta.jsonld:
        value = obj.get("datePublished")
        if isinstance(value, str) and (iso := _iso(value)):
            return iso
    # Microdata's datePublished as the ``content`` of any other element: "<dd itemprop="datePublished"
    # content="2019-04-26">2019年04月</dd>". Where they give several days, they date other articles' teasers.
    dated = [iso for el in page_scan(sel).dated if (iso := _iso(el.get("content")))]
    if dated and len({iso[:10] for iso in dated}) == 1:
        return dated[0]
    for el in meta.times:  # a <time> in the <article>, or one marked as the publication's
        marked = "published" in (el.get("class") or "") or next(el.iterancestors("article"), None) is not None
        if marked and (iso := _iso(el.get("datetime"))):
            return iso
    return None


def page_language(sel: Selector) -> str | None:
    """Return the page's primary language subtag (``en`` for ``en-GB``) from its markup."""
    meta = page_meta(sel)
    values = [meta.lang] if meta.lang is not None else []
    values += meta.contents(("http-equiv", "content-language"), ("property", "og:locale"))
    for value in values:
        tag = re.split(r"[-_]", value.strip())[0].lower()
        if re.fullmatch(r"[a-z]{2,3}", tag):
            return tag
    return None


def _writes_new_year(tree: HtmlElement, url: str, year: str) -> bool:
    """Whether the page or its URL writes January 1st of ``year`` as a date ("2024-01-01", "/2024/01/01/",
    "January 1, 2024", "1 Jan 2024", "01 January 2024"), not only the year."""
    day = re.compile(
        rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}|jan(?:uary|\.)?\s+0?1(?:st)?,?\s+{year}|"
        rf"\b0?1(?:st)?\s+jan(?:uary|\.)?,?\s+{year}",
        re.IGNORECASE,
    )
    return bool(day.search(url) or day.search(_PAGE_TEXT(tree)))


_PAGE_TEXT = etree.XPath("string(.)")


def _same_day(shown: str, stated: str) -> bool:
    """Whether the day shown beside the headline is the stated publication's, its month and day read either
    way round: a dotted "09.10.2024" is day-first on most sites and month-first on some."""
    year, month, day = stated[:10].split("-")
    return shown in (stated[:10], f"{year}-{day}-{month}")


def first_published(tree: HtmlElement, sel: Selector, url: str, h1: HtmlElement | None = None) -> str | None:
    """The publication date: the one the page shows beside its headline (``h1``, else the first), else the
    page's metadata's, else htmldate's reading of the page.

    A shown date a day from the metadata's is most often the same moment told in the publisher's time
    zone (the metadata's in UTC): the one readers see is kept; the metadata settles which way round a shown
    numeric date reads. An earlier date htmldate finds beside the metadata's is more often another's (a
    comment's, a teaser's, an event's) than the first publication, so it is not asked there. Where it is, its
    last resort is the year of the page's copyright line ("© 2026"), given as January 1st: a January 1st
    found there is kept only when the page or its address writes that day out. A day whose day and month it
    could have read either way round is read as the page writes it elsewhere (``_written_way_round``).
    """
    stated = published_date(sel)
    shown = shown_date(tree, h1)
    if shown:
        return stated if stated and _same_day(shown, stated) else shown
    if stated:
        return stated
    found = find_date(tree, url=url, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    if found and (not found.endswith("-01-01") or _writes_new_year(tree, url, found[:4])):
        return _written_way_round(tree, found)
    return None


def _written_way_round(tree: HtmlElement, found: str) -> str:
    """``found`` (``YYYY-MM-DD``), or its day and month swapped where both could be either and the page writes only
    the swapped day in a form read one way only ("Erstellt am: 01.11.2023" beside a slashed "11/01/2023" htmldate
    read day first)."""
    year, month, day = found.split("-")
    if month == day or int(day) > 12:
        return found
    swapped = f"{year}-{day}-{month}"
    written = days_in(" ".join(_TEXT(tree)))
    return swapped if swapped in written and found not in written else found


_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style)]")
