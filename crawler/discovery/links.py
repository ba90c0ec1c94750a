"""The link voice: a link to an author's page (``rel="author"``, an ``/author/x/``-shaped address, a link the
theme marks as the author's), outside sidebars, comments and "More From" blocks. Pure functions."""

from __future__ import annotations

import re

from lxml import etree

from crawler.discovery.authorpages import AUTHORISH_HREF, archive_base, archive_slug, is_author_archive_url
from crawler.discovery.markup import (
    absolute_url,
    has_noise_class,
    is_main_area,
    is_noise,
    is_styled_hidden,
    short_text,
    spaced_text,
)
from crawler.discovery.names import name_key
from crawler.discovery.voices import Vote, group_of, has_author_markup_word, is_byline_class, is_credit, vote_names
from crawler.urls import same_site

# A vote, with the list (<ul>, <ol>) its link sits in.
_InList = tuple[etree._Element | None, Vote]


def link_votes(links: list[etree._Element], base_url: str, blocks: list[etree._Element]) -> list[Vote]:
    """Votes of the page's ``links`` (every ``<a>``, in document order) to author pages, but for a list of the
    site's writers (a menu or a directory)."""
    voted = _link_votes(links, base_url, blocks)
    directories = _directories(voted)
    return [vote for list_, vote in voted if list_ is None or list_ not in directories]


#: A list that links this many different author pages or more is a menu or a directory of the site's writers.
DIRECTORY_AUTHORS = 4


def _directories(voted: list[_InList]) -> set[etree._Element]:
    pages: dict[etree._Element, set[str]] = {}
    for list_, vote in voted:
        if list_ is not None and vote.url:
            pages.setdefault(list_, set()).add(vote.url)
    return {list_ for list_, urls in pages.items() if len(urls) >= DIRECTORY_AUTHORS}


def _link_votes(links: list[etree._Element], base_url: str, blocks: list[etree._Element]) -> list[_InList]:
    """Each link's votes, with the list (``<ul>``, ``<ol>``) it sits in, if any."""
    votes: list[_InList] = []
    for order, a in enumerate(links):
        href, rel, cls = a.get("href") or "", a.get("rel"), a.get("class")
        # rel="author", or a link the theme marks as the author's (class "author-link", "byline__name").
        # The cached word test first (its words hold the byline's): a page repeats its links' classes.
        marked = bool(rel and "author" in rel.lower().split()) or bool(
            cls and has_author_markup_word(cls) and is_byline_class(cls))
        if not (marked or AUTHORISH_HREF.search(href.lower())):
            continue
        url = absolute_url(href, base_url)
        linked_archive = _author_page(url, base_url)
        # A byline's other links (sections, home page, share buttons) are not people.
        credit = is_credit(a) or (a.getparent() is not None and is_credit(a.getparent()))
        if (marked or linked_archive) and not credit and not is_noise(a, blocks):
            url = archive_base(url) if linked_archive and url else None
            # A link the theme only marks by class is a byline's text, unless its address is an author page; one
            # styled hidden speaks as the page's metadata does (a template's "Google" account beside the post's
            # shown "Posted by" names).
            source = "link" if linked_archive or "author" in (a.get("rel") or "").lower() else "byline"
            source = "meta" if is_styled_hidden(a) else source
            group = group_of(a.getparent())
            if not marked and a.getparent() is not None and a.getparent().tag == "p" and (
                    not group or _in_sentence(a.getparent())):
                continue  # a person's page linked from a sentence of the story: a mention
            list_ = next(a.iterancestors("ul", "ol"), None)
            if list_ is not None and not marked and _MENU.search(list_.get("class") or ""):
                continue  # the site's menu: its sections ("/themen/people/portraits"), not people
            # "<div>Iris Lange-Fricke</div><a href="/experten/iris-lange-fricke">zu allen Rezepten</a>"
            text = (url and _spelled_before(a, url)) or _link_text(a)
            votes.extend((list_, vote) for vote in vote_names(text, url, source, order, group))
    return votes


_MENU = re.compile(r"(?:^|[\s_-])menu(?:$|[\s_-])", re.IGNORECASE)

#: Words of a paragraph outside its links from which the paragraph is a sentence of the story, not a byline.
SENTENCE_WORDS = 12


def _in_sentence(p: etree._Element) -> bool:
    """Whether the paragraph ``p`` says more than a byline's row ("By <a>Jane Doe</a> | March 3, 2025 | 5 min read")
    outside its links: "<a>Prince</a> was married when he died and wanted all of his money to go to his wife"."""
    words = len((p.text or "").split()) + sum(len((el.tail or "").split()) for el in p)
    words += sum(len(" ".join(el.itertext()).split()) for el in p if isinstance(el.tag, str) and el.tag != "a")
    return words >= SENTENCE_WORDS


#: Longer than this, a link's text is not a name: the link wraps an author card (photo, name, biography).
LINK_NAME_MAX = 80


def _link_text(a: etree._Element) -> str:
    """The name a link shows: its text (a card's name element, when it wraps a whole author card), or the
    ``alt``/``title`` of an avatar it wraps."""
    # The name its markup marks (schema.org's itemprop="name"), before a card's other texts ("© Jane Doe").
    for el in _MARKED_NAME(a):
        if text := short_text(el, LINK_NAME_MAX):
            return text
    text = spaced_text(a)
    if len(text) > LINK_NAME_MAX:
        return _card_name(a)
    if text:
        return text
    for el in a.iter("img"):
        if el.get("alt"):
            return el.get("alt") or ""
    return a.get("title") or ""


_CARD_NAME_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b"})
_MARKED_NAME = etree.XPath(".//*[@itemprop='name']")


def _card_name(card: etree._Element) -> str:
    """The short text of an author card's name element: one marked ``name``/``fn``, else its first heading."""
    for el in card.iter():
        words = (el.get("class") or "").lower().replace("-", " ").split()
        if el.get("itemprop") == "name" or "name" in words or "fn" in words or el.tag in _CARD_NAME_TAGS:
            return short_text(el, LINK_NAME_MAX) or ""
    return ""


def _spelled_before(a: etree._Element, url: str) -> str:
    """The text just before a link to an author page whose address spells it: "<div>Iris Lange-Fricke</div><a
    href="/experten/iris-lange-fricke">All her recipes</a>"; "" when there is none."""
    slug, before = archive_slug(url), next(a.itersiblings(etree.Element, preceding=True), None)
    if not slug or before is None:
        return ""
    text = short_text(before, LINK_NAME_MAX) or ""
    return text if text and name_key(text) == name_key(slug.replace("-", " ")) else ""


def _author_page(url: str | None, base_url: str) -> bool:
    """Whether ``url`` (resolved) is an author's page on the page's own site."""
    return url is not None and is_author_archive_url(url) and same_site(url, base_url)


def rail_votes(root: etree._Element, base_url: str) -> list[Vote]:
    """Links to author pages in the post's own side column: a sidebar or ``<nav>`` inside the page's main area that
    also gives the post's date (Material for MkDocs' blog sets author and date there). Asked only when no other
    voice names anyone; heard only when its links name one person."""
    votes: list[Vote] = []
    for order, a in enumerate(root.iter("a")):
        if not AUTHORISH_HREF.search((a.get("href") or "").lower()):
            continue
        url = absolute_url(a.get("href"), base_url)
        if _author_page(url, base_url) and _in_rail(a):
            votes.extend(vote_names(_link_text(a), archive_base(url), "link", 40_000 + order, group_of(a.getparent())))
    return votes if len({vote.url for vote in votes}) == 1 else []


def _in_rail(el: etree._Element) -> bool:
    """Whether ``el`` lies in a side column or ``<nav>`` of the main area holding a ``<time>``, and in no other
    noise (a comment, a related list)."""
    dated = False
    for anc in el.iterancestors():
        if is_main_area(anc):
            return dated
        if anc.tag in {"body", "html"}:
            return False
        side = anc.tag in {"nav", "aside"} or "sidebar" in (anc.get("class") or "").lower()
        if has_noise_class(anc) and not side:
            return False
        dated = dated or (side and anc.find(".//time") is not None)
    return False
