"""Whether a byline is a teaser's: the credit under another article's linked title in a related-articles list, not
the page's own byline. Pure functions."""

from __future__ import annotations

from itertools import islice

from lxml import etree

from crawler.discovery.markup import absolute_url, short_text
from crawler.discovery.voices import ROW, group_element
from crawler.urls import normalize_url

_TITLES = frozenset({"h2", "h3", "h4", "h5"})
#: How many elements before a byline its teaser's title may be.
TITLE_REACH = 2


def teaser_group(root: etree._Element, group: str, base_url: str) -> bool:
    """Whether a voice's group (an element's path, or ``row:`` and its row's) sits in a teaser: in a link to another
    page, or beside (in a row with) a heading that links to one (the title before the credit, or after it in a
    short box)."""
    el = group_element(root, group)
    if el is None:
        return False
    if any(_elsewhere(a, base_url) and next(a.iter(*_TITLES), None) is not None for a in el.iterancestors("a")):
        return True  # a card, all of it (its title and its credit) a link to another article
    near = [child for child in el if child.tag in _TITLES or _box(child)] if group.startswith(ROW) else []
    near += [sib for sib in islice(el.itersiblings(), TITLE_REACH) if _box(sib)]
    near += _titles_before(el)
    return any(_links_elsewhere(heading, box, base_url) for box in near for heading in _headings(box))


def _titles_before(el: etree._Element) -> list[etree._Element]:
    """The headings among the elements just before ``el``, or before the row it begins ("<h3>…</h3><div><span>by
    …</span><span>May 3</span></div>")."""
    for up in (el, el.getparent()):
        before = list(islice(up.itersiblings(preceding=True), TITLE_REACH)) if up is not None else []
        if before:
            return [sib for sib in before if sib.tag in _TITLES]
    return []


#: Longer than this, what follows a byline is the story (whose headings link anywhere), not a teaser's title box.
_BOX_CHARS = 200


def _box(el: etree._Element) -> bool:
    return short_text(el, _BOX_CHARS) is not None


def _headings(el: etree._Element) -> list[etree._Element]:
    return [el] if el.tag in _TITLES else [heading for heading in el.iter(*_TITLES)]


def _links_elsewhere(heading: etree._Element, box: etree._Element, base_url: str) -> bool:
    """Whether ``heading`` links, or is linked (within ``box``), to another page than ``base_url``."""
    links = list(heading.iter("a"))
    for up in heading.iterancestors():
        if up.tag == "a":
            links.append(up)
        if up is box:
            break
    return any(_elsewhere(a, base_url) for a in links)


def _elsewhere(a: etree._Element, base_url: str) -> bool:
    url = absolute_url(a.get("href"), base_url)
    return bool(url) and normalize_url(url) != normalize_url(base_url)
