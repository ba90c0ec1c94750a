"""Who wrote a page: its author(s), each with the author's page on the site when the page links it. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from crawler.discovery.blocks import MoreFromBlock, more_from_elements
from crawler.discovery.markup import absolute_url, is_noise, jsonld_objects, text_of
from crawler.discovery.names import AUTHORISH_HREF, archive_base, is_author_archive_url, name_key, split_author_names
from crawler.urls import same_site


@dataclass(frozen=True)
class Byline:
    """A person named as an author of the page, with the author archive URL when linked."""

    name: str
    url: str | None = None


def _jsonld_authors(sel: Selector, base_url: str) -> list[Byline]:
    found: list[Byline] = []
    for obj in jsonld_objects(sel):
        types = obj.get("@type")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and t.endswith(("Article", "Posting")) for t in types):
            continue
        authors = obj.get("author") or []
        authors = authors if isinstance(authors, list) else [authors]
        # An outlet listed beside its reporters ("Condé Nast") is not an author; alone, it is the byline.
        people = [a for a in authors if not (isinstance(a, dict) and a.get("@type") == "Organization")]
        for author in people or authors:
            if isinstance(author, str):
                found.extend(Byline(name) for name in split_author_names(author))
            elif isinstance(author, dict) and isinstance(author.get("name"), str):
                url = author.get("url") if isinstance(author.get("url"), str) else None
                found.extend(Byline(name, absolute_url(url, base_url)) for name in split_author_names(author["name"]))
    return found


def byline_authors(
    sel: Selector, base_url: str, blocks: list[tuple[etree._Element, MoreFromBlock]] | None = None
) -> list[Byline]:
    """Return the page's own authors, in byline order, ignoring names in sidebars and "More From" blocks.

    ``blocks`` is ``more_from_elements(sel, base_url)`` when the caller already has it.
    """
    if blocks is None:
        blocks = more_from_elements(sel, base_url)
    block_elements = [el for el, _ in blocks]
    candidates: list[Byline] = []
    root = sel.root
    # Cheap selection first: only these few anchors are resolved, normalized and checked.
    for a in root.iter("a"):
        href = a.get("href") or ""
        rel_author = "author" in (a.get("rel") or "").lower().split()
        if not (rel_author or AUTHORISH_HREF.search(href)):
            continue
        url = absolute_url(href, base_url)
        linked_archive = url is not None and is_author_archive_url(url) and same_site(url, base_url)
        # A byline's other links (sections, home page, share buttons) are not people.
        if (rel_author or linked_archive) and not is_noise(a, block_elements):
            for name in split_author_names(text_of(a)):
                candidates.append(Byline(name, archive_base(url) if linked_archive else None))

    candidates.extend(_jsonld_authors(sel, base_url))
    if not candidates:
        # The weakest source: sites put their publisher there too.
        for content in sel.xpath('//meta[@name="author"]/@content').getall():
            candidates.extend(Byline(name) for name in split_author_names(content))

    merged: dict[str, Byline] = {}
    for cand in candidates:
        key = name_key(cand.name)
        if not key:
            continue
        known = merged.get(key)
        if known is None:
            merged[key] = cand
        elif known.url is None and cand.url:
            merged[key] = Byline(known.name, cand.url)
    return list(merged.values())


