"""A page's metadata tags (``<meta>``, ``<link>``, ``<title>``, ``<time>``) and JSON-LD, read in one walk.

Every reader of a page (title, date, canonical URL, language, the author's voices, feeds) asks the
metadata something. Each whole-page XPath such as ``//meta[@property="og:title"]`` is a walk of
every node in libxml2, about 0.2 ms on a real page, and a page was asked some fifteen of them. Here
the tags are gathered once per selector (kept while the selector lives) and the questions are
answered from them, in document order as XPath answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.discovery.markup import once_per_page


@dataclass
class PageMeta:
    """The metadata tags of a page, each as (tag, attributes), in document order."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    #: The ``<time>`` elements (dates in the page's markup).
    times: list[etree._Element] = field(default_factory=list)
    #: The text of ``<head>``'s ``<title>`` (else of the first ``<title>`` outside an ``<svg>``).
    title: str = ""
    #: ``lang`` of the ``<html>`` element.
    lang: str | None = None
    #: The text of each ``<script type="application/ld+json">``.
    jsonld_texts: list[str] = field(default_factory=list)
    _jsonld: list[dict] | None = None
    _by_attribute: dict[tuple[str, str], list[tuple[int, str]]] | None = None

    def contents(self, *wanted: tuple[str, str]) -> list[str]:
        """The ``content`` of each ``<meta>`` whose attribute equals a value of ``wanted`` ((attribute, value)
        pairs): ``contents(("property", "og:title"))`` is ``//meta[@property="og:title"]/@content``."""
        index = self._index()
        if len(wanted) == 1:
            return [content for _, content in index.get(wanted[0], ())]
        found = {place: content for pair in wanted for place, content in index.get(pair, ())}
        return [found[place] for place in sorted(found)]

    def _index(self) -> dict[tuple[str, str], list[tuple[int, str]]]:
        """(place in the page, content) of the ``<meta>`` tags that have a content, by each (attribute, value)
        they have: made on the first question (a page is asked some fifty)."""
        if self._by_attribute is None:
            self._by_attribute = {}
            for place, (tag, attrs) in enumerate(self.tags):
                if tag == "meta" and "content" in attrs:
                    for pair in attrs.items():
                        self._by_attribute.setdefault(pair, []).append((place, attrs["content"]))
        return self._by_attribute

    def metas(self) -> Iterator[dict[str, str]]:
        """The attributes of each ``<meta>``."""
        return (attrs for tag, attrs in self.tags if tag == "meta")

    def links(self) -> Iterator[dict[str, str]]:
        """The attributes of each ``<link>``."""
        return (attrs for tag, attrs in self.tags if tag == "link")

    @property
    def jsonld(self) -> list[dict]:
        """Every JSON-LD object of the page, those nested in ``@graph`` and ``mainEntity`` too (parsed once)."""
        if self._jsonld is None:
            self._jsonld = [obj for raw in self.jsonld_texts for obj in _objects(raw)]
        return self._jsonld


# What some CMSs wrap a script's JSON in: an XHTML CDATA section or an HTML comment (with JavaScript's comment
# marks before them), and a trailing semicolon.
_WRAPPERS = re.compile(r"^\s*(?://|/\*)?\s*(?:<!\[CDATA\[|<!--)\s*(?:\*/)?|(?://|/\*)?\s*(?:\]\]>|-->)\s*(?:\*/)?\s*;?\s*$|;\s*$")


def _objects(raw: str) -> Iterator[dict]:
    try:
        data = json.loads(raw, strict=False)  # raw newlines and tabs inside strings are common
    except ValueError:
        try:
            data = json.loads(_WRAPPERS.sub("", raw), strict=False)
        except ValueError:
            return
    stack = [data]
    while stack:
        obj = stack.pop()
        if isinstance(obj, list):
            stack.extend(obj)
        elif isinstance(obj, dict):
            yield obj
            stack.extend(v for k, v in obj.items() if k in {"@graph", "mainEntity"})




def read_meta(root: etree._Element) -> PageMeta:
    """The metadata tags under ``root``, in one walk."""
    meta = PageMeta(lang=root.get("lang") if root.tag == "html" else None)
    stray = ""  # a <title> outside <head>: text before <head> (a PHP warning) moves the head's tags into the body
    for el in root.iter("meta", "link", "title", "script", "time"):
        tag = el.tag
        if tag == "time":
            meta.times.append(el)
        elif tag == "script":
            if el.get("type") == "application/ld+json" and el.text:
                meta.jsonld_texts.append(el.text)
        elif tag == "title":
            parent = el.getparent()
            if parent is not None and parent.tag == "head":
                meta.title = meta.title or " ".join(" ".join(el.itertext()).split())
            elif not stray and next(el.iterancestors("svg"), None) is None:  # an SVG's <title> names a picture
                stray = " ".join(" ".join(el.itertext()).split())
        else:
            # Only the attributes read here: a broken tag's others can be names lxml will not hand back.
            meta.tags.append((tag, {key: value for key in _ATTRIBUTES if (value := el.get(key)) is not None}))
    meta.title = meta.title or stray
    return meta


_ATTRIBUTES = ("name", "property", "content", "itemprop", "http-equiv", "datetime", "rel", "href", "type", "title")


#: The page's metadata tags, gathered on the first call for a selector (read the tree before pruning it).
page_meta: Callable[[Selector], PageMeta] = once_per_page(read_meta)
