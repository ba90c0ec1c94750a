"""Reading raw page markup for discovery: links, classes, noise areas and short texts. Pure functions."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

from crawler.urls import is_http_url, normalize_url, same_domain

# Ancestors that never hold the page's own byline or article list.
NOISE_CLASS = re.compile(
    # "sidebar", not the layout's modifiers ("no-sidebar", "has-sidebar", "sidebar-right", Drupal Zen's
    # "one-sidebar-second") on its wrappers
    r"(?:^|[\s_-])(?<!no-)(?<!has-)(?<!with-)(?<!without-)(?<!one-)sidebar"
    r"(?!-(?:none|left|right|layout|active|enabled|disabled))"
    r"(?:$|[\s_-])"
    r"|(?:^|[\s_-])(?:comments?|related|share|sharing|newsletter|footer-widgets|"
    r"trending|popular|recent-posts|tagcloud|tag-cloud|breadcrumbs?)(?:$|[\s_-])"
    # A sidebar widget ("widget", "widget_recent_entries", "widget-area"); not a page builder's wrapper
    # of every block ("elementor-widget-container"), which holds the article too.
    r"|(?:^|\s)widget(?:$|[\s_-])",
    re.IGNORECASE,
)
NOISE_TAGS = frozenset({"aside", "nav", "footer"})
# Classes of an article's own meta areas, inside tags that are otherwise noise.
OWN_PARTS = frozenset({"entry-footer", "post-footer", "entry-meta"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A link to the site's home page (its logo): "/", "./", "https://host" or "https://host/" (no path, no query).
HOME_HREF = re.compile(r"^\s*(?:https?://[^/?#]+)?(?:/|\./)?\s*$")
#: The separators between a ``<title>``'s parts: "Headline | Site", "Headline — Site", "Site :: Headline".
TITLE_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014\u00b7\u2022:/»~-]|::)\s+|\s*\uff5c\s*")


#: A style that hides its element: readers never see it.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_styled_hidden(el: etree._Element) -> bool:
    """Whether ``el``'s own ``style`` hides it (``display: none``, ``visibility: hidden``)."""
    return bool(HIDDEN_STYLE.search(el.get("style") or ""))


def has_noise_class(el: etree._Element) -> bool:
    """Whether ``el``'s class or id names a sidebar, comments, related posts or another ``NOISE_CLASS`` part.

    Utility classes with an arbitrary value ("lg:mr-[--sidebar-width]", Tailwind's) set a length, not a part:
    not read."""
    cls = el.get("class") or ""
    if "[" in cls:
        cls = " ".join(token for token in cls.split() if "[" not in token)
    return bool(NOISE_CLASS.search(cls) or NOISE_CLASS.search(el.get("id") or ""))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def class_words(cls: str) -> str:
    """A class attribute in lower case with camelCase and CSS-module names split into words
    ("styles_dateAndAuthor__x1" is "styles_date-and-author__x1")."""
    return _CAMEL.sub("-", cls).lower()


def classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").lower().split())


def text_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def short_text(el: etree._Element, limit: int) -> str | None:
    """``spaced_text`` of an element, or None as soon as it runs over ``limit`` characters (a byline is short;
    an element that turns out to hold the whole article is not read to its end)."""
    parts, size = [], 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > 4 * limit:
            return None
    text = " ".join(" ".join(parts).split())
    return text if len(text) <= limit else None


def head_text(el: etree._Element, limit: int) -> str:
    """The first ``limit`` or so characters of an element's text, spaces collapsed: how it starts, however long."""
    parts, size = [], 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > limit:
            break
    return " ".join(" ".join(parts).split())[:limit]


#: How many wrappers holding nothing but an element are climbed to find what follows it.
WRAPPER_DEPTH = 3


def next_past_wrappers(el: etree._Element, wrappers: frozenset[str]) -> etree._Element | None:
    """The element after ``el``, or after the ``wrappers`` that hold nothing but it: a CMS's field markup and a
    page builder's grid put a label, or an avatar, and the name beside it in sibling wrappers."""
    for _ in range(WRAPPER_DEPTH):
        if (after := el.getnext()) is not None or (el.tail and el.tail.strip()):
            return after
        parent = el.getparent()
        if parent is None or parent.tag not in wrappers or len(parent) != 1 or (parent.text or "").strip():
            return None
        el = parent
    return el.getnext()


def first_text(el: etree._Element, limit: int) -> str:
    """The short text of the first element under ``el`` (itself included) that holds text of its own."""
    for inner in el.iter():
        if isinstance(inner.tag, str) and inner.tag not in {"script", "style"} and (inner.text or "").strip():
            return short_text(inner, limit) or ""
    return ""


def spaced_text(el: etree._Element) -> str:
    """An element's text with its parts kept apart ("Jane Doe" "Updated" is not "Jane DoeUpdated")."""
    return " ".join(" ".join(el.itertext()).split())


MAIN_IDS = frozenset({"content", "main", "primary", "main-content", "maincontent"})


def is_main_area(el: etree._Element) -> bool:
    """The page's main area: ``<main>``, ``role="main"``, or the conventional ``id="content"`` / ``"main"``."""
    return el.tag == "main" or el.get("role") == "main" or (el.get("id") or "").lower() in MAIN_IDS


def is_noise(el: etree._Element, blocks: Iterable[etree._Element] = ()) -> bool:
    """True when ``el`` sits inside a sidebar, navigation, comment, related or "more from" block."""
    block_set = set(blocks)
    for anc in el.iterancestors():
        if anc.tag in {"body", "html"}:  # their classes describe the page's layout ("sidebar-none"), not a part
            break
        if is_main_area(anc):  # the page's main area is not noise, whatever its class ("sidebar_content")
            return False
        if anc in block_set:
            return True
        # An article's own footer (post info, byline) is not the page's footer, nor is an <aside> that gives the
        # <address> of the <article> holding the headline its sidebar (the Guardian's byline column).
        own_footer = anc.tag == "footer" and any(up.tag in {"article", "main"} for up in anc.iterancestors())
        own_aside = anc.tag == "aside" and anc.find(".//address") is not None and _in_headline_article(anc)
        own = own_footer or own_aside or bool(classes(anc) & OWN_PARTS)
        noise = (anc.tag in NOISE_TAGS and not own) or _masthead(anc) or (
            has_noise_class(anc) and not _own_widget(anc) and not _no_sidebar(anc))
        if noise and not _holds_the_article(anc):
            return True
    return False


def _masthead(el: etree._Element) -> bool:
    """The site's banner: a ``<header>`` right under ``<body>`` without the headline (its menus name brands)."""
    if el.tag != "header":
        return False
    parent = el.getparent()
    return parent is not None and parent.tag == "body" and next(el.iter("h1"), None) is None


_WIDGET_ONLY = re.compile(r"(?:^|\s)widget(?:$|[\s_-])", re.IGNORECASE)


def _own_widget(el: etree._Element) -> bool:
    """The article, or a part of it, that its CMS builds of "widgets" (RebelMouse's ``widget post-partial`` around
    the post, ``widget__body`` around the byline, Blogger's ``widget Blog`` around the post): noise only by that
    class, and holding the ``<article>`` that holds the ``<h1>``, or inside it, or holding the post's body
    (marked ``articleBody``, or Blogger's ``post-body``)."""
    return _noise_only_by(el, _WIDGET_ONLY) and (
        _holds_headline_article(el) or _in_headline_article(el) or bool(_POST_BODY(el)))


# ``is_post_body`` of a descendant, searched by libxml2 (``is_noise`` asks it of every widget it climbs past).
_POST_BODY = etree.XPath(
    ".//*[@itemprop='articleBody' or contains(concat(' ', normalize-space(@class), ' '), ' post-body ')][1]")


def is_post_body(el: etree._Element) -> bool:
    """Whether ``el`` is marked as the post's body: ``itemprop="articleBody"``, or Blogger's ``post-body`` class."""
    return el.get("itemprop") == "articleBody" or "post-body" in (el.get("class") or "").split()


_SIDEBAR_ONLY = re.compile(r"(?:^|\s)[\w-]*sidebar[\w-]*(?:$|\s)", re.IGNORECASE)


def _no_sidebar(el: etree._Element) -> bool:
    """An element noise only by its "sidebar" class that is not the page's sidebar: a column of the ``<article>``
    that holds the ``<h1>`` (the article's own meta column: its byline, date and sections beside the text), or a
    layout wrapper that holds the ``<h1>`` ("content_block right-sidebar": the page has one), which no sidebar
    does."""
    return _noise_only_by(el, _SIDEBAR_ONLY) and (el.find(".//h1") is not None or _in_headline_article(el))


def _noise_only_by(el: etree._Element, word: re.Pattern[str]) -> bool:
    """Whether ``el``'s class holds ``word`` and names no other noise part, nor does its id."""
    cls = el.get("class") or ""
    return bool(word.search(cls)) and not NOISE_CLASS.search(word.sub(" ", cls)) and not NOISE_CLASS.search(
        el.get("id") or "")


def _holds_headline_article(el: etree._Element) -> bool:
    """Whether ``el`` holds an ``<article>`` that holds an ``<h1>``."""
    return any(article.find(".//h1") is not None for article in el.iter("article"))


def _in_headline_article(el: etree._Element) -> bool:
    """Whether ``el`` lies in an ``<article>`` that holds an ``<h1>``."""
    return any(up.tag == "article" and up.find(".//h1") is not None for up in el.iterancestors("article"))


def _holds_the_article(el: etree._Element) -> bool:
    """A "noise" element that holds the headline and most of the page's text: a wrapper left open by broken
    markup (a ``<nav>`` never closed swallows the page), not a sidebar or a menu; or a ``<header>`` that holds
    the headline (the article's own, whatever its share buttons' id makes of it), or an ``<article>`` that does (its
    class may name its content type: Drupal's "node--type-newsletter-article")."""
    if el.find(".//h1") is None:
        return False
    if el.tag in ("header", "article"):
        return True
    body = next(el.iterancestors("body"), None)
    return body is not None and 2 * _spaced_length(el) > _spaced_length(body)


#: The characters of an element's text with its spacing collapsed, counted by libxml2 (the page's whole text
#: is not made a Python string to be measured).
_SPACED_LENGTH = etree.XPath("string-length(normalize-space(.))")


def _spaced_length(el: etree._Element) -> int:
    return int(_SPACED_LENGTH(el))


def absolute_url(href: str | None, base_url: str) -> str | None:
    """Return ``href`` resolved against ``base_url`` and normalized, or None when it is not an http(s) link."""
    if not href:
        return None
    href = href.strip()
    if href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    try:
        url = urljoin(base_url, href)
        return normalize_url(url) if is_http_url(url) else None
    except ValueError:  # e.g. "http://[bad": a malformed link is no link
        return None


def unique(urls: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        if url and url not in seen:
            seen[url] = None
    return list(seen)



T = TypeVar("T")


def once_per_page(read: Callable[[etree._Element], T]) -> Callable[[Selector], T]:
    """``read(sel.root)``, made on the first call for a selector and kept while the selector lives: a reading of
    the page that several readers ask for, made before its tree is pruned."""
    kept: weakref.WeakKeyDictionary[Selector, T] = weakref.WeakKeyDictionary()

    def of(sel: Selector) -> T:
        found = kept.get(sel)
        if found is None:
            found = kept[sel] = read(sel.root)
        return found

    return of


def home_link_texts(links: Iterable[etree._Element], base_url: str | None = None) -> list[str]:
    """The texts of the ``links`` (a page's ``<a>``) to its home page: the logo, the site's name. A link to the home
    page of another domain than ``base_url``'s names that site, not this one (a source the article cites)."""
    texts = []
    for a in links:
        if (href := a.get("href")) is None:
            continue  # an anchor, or a page's link to itself (Wikipedia's bold self-links), not the logo
        href = href.strip()
        # A cheap test first: only an absolute address, "/", "./" or "" can be the home page's.
        if (href in ("", "/", "./") or href.startswith("http")) and HOME_HREF.match(href) and (
                not base_url or not href.startswith("http") or same_domain(href, base_url)):
            texts.append(" ".join(a.itertext()))
    return texts

