"""What discovery needs from an article page, read in the extraction worker from the same parse as the body.

The spider used to parse every page a second time on the reactor for this. ``PageFacts`` holds only
picklable values (no lxml elements), so it travels back from the worker process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.discovery.blocks import MoreFromBlock, block_elements, more_from_elements
from crawler.discovery.feeds import oembed_url, site_feed_url, wp_post_json_url, wp_rest_root
from crawler.discovery.identity import Byline, byline_authors
from crawler.discovery.tagdiv import AuthorTab, author_tabs


@dataclass(frozen=True)
class PageFacts:
    """An article page's byline, "More From" blocks, tagDiv author tabs, WordPress REST, oEmbed and feed addresses."""

    byline: list[Byline] = field(default_factory=list)
    blocks: list[MoreFromBlock] = field(default_factory=list)
    tabs: list[AuthorTab] = field(default_factory=list)
    rest_root: str = ""
    post_json: str | None = None
    oembed: str | None = None
    #: The site's own feed (not the author's): a last route to an author with no archive.
    site_feed: str | None = None


def page_facts(sel: Selector, url: str) -> tuple[PageFacts, list[etree._Element]]:
    """Read a page's facts; also return the "More From" block elements (extraction prunes them)."""
    found = more_from_elements(sel, url)
    facts = PageFacts(
        byline=byline_authors(sel, url, found),
        blocks=[block for _, block in found],
        tabs=author_tabs(sel, url),
        rest_root=wp_rest_root(sel, url),
        post_json=wp_post_json_url(sel, url),
        oembed=oembed_url(sel, url),
        site_feed=site_feed_url(sel, url),
    )
    return facts, block_elements(found)
