"""The article's container, named for trafilatura when its own container patterns find none. Pure functions.

trafilatura looks for the article in elements whose class or id it knows (``entry-content``,
``post-body``, ``<article>``...). On a theme it does not know, it falls back to collecting the page's
loose paragraphs, and that fallback keeps paragraphs only: the article's section headings and lists
are lost (on wcxb-dev, about six in ten of their words, on one page in nine). The element that
directly holds most of the page's prose is the container the theme did not name; extracted alone, it
gives the article with its structure.

trafilatura also deletes, before it reads, every element whose class or id holds one of its boilerplate
words (``footer``, ``widget``, ``embed``, ``meta``, ``slide``...) as a substring, and every ``<aside>``,
``<footer>`` and ``<nav>``: a page builder's ``w-embed``, a theme's ``page1-footer``, a listicle's slides
or a popup's ``<aside>`` left open around the whole page go with them. Such elements, when together they
hold most of the page's prose, are the article's containers, unmarked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy

from lxml import etree
from lxml.html import Element, HtmlElement
from trafilatura.xpaths import OVERALL_DISCARD_XPATH, REGEXP_NS, REMOVE_COMMENTS_XPATH

from crawler.discovery.markup import class_words, has_noise_class
from crawler.extraction.boilerplate import PROSE_WORDS

#: Headings or list items of the container missing from the body before it is taken as lost structure.
MIN_LOST_ITEMS = 2
#: Share of the first body's three-word runs the second must hold to replace it.
MIN_RETAINED = 0.9
#: Share of the page's prose words an element trafilatura discards must hold to be the article's container.
DISCARDED_SHARE = 0.5
#: Tags trafilatura deletes with all they hold (its ``MANUALLY_CLEANED``) that could wrap an article.
DROPPED_TAGS = ("aside", "footer", "nav", "menu", "dialog")
#: Prose words of one such element (a few paragraphs), to count towards that share.
MIN_PART_WORDS = 3 * PROSE_WORDS
#: Below this share of the container's three-word runs in the body, the container was lost.
MIN_FOUND = 0.8
_WORD = re.compile(r"\w+")


def prose_container(tree: HtmlElement) -> HtmlElement | None:
    """The element whose child paragraphs hold the most words of prose, or None when no paragraph is prose."""
    credit: dict[HtmlElement, int] = {}
    for paragraph, text in _prose_paragraphs(tree):
        if (parent := paragraph.getparent()) is not None:
            credit[parent] = credit.get(parent, 0) + len(text.split())
    return max(credit, key=credit.__getitem__) if credit else None


def common_container(tree: HtmlElement, text: str) -> HtmlElement | None:
    """The innermost element holding every prose paragraph of the page that ``text`` holds; None when that is
    the whole page."""
    extracted = f" {_words(text)} "
    chains = [
        list(paragraph.iterancestors())[::-1]
        for paragraph, paragraph_text in _prose_paragraphs(tree)
        if _opens_in(_words(paragraph_text), extracted)
    ]
    if not chains:
        return None
    common = None
    for level in zip(*chains, strict=False):
        if any(el is not level[0] for el in level):
            break
        common = level[0]
    return common if common is not None and common.tag not in ("html", "body") else None


def lost_outside_article(tree: HtmlElement, container: HtmlElement, text: str, named: str) -> bool:
    """Whether most of what ``text`` holds and ``named`` (the container's body) lacks lies outside the article:
    outside the innermost element holding both the headline's ``<h1>`` and the container (a footer, a
    sign-up form, other posts' teasers). False on a page without an ``<h1>``."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return False
    headline_side = set(h1.iterancestors())  # held, so that the same elements come back as the same objects
    article = next((el for el in container.iterancestors() if el in headline_side), None)
    if article is None:
        return False
    inside = f" {_words(' '.join(article.itertext()))} "
    kept = set(named.split("\n"))
    lost = [_words(line) for line in text.split("\n") if line.strip() and line not in kept]
    outside = sum(len(words.split()) for words in lost if not _opens_in(words, inside))
    return outside * 2 > sum(len(words.split()) for words in lost)


def _prose_paragraphs(element: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The ``<p>`` of ``element`` that are prose, with their text (shorter: captions, buttons, bylines)."""
    for paragraph in element.iter("p"):
        text = " ".join(paragraph.itertext())
        if len(text.split()) >= PROSE_WORDS:
            yield paragraph, text


def _prose_words(element: HtmlElement) -> int:
    """Words of the prose paragraphs in ``element``."""
    return sum(len(text.split()) for _, text in _prose_paragraphs(element))


def prose_found(tree: HtmlElement, text: str) -> float:
    """The share of the page's prose words whose paragraph ``text`` holds (by its first words), 1.0 when none."""
    extracted = f" {_words(text)} "
    found = total = 0
    for paragraph in tree.iter("p"):
        words = _words(" ".join(paragraph.itertext())).split()
        if len(words) >= PROSE_WORDS:
            total += len(words)
            found += len(words) if _opens_in(" ".join(words), extracted) else 0
    return found / total if total else 1.0


def discarded_containers(tree: HtmlElement) -> list[HtmlElement]:
    """The outermost elements trafilatura discards (by class or id, or by tag) that hold prose and together
    most of the page's: one container, or a listicle's slides. Never comments, related posts or sidebars,
    unless one holds the headline: a wrapper (a newsletter popup, an ``<aside>``) left open by broken markup."""
    body = tree.find("body")
    total = _prose_words(body) if body is not None else 0
    if not total:
        return []
    headline = next(body.iter("h1"), None)
    # Also what it prunes as comments by a class that only begins so ("commentOnSelection", a post that
    # readers can annotate): a comments section's own class is noise, and never taken.
    matched = [element for expression in OVERALL_DISCARD_XPATH + REMOVE_COMMENTS_XPATH for element in expression(body)]
    parts = {
        element: words
        for element in dict.fromkeys(matched + list(body.iter(*DROPPED_TAGS)))
        if (words := _prose_words(element)) >= MIN_PART_WORDS
        and (not has_noise_class(element) or (headline is not None and headline in element.iter("h1")))
    }
    outermost = [element for element in parts if not any(up in parts for up in element.iterancestors())]
    return outermost if sum(parts[element] for element in outermost) >= DISCARDED_SHARE * total else []


def accordion_panes(accordions: list[HtmlElement], text: str) -> list[HtmlElement]:
    """The parts of the page's ``accordions`` (elements a class names so) that trafilatura discards, holding
    prose ``text`` lacks: each element from such a paragraph up to its accordion that trafilatura's discard
    patterns match, by a class holding one of its boilerplate words as a part ("kt-accodion-icon-side-right",
    a pane's "hidden"). A reader opens the panes (an FAQ's answers, a guide's method); they are article text.
    Never in an accordion of comments, related posts, menus, author or share boxes."""
    if not accordions:
        return []
    inner = set(accordions)  # held, so that the same elements come back as the same objects
    extracted = f" {_words(text)} "
    found: dict[HtmlElement, None] = {}
    for accordion in accordions:
        if any(up in inner for up in accordion.iterancestors()) or has_noise_class(accordion):
            continue
        if _names_boilerplate(accordion):
            continue
        for paragraph, paragraph_text in _prose_paragraphs(accordion):
            if _opens_in(_words(paragraph_text[:200]), extracted):
                continue
            for element in [paragraph, *paragraph.iterancestors()]:
                if element not in found and any(test(element) for test in _DISCARDED):
                    if _names_boilerplate(element):
                        break
                    found[element] = None
                if element is accordion:
                    break
    return list(found)


# trafilatura's discard patterns as tests of one element (they are written as searches below one, ".//*[…]";
# one written otherwise by another trafilatura is left out, and the accordion test fails).
_DISCARDED = [
    etree.XPath("self::*" + path.removeprefix(".//*"), namespaces={"re": REGEXP_NS})
    for path in (expression.path.strip() for expression in OVERALL_DISCARD_XPATH)
    if path.startswith(".//*[")
]
# What a class or id names when a part is around the article rather than of it: these anywhere in a name
# ("contributorbyline", "recent-articles-carousel"), and a few short words whole ("cta-box", "ad-slot").
_AROUND_ARTICLE = re.compile(
    r"author|byline|contributor|related|recent|newsletter|subscri|share|social|promo|sponsor|comment|carousel|"
    r"slider|breadcrumb|banner|popup|modal|footer|cookie|menu|(?:^|[^a-z])(?:ad|ads|cta|bio|tags|meta|nav)(?:$|[^a-z])"
)


def _names_boilerplate(element: HtmlElement) -> bool:
    """Whether ``element``'s class or id names a part around the article ("author-bio", "cta-box")."""
    return bool(_AROUND_ARTICLE.search(class_words(f"{element.get('class') or ''} {element.get('id') or ''}")))


def lost(containers: list[HtmlElement], text: str) -> bool:
    """Whether ``text`` misses much of the prose of ``containers``."""
    runs = _runs("\n".join(text for container in containers for _, text in _prose_paragraphs(container)))
    return bool(runs) and len(runs & _runs(text)) < MIN_FOUND * len(runs)


def unmark(elements: list[HtmlElement]) -> None:
    """Make ``elements`` plain ``<div>``s without the class and id by which trafilatura discards them."""
    for element in elements:
        element.tag = "div"
        for name in ("class", "id"):
            element.attrib.pop(name, None)


def alone(container: HtmlElement) -> HtmlElement:
    """A page of a copy of ``container`` only, as a ``<div>`` marked as the article body (the first marker
    trafilatura's container search reads, on a ``div``, ``section``, ``main`` or ``article`` only; the
    container may be a ``<header>`` or a table cell): extracted, it is read as the article, and in a third
    of the time the whole page takes."""
    page, body, copy = Element("html"), Element("body"), deepcopy(container)
    copy.tag = "div"
    copy.set("itemprop", "articleBody")
    body.append(copy)
    page.append(body)
    return page


def has_structure(body: etree._Element) -> bool:
    """Whether trafilatura's output body kept a heading or a list."""
    return body.find(".//head") is not None or body.find(".//list") is not None


def lost_structure(container: HtmlElement, text: str) -> bool:
    """Whether headings or list items of ``container`` are missing from the extracted ``text``."""
    extracted = f" {_words(text)} "
    lost = 0
    for element in container.iter("h2", "h3", "h4", "li"):
        words = _words(" ".join(element.itertext()))
        if words.count(" ") >= 1 and f" {words} " not in extracted:
            lost += 1
            if lost >= MIN_LOST_ITEMS:
                return True
    return False


def retains(text: str, first: str) -> bool:
    """Whether ``text`` holds nearly all of ``first`` (its three-word runs): it adds, rather than replaces."""
    first_runs = _runs(first)
    return bool(first_runs) and len(first_runs & _runs(text)) >= MIN_RETAINED * len(first_runs)


def adds_sentences(text: str, first: str) -> bool:
    """Whether ``text`` holds ``first`` and adds prose lines that mostly end a sentence: the rest of an
    article, not excerpts of other posts cut mid-sentence."""
    if not retains(text, first):
        return False
    read = set(first.split("\n"))
    added = [line for line in text.split("\n") if line not in read and len(_WORD.findall(line)) >= PROSE_WORDS]
    ended = sum(1 for line in added if _SENTENCE_END.search(line.rstrip()))
    return bool(added) and ended >= SENTENCE_SHARE * len(added)


#: Of the prose lines a second reading adds, at least this share end a sentence for ``adds_sentences``.
SENTENCE_SHARE = 2 / 3
_SENTENCE_END = re.compile(r"[.!?:][\"'\u201d\u2019)]*$")


def _opens_in(words: str, text: str) -> bool:
    """Whether ``text`` (``_words`` of a body, spaced at both ends) holds the first words of ``words`` (``_words``
    of a paragraph): the paragraph is in the body."""
    return f" {' '.join(words.split()[:PROSE_WORDS])} " in text


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _runs(text: str) -> set[tuple[str, ...]]:
    """The three-word runs of each line of ``text``: a heading put between two paragraphs breaks none."""
    runs = set()
    for line in text.split("\n"):
        words = _words(line).split()
        runs.update(zip(words, words[1:], words[2:], strict=False))
    return runs
