"""Whether a byline is a teaser's: the credit under another article's linked title in a related-articles list, not
the page's own byline. Pure functions."""

from __future__ import annotations

from itertools import islice

from lxml import etree

from crawler.discovery.markup import absolute_url
from crawler.discovery.voices import ROW, group_element
from crawler.urls import normalize_url

_TITLES = frozenset({"h2", "h3", "h4", "h5"})
#: How many elements before a byline its teaser's title may be.
TITLE_REACH = 2


def teaser_group(root: etree._Element, group: str, base_url: str) -> bool:
    """Whether a voice's group (an element's path, or ``row:`` and its row's) sits in a teaser: after, or in a row
    with, a heading that links to another page."""
    el = group_element(root, group)
    if el is None:
        return False
    near = list(el) if group.startswith(ROW) else list(islice(el.itersiblings(preceding=True), TITLE_REACH))
    return any(_links_elsewhere(heading, base_url) for heading in near if heading.tag in _TITLES)


def _links_elsewhere(heading: etree._Element, base_url: str) -> bool:
    own = normalize_url(base_url)
    for a in heading.iter("a"):
        url = absolute_url(a.get("href"), base_url)
        if url and normalize_url(url) != own:
            return True
    return False
