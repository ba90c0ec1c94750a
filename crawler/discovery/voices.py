"""The structured voices that name a page's author, and what every voice shares (votes, groups, credits).

- ``jsonld``: an Article's ``author`` (a Person, or a reference into the ``@graph``), with its ``url``;
- ``meta``: ``<meta name="author">``, ``article:author``, Yoast's "Written by" card and their kin.

``crawler.discovery.links`` has the link voice, ``crawler.discovery.bylines`` the byline text voices;
``crawler.discovery.identity`` weighs them all
into the page's authors. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from parsel import Selector

from crawler.discovery.authorpages import archive_base, is_author_archive_url
from crawler.discovery.markup import absolute_url, class_words
from crawler.discovery.names import (
    clean_author_name,
    is_plausible_name,
    split_author_names,
)
from crawler.discovery.pagemeta import page_meta
from crawler.urls import same_site


@dataclass(frozen=True)
class Vote:
    """One voice naming one person: the name, the author's page if it gave one, and where it said so."""

    name: str
    url: str | None
    source: str
    order: int
    #: The byline element or JSON-LD object that named this person: names in one group are co-authors.
    groups: tuple[str, ...] = ()



_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|by-line|author|authors|author-name|authorname|post-author|entry-author|article-author|"
    r"author-link|writer|posted-by|contributor)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Author boxes and cards that also hold a biography, avatars or other people's names.
_NOT_BYLINE_CLASS = re.compile(r"(?:bio|description|avatar|img|image|photo|about|social|comment)", re.IGNORECASE)
_META_NAMES = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "dcterms.creator",
               "cxenseparse:author")


def vote_names(raw: str, url: str | None, source: str, order: int, groups: tuple[str, ...]) -> list[Vote]:
    return [Vote(name, url, source, order, groups) for name in split_author_names(raw)]


#: A byline row is short: a longer parent is a section of the page, whose names are not co-authors.
_BYLINE_ROW_CHARS = 200


def group_of(el: etree._Element | None) -> tuple[str, ...]:
    """An element and its parent: names under one of them are co-authors ("<p>By <a>A</a> and <a>B</a>",
    or one ``<div>`` per author in a byline row). None for a paragraph of prose."""
    if el is None or len("".join(el.itertext())) > PROSE_GROUP_CHARS:
        return ()  # names met in a paragraph of prose are mentions, not one byline
    tree = el.getroottree()
    parent = el.getparent()
    row = parent is not None and len("".join(parent.itertext())) <= _BYLINE_ROW_CHARS
    return (tree.getpath(el),) + ((ROW + tree.getpath(parent),) if row else ())


def group_element(root: etree._Element, group: str) -> etree._Element | None:
    """The element a group (``group_of``) names: its element's, or with ``ROW``, its row's; None when the path
    finds none (or a tag name broken markup made, which a path cannot name)."""
    try:
        found = root.getroottree().xpath(group.removeprefix(ROW))
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


#: Longer than this, an element's text is prose: the names in it are not co-authors.
PROSE_GROUP_CHARS = 300
#: The prefix of a group that is a byline row (the parent of the voice's element), not the element itself.
ROW = "row:"
# Credits that are not authorship: "Edited by", "Reviewed by", "Fact checked by", "Tested by", "Photos by"…
_CREDIT_WORDS = (
    r"(?:edit(?:ed|or)|review(?:ed|er)|(?:medically\s+)?reviewed|fact[\s-]*check(?:ed|er)?|checked|tested|"
    r"illustrat\w*|photo\w*|video|translat\w*|updated|verified|approved|produced|narrated|"
    # "With contributions from", "Additional reporting by": a hand in the piece, not its byline
    r"(?:with\s+)?contributions?\s+from|additional\s+reporting|"
    # de, fr, es, it: "Übersetzt von", "Bearbeitet von", "Fotos:", "Traduit par", "Traducido por", "Revisado por"
    r"[üu]bersetz\w*|bearbeitet|redigiert|gepr[üu]ft|fotos?|tradu\w*|revisad[oa]|r[ée]vis[ée]e?|relu)"
)
# The credit governs the names after it in the same row: "Tested by <a>A</a> and <a>B</a>".
_CREDIT_BY = r"(?:by|von|par|por|da|door)"
_CREDIT_BEFORE = re.compile(rf"\b{_CREDIT_WORDS}\s*{_CREDIT_BY}?\s*[:\-]?[^.;|]*$", re.IGNORECASE)
CREDIT = rf"{_CREDIT_WORDS}\s*{_CREDIT_BY}?\s*[:\-]?\s"
#: A credit with its "by", as a byline runs on into it: "Written by Jane Doe Edited by John Roe".
CREDIT_BY = rf"{_CREDIT_WORDS}\s+{_CREDIT_BY}\b"
CREDIT_TEXT = re.compile(rf"^\s*{CREDIT}", re.IGNORECASE)


def is_credit(el: etree._Element) -> bool:
    """True when the text before ``el`` in its parent credits something else than authorship
    ("Edited by <a>…</a>", "Tested by <a>A</a> and <a>B</a>")."""
    parent = el.getparent()
    if parent is None:
        return False
    # Only the last 80 characters before it are read: the siblings nearest it, back to those.
    before, size = [], 0
    for sibling in el.itersiblings(preceding=True):
        own = " ".join(sibling.itertext()) if isinstance(sibling.tag, str) else ""  # a comment has only a tail
        before.append(own + " " + (sibling.tail or ""))
        size += len(before[-1]) + 1
        if size > _CREDIT_REACH:
            break
    else:
        before.append(parent.text or "")
    return bool(_CREDIT_BEFORE.search(" ".join(reversed(before))[-_CREDIT_REACH:]))


_CREDIT_REACH = 80


def is_article_object(obj: dict) -> bool:
    """Whether a JSON-LD object is an Article, a Posting, a Review or a Report (of any kind)."""
    return any(isinstance(t, str) and t.endswith(("Article", "Posting", "Review", "Report")) for t in _types(obj))


def _is_recipe(obj: dict) -> bool:
    """A Recipe (a food blog's post is its recipe) or a HowTo: written by its author like an article."""
    return bool({"Recipe", "HowTo"}.intersection(_types(obj)))


def jsonld_votes(objects: list[dict], base_url: str) -> list[Vote]:
    """The authors of the page's Article/Posting (and Recipe) objects (``PageMeta.jsonld``); ``{"@id": …}``
    references are looked up in the graph."""
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    votes: list[Vote] = []
    # Where no Article is described, the WebPage's own author when a Person (Yoast's graph for a post typed as a
    # plain page; a WebPage's Organization is the site's publisher, not a byline).
    articles = [obj for obj in objects if is_article_object(obj) or _is_recipe(obj)]
    for obj in articles or [obj for obj in objects if "WebPage" in _types(obj)]:
        authors = obj.get("author") or obj.get("creator") or []
        authors = authors if isinstance(authors, list) else [authors]
        resolved = [_resolve(a, by_id) for a in authors]
        if not articles:
            resolved = [a for a in resolved if isinstance(a, dict) and "Person" in _types(a)]
        # An outlet listed beside its reporters is not an author; alone, it is the byline.
        people = [a for a in resolved if not (isinstance(a, dict) and a.get("@type") == "Organization")]
        for author in people or resolved:
            if isinstance(author, str):
                votes.extend(vote_names(author, None, "jsonld", 0, (f"ld{id(obj)}",)))
            elif isinstance(author, dict) and isinstance(author.get("name"), str):
                url = _person_page(author, base_url)
                votes.extend(_organization_vote(author, url, f"ld{id(obj)}") or
                             vote_names(author["name"], url, "jsonld", 0, (f"ld{id(obj)}",)))
    return votes


def _types(obj: dict) -> list[object]:
    """A JSON-LD object's ``@type``, as a list (one type or several)."""
    types = obj.get("@type")
    return types if isinstance(types, list) else [types]


def _organization_vote(author: dict, url: str | None, group: str) -> list[Vote]:
    """An Organization's name as one: "Morgan & Morgan" and "Simon & Schuster" are no two people."""
    if author.get("@type") != "Organization" or not is_plausible_name(name := clean_author_name(author["name"])):
        return []
    return [Vote(name, url, "jsonld", 0, (group,))]


def _resolve(author: object, by_id: dict[str, dict]) -> object:
    if isinstance(author, dict) and "name" not in author and isinstance(author.get("@id"), str):
        return by_id.get(author["@id"], author)
    return author


def _person_page(person: dict, base_url: str) -> str | None:
    """A Person's page on this site (``url``, else a same-site ``sameAs``), when it is an author page."""
    candidates = [person.get("url")]
    same_as = person.get("sameAs")
    candidates.extend(same_as if isinstance(same_as, list) else [same_as])
    for value in candidates:
        url = absolute_url(value, base_url) if isinstance(value, str) else None
        if url and same_site(url, base_url) and is_author_archive_url(url):
            return archive_base(url)
    return None


# Words of a byline's class or id ("author", "AuthorName", "post-byline"), searched in lower case: a pattern of
# alternatives is several times slower case-insensitive, and runs on every class of the page.
_BYLINE_WORD = re.compile(r"author|by-?line|writer|posted-by|contributor")
# The words of the attributes trafilatura's author search (``trafilatura.xpaths.AUTHOR_XPATHS``) selects
# elements by: a page with none of them gives it nothing to find. A superset of the byline words.
_AUTHOR_MARKUP_WORD = re.compile(
    r"author|by-?line|byl|bbl|writer|posted-by|contributor|username|channel-name|zuozhe|bianji|xiaobian|"
    r"submitted-by|journalist-name|screenname"
)


def has_byline_word(text: str) -> bool:
    """Whether a class or id holds a byline word, in any case."""
    return _BYLINE_WORD.search(text.lower()) is not None


@lru_cache(maxsize=8192)
def has_author_markup_word(value: str) -> bool:
    """Whether an attribute value (a class, an id, a ``rel``) holds a word trafilatura's author search reads, in
    any case (byline words too); cached: a page repeats its classes."""
    return _AUTHOR_MARKUP_WORD.search(value.lower()) is not None


_OTHER_AUTHOR_ATTRIBUTES = etree.XPath(
    "//*[@itemprop or @rel or @data-testid or @data-component]/@*[name() = 'itemprop' or name() = 'rel' or "
    "name() = 'data-testid' or name() = 'data-component'] | //author"
)


def other_author_markup(root: etree._Element) -> bool:
    """Whether an element is marked as an author's by an attribute other than its class or id (``rel``,
    ``itemprop``, ``data-testid``, ``data-component``), or is an ``<author>``, as trafilatura's search reads them."""
    return any(not isinstance(found, str) or has_author_markup_word(found)
               for found in _OTHER_AUTHOR_ATTRIBUTES(root))


@lru_cache(maxsize=8192)
def is_byline_class(cls: str) -> bool:
    """Whether a class (or class and id) names a byline ("post-author", "AuthorByline_name"), cached."""
    if not has_byline_word(cls):
        return False
    # CSS-module and camelCase names ("styles_dateAndAuthor__x1", "AuthorByline_name") split into words.
    words = class_words(cls)
    return bool(_BYLINE_CLASS.search(words)) and not _NOT_BYLINE_CLASS.search(words)


# Yoast SEO's "Written by" card: <meta name="twitter:label1" content="Written by"> and twitter:data1, the name.
_WRITTEN_BY = re.compile(r"^(?:written\s+by|author|geschrieben\s+von|verfasst\s+von|[ée]crit\s+par|escrito\s+por|"
                         r"scritto\s+da|geschreven\s+door)$", re.IGNORECASE)


# Dublin Core's creators are catalogued as "Family, Given": one word, a comma, a given name or initials.
_CATALOGUE_NAMES = frozenset({"dc.creator", "dcterms.creator"})
_FAMILY_GIVEN = re.compile(r"^\s*[^\s,]+,\s*[^\s,]+(?:\s+[^\s,]+){0,2}\s*$")


def _citation_name(content: str) -> str:
    """"Alic, John A." as "John A. Alic"; a name already in that order as it is."""
    family, comma, given = content.partition(",")
    name = f"{given.strip()} {family.strip()}" if comma and given.strip() else content
    return clean_author_name(name)


def meta_votes(sel: Selector) -> list[Vote]:
    votes: list[Vote] = []
    metas = list(page_meta(sel).metas())
    for label in metas:
        name = label.get("name") or ""
        if name.startswith("twitter:label") and _WRITTEN_BY.match((label.get("content") or "").strip()):
            number = name[len("twitter:label"):]
            for data in (meta for meta in metas if meta.get("name") == f"twitter:data{number}" and "content" in meta):
                votes.extend(vote_names(data["content"], None, "meta", 20_000, ("meta:twitter",)))
    for meta in metas:
        # name=, property=, and microdata's <meta itemprop="author" content="…"> (Squarespace's posts).
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        content = meta.get("content") or ""
        if name in _META_NAMES and content and "://" not in content:  # article:author is often a profile URL
            if name in _CATALOGUE_NAMES and _FAMILY_GIVEN.match(content):  # Dublin Core's "Jong, Michiel de"
                votes.append(Vote(_citation_name(content), None, "meta", 20_000, (f"meta:{name}",)))
                continue
            votes.extend(vote_names(content, None, "meta", 20_000, (f"meta:{name}",)))
        elif name in ("citation_author", "citation_authors") and content:
            # Scholarly pages (Google Scholar's tags): one tag per author, in order, one name each
            # ("Alic, John A." as often as "John A. Alic"), so the name is not split at its comma; the older
            # citation_authors may list them all, split by semicolons.
            votes.extend(Vote(clean, None, "citation", 15_000 + len(votes), ("meta:citation_author",))
                         for one in content.split(";") for clean in [_citation_name(one)] if is_plausible_name(clean))
    return votes

