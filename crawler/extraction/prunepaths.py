"""trafilatura's pruning expressions evaluated in Python: the same elements, in about a third of the time.

trafilatura prunes a page with XPath searches (``trafilatura.xpaths``) whose class and id tests are EXSLT regular
expressions (``re:test``). libxml2 calls back into Python's ``re`` for every such test of every candidate element:
on wcxb-dev, trafilatura's XPath searches took half of its fast reading, the seven here four fifths of that. Here each
search is a test of one element in
Python, run over the same candidates in document order: the same regular expressions (read from trafilatura's
expression), the same attributes, so the same elements in the same order.

They stand in for trafilatura's own only inside ``python_paths()`` (the project's readings), and only where
trafilatura's expression is the one they were written for (its digest below): another trafilatura keeps its own
search, and a test says so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import trafilatura.xpaths
from lxml import etree
from lxml.etree import XPath

Test = Callable[[etree._Element], bool]

#: The candidates of trafilatura's searches for boilerplate blocks.
_BLOCK_TAGS = ("div", "item", "list", "p", "section", "span")


@dataclass(frozen=True)
class ElementSearch:
    """A ``.//*[…]`` search below an element: its candidates (``tags``; None for every element) and its test of one.
    Called as an XPath is: on an element, for the list of those found below it, in document order."""

    name: str
    path: str
    tags: tuple[str, ...] | None
    test: Test

    def __call__(self, tree: etree._Element) -> list[etree._Element]:
        found = tree.iterdescendants(*self.tags) if self.tags else tree.iterdescendants(etree.Element)
        test = self.test
        return [element for element in found if test(element)]


def _patterns(expression: XPath) -> list[re.Pattern[str]]:
    """The regular expressions of ``expression``'s ``re:test`` calls, in order (as lxml compiles them)."""
    return [re.compile(pattern) for pattern in re.findall(r"re:test\([^,]+,\s*'([^']*)'\)", expression.path)]


def _first(element: etree._Element, one: str, other: str) -> str:
    """XPath's string value of ``@one|@other``: the value of whichever the element writes first ('' for neither)."""
    first, second = element.get(one), element.get(other)
    if first is None:
        return second or ""
    if second is None:
        return first
    names = element.keys()
    return first if names.index(one) < names.index(other) else second


def _boilerplate_blocks(expression: XPath) -> ElementSearch:
    """trafilatura's boilerplate blocks by their markup: navigation roles, cookie, share, ad and menu classes."""
    cookie, by_id, by_class = _patterns(expression)

    def test(element: etree._Element) -> bool:
        if element.get("data-lp-replacement-content") is not None:
            return True
        role, component = element.get("role"), element.get("data-component")
        if (role and "nav" in role.replace("N", "n")) or (component and "MostPopularStories" in component):
            return True
        cls, ident = element.get("class"), element.get("id")
        if cls is None and ident is None:
            return False
        return bool(cookie.search(_first(element, "id", "class")) or (ident is not None and by_id.search(ident))
                    or (cls is not None and by_class.search(cls)))

    return ElementSearch("boilerplate blocks", expression.path, _BLOCK_TAGS, test)


def _hidden_and_replies(expression: XPath) -> ElementSearch:
    """trafilatura's hidden elements and reply forms, of any tag: ``aria-hidden``, hiding styles, ids and classes."""
    hidden, by_id, by_class = _patterns(expression)

    def test(element: etree._Element) -> bool:
        if element.get("aria-hidden") == "true":
            return True
        cls, ident, style = element.get("class"), element.get("id"), element.get("style")
        if cls is None and ident is None and style is None:
            return False
        return bool(
            cls == "comments-title" or _first(element, "id", "class").startswith("reply-")
            or hidden.search(_first(element, "id", "style"))
            or (style and ("display:none" in style or "display: none" in style))
            or (ident is not None and by_id.search(ident)) or (cls is not None and by_class.search(cls))
        )

    return ElementSearch("hidden elements and replies", expression.path, None, test)


def _narrowed(name: str, tags: tuple[str, ...], exempt: Test) -> Callable[[XPath], ElementSearch]:
    """A search for ``tags`` whose id or class matches the expression's first two patterns and, but where ``exempt``,
    its last two."""

    def build(expression: XPath) -> ElementSearch:
        by_id, by_class, narrow_id, narrow_class = _patterns(expression)

        def test(element: etree._Element) -> bool:
            cls, ident = element.get("class") or "", element.get("id") or ""
            if not (by_id.search(ident) or by_class.search(cls)):
                return False
            return exempt(element) or bool(narrow_id.search(ident) or narrow_class.search(cls))

        return ElementSearch(name, expression.path, tags, test)

    return build


def _not_a_list(element: etree._Element) -> bool:
    """Whether ``element`` is no ``ol`` or ``ul`` list."""
    return element.tag not in ("ol", "ul")


def _without_headline(element: etree._Element) -> bool:
    """Whether no ``h1`` is below ``element``."""
    return next(element.iterdescendants("h1"), None) is None


def _contains(name: str, tags: tuple[str, ...], attributes: tuple[str, ...], word: str, folded: str = "",
              ) -> Callable[[XPath], ElementSearch]:
    """A search for ``tags`` whose given attributes contain ``word`` (after ``folded``'s capital is lowered)."""

    def test(element: etree._Element) -> bool:
        for attribute in attributes:
            value = element.get(attribute)
            if value and word in (value.replace(folded, folded.lower()) if folded else value):
                return True
        return False

    def build(expression: XPath) -> ElementSearch:
        return ElementSearch(name, expression.path, tags, test)

    return build


# Each search by trafilatura's list and index, with the digest of the expression it was written for (2.3.1's).
_SEARCHES: dict[tuple[str, int], tuple[str, Callable[[XPath], ElementSearch]]] = {
    ("OVERALL_DISCARD_XPATH", 0): ("a837e58a1b1e", _boilerplate_blocks),
    ("OVERALL_DISCARD_XPATH", 1): ("c1d5b70b8cd0", _hidden_and_replies),
    # Comment sections by id or class, but ``ol`` and ``ul`` lists by a narrower id.
    ("REMOVE_COMMENTS_AND_LISTS_XPATH", 0): ("9cc18d34e6e2", _narrowed(
        "comment sections", ("div", "list", "section", "details", "ol", "ul"), _not_a_list)),
    # Infinite-scroll containers, but those holding the headline only by one theme's narrower names.
    ("RAW_TREE_PRUNE_XPATH", 0): ("01e7c660fd64", _narrowed(
        "appended articles", ("div", "section", "aside"), _without_headline)),
    ("RAW_TREE_PRUNE_XPATH", 1): ("3c7afe922795", _contains("share buttons", ("div", "section", "aside"), ("class",),
                                                "elementor-share-buttons")),
    ("TEASER_DISCARD_XPATH", 0): ("ebb02f066626", _contains("teasers", _BLOCK_TAGS, ("id", "class"), "teaser", "T")),
    ("DISCARD_IMAGE_ELEMENTS", 0): ("cb1ab981e449", _contains("captions", _BLOCK_TAGS, ("id", "class"), "caption")),
}


def digest(expression: XPath) -> str:
    """A short digest of an XPath's expression."""
    return hashlib.sha256(expression.path.encode()).hexdigest()[:12]


def _stand_ins() -> list[tuple[list, int, ElementSearch]]:
    """Each of trafilatura's lists, an index in it, and the search to stand in there, where the expression is the
    one the search was written for."""
    found = []
    for (name, index), (expected, build) in _SEARCHES.items():
        expressions = getattr(trafilatura.xpaths, name, None)
        if isinstance(expressions, list) and len(expressions) > index and digest(expressions[index]) == expected:
            found.append((expressions, index, build(expressions[index])))
    return found


STAND_INS = _stand_ins()


@contextmanager
def python_paths() -> Iterator[None]:
    """Within the block, trafilatura prunes with the searches above; after it, with its own again."""
    originals = [(expressions, index, expressions[index]) for expressions, index, _ in STAND_INS]
    for expressions, index, search in STAND_INS:
        expressions[index] = search
    try:
        yield
    finally:
        for expressions, index, original in originals:
            expressions[index] = original
