"""One walk over every element of a page, collecting what its readers look for: byline markup, "By" phrases,
credits and author labels for the byline voices; links and person icons for theirs; accordions and styled
elements for the body. Pure functions.

Each walk of a page's tree costs about 0.2 ms, in libxml2's traversal and the elements Python sees: one walk
serves every reader. Made once per page (``page_scan``), before its tree is pruned. As it visits every
element of every page, its tests are inlined and ordered cheapest first (a text of whitespace skips the text's;
each attribute is read alone, without lxml's attributes proxy), and only the lists most appended to are held in
locals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.discovery.markup import once_per_page
from crawler.discovery.phrases import THIS, phrase_start
from crawler.discovery.voices import has_author_markup_word, is_byline_class

# A label alone in its element, the name after it: "<h3>Author</h3><p>Jane Doe</p>", "<b>Contributors:</b> Jane Doe".
_LABEL = re.compile(
    rf"^\s*(?:{THIS})?(?:authors?|author\(s\)|(?:(?:article|post|story|piece)\s+)?(?:(?:written|posted)\s+)?by|"
    r"contributors?|writers?|(?:von|par|por|door)\s*:|"  # "by" in another tongue: a label by its colon alone
    r"autor(?:in|en)?|auteurs?|autore|verfasst\s+von|escrito\s+por|[ée]crit\s+par)\s*:?\s*$",
    re.IGNORECASE,
)
_LABEL_TAGS = frozenset({"span", "p", "div", "strong", "b", "em", "small", "dt", "th", "label",
                         "h2", "h3", "h4", "h5", "h6"})

#: Elements whose own text is never a byline's: scripts, styles, links, images, metadata.
SKIP_TAGS = frozenset({"script", "style", "a", "img", "meta", "link"})

# Where a "By" phrase is read: text elements, and the minor headings an author box titles itself with
# ("Written by Jane Doe" in an <h3>); a page's h1 and h2 are its headline and sections.
_PHRASE_TAGS = frozenset({"span", "p", "div", "li", "em", "i", "small", "address", "time", "strong", "b",
                          "h3", "h4", "h5", "h6", "byline"})  # <byline>: a news agency's markup (NITF) kept in pages
# The parts of a byline row a "By" phrase follows: a date, a separator, a label.
_TAIL_TAGS = frozenset({"time", "span", "small", "strong", "b"})
# What a person icon is drawn with (an <img> avatar too): ``unmarked.icon_votes`` tells which are.
_ICON_TAGS = frozenset({"i", "span", "svg"})
_AUTHOR_ITEMPROPS = frozenset({"author", "creator"})


@dataclass
class PageScan:
    """What one walk of the page found, each list in document order."""

    marked: list[etree._Element] = field(default_factory=list)
    phrases: list[etree._Element] = field(default_factory=list)
    credits: list[etree._Element] = field(default_factory=list)
    labels: list[etree._Element] = field(default_factory=list)
    #: Elements whose tail is a "By" phrase: "<time>03/01/2017</time> by Jane Doe".
    tails: list[etree._Element] = field(default_factory=list)
    #: Whether a class or id holds a word trafilatura's author search reads (it has something to find).
    author_markup: bool = False
    #: Elements whose class holds "author" (every "More From Author" block's does: ``blocks`` reads them).
    author_classed: list[etree._Element] = field(default_factory=list)
    #: Elements whose class names an accordion: the body opens their panes.
    accordions: list[etree._Element] = field(default_factory=list)
    #: Elements with a ``style`` attribute: the body drops those styled not to render.
    styled: list[etree._Element] = field(default_factory=list)
    #: Every ``<a>``.
    links: list[etree._Element] = field(default_factory=list)
    #: Every ``<i>``, ``<span>``, ``<svg>`` and ``<img>``: what person icons and avatars are drawn with.
    icons: list[etree._Element] = field(default_factory=list)
    #: Elements but ``<meta>`` marked as the publication's day by microdata (``itemprop="datePublished"``).
    dated: list[etree._Element] = field(default_factory=list)


def scan_page(root: etree._Element) -> PageScan:
    """One walk of the page for ``bylines``' voices, ``links``' and ``unmarked.icon_votes``, and the body's readers."""
    scan = PageScan()
    styled, links, icons, author_classed = scan.styled, scan.links, scan.icons, scan.author_classed
    author_markup, english = False, declared_english(root)
    for el in root.iter(etree.Element):  # elements only: no comments or processing instructions
        tag = el.tag
        if el.get("style"):
            styled.append(el)
        if tag in SKIP_TAGS:
            if not author_markup:
                cls, ident = el.get("class"), el.get("id")
                author_markup = bool((cls and has_author_markup_word(cls)) or (ident and has_author_markup_word(ident)))
            if tag == "a":
                links.append(el)
                # A link whose text is the phrase: "<a href="/search?q=Jane+Doe">by Jane Doe</a>".
                if (text := el.text) and phrase_start(text, english) == "phrase":
                    scan.phrases.append(el)
            elif tag == "img":
                icons.append(el)
            continue
        if tag in _ICON_TAGS:
            icons.append(el)
        if tag in _TAIL_TAGS and (tail := el.tail) and phrase_start(tail, english) == "phrase":
            scan.tails.append(el)
        if (text := el.text) and not text.isspace():
            if tag in _PHRASE_TAGS and (kind := phrase_start(text, english)):
                (scan.phrases if kind == "phrase" else scan.credits).append(el)
            if tag in _LABEL_TAGS and len(text) < 50 and len(el) == 0 and _LABEL.match(text):
                scan.labels.append(el)
        if cls := el.get("class"):
            lowered = cls.lower()
            if "author" in lowered:
                author_classed.append(el)
            if "ccordion" in lowered:
                scan.accordions.append(el)
        itemprop = el.get("itemprop")
        if itemprop == "datePublished":
            scan.dated.append(el)
        elif itemprop and itemprop.lower() in _AUTHOR_ITEMPROPS:
            scan.marked.append(el)
            continue
        ident = el.get("id")
        # A cheap word test (the byline words are among trafilatura's) before ``is_byline_class``.
        if (cls and has_author_markup_word(cls)) or (ident and has_author_markup_word(ident)):
            author_markup = True
            if is_byline_class(f"{cls or ''} {ident or ''}"):
                scan.marked.append(el)
    scan.author_markup = author_markup
    return scan


def declared_english(root: etree._Element) -> bool:
    """Whether the page's ``<html lang>`` declares English ("en", "en-US", "en_GB")."""
    html = root.getroottree().getroot()
    return (html.get("lang") or "")[:2].lower() == "en"


#: ``scan_page`` of the page, made on the first call for a selector (before its tree is pruned).
page_scan: Callable[[Selector], PageScan] = once_per_page(scan_page)
