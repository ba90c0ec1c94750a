"""Author archive pages: the article links they list and their next page. Pure functions.

Archive markup comes from servers the crawler does not trust, so every reader here is linear in the
size of the page: one top-down walk that carries what each element sits inside (an archive entry, a
heading, a sidebar), never a search of each element's ancestors or descendants, which nested markup
makes quadratic. ``read_archive`` is what the extraction pool runs for the spider.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from lxml import etree
from parsel import Selector

from crawler.discovery.authorpages import is_author_archive_url
from crawler.discovery.feeds import author_feed_urls, wp_author_id, wp_rest_root
from crawler.discovery.markup import NOISE_TAGS, OWN_PARTS, absolute_url, has_noise_class, is_main_area
from crawler.urls import normalize_url, same_site

_NEXT_TEXT = re.compile(
    r"^\s*(?:older\s+(?:posts|entries|articles)|next(?:\s+page)?|more\s+posts|load\s+more)\s*[\u203a\u00bb\u2192>]*\s*$"
    # Arrow-only links: single and double right angle quotes, arrows, angle brackets, ornaments
    r"|^\s*[\u203a\u00bb\u2192\u27e9\u232a\u276f]\s*$",
    re.IGNORECASE,
)
_ENTRY_CLASSES = frozenset({"post", "hentry", "type-post", "entry", "post-item", "article-item", "story"})
_ENTRY_TAGS = frozenset({"article", "div", "li", "section"})


class _Place(NamedTuple):
    """What the children of an element sit inside."""

    noise: bool = False  # a sidebar, navigation, comments, related block
    entry: bool | None = None  # the outermost archive entry above: None when none, False when it is in noise
    heading: bool = False  # h1-h4
    minor_heading: bool = False  # h2-h3, for the fallback
    entry_title: bool = False
    scope: bool = False  # the page's main area, for the fallback
    article: bool = False  # inside <article> or <main>: its <footer> is the article's own
    older: bool = False  # inside WordPress's "nav-previous"
    item: etree._Element | None = None  # the innermost <li> above, for the dated list
    entry_el: etree._Element | None = None  # the outermost archive entry above, for its labelled link


@dataclass(frozen=True)
class ArchivePage:
    """What an archive page gives the spider: its article links (at most the limit), its next pages, its hubs."""

    links: list[str]
    next_pages: list[str]
    capped: bool = False
    feeds: list[str] | None = None
    author_id: int | None = None
    rest_root: str = ""


def _is_noise_element(el: etree._Element, in_article: bool) -> bool:
    """Whether ``el`` itself makes what is below it noise (see ``markup.is_noise``)."""
    if el.tag in {"body", "html"}:  # their classes describe the page's layout ("sidebar-none"), not a part
        return False
    cls = el.get("class") or ""
    if el.tag in NOISE_TAGS and not (el.tag == "footer" and in_article) and not set(cls.lower().split()) & OWN_PARTS:
        return True
    return has_noise_class(el)


def _below(el: etree._Element, up: _Place, scope: etree._Element | None) -> _Place:
    tag = el.tag
    cls = (el.get("class") or "").lower()
    entry, entry_el = up.entry, up.entry_el
    if entry is None and tag in _ENTRY_TAGS and (tag == "article" or set(cls.split()) & _ENTRY_CLASSES):
        entry, entry_el = not up.noise, el
    return _Place(
        noise=not is_main_area(el) and (up.noise or _is_noise_element(el, up.article)),
        entry=entry,
        heading=up.heading or tag in {"h1", "h2", "h3", "h4"},
        minor_heading=up.minor_heading or tag in {"h2", "h3"},
        entry_title=up.entry_title or "entry-title" in cls.split(),
        scope=up.scope or el is scope,
        article=up.article or tag in {"article", "main"},
        older=up.older or "nav-previous" in cls,
        item=el if tag == "li" else up.item,
        entry_el=entry_el,
    )


def _anchors(root: etree._Element, scope: etree._Element | None) -> Iterator[tuple[etree._Element, _Place]]:
    """Yield every ``<a>`` and ``<time>`` with the place it sits in, in document order, in one walk of the tree."""
    stack = [_Place()]
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):  # comments and processing instructions
            continue
        if event == "end":
            stack.pop()
            continue
        up = stack[-1]
        if el.tag in {"a", "time"}:
            yield el, up
        stack.append(_below(el, up, scope))


def _rel(el: etree._Element) -> set[str]:
    return set((el.get("rel") or "").lower().split())


def _kept(hrefs: Iterator[str | None], base_url: str, limit: int) -> tuple[list[str], bool]:
    """Resolve ``hrefs`` to the same site's article links, first ``limit`` only (0: all); and whether cut."""
    base = normalize_url(base_url)
    seen_raw: set[str] = set()
    kept: dict[str, None] = {}
    for href in hrefs:
        if not href or href in seen_raw:
            continue
        seen_raw.add(href)
        url = absolute_url(href, base_url)
        if not url or url in kept or url == base or not same_site(url, base_url) or is_author_archive_url(url):
            continue
        if limit and len(kept) >= limit:
            return list(kept), True
        kept[url] = None
    return list(kept), False


def _main_scope(root: etree._Element) -> etree._Element | None:
    """The page's main area: ``<main>``, ``role="main"`` (Sphinx's themes), ``id="content"`` or ``id="main"``."""
    for el in root.iter("main", "div", "section"):
        if el.tag == "main" or el.get("role") == "main" or el.get("id") in {"content", "main"}:
            return el
    return None


@dataclass
class _Links:
    """The hrefs one walk of an archive page collects: entry titles, the fallback, next-page candidates."""

    listed: list[str | None] = field(default_factory=list)
    fallback: list[str | None] = field(default_factory=list)
    #: The first link of each list item outside noise, and the items that show a date (``<time>``).
    item_links: dict[etree._Element, str | None] = field(default_factory=dict)
    dated: set[etree._Element] = field(default_factory=set)
    #: Each entry's other links, for the entries whose title links nowhere; the entries whose title does.
    entry_links: dict[etree._Element, list[etree._Element]] = field(default_factory=dict)
    titled: set[etree._Element] = field(default_factory=set)
    # rel=next links, then rel=next anchors, class "next", "nav-previous", "Older posts" text, the number after
    # the current page's: best first.
    ranked: list[list[str | None]] = field(default_factory=lambda: [[], [], [], [], [], []])
    #: The links of numbered pagination: page number -> href.
    numbered: dict[int, str | None] = field(default_factory=dict)


def _short_text(el: etree._Element) -> str:
    """The start of an element's text: enough to read "Older posts", bounded however much it holds."""
    return " ".join("".join(islice(el.itertext(), 8))[:80].split())


def _collect(root: etree._Element) -> _Links:
    """Walk the page once for its article links and its next-page candidates."""
    found = _Links()
    for link in root.iter("link"):
        if "next" in _rel(link):
            found.ranked[0].append(link.get("href"))
    for a, place in _anchors(root, _main_scope(root)):
        if a.tag == "time":
            if place.item is not None:
                found.dated.add(place.item)
            continue
        href = a.get("href")
        if place.item is not None and not place.noise:
            found.item_links.setdefault(place.item, href)
        if place.entry and (place.heading or place.entry_title or "bookmark" in _rel(a)):
            found.listed.append(href)
            found.titled.add(place.entry_el)
        elif place.entry:
            found.entry_links.setdefault(place.entry_el, []).append(a)
        if not found.listed and place.scope and place.minor_heading and not place.noise:
            found.fallback.append(href)
        if "next" in _rel(a):
            found.ranked[1].append(href)
        elif "next" in (a.get("class") or "").lower().split():
            found.ranked[2].append(href)
        elif place.older:
            found.ranked[3].append(href)
        elif _NEXT_TEXT.match(text := _short_text(a)):
            found.ranked[4].append(href)
        elif _PAGE_NUMBER.match(text):
            found.numbered.setdefault(int(text), href)
    if found.numbered and (current := _current_page(root)):
        found.ranked[5].append(found.numbered.get(current + 1))
    return found


_PAGE_NUMBER = re.compile(r"^\d{1,4}$")


def _current_page(root: etree._Element) -> int | None:
    """The number numbered pagination marks as the page shown ("1 [2] [3]": ``aria-current="page"``, a class
    "current" or "active"), when it has one."""
    for el in root.iter(etree.Element):
        cls = el.get("class")
        marked = el.get("aria-current") == "page" or (cls and ("current" in cls or "active" in cls))
        if marked and _PAGE_NUMBER.match(text := _short_text(el)):
            return int(text)
    return None


def _articles(found: _Links, base_url: str, limit: int) -> tuple[list[str], bool]:
    # An entry whose title links nowhere links its post from elsewhere, labelled with the title: a card's
    # overlay link ("<a class="entry-link" aria-label="post link to Title">", Hugo's PaperMod).
    labelled = [a.get("href") for entry, links in found.entry_links.items() if entry not in found.titled
                for a in [_labelled_link(entry, links)] if a is not None]
    # A plain list of the author's posts, each item a date and a title (Nikola's): its items' first links.
    dated = [href for item, href in found.item_links.items() if item in found.dated]
    return _kept(iter(found.listed + labelled or found.fallback or dated), base_url, limit)


def _labelled_link(entry: etree._Element, links: list[etree._Element]) -> etree._Element | None:
    """The first of an entry's ``links`` whose label (text, ``aria-label``, ``title``, an image's ``alt``) holds
    the entry's title (its first h2-h4), when it has one."""
    heading = next(entry.iter("h2", "h3", "h4"), None)
    title = " ".join(" ".join(heading.itertext()).split()).casefold() if heading is not None else ""
    if len(title) < 3:
        return None
    for a in links:
        alts = " ".join(img.get("alt") or "" for img in a.iter("img"))
        text = "".join(islice(a.itertext(), 20))[:400]
        label = " ".join(f"{text} {a.get('aria-label') or ''} {a.get('title') or ''} {alts}".split())
        if title in label.casefold():
            return a
    return None


def _next_pages(found: _Links, base_url: str) -> list[str]:
    base = normalize_url(base_url)
    urls: dict[str, None] = {}
    for href in (h for group in found.ranked for h in group):
        url = absolute_url(href, base_url)
        if url and url != base and same_site(url, base_url):
            urls.setdefault(url)
    return list(urls)


def article_links(sel: Selector, base_url: str, limit: int = 0) -> tuple[list[str], bool]:
    """Return the article links an archive page lists, in page order (at most ``limit``), and whether it had more.

    An archive entry (``<article>``, ``.post``, ``.hentry``...) outside sidebars and navigation gives
    its title links; a page with no such entry gives the h2/h3 links of its main area, else the first link of
    each list item that shows a date (``<time>``).
    """
    return _articles(_collect(sel.root), base_url, limit)


def archive_article_links(sel: Selector, base_url: str) -> list[str]:
    """Return every article link listed on an archive page, in page order, without sidebars or pagination."""
    return article_links(sel, base_url)[0]


def next_page_links(sel: Selector, base_url: str) -> list[str]:
    """Return the archive's next-page candidates, best first.

    ``<link rel=next>``, then ``<a rel=next>``, a link of class ``next``, WordPress's "nav-previous",
    a link reading "Older posts", "Next" or an arrow, and the link to the number after the current page's.
    """
    return _next_pages(_collect(sel.root), base_url)


def read_archive(html: str, url: str, max_links: int, first_page: bool) -> ArchivePage:
    """Read an archive page (in a worker): its links, next pages and, on the first page, its feeds and REST ids."""
    sel = Selector(text=html, base_url=url)
    found = _collect(sel.root)  # one walk for both
    links, capped = _articles(found, url, max_links)
    next_pages = _next_pages(found, url)
    if not first_page:
        return ArchivePage(links, next_pages, capped)
    return ArchivePage(links, next_pages, capped, author_feed_urls(sel, url), wp_author_id(sel), wp_rest_root(sel, url))
