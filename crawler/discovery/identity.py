"""Who wrote a page: its author(s), each with the author's page on the site when the page names one.

One resolver weighs every signal a page offers, each a voice with a weight:

- ``jsonld``: an Article's ``author`` (a Person, or a reference into the ``@graph``), with its ``url``;
- ``link``: a link to an author's page (``rel="author"``, or an ``/author/x/``-shaped address), outside
  sidebars, comments and "More From" blocks;
- ``byline``: the text of byline markup (``itemprop="author"``, classes such as ``byline``,
  ``author-name``, ``post-author``, the hCard ``fn`` inside them) and "By …" / "Written by …" phrases;
- ``meta``: ``<meta name="author">``, ``article:author`` and their kin (sites put their own name there
  too, so a lone meta voice counts least).

Names from different voices are one person when their comparison keys match (or one holds the other's
words: "Dr. Jane Doe, MD" and "Jane Doe"). The page's authors are the people with the most weight;
co-authors named by the same strong voice come along. Pure functions: tested without a reactor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector
from trafilatura.metadata import extract_author

from crawler.discovery.blocks import BlockElements, more_from_elements
from crawler.discovery.markup import absolute_url, is_noise, jsonld_objects
from crawler.discovery.names import (
    AUTHORISH_HREF,
    archive_base,
    clean_author_name,
    is_author_archive_url,
    is_plausible_name,
    name_key,
    split_author_names,
)
from crawler.urls import normalize_url, same_site


@dataclass(frozen=True)
class Byline:
    """A person named as an author of the page, the author's page on the site when known, and who said so."""

    name: str
    url: str | None = None
    #: The voices that named this person, "+"-joined ("jsonld+link"); not part of the person's identity.
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class _Vote:
    name: str
    url: str | None
    source: str
    order: int
    #: The byline element or JSON-LD object that named this person: names in one group are co-authors.
    groups: tuple[str, ...] = ()


#: How much each voice counts. A lone ``meta`` voice still names the author when nothing else does.
WEIGHTS = {"jsonld": 3, "link": 3, "byline": 2, "meta": 1, "trafilatura": 1}

_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|by-line|author|authors|author-name|authorname|post-author|entry-author|article-author|"
    r"author-link|writer|posted-by|contributor)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Author boxes and cards that also hold a biography, avatars or other people's names.
_NOT_BYLINE_CLASS = re.compile(r"(?:bio|description|avatar|img|image|photo|about|social|comment)", re.IGNORECASE)
_BY_PHRASE = re.compile(
    r"^\s*(?:(?:written|posted|published|reviewed|edited|story|words|text|reporting)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|przez)\s*[:\-]?\s+(?P<names>.+)$"
    r"|^\s*(?:words|text|author|autor|auteur|autore)\s*:\s*(?P<labelled>.+)$",
    re.IGNORECASE,
)
_META_NAMES = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "dcterms.creator")


def _vote_names(raw: str, url: str | None, source: str, order: int, groups: tuple[str, ...]) -> list[_Vote]:
    return [_Vote(name, url, source, order, groups) for name in split_author_names(raw)]


#: A byline row is short: a longer parent is a section of the page, whose names are not co-authors.
_BYLINE_ROW_CHARS = 200


def _group(el: etree._Element | None) -> tuple[str, ...]:
    """An element and its parent: names under one of them are co-authors ("<p>By <a>A</a> and <a>B</a>",
    or one ``<div>`` per author in a byline row)."""
    if el is None:
        return ()
    tree = el.getroottree()
    parent = el.getparent()
    row = parent is not None and len("".join(parent.itertext())) <= _BYLINE_ROW_CHARS
    return (tree.getpath(el),) + ((tree.getpath(parent),) if row else ())


def _jsonld_votes(sel: Selector, base_url: str) -> list[_Vote]:
    """The authors of the page's Article/Posting objects; ``{"@id": …}`` references are looked up in the graph."""
    objects = list(jsonld_objects(sel))
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    votes: list[_Vote] = []
    for obj in objects:
        types = obj.get("@type")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and t.endswith(("Article", "Posting", "Review", "Report")) for t in types):
            continue
        authors = obj.get("author") or obj.get("creator") or []
        authors = authors if isinstance(authors, list) else [authors]
        resolved = [_resolve(a, by_id) for a in authors]
        # An outlet listed beside its reporters is not an author; alone, it is the byline.
        people = [a for a in resolved if not (isinstance(a, dict) and a.get("@type") == "Organization")]
        for author in people or resolved:
            if isinstance(author, str):
                votes.extend(_vote_names(author, None, "jsonld", 0, (f"ld{id(obj)}",)))
            elif isinstance(author, dict) and isinstance(author.get("name"), str):
                url = _person_page(author, base_url)
                votes.extend(_vote_names(author["name"], url, "jsonld", 0, (f"ld{id(obj)}",)))
    return votes


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


def _link_votes(root: etree._Element, base_url: str, blocks: list[etree._Element]) -> list[_Vote]:
    votes: list[_Vote] = []
    for order, a in enumerate(root.iter("a")):
        href = a.get("href") or ""
        rel_author = "author" in (a.get("rel") or "").lower().split()
        if not (rel_author or AUTHORISH_HREF.search(href)):
            continue
        url = absolute_url(href, base_url)
        linked_archive = url is not None and is_author_archive_url(url) and same_site(url, base_url)
        # A byline's other links (sections, home page, share buttons) are not people.
        if (rel_author or linked_archive) and not is_noise(a, blocks):
            url = archive_base(url) if linked_archive and url else None
            votes.extend(_vote_names(_link_text(a), url, "link", order, _group(a.getparent())))
    return votes


def spaced_text(el: etree._Element) -> str:
    """An element's text with its parts kept apart ("Jane Doe" "Updated" is not "Jane DoeUpdated")."""
    return " ".join(" ".join(el.itertext()).split())


def _link_text(a: etree._Element) -> str:
    """The name a link shows: its text, or the ``alt``/``title`` of an avatar it wraps."""
    text = spaced_text(a)
    if text:
        return text
    for el in a.iter("img"):
        if el.get("alt"):
            return el.get("alt") or ""
    return a.get("title") or ""


def _byline_elements(root: etree._Element) -> Iterator[etree._Element]:
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in {"script", "style", "a", "img", "meta", "link"}:
            continue
        itemprop = (el.get("itemprop") or "").lower()
        cls = f"{el.get('class') or ''} {el.get('id') or ''}"
        if itemprop in {"author", "creator"} or (_BYLINE_CLASS.search(cls) and not _NOT_BYLINE_CLASS.search(cls)):
            yield el


def _byline_votes(root: etree._Element, base_url: str, blocks: list[etree._Element]) -> list[_Vote]:
    """Names in byline markup and in "By …" phrases, outside noise areas."""
    votes: list[_Vote] = []
    seen: set[etree._Element] = set()
    for order, el in enumerate(_byline_elements(root)):
        if el in seen or is_noise(el, blocks):
            continue
        found = [v for text in _name_texts(el) for v in _vote_names(text, None, "byline", order, _group(el))]
        if found:  # an author box with a biography names nobody itself: its name element may, further in
            seen.update(el.iter())
            votes.extend(found)
    for order, el in enumerate(root.iter("span", "p", "div", "li", "em", "small", "address", "time")):
        text = spaced_text(el)
        if len(text) > 120 or el in seen:
            continue
        match = _BY_PHRASE.match(text)
        names = (match.group("names") or match.group("labelled") or "") if match else ""
        # "By combining these strategies, …" is prose: a byline's name is capitalised.
        if names[:1].isupper() and not is_noise(el, blocks):
            votes.extend(_vote_names(_cut_byline_tail(names), None, "byline", 10_000 + order, _group(el)))
    return votes


def _name_texts(el: etree._Element) -> list[str]:
    """The names a byline element holds: its ``name``/``fn`` parts, else its own short text."""
    parts = el.xpath(".//*[@itemprop='name'] | .//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]")
    if parts:
        return [spaced_text(part) for part in parts]
    text = spaced_text(el)
    if len(text) > 120:
        return []
    match = _BY_PHRASE.match(text)
    if match:
        return [_cut_byline_tail(match.group("names") or match.group("labelled"))]
    if split_author_names(text):
        return [text]
    # "Dec. 19, 2025 · Jane Doe", "Jane Doe | 5 min read": the name is one of the row's parts.
    return [part for part in _ROW_SEPARATORS.split(text) if split_author_names(part)][:1]


_ROW_SEPARATORS = re.compile(r"\s*[|\u2022\u00b7\u2014\u2013]\s*|\s+-\s+")
# Byline icons: Font Awesome's fa-user, Bootstrap's bi-person, dashicons' admin-users, "icon-author"…
_PERSON_ICON = re.compile(r"(?:^|[\s_-])(?:user|person|author|admin-users|user-circle|user-o)(?:$|\s)", re.IGNORECASE)


def _icon_votes(root: etree._Element, blocks: list[etree._Element]) -> list[_Vote]:
    """A name written right after a person icon: ``<i class="fa fa-user"></i> Jane Doe``."""
    votes: list[_Vote] = []
    for order, icon in enumerate(root.iter("i", "span", "svg")):
        cls = icon.get("class") or ""
        is_icon = "icon" in cls.lower() or cls.startswith(("fa", "bi", "dashicons"))
        if is_icon and (icon.tail or "").strip() and _PERSON_ICON.search(cls) and not is_noise(icon, blocks):
            tail = _cut_byline_tail(_PREFIX_BY.sub("", (icon.tail or "").strip()))
            votes.extend(_vote_names(tail, None, "byline", 5_000 + order, _group(icon.getparent())))
    return votes


_PREFIX_BY = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)


# A byline phrase runs on into the date or the reading time: "By Jane Doe on May 3, 2024", "Jane Doe 5 min read".
_BYLINE_TAIL = re.compile(
    r"\s+(?:on|am|le|el|il|op|den|updated|published|posted|in)\s+.*$|\s*(?:\d|\||\u2022|\u00b7|/|\(|\u2014|\u2013).*$",
    re.IGNORECASE,
)


def _cut_byline_tail(text: str) -> str:
    return _BYLINE_TAIL.sub("", text)


# Yoast SEO's "Written by" card: <meta name="twitter:label1" content="Written by"> and twitter:data1, the name.
_WRITTEN_BY = re.compile(r"^(?:written\s+by|author|geschrieben\s+von|verfasst\s+von|[ée]crit\s+par|escrito\s+por|"
                         r"scritto\s+da|geschreven\s+door)$", re.IGNORECASE)


def _meta_votes(sel: Selector) -> list[_Vote]:
    votes: list[_Vote] = []
    for label in sel.xpath("//meta[starts-with(@name, 'twitter:label')]"):
        if _WRITTEN_BY.match((label.root.get("content") or "").strip()):
            number = (label.root.get("name") or "")[len("twitter:label"):]
            for content in sel.xpath(f"//meta[@name='twitter:data{number}']/@content").getall():
                votes.extend(_vote_names(content, None, "meta", 20_000, ("meta:twitter",)))
    for name in _META_NAMES:
        for content in sel.xpath(
            f"//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')='{name}']/@content"
            f" | //meta[@property='{name}']/@content"
        ).getall():
            if "://" not in content:  # article:author is often the author's profile URL
                votes.extend(_vote_names(content, None, "meta", 20_000, (f"meta:{name}",)))
    return votes


def _same_person(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a.split("-"), b.split("-")), key=len)
    return len(short) >= 2 and all(word in long for word in short)


@dataclass
class _Person:
    name: str
    key: str
    url: str | None
    sources: set[str]
    order: int
    groups: set[str]

    @property
    def weight(self) -> int:
        return sum(WEIGHTS[source] for source in self.sources)


def _people(votes: Iterable[_Vote]) -> list[_Person]:
    people: list[_Person] = []
    for vote in votes:
        key = name_key(vote.name)
        if not key or not is_plausible_name(vote.name):
            continue
        person = next((p for p in people if _same_person(p.key, key)), None)
        if person is None:
            people.append(_Person(vote.name, key, vote.url, {vote.source}, vote.order, set(vote.groups)))
            continue
        person.sources.add(vote.source)
        person.groups.update(vote.groups)
        person.url = person.url or vote.url
        person.order = min(person.order, vote.order)
        # The shortest spelling is the name without titles and credentials: "Jane Doe" over "Dr. Jane Doe, MD".
        if len(vote.name) < len(person.name) and len(key.split("-")) >= 2:
            person.name = vote.name
    return people


def resolve_authors(
    sel: Selector, base_url: str, blocks: list[BlockElements] | None = None
) -> list[Byline]:
    """Return the page's authors, main author first, from every signal it offers (see the module docstring).

    ``blocks`` is ``more_from_elements(sel, base_url)``: names in those blocks are other posts' authors.
    """
    block_elements = [el for elements, _ in blocks or [] for el in elements]
    root = sel.root
    votes = _jsonld_votes(sel, base_url) + _link_votes(root, base_url, block_elements)
    votes += _byline_votes(root, base_url, block_elements) + _icon_votes(root, block_elements) + _meta_votes(sel)
    people = _people(votes)
    if not any(person.weight >= WEIGHTS["byline"] for person in people):
        # trafilatura's own author search, one more voice where the page's markup said little.
        people = _people([*votes, *_vote_names(extract_author(root) or "", None, "trafilatura", 30_000, ("tf",))])
    if not people:
        return []
    # The page's author: the best-supported person, the first named among equals. The site's own name
    # (an outlet as JSON-LD author, the brand in <meta name="author">) counts only when nobody else is named.
    site = _site_keys(sel, base_url)
    best = max(people, key=lambda p: (p.key.replace("-", "") not in site, p.weight, -p.order))
    chosen = [p for p in people if p is best or p.groups & best.groups]
    chosen.sort(key=lambda p: p.order)
    pages = _named_pages(sel, base_url)
    return [
        Byline(clean_author_name(p.name), p.url or _page_of(p.key, pages), "+".join(sorted(p.sources))) for p in chosen
    ]


def _site_keys(sel: Selector, base_url: str) -> set[str]:
    """Compact keys of the site's names: ``og:site_name``, JSON-LD publishers and websites, its host's name."""
    names = sel.xpath('//meta[@property="og:site_name"]/@content | //meta[@name="application-name"]/@content').getall()
    for obj in jsonld_objects(sel):
        kinds = obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")]
        if any(kind in {"Organization", "WebSite", "NewsMediaOrganization", "Corporation"} for kind in kinds):
            names.append(obj.get("name") if isinstance(obj.get("name"), str) else "")
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
    host = (urlsplit(base_url).hostname or "").removeprefix("www.")
    names.extend(host.split(".")[:-1])
    return {name_key(name).replace("-", "") for name in names if name} - {""}


def _named_pages(sel: Selector, base_url: str) -> list[tuple[str, str]]:
    """(name key, URL) of every same-site page the page ties to a name: JSON-LD Persons' ``url`` and links
    whose text is a name. Not the page itself, nor the home page."""
    here = normalize_url(base_url).rstrip("/")
    found: list[tuple[str, str]] = []
    for obj in jsonld_objects(sel):
        if obj.get("@type") == "Person" and isinstance(obj.get("name"), str) and isinstance(obj.get("url"), str):
            found.append((name_key(obj["name"]), obj["url"]))
    for a in sel.root.iter("a"):
        text = spaced_text(a)
        if a.get("href") and 3 <= len(text) <= 60:
            found.append((name_key(clean_author_name(text)), a.get("href") or ""))
    pages = []
    for key, href in found:
        url = absolute_url(href, base_url)
        if key and url and same_site(url, base_url) and urlsplit(url).path.strip("/") and url.rstrip("/") != here:
            pages.append((key, url))
    return pages


def _page_of(key: str, pages: list[tuple[str, str]]) -> str | None:
    """The page of the person ``key``: an author-page-shaped one first, else the first page their name links."""
    theirs = [url for page_key, url in pages if page_key == key]
    shaped = [url for url in theirs if is_author_archive_url(url)]
    chosen = (shaped or theirs or [None])[0]
    return archive_base(chosen) if chosen and is_author_archive_url(chosen) else chosen


def byline_authors(
    sel: Selector, base_url: str, blocks: list[BlockElements] | None = None
) -> list[Byline]:
    """The page's own authors, in byline order (``resolve_authors``), with archive links normalised."""
    if blocks is None:
        blocks = more_from_elements(sel, base_url)
    authors = resolve_authors(sel, base_url, blocks)
    return [Byline(b.name, normalize_url(b.url) if b.url else None, b.source) for b in authors]
