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

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector
from trafilatura.metadata import extract_author

from crawler.discovery.blocks import BlockElements, block_elements, more_from_elements
from crawler.discovery.bylines import (
    byline_votes,
    credited_names,
    label_votes,
)
from crawler.discovery.comments import post_author_votes
from crawler.discovery.fullnames import complete_names, naming_texts
from crawler.discovery.links import link_votes, rail_votes
from crawler.discovery.namedpages import named_pages, page_of
from crawler.discovery.names import (
    DESK_WORDS,
    clean_author_name,
    is_handle,
    is_plausible_name,
    is_role,
    name_key,
    reads_as_full_name,
)
from crawler.discovery.owner import is_owner_name, owner_names, owner_votes
from crawler.discovery.pagemeta import page_meta
from crawler.discovery.pagescan import page_scan
from crawler.discovery.signature import signature_votes
from crawler.discovery.teasers import teaser_group
from crawler.discovery.unmarked import bio_votes, headline_votes, icon_votes
from crawler.discovery.voices import (
    ROW,
    Vote,
    group_element,
    jsonld_votes,
    meta_votes,
    other_author_markup,
    vote_names,
)


@dataclass(frozen=True)
class Byline:
    """A person named as an author of the page, the author's page on the site when known, and who said so."""

    name: str
    url: str | None = None
    #: The voices that named this person, "+"-joined ("jsonld+link"); not part of the person's identity.
    source: str = field(default="", compare=False)


#: How much each voice counts. A lone ``meta`` voice still names the author when nothing else does.
WEIGHTS = {"jsonld": 3, "link": 3, "byline": 2, "meta": 1, "trafilatura": 1, "headline": 1, "bio": 1, "citation": 3,
           "owner": 1, "comment": 3, "signature": 1}


def _same_person(a: str, b: str) -> bool:
    """Two name keys of one person: equal, or run together ("arianschlichenmayer", a user name), or one holds all of
    the other's (two or more) words."""
    if a == b or a.replace("-", "") == b.replace("-", ""):
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
        # The shortest spelling is the name without titles and credentials: "Jane Doe" over "Dr. Jane Doe, MD"; the
        # name in words over its user name ("Arian Schlichenmayer" over "arianschlichenmayer").
        shorter = len(key.split("-")) >= 2 and len(vote.name) < len(person.name)
        if shorter or (len(vote.name.split()) >= 2 and len(person.key.split("-")) < 2):
            person.name, person.key = vote.name, key
    return people


def resolve_authors(
    sel: Selector, base_url: str, blocks: list[BlockElements] | None = None
) -> list[Byline]:
    """Return the page's authors, main author first, from every signal it offers (see the module docstring).

    ``blocks`` is ``more_from_elements(sel, base_url)``: names in those blocks are other posts' authors.
    """
    in_blocks = block_elements(blocks or [])
    root = sel.root
    objects = page_meta(sel).jsonld
    scan = page_scan(sel)
    votes = jsonld_votes(objects, base_url) + link_votes(scan.links, base_url, in_blocks)
    votes += byline_votes(scan, in_blocks) + label_votes(scan, in_blocks)
    votes += icon_votes(scan.icons, in_blocks) + meta_votes(sel) + post_author_votes(scan.author_classed)
    people = _people(votes)
    site = _site_keys(sel, objects, base_url)
    people = people or _unmarked_people(root, base_url, in_blocks)
    if all(_is_site(p.key, site) for p in people):
        # Nobody but the site named: the subject of an author box's biography.
        people = _people([*votes, *bio_votes(root, in_blocks)]) or people
    if not people and (scan.author_markup or other_author_markup(root)):
        # trafilatura's own author search, one more voice where no other voice named anyone.
        people = _people([*votes, *vote_names(extract_author(root) or "", None, "trafilatura", 30_000, ("tf",))])
    # Still nobody: the owner of a personal site named after them.
    if not (people := people or _people(owner_votes(sel, base_url))):
        return []
    # The page's author: the best-supported person, the first named among equals (``_rank``).
    if len(people) > 1:  # (most pages name one person: nothing to rank)
        credited = credited_names(scan)
        rank = {id(p): _rank(p, root, base_url, site, credited) for p in people}
        top = max(rank.values())
        tied = [p for p in people if rank[id(p)] == top]
    else:
        tied = people
    best = _nearest_headline(sel, tied) if len(tied) > 1 else tied[0]
    # A co-author is a person: not the site's name printed beside the author ("Jill Barshay, The Hechinger Report").
    others = [p for p in people if p is not best and not _is_site(p.key, site)]
    coauthors = {id(p) for p in _coauthors(root, base_url, best, others)}
    chosen = [p for p in people if p is best or id(p) in coauthors]
    chosen.sort(key=lambda p: p.order)
    unplaced = {p.key for p in chosen if not p.url}
    pages = named_pages(scan.links, objects, base_url, unplaced) if unplaced else []
    names = complete_names([clean_author_name(p.name) for p in chosen], lambda name: _is_site(name_key(name), site),
                           lambda: [p.name for p in people] + owner_names(sel, base_url)
                           + naming_texts(objects, scan.author_classed, blocks or []))
    return [Byline(name, p.url or page_of(p.key, pages), "+".join(sorted(p.sources)))
            for name, p in zip(names, chosen, strict=True)]


def _rank(
    person: _Person, root: etree._Element, base_url: str, site: set[str], credited: set[str]
) -> tuple[bool, bool, bool, bool, int]:
    """How well ``person`` is supported as the page's author, the higher the better.

    The site's own name (an outlet as JSON-LD author, the brand in <meta name="author">) counts only when nobody else
    is named; nor does one the page credits with reviewing, editing or testing, nor one named only in the credits of
    other articles' teasers (even beside the site's name). A person the address spells is the site's owner, not its
    brand ("Andrew Liptak" at andrewliptak.com). A user name ("andrew.keaveney") names someone only when no real
    name does."""
    return (person.key not in credited, not _teasers_only(root, person, base_url),
            (not _is_site(person.key, site) or is_owner_name(person.name, base_url)) and not _desk_page(person.url),
            not is_handle(person.name), person.weight)


def _coauthors(root: etree._Element, base_url: str, best: _Person, others: list[_Person]) -> list[_Person]:
    """Those of ``others`` named with the author (``_coauthor``), not only in a teaser of another of the author's
    pieces ("by Lauren Dragan and Brent Butterworth" under a related article's linked title)."""
    found = [p for p in others if _coauthor(p, best)]
    if not found:
        return found
    teasers = {group for group in best.groups if teaser_group(root, group, base_url)}
    return [p for p in found if (p.groups & best.groups) - teasers] if teasers else found


def _unmarked_people(root: etree._Element, base_url: str, blocks: list[etree._Element]) -> list[_Person]:
    """Where no voice names anyone: the author's page linked from the post's side column, else a bare name under
    the headline, else a name signed under the story."""
    return (_people(rail_votes(root, base_url)) or _people(headline_votes(root))
            or _people(signature_votes(root, blocks)))


def _teasers_only(root: etree._Element, person: _Person, base_url: str) -> bool:
    """Whether ``person`` is named only in the credits of teasers of other articles."""
    groups = [group for group in person.groups if group.startswith(("/", ROW))]
    return bool(groups) and len(groups) == len(person.groups) and all(
        teaser_group(root, group, base_url) for group in groups)


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
    anchor = position.get(h1, 0)

    def place(path: str) -> int | None:
        el = group_element(root, path)
        return position.get(el) if el is not None else None

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


def byline_authors(
    sel: Selector, base_url: str, blocks: list[BlockElements] | None = None
) -> list[Byline]:
    """The page's own authors, in byline order (``resolve_authors``); ``blocks`` found here when not given."""
    return resolve_authors(sel, base_url, more_from_elements(sel, base_url) if blocks is None else blocks)
