"""The article body of a parsed page: what is pruned before trafilatura, and what is cleaned after it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from lxml.html import HtmlElement
from trafilatura.settings import Document

from crawler.extraction.boilerplate import (
    CJK,
    CJK_CHARS_PER_WORD,
    drop_inline_promos,
    drop_table_of_contents,
    mostly_prose,
    normalize_text,
    strip_leading_header,
    trim_trailing_boilerplate,
)
from crawler.extraction.container import (
    accordion_panes,
    adds_sentences,
    alone,
    common_container,
    discarded_containers,
    has_structure,
    lost,
    lost_outside_article,
    lost_structure,
    prose_container,
    prose_found,
    retains,
    unmark,
)
from crawler.extraction.headline import is_heading_anchor
from crawler.extraction.reading import element_count, read, read_in_place, text_of
from crawler.extraction.repeats import drop_repeated_copies
from crawler.extraction.unseen import drop_unread, hidden_elements, text_length, visible_words
from crawler.text import strip_line_ends

_WORD = re.compile(r"\w+")


# Deks: sub-headlines marked by class (subtitle, standfirst, dek...). The <h2>-<h4> of the <header>
# that holds the headline are not taken for deks: on pages from other sites than the ones this was
# first tuned on, they were as often the article's own first section heading (bench-rules).
_SUBHEAD_CLASSES = ("sub-head", "subhead", "subline", "subtitle", "standfirst", "strapline")
# A "subheading" is a section heading of the body (Dotdash Meredith's "mntl-sc-block-subheading"), not a dek.
_SECTION_HEADING_CLASS = re.compile(r"sub-?heading")


def deks(tree: HtmlElement) -> list[HtmlElement]:
    """The ``<h2>``-``<h4>`` whose class marks them as the headline's dek, not after a paragraph of the body."""
    found = []
    for heading in tree.iter("h2", "h3", "h4"):
        cls = _SECTION_HEADING_CLASS.sub("", heading.get("class") or "")
        marked = cls and (any(name in cls for name in _SUBHEAD_CLASSES) or "dek" in cls.split())
        if marked and not _after_paragraph(heading):
            found.append(heading)
    return found


#: Characters of a paragraph before a heading that make it a section heading in the flow of the text.
_PARAGRAPH_CHARS = 100


def _after_paragraph(heading: HtmlElement) -> bool:
    """True when a paragraph precedes ``heading`` among its siblings: a section heading, whatever its class says
    ("article-subheadline" on every section of a theme's body)."""
    return any(text_length(sibling) >= _PARAGRAPH_CHARS for sibling in heading.itersiblings("p", preceding=True))


class NoArticle(Exception):
    """The page holds no article body that trafilatura could extract."""


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the normalized body text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Return the number of words in ``text``: its ``\\w+`` tokens, and Chinese and Japanese text (written without
    spaces, a sentence one token) by its characters, ``CJK_CHARS_PER_WORD`` to a word."""
    tokens = _WORD.findall(text)
    if not CJK.search(text):
        return len(tokens)
    return sum(1 for token in tokens if not CJK.search(token)) + len(CJK.findall(text)) // CJK_CHARS_PER_WORD


def teaser_articles(tree: HtmlElement) -> list[HtmlElement]:
    """Return the ``<article>`` teasers of other posts beside the one ``<article>`` that holds the headline.

    Only those shorter than the headline's ``<article>`` and outside it: a page whose headline
    sits in a short featured-story box keeps its long article, and an article whose body is an
    inner ``<article>`` keeps it.
    """
    articles = list(tree.iter("article"))
    main = [article for article in articles if next(article.iter("h1"), None) is not None]
    if len(main) != 1:
        return []
    length = text_length(main[0])
    return [
        element
        for element in articles
        if element not in main and text_length(element) < length and main[0] not in element.iterancestors()
    ]


@dataclass
class PrunedPage:
    """A page's tree pruned for its body (``prune``), with the elements its class names as accordions."""

    tree: HtmlElement
    accordions: list[HtmlElement]


def prune(tree: HtmlElement, blocks: list[HtmlElement], styled: list[HtmlElement]) -> None:
    """Drop what is no part of the article from ``tree``: the theme's "More From Author" ``blocks``, the dek
    (standfirst) under the headline, which trafilatura would otherwise make the body's first paragraph, what the
    page's ``styled`` elements hide, other posts' teasers, what trafilatura never reads, headings' permalinks."""
    for element in blocks + deks(tree) + hidden_elements(tree, styled) + teaser_articles(tree):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    drop_unread(tree)
    for heading in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        for anchor in [a for a in heading.iter("a") if is_heading_anchor(a)]:
            anchor.drop_tree()  # "Section title¶": the permalink's sign is no part of the text


def article_body(
    page: PrunedPage, again: Callable[[], PrunedPage], url: str, title: str | None, authors: list[str]
) -> str:
    """The article's text: the ``page`` through trafilatura, cleaned of what trafilatura keeps around it; raise
    ``NoArticle`` when none is left. The first reading takes the page's tree (``read_in_place``); a reader after
    it gets the same page pruned ``again`` (made once, on the few pages that need it)."""
    visible, size = visible_words(page.tree), element_count(page.tree)
    first = read_in_place(page.tree, url)
    # trafilatura deletes elements only (comment sections, infinite-scroll containers): as many left, none were.
    pruned = cache(lambda: page if element_count(page.tree) == size else again())
    text, reading = _fast_body(first, pruned, url)
    if reading is not ARTICLE:
        text = _checked_body(pruned, url, text, reading is UNSURE, visible)
    if page.accordions and (panes := accordion_panes(pruned().accordions, text)):
        unmark(panes)  # the accordions opened: kept when the body read again holds the first
        text_again = _body(pruned().tree, url, fast=True)
        text = text_again if retains(text_again, text) else text
    text = drop_repeated_copies(drop_table_of_contents(drop_inline_promos(text, url)))
    text = trim_trailing_boilerplate(strip_leading_header(text, title, authors))
    text = strip_line_ends(unicodedata.normalize("NFC", text))  # NFC as trafilatura.extract returns it
    if not text:
        raise NoArticle("no article body")
    return text


def _checked_body(pruned: Callable[[], PrunedPage], url: str, text: str, unsure: bool, visible: int) -> str:
    """The fast path's body, or the full cascade's where it is unsure, not prose, or too small a part of the
    page; completed where it misses much of the page's prose."""
    fast = (not unsure and mostly_prose(text, MIN_PROSE_SHARE) and len(text.split()) >= MIN_BODY_SHARE * visible
            and not _blob(text))
    if not fast:
        # Not prose (a menu or a link list taken for the body, or nothing), a small part of the page (an
        # intro or one section of a long guide), or two readings that disagree: trafilatura's full
        # cascade, which compares its result with readability's and jusText's, picks better there.
        text = _body(pruned().tree, url, fast=False)
    if len(text.split()) < LOST_BODY_SHARE * visible and prose_found(pruned().tree, text) < MIN_PROSE_FOUND:
        text = _lost_prose(pruned().tree, url, text, fast)
    return text


#: Below this share of its text in prose lines, a body from trafilatura's fast path is extracted again in full.
MIN_PROSE_SHARE = 0.5
#: Below this share of the page's visible text, too.
MIN_BODY_SHARE = 0.15


# How far the fast path's body can be trusted: as it is, not at all (the full cascade decides), or as the
# article's own container read alone, whatever the rest of the page holds.
SURE, UNSURE, ARTICLE = "sure", "unsure", "article"


def _fast_body(doc: Document | None, pruned: Callable[[], PrunedPage], url: str) -> tuple[str, str]:
    """trafilatura's fast body (``doc``), and how far to trust it. Where trafilatura fell back to loose paragraphs,
    losing the article's headings and lists, the prose container's alone, when it adds to the first body
    rather than replaces it; else that of the element holding all the paragraphs read (an article in several
    blocks), when it adds; else the container's, when what it lacks lies mostly outside the article (the
    ``ARTICLE`` reading); else the first body, unsure (the full cascade decides)."""
    text = text_of(doc)
    if doc is None or doc.body is None or has_structure(doc.body):
        return text, SURE
    tree = pruned().tree
    container = prose_container(tree)
    if container is None or not lost_structure(container, text):
        return text, SURE
    named = text_of(read_in_place(alone(container), url))
    if retains(named, text):
        return named, SURE
    whole = common_container(tree, text)
    if whole is not None and whole is not container:
        wider = text_of(read_in_place(alone(whole), url))
        if retains(wider, text):
            return wider, SURE
    # What the container's reading lacks is mostly outside the article (a footer, sign-up forms, teasers).
    return (named, ARTICLE) if named and lost_outside_article(tree, container, text, named) else (text, UNSURE)


#: A body under this share of the page's visible words may be a first part of the article (the fast path stopped
#: before its other tabs or sections) or have lost its container to trafilatura's discard patterns (checked
#: further only then: the check costs about 0.8 ms a page).
LOST_BODY_SHARE = 0.35
#: Below this share of the page's prose (by words) found in the body, it is missing some.
MIN_PROSE_FOUND = 0.8


#: Words of a body in one line (no paragraph break) from which it is taken as a blob.
BLOB_WORDS = 150


def _blob(text: str) -> bool:
    """A long body without a line break: trafilatura's last resort (a JSON-LD ``articleBody`` or a container's
    whole text run together, with captions and teasers) rather than the page's paragraphs."""
    return "\n" not in text and len(text.split()) > BLOB_WORDS


def _lost_prose(tree: HtmlElement, url: str, text: str, fast: bool) -> str:
    """The body, where it misses much of the page's prose, with what the full cascade or an unmarked container
    adds to it."""
    if fast:
        again = _rest_of_article(tree, url, text)
        if again is not text and prose_found(tree, again) >= MIN_PROSE_FOUND:
            return again
        text = again
    return _undiscarded(tree, url, text, fast)


def _rest_of_article(tree: HtmlElement, url: str, text: str) -> str:
    """The full cascade's body where it holds the fast one and adds sentences to it: the article's other
    tabs or sections, which the fast path can stop before."""
    again = _body(tree, url, fast=False)
    return again if again != text and adds_sentences(again, text) else text


def _undiscarded(tree: HtmlElement, url: str, text: str, fast: bool) -> str:
    """The body again with the article's container unmarked, where trafilatura's discard patterns took it
    (``container.discarded_containers``); kept when it adds to the first body (or there was none) rather
    than replaces it."""
    containers = discarded_containers(tree)
    if not containers or not lost(containers, text):
        return text
    unmark(containers)
    again = _body(tree, url, fast)
    if not text or retains(again, text):
        return again  # it adds to the first body
    return again if not mostly_prose(text, MIN_PROSE_SHARE) and mostly_prose(again, MIN_PROSE_SHARE) else text


def _body(tree: HtmlElement, url: str, fast: bool) -> str:
    """trafilatura's body text of a pruned tree (which it copies, so a second call sees the same tree)."""
    return text_of(read(tree, url, fast))
