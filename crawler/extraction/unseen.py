"""What a reader of the page never sees: elements styled hidden, scripts, styles and noscripts; and the words
a reader does see, against which a body's share is measured."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.discovery.markup import HIDDEN_STYLE

_TEXT_LENGTH = etree.XPath("string-length(.)")
_STRING = etree.XPath("string(.)")


def text_length(element: HtmlElement) -> int:
    """Characters of an element's text (its XPath string value, counted by libxml2)."""
    return int(_TEXT_LENGTH(element))


def hidden_elements(tree: HtmlElement, styled: list[HtmlElement]) -> list[HtmlElement]:
    """Return the elements styled not to render, unless one holds most of the page's text; show the collapsed
    sections of the article instead (``show_collapsed``): one walk of the page finds both.

    Some pages ship their article hidden until a script shows it; that one is kept, and so are all when
    together they hold most of the text (a gallery's slides, shown one at a time). The ``hidden``
    attribute is not read as "not article": streamed server rendering parks the article's sections
    in ``<div hidden>`` until a script moves them, and closed FAQ accordions use it. ``styled``: the page's
    elements with a ``style``, in document order (the walk of the page, ``page_scan``, finds them).
    """
    body = tree.find("body")
    if body is None:
        return []
    hidden, folded = [], []
    for el in styled:
        if next(el.iterancestors("body"), None) is not body:  # the pass read the <head> too
            continue
        style = el.get("style")
        if HIDDEN_STYLE.search(style):
            hidden.append(el)
        elif _FOLDED_STYLE.search(style):
            folded.append(el)
    shown = show_collapsed(tree, hidden + folded)
    hidden = [el for el in hidden if el not in shown]
    if not hidden:
        return []
    half = text_length(body) / 2
    hidden_set = set(hidden)
    outermost = [el for el in hidden if not any(a in hidden_set for a in el.iterancestors())]
    if sum(text_length(element) for element in outermost) >= half:
        return []  # the article's slides or tabs, shown one at a time by a script
    return [element for element in hidden if text_length(element) < half]


# A section folded to no height, as accordions animate it open.
_FOLDED_STYLE = re.compile(r"(?<![\w-])(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|$)", re.IGNORECASE)
_CONTROLLED_IDS = etree.XPath("//@aria-controls")
#: Fewer words, a collapsed element is a control's label or a menu's entry, not a section of the article.
COLLAPSED_MIN_WORDS = 15
# Collapsed parts of the page's chrome, not of the article: menus, drawers, dialogs, search, cart, consent.
_CHROME_WORDS = re.compile(r"menu|nav|drawer|modal|popover|popup|dialog|dropdown|search|cart|cookie|consent|login|"
                           r"account|banner|offcanvas|off-canvas", re.IGNORECASE)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "dialog", "form"})


def show_collapsed(tree: HtmlElement, candidates: list[HtmlElement]) -> set[HtmlElement]:
    """Show the ``candidates`` (elements styled hidden or folded) that are collapsed sections of the article:
    an accordion's panel or an FAQ's answer that a control of the page opens (``aria-controls`` names it), after
    the headline, in prose rather than links, in no menu or dialog. A reader opens them; they are article text.
    Returns the elements shown (their hiding style and ``aria-hidden`` dropped)."""
    named = [el for el in candidates if el.get("id") and not _chrome(el)]
    if not named:
        return set()
    controlled = {name for value in _CONTROLLED_IDS(tree) for name in str(value).split()}
    shown = set()
    for el in named:
        if el.get("id") in controlled and _prose_after_headline(el):
            el.attrib.pop("style", None)
            el.attrib.pop("aria-hidden", None)
            shown.add(el)
    return shown


def _chrome(el: HtmlElement) -> bool:
    """Whether ``el`` is a collapsed part of the page's chrome: a menu, a drawer, a dialog (by its own words or
    an ancestor's tag)."""
    words = f"{el.get('id')} {el.get('class') or ''} {el.get('role') or ''}"
    return bool(_CHROME_WORDS.search(words)) or any(a.tag in _CHROME_TAGS for a in el.iterancestors())


_AFTER_HEADLINE = etree.XPath("boolean(preceding::h1)")


def _prose_after_headline(el: HtmlElement) -> bool:
    text = _STRING(el)
    if len(text.split()) < COLLAPSED_MIN_WORDS or not _AFTER_HEADLINE(el):
        return False
    linked = sum(len(_STRING(a)) for a in el.iter("a"))
    return linked < 0.3 * len(text)


_INVISIBLE_TAGS = ("script", "style", "noscript", "template")


def visible_words(tree: HtmlElement) -> int:
    """Words of the page's ``<body>`` a reader could see (not scripts, styles or templates)."""
    body = tree.find("body")
    if body is None:
        return 0
    invisible = 0
    for element in body.iter(*_INVISIBLE_TAGS):
        if next(element.iterancestors(*_INVISIBLE_TAGS), None) is None:  # words of nested ones counted once
            invisible += len(" ".join(element.itertext()).split())
    return len(_STRING(body).split()) - invisible


# Elements trafilatura deletes before it reads a page (its MANUALLY_CLEANED), deleted here first (their tails
# kept, as it keeps them), so that its copies of the tree do not copy them. JSON-LD stays: the full
# cascade's fallback reads an articleBody there.
_UNREAD = ("script", "style", "svg", "noscript")


def drop_unread(tree: HtmlElement) -> None:
    """Delete what trafilatura would not read anyway (scripts, styles, icons, noscripts), unless a noscript
    holds the page."""
    _open_noscript_page(tree)
    for element in list(tree.iter(*_UNREAD)):
        if element.tag != "script" or element.get("type") != "application/ld+json":
            element.drop_tree()


#: A ``<noscript>`` with fewer characters holds a tracking pixel or a "turn on JavaScript" line, not the page.
_NOSCRIPT_PAGE_CHARS = 500


def _open_noscript_page(tree: HtmlElement) -> None:
    """Unwrap the ``<noscript>`` elements that hold more words than all else a reader sees: the page as shown
    without scripts (Blogger's dynamic views put the post there; an unclosed tag in one holds the whole page)."""
    body = tree.find("body")
    if body is None:
        return
    large = [
        element
        for element in body.iter("noscript")
        if text_length(element) > _NOSCRIPT_PAGE_CHARS and next(element.iterancestors("noscript"), None) is None
    ]
    if large and sum(len(_STRING(element).split()) for element in large) > visible_words(tree):
        for element in large:
            element.drop_tag()
