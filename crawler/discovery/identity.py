"""Who wrote a page: its author(s), each with the author's page on the site when the page names one.

One resolver weighs every signal a page offers (``crawler.discovery.voices``: JSON-LD, author-page
links, byline markup, meta tags; trafilatura's author search where those say little), each a voice
with a weight.

Names from different voices are one person when their comparison keys match (or one holds the other's
words: "Dr. Jane Doe, MD" and "Jane Doe"). The page's author is the person with the most weight (the
site's own name only when nobody else is named); co-authors named in the same byline row or JSON-LD
object come along. Pure functions: tested without a reactor.
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
from crawler.discovery.bylines import (
    BylineScan,
    byline_scan,
    byline_votes,
    credited_names,
    label_votes,
)
from crawler.discovery.comments import post_author_votes
from crawler.discovery.fullnames import box_texts, completes, full_name, person_descriptions
from crawler.discovery.links import link_votes, rail_votes
from crawler.discovery.markup import absolute_url
from crawler.discovery.names import (
    DESK_WORDS,
    archive_base,
    clean_author_name,
    is_author_archive_url,
    is_handle,
    is_plausible_name,
    is_role,
    name_key,
    reads_as_full_name,
)
from crawler.discovery.owner import is_owner_name, owner_votes
from crawler.discovery.pagemeta import page_meta
from crawler.discovery.unmarked import bio_votes, headline_votes, icon_votes
from crawler.discovery.voices import (
    ROW,
    Vote,
    is_article_object,
    jsonld_votes,
    meta_votes,
    other_author_markup,
    vote_names,
)
from crawler.urls import normalize_url, same_site


@dataclass(frozen=True)
class Byline:
    """A person named as an author of the page, the author's page on the site when known, and who said so."""

    name: str
    url: str | None = None
    #: The voices that named this person, "+"-joined ("jsonld+link"); not part of the person's identity.
    source: str = field(default="", compare=False)


#: How much each voice counts. A lone ``meta`` voice still names the author when nothing else does.
WEIGHTS = {"jsonld": 3, "link": 3, "byline": 2, "meta": 1, "trafilatura": 1, "headline": 1, "bio": 1, "citation": 3,
           "owner": 1, "comment": 3}


def _same_person(a: str, b: str) -> bool:
    """Two name keys of one person: equal, or one holds all of the other's (two or more) words."""
    if a == b:
        return True
    short, long = sorted((a.split("-"), b.split("-")), key=len)
    return len(short) >= 2 and all(word in long for word in short)


@dataclass
class _Person:
    """A person the page's voices name: their best spelling, page, voices, first position and groups."""

    name: str
    key: str
    url: str | None
    sources: set[str]
    order: int
    groups: set[str]

    @property
    def weight(self) -> int:
        return sum(WEIGHTS[source] for source in self.sources)


def _people(votes: Iterable[Vote]) -> list[_Person]:
    """Merge votes into people: one person per name, with every voice, group and page that named them."""
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
            person.name, person.key = vote.name, key
    return people


def resolve_authors(
    sel: Selector, base_url: str, blocks: list[BlockElements] | None = None
) -> list[Byline]:
    """Return the page's authors, main author first, from every signal it offers (see the module docstring).

    ``blocks`` is ``more_from_elements(sel, base_url)``: names in those blocks are other posts' authors.
    """
    block_elements = [el for elements, _ in blocks or [] for el in elements]
    root = sel.root
    objects = page_meta(sel).jsonld
    votes = jsonld_votes(objects, base_url) + link_votes(root, base_url, block_elements)
    scan = byline_scan(sel)
    votes += byline_votes(scan, block_elements) + label_votes(scan, block_elements) + icon_votes(root, block_elements)
    votes += meta_votes(sel) + post_author_votes(scan.author_classed)
    people = _people(votes)
    site = _site_keys(sel, objects, base_url)
    if not people:
        # Nobody named: the author's page linked from the post's side column, or a bare name under the headline.
        people = _people(rail_votes(root, base_url)) or _people(headline_votes(root))
    if all(_is_site(p.key, site) for p in people):
        # Nobody but the site named: the subject of an author box's biography.
        people = _people([*votes, *bio_votes(root, block_elements)]) or people
    if not people and (scan.author_markup or other_author_markup(root)):
        # trafilatura's own author search, one more voice where no other voice named anyone.
        people = _people([*votes, *vote_names(extract_author(root) or "", None, "trafilatura", 30_000, ("tf",))])
    if not people:
        # Still nobody: the owner of a personal site named after them.
        people = _people(owner_votes(sel, base_url))
    if not people:
        return []
    # The page's author: the best-supported person, the first named among equals. The site's own name
    # (an outlet as JSON-LD author, the brand in <meta name="author">) counts only when nobody else is named.
    # Nor does one the page credits with reviewing, editing or testing, unless nobody else is named.
    credited = credited_names(scan)
    # A user name ("andrew.keaveney") names someone only when no real name does.
    # A person the address spells is the site's owner, not its brand ("Andrew Liptak" at andrewliptak.com).
    rank = {id(p): (p.key not in credited,
                    (not _is_site(p.key, site) or is_owner_name(p.name, base_url)) and not _desk_page(p.url),
                    not is_handle(p.name), p.weight) for p in people}
    top = max(rank.values())
    tied = [p for p in people if rank[id(p)] == top]
    best = _nearest_headline(sel, tied) if len(tied) > 1 else tied[0]
    # A co-author is a person: not the site's name printed beside the author ("Jill Barshay, The Hechinger Report").
    chosen = [p for p in people if p is best or (_coauthor(p, best) and not _is_site(p.key, site))]
    chosen.sort(key=lambda p: p.order)
    unplaced = {p.key for p in chosen if not p.url}
    pages = _named_pages(sel, objects, base_url, unplaced) if unplaced else []
    names = _full_names([clean_author_name(p.name) for p in chosen], objects, scan, blocks or [], site)
    return [Byline(name, p.url or _page_of(p.key, pages), "+".join(sorted(p.sources)))
            for name, p in zip(names, chosen, strict=True)]


def _full_names(names: list[str], objects: list[dict], scan: BylineScan, blocks: list[BlockElements],
                site: set[str]) -> list[str]:
    """Each first name alone ("Nils") completed to the full name the page spells where it describes its people
    (``crawler.discovery.fullnames``); the site's own name is left as it is."""
    wanted = [completes(name) and not _is_site(name_key(name), site) for name in names]
    if not any(wanted):
        return names
    texts = [*person_descriptions(objects), *box_texts(scan.author_classed),
             *(block.author_name for _, block in blocks if block.author_name)]
    return [(full_name(name, texts) or name) if want else name for name, want in zip(names, wanted, strict=True)]




def _desk_page(url: str | None) -> bool:
    """Whether ``url`` is the author page of a desk, not a person's."""
    # "/author/redaktion/", "/author/staff/", "/author/team"
    return bool(url) and urlsplit(url).path.rstrip("/").rpartition("/")[2].lower() in DESK_WORDS


def _is_site(key: str, site: set[str]) -> bool:
    """Whether the name ``key`` is one of the site's own names."""
    return key.replace("-", "") in site


def _nearest_headline(sel: Selector, tied: list[_Person]) -> _Person:
    """Among equally supported people, the one named closest to the headline (a byline sits by its ``<h1>``;
    a sidebar's or a list's names do not); the first named when the page has no headline."""
    root = sel.root
    h1 = next(iter(root.iter("h1")), None)
    if h1 is None:
        return min(tied, key=lambda p: p.order)
    position = {el: i for i, el in enumerate(root.iter())}
    tree = root.getroottree()
    anchor = position.get(h1, 0)

    def place(path: str) -> int | None:
        try:
            found = tree.xpath(path)
        except etree.XPathError:  # a tag name broken markup made, which a path cannot name
            return None
        return position.get(found[0]) if found else None

    def distance(person: _Person) -> float:
        places = [place(group) for group in person.groups if group.startswith("/")]
        return min((abs(at - anchor) for at in places if at is not None), default=float("inf"))

    return min(tied, key=lambda p: (distance(p), p.order))


#: Voices whose names structured data gives as people's: a co-author they name need not be written as a name
#: ("kirstin boatto"); one a link names must ("editorial standards" is a link's topic).
_STRUCTURED = {"jsonld", "citation"}


def _coauthor(person: _Person, best: _Person) -> bool:
    """Named in the same element or JSON-LD object as the author; in the same byline row, only by a link or
    JSON-LD (a row's other texts are roles, outlets and dates: "Staff Writer", "TechHive", "Jul 3")."""
    shared = person.groups & best.groups
    if is_role(person.name):  # "Community Expert", "Staff Writer": the author's title, beside the name
        return False
    if not person.sources & _STRUCTURED and not reads_as_full_name(person.name):
        return False  # not written as a name, and no structured data says it is one: a bio's words, a link's topic
    if any(not group.startswith(ROW) for group in shared):
        return True
    return bool(shared) and bool(person.sources & {"link", "jsonld"})


def _site_keys(sel: Selector, objects: list[dict], base_url: str) -> set[str]:
    """Compact keys of the site's names: ``og:site_name``, JSON-LD publishers and websites, its host's name."""
    names = page_meta(sel).contents(("property", "og:site_name"), ("name", "application-name"))
    for obj in objects:
        kinds = obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")]
        if any(kind in {"Organization", "WebSite", "NewsMediaOrganization", "Corporation"} for kind in kinds):
            names.append(obj.get("name") if isinstance(obj.get("name"), str) else "")
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
    host = (urlsplit(base_url).hostname or "").removeprefix("www.")
    names.extend(host.split(".")[:-1])
    return {name_key(name).replace("-", "") for name in names if name} - {""}


def _named_pages(sel: Selector, objects: list[dict], base_url: str, keys: set[str]) -> list[tuple[str, str]]:
    """(name key, URL) of the same-site pages the page ties to the people ``keys``: JSON-LD Persons' ``url``
    and links whose text is their name. Not the page itself, nor the home page."""
    here = normalize_url(base_url).rstrip("/")
    found = [(key, url) for key, url in _person_urls(objects) if key in keys]
    # A link whose text is much longer than every name sought is a headline or a sentence: not looked at.
    longest = max(len(key) for key in keys) + 25
    # A name's key holds its words: an ASCII text (no entity its cleaning would unescape) without the last word of
    # any key sought is not looked at further.
    last_words = {key.rpartition("-")[2] for key in keys}
    for a in sel.root.iter("a"):
        href = a.get("href")
        text = (a.text if len(a) == 0 else "".join(a.itertext())) if href else ""
        if not text or not 3 <= len(text) <= longest:
            continue
        if text.isascii() and "&" not in text and not any(word in text.lower() for word in last_words):
            continue
        # name_key cleans the name (a byline's "By"), and is cached.
        if (key := name_key(text)) in keys:
            found.append((key, href or ""))
    pages = []
    for key, href in found:
        url = absolute_url(href, base_url) if key else None
        if url and same_site(url, base_url) and urlsplit(url).path.strip("/") and url.rstrip("/") != here and (
            not _SEARCH.search(url) or _BY_PERSON.search(urlsplit(url).query)
        ):
            pages.append((key, url))
    return pages


def _person_urls(objects: list[dict]) -> Iterator[tuple[str, str]]:
    """(name key, url) of the page's JSON-LD Persons; an Article's ``author`` with a url and no name, by its
    url's last segment ("/user/megan-leanda-berry"; a named one is judged by ``jsonld_votes``)."""
    people = [obj for obj in objects if obj.get("@type") == "Person"]
    for obj in filter(is_article_object, objects):
        authors = obj.get("author")
        people += [a for a in (authors if isinstance(authors, list) else [authors])
                   if isinstance(a, dict) and not isinstance(a.get("name"), str)]
    for person in people:
        url = person.get("url")
        if not isinstance(url, str):
            continue
        name = person.get("name") if isinstance(person.get("name"), str) else None
        yield name_key(name or urlsplit(url).path.rstrip("/").rpartition("/")[2].replace("-", " ")), url


# A site search for the name ("/search?q=Jane+Doe"): a list of what mentions them, not their page; unless it
# searches by person ("searchtype=author", "people=Jane+Doe"): then it lists their work.
_SEARCH = re.compile(r"/search(?:[/?#]|$)|[?&](?:q|s|query|search)=", re.IGNORECASE)
_BY_PERSON = re.compile(r"(?:^|&)(?:people|person|author|searchtype=author)", re.IGNORECASE)


def _page_of(key: str, pages: list[tuple[str, str]]) -> str | None:
    """The page of the person ``key``: an author-page-shaped one first, else the first page their name links."""
    theirs = [url for page_key, url in pages if page_key == key]
    shaped = [url for url in theirs if is_author_archive_url(url)]
    chosen = (shaped or theirs or [None])[0]
    return archive_base(chosen) if chosen and is_author_archive_url(chosen) else chosen


def byline_authors(
    sel: Selector, base_url: str, blocks: list[BlockElements] | None = None
) -> list[Byline]:
    """The page's own authors, in byline order (``resolve_authors``); ``blocks`` found here when not given."""
    return resolve_authors(sel, base_url, more_from_elements(sel, base_url) if blocks is None else blocks)
