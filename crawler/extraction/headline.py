"""The text of a headline element as a reader reads it: the headline, not what the theme set inside it."""

from __future__ import annotations

import re

from lxml import etree

from crawler.extraction.dateline import starts_with_date

# Inside an <h1>, these start what is not the headline (a date row, a byline that broken markup nested in it).
_BLOCKS = frozenset({"div", "p", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "table", "section", "header"})
# These are part of a line: no space is read at their edges ("Planning <span>C</span>ycle" is "Planning Cycle").
_INLINE = frozenset({"a", "span", "em", "strong", "b", "i", "u", "mark", "small", "sup", "sub", "abbr", "font", "q"})
#: A leading label is at most this many words and ends with a colon: "Blog:", "Title:".
LABEL_WORDS = 2


def headline_text(h1: etree._Element) -> str:
    """``h1``'s text up to a block or a date nested in it after the headline, without ``<time>`` dates, and without a
    kicker (a block, or an element its class marks) or a label ("Blog:") before the headline."""
    pieces: list[str] = []
    whole = _read(h1, pieces, top=True)
    text = " ".join("".join(pieces).split()).lstrip(":|\u2013\u2014- ")
    # The separator before a subtitle or a date cut from the headline goes with it: "Headline<i>:</i><i
    # class="subtitle">…</i>" (an <h1> read whole that ends in a colon introduces what follows).
    return text if whole else text.rstrip(":|\u2013\u2014\uff1a- ")


def _read(el: etree._Element, pieces: list[str], top: bool = False) -> bool:
    """Append ``el``'s text to ``pieces``; False once a nested block ends the headline."""
    inline = top or _inline(el)
    if not top:
        if not isinstance(el.tag, str):  # a comment or an entity: its tail is read by the caller
            return True
        started = bool("".join(pieces).strip())
        if started and (el.tag in _BLOCKS or _subtitle(el) or _dateline(el)):
            return False
        # A <small> first in the <h1> is a kicker too: "<small>Tunesien</small><br>Große Aufgaben …".
        before = not started and (_label(el) or is_kicker(el) or el.tag == "small" or _set_apart(el))
        if el.tag == "time" or el.tag in _BLOCKS or before or is_heading_anchor(el):
            pieces.append(" ")
            return True
        if not inline:
            pieces.append(" ")
    pieces.append(el.text or "")
    for child in el:
        if not _read(child, pieces):
            return False
        pieces.append(child.tail or "")
    if not inline:
        pieces.append(" ")
    return True


def _dateline(el: etree._Element) -> bool:
    """A dateline set in the ``<h1>`` on a line of its own, after the headline: "Headline<br><small>02.02.2022 •
    Presse</small>" (a date inside the headline's own line is the headline's: "Meeting on <b>March 3, 2025</b>")."""
    before = el.getprevious()
    own_line = el.tag == "small" or (before is not None and before.tag == "br" and not (before.tail or "").strip())
    return own_line and starts_with_date("".join(el.itertext()))


def _inline(el: etree._Element) -> bool:
    """Set in the line: an inline tag not styled as a block of its own (Tailwind's ``block``, ``d-block``)."""
    return el.tag in _INLINE and not {"block", "d-block"} & set((el.get("class") or "").split())


# A kicker's class: "article-heading__kicker", "dachzeile", "ts-overline", "eyebrow", "topline", "toptitle".
_KICKER = re.compile(
    r"kicker|dachzeile|overline|topline|toptitle|roofline|eyebrow|supertitle|pretitle|spitzmarke|strapline", re.I
)
# A subtitle's class: before the headline it is a kicker, after it the dek.
_SUBTITLE = re.compile(r"sub-?title|sub-?headline", re.I)


def is_kicker(el: etree._Element) -> bool:
    """A kicker: a topic line set before the headline in its own element (or heading), marked by its class."""
    cls = el.get("class") or ""
    return bool(_KICKER.search(cls) or _SUBTITLE.search(cls))


def _subtitle(el: etree._Element) -> bool:
    """A subtitle set after the headline in its own element, marked by its class."""
    return bool(_SUBTITLE.search(el.get("class") or ""))


def _set_apart(el: etree._Element) -> bool:
    """A kicker set on a line of its own, the separator after it hidden from view and read by screen readers and
    search engines only: "<span>Coronavirus</span><span aria-hidden="true"> - </span><span>Headline</span>",
    "<span class="invisible">: </span>"."""
    after = el.getnext()
    if after is None or not isinstance(after.tag, str) or (el.tail or "").strip():
        return False
    hidden = after.get("aria-hidden") == "true" or _HIDDEN_CLASS.search(after.get("class") or "") is not None
    return hidden and _SEPARATOR.fullmatch("".join(after.itertext())) is not None


_HIDDEN_CLASS = re.compile(r"invisible|sr-only|screen-reader|hidden", re.I)  # "hidden": visually-hidden too
_SEPARATOR = re.compile(r"\s*[:|\u2013\u2014-]\s*")


def _label(el: etree._Element) -> bool:
    """A label before the headline: "<strong>Blog:</strong>", "<span>Title:</span>"."""
    text = " ".join("".join(el.itertext()).split())
    return text.endswith(":") and 0 < len(text.split()) <= LABEL_WORDS


_WORD = re.compile(r"\w")


def is_heading_anchor(el: etree._Element) -> bool:
    """A heading's permalink: a link to a fragment whose text is a sign or nothing ("¶" in Sphinx's and MkDocs'
    headings, "#", "§", an icon), not words."""
    href = el.get("href") or ""
    # "#" alone is a script's toggle (a menu's, a table of contents'), not a permalink.
    return el.tag == "a" and href.startswith("#") and len(href) > 1 and not _WORD.search("".join(el.itertext()))
