""""More From Author" blocks on an article page: pure functions over a parsel ``Selector``.

They are read on the raw page, before extraction: trafilatura drops the elements (class names
containing ``author`` or ``related``) that carry these links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from crawler.discovery.authorpages import is_author_archive_url
from crawler.discovery.markup import HEADINGS, absolute_url, classes, text_of, unique
from crawler.discovery.pagescan import page_scan
from crawler.urls import same_site


@dataclass(frozen=True)
class MoreFromBlock:
    """A "More From Author" block: the article links it lists and, when its heading names one, whose they are."""

    links: tuple[str, ...]
    author_name: str | None = None


# Theme classes of server-rendered "More From Author" blocks.
MORE_FROM_CLASSES = frozenset(
    {
        "single-author-posts",
        "author-posts",
        "more-from-author",
        "more-by-author",
        "author-more-posts",
        "more-author-posts",
        "posts-by-author",
        "author-related-posts",
    }
)

# Headings of "More From Author" blocks. A named heading ("More by Jane Doe") only counts
# when the name matches a byline author: "More from Technology" is a category, not a person.
_APOS = "['\u2019]"
# "More from this author" in English, French, German, Spanish, Portuguese and Italian.
_GENERIC_HEADING = re.compile(
    "^(?:"
    r"(?:more|other|also)\s+(?:posts|articles|stories|entries)?\s*(?:from|by)\s+(?:(?:this|the)\s+)?"
    r"(?:author|writer|columnist)s?\b"
    rf"|(?:plus|autres?)\s+(?:d{_APOS}|de\s+|des\s+)?(?:articles?|billets?|publications?)?\s*"
    rf"(?:de\s+|du\s+|de\s+l{_APOS})?(?:cet\s+|l{_APOS})?auteur|(?:articles?\s+)?du\s+m[êe]me\s+auteur"
    r"|(?:mehr|weitere)\s+(?:artikel|beitr[äa]ge|texte)?\s*(?:vom|von\s+diesem|des|dieses)\s+autors?"
    r"|artikel\s+(?:dieses|des)\s+autors"
    r"|(?:m[áa]s|otros)\s+(?:art[íi]culos|entradas|posts)?\s*(?:del|de\s+este|de\s+la|de\s+esta)\s+autora?"
    r"|del\s+mismo\s+autor"
    r"|(?:mais|outros)\s+(?:artigos|posts|textos)?\s*(?:do|deste|da|desta)\s+autora?|do\s+mesmo\s+autor"
    rf"|(?:altro|altri|pi[ùu])\s+(?:articoli)?\s*(?:dell{_APOS}|dall{_APOS}|dello|di\s+questo|da\s+questo)\s*autore"
    r"|dello\s+stesso\s+autore"
    ")",
    re.IGNORECASE,
)
# A heading that names the author: "More by Jane Doe", "Plus de Jeanne Dupont", "Weitere Artikel von ...".
_NAMED_HEADING = re.compile(
    r"^(?:(?:more|other)\s+(?:posts|articles|stories|entries|writing)?\s*(?:from|by)"
    r"|also\s+by"
    r"|(?:plus|autres\s+articles)\s+de"
    r"|(?:mehr|weitere\s+(?:artikel|beitr[äa]ge))\s+von"
    r"|(?:m[áa]s|otros\s+art[íi]culos|m[áa]s\s+art[íi]culos)\s+de"
    r"|(?:mais|outros\s+artigos|mais\s+artigos)\s+de"
    r"|(?:altri\s+articoli|altro|pi[ùu])\s+di"
    r")\s+(?P<name>.+?)\s*[:.]?$",
    re.IGNORECASE,
)
_RELATED = re.compile(r"\brelated\b", re.IGNORECASE)

def more_from_author_blocks(sel: Selector, base_url: str) -> list[MoreFromBlock]:
    """Find the page's "More From Author" blocks, by theme class or heading text; never "Related" blocks."""
    return [block for _, block in more_from_elements(sel, base_url)]


def _block_links(elements: Iterable[etree._Element], base_url: str) -> tuple[str, ...]:
    links = []
    for el in elements:
        anchors = [el] if el.tag == "a" else el.iter("a")
        for a in anchors:
            url = absolute_url(a.get("href"), base_url)
            if url and same_site(url, base_url) and not is_author_archive_url(url):
                links.append(url)
    return tuple(unique(links))


def _heading_kind(text: str) -> tuple[bool, str | None]:
    """Return (is a "more from" heading, the author name it gives)."""
    if not text or len(text) > 80 or _RELATED.search(text):
        return False, None
    if _GENERIC_HEADING.match(text):
        return True, None
    match = _NAMED_HEADING.match(text)
    if match:
        return True, match.group("name").strip()
    return False, None


#: A "More From Author" block with the elements it is made of (a container, or a heading and what follows it).
BlockElements = tuple[tuple[etree._Element, ...], MoreFromBlock]


def block_elements(blocks: Iterable[BlockElements]) -> list[etree._Element]:
    """The elements the blocks are made of, block after block (what extraction prunes)."""
    return [element for elements, _ in blocks for element in elements]


def _block_parts(anchor: etree._Element, siblings: list[etree._Element]) -> tuple[etree._Element, ...]:
    """The block's elements: the wrapper of the heading and its list when it holds nothing else, else those parts.

    The wrapper can be the page's ``<main>``, with the article in it: that is never the block.
    """
    parent = anchor.getparent()
    members = {anchor, *siblings}
    if parent is not None and all(child in members for child in parent if isinstance(child.tag, str)):
        return (parent,)
    return (anchor, *siblings)


def more_from_elements(sel: Selector, base_url: str) -> list[BlockElements]:
    """Return each "More From Author" block with its elements, so callers can also prune it."""
    root = sel.root
    found: list[BlockElements] = []
    claimed: set[etree._Element] = set()

    for el in page_scan(sel).author_classed:  # every class named above holds "author"
        if el in claimed:
            continue
        if classes(el) & MORE_FROM_CLASSES:
            name = None
            for heading in el.iter(*HEADINGS):
                _, name = _heading_kind(text_of(heading))
                break
            links = _block_links([el], base_url)
            if links:
                found.append(((el,), MoreFromBlock(links, name)))
                claimed.update(el.iter())

    for heading in root.iter(*HEADINGS):
        if heading in claimed:
            continue
        is_block, name = _heading_kind(text_of(heading))
        if not is_block:
            continue
        # The block is what follows the heading up to the next heading; if the heading is
        # wrapped (div.title > h3), climb one or two levels and look again.
        anchor = heading
        for _ in range(3):
            siblings = []
            for sib in anchor.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                if sib.tag in HEADINGS:
                    break
                siblings.append(sib)
            links = _block_links(siblings, base_url)
            if links:
                found.append((_block_parts(anchor, siblings), MoreFromBlock(links, name)))
                claimed.update(e for s in siblings for e in s.iter())
                break
            parent = anchor.getparent()
            if parent is None or parent.tag in {"body", "main", "article"}:
                break
            anchor = parent
    return found


