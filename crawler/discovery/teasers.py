"""Whether a byline is a teaser's: the credit under another article's linked title in a related-articles list, not
the page's own byline. Pure functions."""

from __future__ import annotations

from itertools import islice

from lxml import etree

from crawler.discovery.markup import absolute_url
from crawler.discovery.voices import ROW
from crawler.urls import normalize_url

_TITLES = frozenset({"h2", "h3", "h4", "h5"})
#: How many elements before a byline its teaser's title may be.
TITLE_REACH = 2


def teaser_group(root: etree._Element, group: str, base_url: str) -> bool:
    """Whether a voice's group (an element's path, or ``row:`` and its row's) sits in a teaser: after, or in a row
    with, a heading that links to another page."""
    row = group.startswith(ROW)
    try:
        found = root.getroottree().xpath(group.removeprefix(ROW))
    except etree.XPathError:  # a tag name broken markup made, which a path cannot name
        return False
    if not found or not isinstance(found[0], etree._Element):
        return False
    el = found[0]
    near = list(el) if row else list(islice(el.itersiblings(preceding=True), TITLE_REACH))
    return any(_links_elsewhere(heading, base_url) for heading in near if heading.tag in _TITLES)


def _links_elsewhere(heading: etree._Element, base_url: str) -> bool:
    own = normalize_url(base_url)
    for a in heading.iter("a"):
        url = absolute_url(a.get("href"), base_url)
        if url and normalize_url(url) != own:
            return True
    return False
