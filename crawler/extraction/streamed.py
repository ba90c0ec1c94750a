"""A streamed page put in the order its reader sees: React's server rendering with Suspense (Next.js's App Router).

Such a page is sent in pieces. Where a part was not ready, the first piece holds a placeholder (a
``<template id="B:0">`` and a "Loading…" fallback between ``<!--$?-->`` and ``<!--/$-->`` comments, or a
``<template id="P:7">``); the part arrives later at the end of the body, in a ``<div hidden id="S:0">``,
with a script call that moves it into place (``$RC("B:0","S:0")``, ``$RS("S:7","P:7")``). Read as
sent, the article's later sections are hidden at the end of the page, and its first section looks like
all of it. Here the calls are carried out on the tree, in the order the page makes them.

Pure functions over an lxml tree parsed with its comments (the boundaries' ends are comments).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

#: The mark of a streamed page, looked for in its HTML before any parsing.
MARK = 'hidden id="S:'

# $RC (and $RR, the same with stylesheets) completes a boundary; $RS completes a segment.
_CALLS = re.compile(r'\$R([CRS])\("([A-Z]:[\w-]+)","([A-Z]:[\w-]+)"')
_BY_ID = etree.XPath("//*[@id=$id]")
_TEXT = etree.XPath("string(.)")
#: A fallback ("Loading paragraph...") is shorter; a longer element after the placeholder is the page's own.
FALLBACK_CHARS = 40


def place_streamed(tree: HtmlElement) -> int:
    """Move each streamed part of ``tree`` into its placeholder, as the page's scripts would; return how many.

    A page saved without its scripts (or comments) still holds its parts and placeholders: each part goes to
    the placeholder of its number, in the order the parts came."""
    calls = [call for script in tree.iter("script") for call in _CALLS.findall(script.text or "")]
    if not calls:
        calls = [_call_by_number(tree, part.get("id")) for part in _PARTS(tree)]
    placed = 0
    for kind, first, second in calls:
        if kind == "S":
            placed += _complete_segment(_by_id(tree, first), _by_id(tree, second))
        elif kind:
            placed += _complete_boundary(_by_id(tree, first), _by_id(tree, second))
    return placed


_PARTS = etree.XPath("//div[@hidden][starts-with(@id, 'S:')]")


def _call_by_number(tree: HtmlElement, part: str) -> tuple[str, str, str]:
    """The call that would place ``part`` ("S:n"): into "P:n" (a segment's placeholder), else "B:n"."""
    number = part[2:]
    if _by_id(tree, f"P:{number}") is not None:
        return "S", part, f"P:{number}"
    return ("C", f"B:{number}", part) if _by_id(tree, f"B:{number}") is not None else ("", "", "")


def _by_id(tree: HtmlElement, id_: str) -> HtmlElement | None:
    found = _BY_ID(tree, id=id_)
    return found[0] if found else None


def _complete_segment(part: HtmlElement | None, placeholder: HtmlElement | None) -> bool:
    """The part's content in the place of its ``<template id="P:n">``."""
    if not _placeable(part, placeholder):
        return False
    _move_children(part, placeholder.getparent(), placeholder)
    _remove(placeholder)
    _remove(part)
    return True


def _complete_boundary(boundary: HtmlElement | None, part: HtmlElement | None) -> bool:
    """The part's content in the place of the boundary's fallback, from its ``<template id="B:n">`` on."""
    if not _placeable(part, boundary):
        return False
    parent, fallback = boundary.getparent(), _fallback(boundary)
    end = fallback[-1].getnext()
    for old in fallback:
        _remove(old, keep_tail=False)
    _move_children(part, parent, end)
    _remove(part)
    return True


def _placeable(part: HtmlElement | None, placeholder: HtmlElement | None) -> bool:
    """Whether ``part`` is a hidden part and ``placeholder`` a ``<template>`` in the page outside it (a page
    that places a part inside itself is left as sent: nothing is lost)."""
    return (
        part is not None and placeholder is not None and part.get("hidden") is not None
        and placeholder.tag == "template" and placeholder.getparent() is not None
        and part not in placeholder.iterancestors()
    )


def _fallback(boundary: HtmlElement) -> list[HtmlElement]:
    """The boundary's template and fallback: up to the ``<!--/$-->`` that closes it (boundaries nest). Where the
    comments were not kept, the element after the template when it is a loading line or a skeleton."""
    fallback, depth, node = [], 0, boundary
    while node is not None:
        if node.tag is etree.Comment:
            if node.text == "/$":
                if depth == 0:
                    return fallback
                depth -= 1
            elif node.text in ("$", "$?", "$!"):
                depth += 1
        fallback.append(node)
        node = node.getnext()
    node = boundary.getnext()
    if node is not None and node.tag != "template" and len(_TEXT(node).strip()) < FALLBACK_CHARS:
        return [boundary, node]
    return [boundary]


def _move_children(source: HtmlElement, parent: HtmlElement, before: HtmlElement | None) -> None:
    """Put ``source``'s text and children into ``parent`` in front of ``before`` (at its end when None)."""
    previous = before.getprevious() if before is not None else (parent[-1] if len(parent) else None)
    if source.text:
        if previous is not None:
            previous.tail = (previous.tail or "") + source.text
        else:
            parent.text = (parent.text or "") + source.text
        source.text = None
    for child in list(source):
        if before is not None:
            before.addprevious(child)
        else:
            parent.append(child)


def _remove(el: HtmlElement, keep_tail: bool = True) -> None:
    """Take ``el`` out of the tree, its tail left in place unless ``keep_tail`` is False."""
    parent = el.getparent()
    if parent is None:
        return
    if keep_tail and el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
