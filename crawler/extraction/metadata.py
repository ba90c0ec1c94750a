"""The record's fields read from a page's markup: headline, publication date, canonical URL, language.

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

from crawler.discovery.markup import TITLE_SEPARATORS, absolute_url, home_link_texts, is_noise
from crawler.discovery.pagemeta import page_meta
from crawler.extraction.boilerplate import CJK
from crawler.extraction.dateline import shown_date
from crawler.extraction.headline import headline_text, is_kicker
from crawler.urls import normalize_url, same_site

_WORD = re.compile(r"\w+")


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
    """Return the page's canonical URL (``rel=canonical``, then ``og:url``) when on the same site, else ``url``."""
    for tag, attrs in page_meta(sel).tags:
        if tag == "link" and (attrs.get("rel") or "").lower() == "canonical":
            href = attrs.get("href")
        elif tag == "meta" and attrs.get("property") == "og:url":
            href = attrs.get("content")
        else:
            continue
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
    for el in meta.times:  # a <time> in the <article>, or one marked as the publication's
        marked = "published" in (el.get("class") or "") or next(el.iterancestors("article"), None) is not None
        if marked and (iso := _iso(el.get("datetime"))):
            return iso
    return None


# A title's first or last part that names no page: a section ("Blog", "News"), "Home".
_GENERIC_PARTS = frozenset({"archive", "archives", "blog", "home", "news"})
_BARS = re.compile(r"[|\u00b7\u2022]")
# With spaces around; a full-width bar (U+FF5C, on Japanese and Chinese sites) with or without.


def page_title(sel: Selector) -> str | None:
    """Return the headline: the page's ``<h1>``, else its metadata title without the site's name.

    ``og:title`` and ``<title>`` are written for search engines and share cards ("Headline | Site",
    a reworded headline); the ``<h1>`` is what the reader sees above the article.
    """
    return page_headline(sel)[0]


#: A site's name is at most this many words: a longer part of the title is not one.
SITE_NAME_WORDS = 3


def page_headline(sel: Selector) -> tuple[str | None, HtmlElement | None]:
    """``page_title``, and the ``<h1>`` it was read from (None when it came from the metadata)."""
    meta_title = _meta_title(sel)
    site_names = _site_names(sel)
    # "Headline - Site": the short parts after the first name the site; an <h1> that reads so is the site's logo.
    # A long one is the headline after its kicker ("Corona-Pandemie - „Es kommt auch darauf an, …“").
    tail_parts = {_title_key(part) for part in TITLE_SEPARATORS.split(meta_title or "")[1:]
                  if _words(part) <= SITE_NAME_WORDS}
    # Compared without the site's name: an <h1> that shares only that with it is not the headline.
    bare_title = _strip_site_name(meta_title, site_names) if meta_title else None
    headline, h1 = _headline(sel, bare_title, site_names | tail_parts)
    if headline:
        # An <h1>'s short last part after a dash is its subtitle ("- tips and tricks"); after a bar, a section.
        return (_strip_site_name(headline, site_names, _BARS) if TITLE_SEPARATORS.search(headline) else headline), h1
    return (_strip_site_name(meta_title, site_names) if meta_title else None), None


def _meta_title(sel: Selector) -> str | None:
    """The title the page's metadata gives: ``og:title``, ``twitter:title``, JSON-LD ``headline``, ``<title>``.

    One of them is at times another page's or a description (a site-wide share text): the first that
    another of them agrees with is taken, else the first.
    """
    meta = page_meta(sel)
    tagged = (_first_text(meta.contents(tag)) for tag in (("property", "og:title"), ("name", "twitter:title")))
    candidates = [text for text in tagged if text]
    if not candidates:
        headlines = [obj["headline"] for obj in meta.jsonld if isinstance(obj.get("headline"), str)]
        candidates.extend([text] if (text := _first_text(headlines)) else [])
    candidates.extend([meta.title] if meta.title else [])
    words = [set(_WORD.findall(text.casefold())) for text in candidates]
    for i, own in enumerate(words):
        if any(len(own & other) * 2 >= min(len(own), len(other)) for j, other in enumerate(words) if j != i):
            return candidates[i]
    return candidates[0] if candidates else None


def _first_text(values: list[str]) -> str | None:
    """The first of ``values`` with any text, its spacing collapsed."""
    return next((" ".join(value.split()) for value in values if value.strip()), None)


def _headline(sel: Selector, meta_title: str | None, not_headlines: set[str]) -> tuple[str | None, HtmlElement | None]:
    """The ``<h1>`` that reads as the headline (the only one, or the one closest to the metadata title), and
    its text."""
    found = []
    for h1 in sel.root.iter("h1"):
        if is_noise(h1) or is_kicker(h1):  # <h1 class="strapline">: the topic line, the headline below it
            continue
        text = headline_text(h1)
        if len(text) >= 8 and len(text.split()) >= 2 and len(text) <= 300 and _title_key(text) not in not_headlines:
            found.append((text, h1))
    if not found or not meta_title:
        return found[0] if len(found) == 1 else (None, None)
    # An <h1> that shares no word with the metadata title is the site's name or a section heading.
    words = {word for word in _WORD.findall(meta_title.casefold()) if len(word) >= 4}
    shared, best = max((len(words & set(_WORD.findall(text.casefold()))), -i) for i, (text, _) in enumerate(found))
    return found[-best] if shared or not words else (None, None)


def _site_names(sel: Selector) -> set[str]:
    """The site's name as the page gives it: its meta tags, and the text of links to its home page (the logo)."""
    names = page_meta(sel).contents(
        ("property", "og:site_name"), ("name", "application-name"), ("name", "apple-mobile-web-app-title")
    )
    names += home_link_texts(sel)
    return {key for key in (_title_key(name) for name in names) if key}


def _title_key(text: str) -> str:
    return "".join(_WORD.findall(text.casefold()))


def _strip_site_name(title: str, site_names: set[str], unnamed: re.Pattern[str] | None = None) -> str:
    """``Headline | Site`` -> ``Headline``: drops first or last parts that name the site, and a short last part
    (after a separator ``unnamed`` matches, when given)."""
    title = _without_joined_site_name(title, site_names)
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    parts = _beside_host_name(parts)
    # "Site » Blog Archive » Post" (WordPress's classic themes): the post follows.
    archive = [i for i, part in enumerate(parts[:-1]) if _title_key(part) in {"blogarchive", "blogarchiv"}]
    parts = parts[archive[-1] + 1 :] if archive else parts
    not_headline = site_names | _GENERIC_PARTS
    # The site's name may span the last parts: "Headline | AOC media - Analyse Opinion Critique".
    ends = [k for k in range(2, len(parts)) if _title_key("".join(parts[-k:])) in site_names]
    parts = parts[: -ends[0]] if ends else parts
    while len(parts) > 1 and _title_key(parts[-1]) in not_headline:
        parts.pop()
    while len(parts) > 1 and _title_key(parts[0]) in not_headline:
        parts.pop(0)
    short = len(parts) > 1 and _words(parts[-1]) <= 4 and _words(" ".join(parts[:-1])) >= 3
    if short and (unnamed is None or unnamed.search(_separator_before(title, parts))):
        # "Headline - Short Brand": a short last part after a real phrase is the site, named or not.
        parts.pop()
    return " ".join(parts) if len(parts) == 1 else _rejoin(title, parts)


def _without_joined_site_name(title: str, site_names: set[str]) -> str:
    """``title`` without the site's name joined to it by a dash or an underscore, no space around: Chinese sites'
    "标题-新华网"."""
    cut = max(title.rfind("-"), title.rfind("_"))
    # After Chinese or Japanese text only: "University of Wisconsin-Stevens Point" is one name.
    if cut > 0 and _CJK_OR_WIDE.match(title[cut - 1]) and _title_key(title[cut + 1 :]) in site_names:
        return title[:cut]
    return title


_CJK_OR_WIDE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _words(text: str) -> float:
    """Words of ``text``, counting three Chinese or Japanese characters as one (a title's parts compared)."""
    spaced = sum(1 for token in text.split() if not CJK.search(token))
    return spaced + len(CJK.findall(text)) / 3


def _separator_before(title: str, parts: list[str]) -> str:
    """The separator in ``title`` between its last two ``parts``."""
    end = title.rfind(parts[-1])
    return title[title.rfind(parts[-2], 0, end) + len(parts[-2]) : end]


def _beside_host_name(parts: list[str]) -> list[str]:
    """The parts of a title on the headline's side of a host name ("Newegg.com", "petri-heil.ch"): the
    parts before it, or after it where it comes first (with, before it, only the site's name again)."""
    at = next((i for i, part in enumerate(parts) if _HOST_NAME.fullmatch(part.strip(" /|:"))), None)
    if at is None:
        return parts
    site = _title_key(parts[at].strip(" /|:").removeprefix("www.").split(".")[0])
    before = [part for part in parts[:at] if _title_key(part) != site]
    return before or parts[at + 1 :] or parts


# Not a file or a framework ("Node.js", "setup.py").
_HOST_NAME = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?!(?:js|ts|py|md|rs|go|sh|rb|php|html?)$)[a-z]{2,6}",
                        re.IGNORECASE)


def _rejoin(title: str, parts: list[str]) -> str:
    """The original text from the first kept part to the last (keeping its own separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else " ".join(parts)


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
    earlier of the page's metadata and htmldate's reading of the page.

    A shown date a day from the metadata's is most often the same moment told in the publisher's time
    zone (the metadata's in UTC): the one readers see is kept; the metadata settles which way round a shown
    numeric date reads. Pages state their last update as often as
    their first publication; the earlier is the original. htmldate searches the page's text (its costly
    part) only when the metadata states no date. Its last resort there is the year of the page's copyright
    line ("© 2026"), given as January 1st: a January 1st found there is kept only when the page or its
    address writes that day out.
    """
    stated = published_date(sel)
    shown = shown_date(tree, h1)
    if shown:  # htmldate is not asked
        return stated if stated and _same_day(shown, stated) else shown
    found = find_date(tree, url=url, original_date=True, extensive_search=stated is None, outputformat="%Y-%m-%d")
    if stated is None:
        return found if found and (not found.endswith("-01-01") or _writes_new_year(tree, url, found[:4])) else None
    if found and found < stated[:10]:
        return found
    return stated
