"""The byline text voices: byline markup, "By …" phrases and author labels. Pure functions.

``crawler.discovery.voices`` has the structured voices (JSON-LD, author-page links, meta tags) and
what all voices share; ``crawler.discovery.phrases`` reads a "By" phrase; ``crawler.discovery.pagescan``
finds the elements read here.
"""

from __future__ import annotations

from lxml import etree

from crawler.discovery.markup import (
    HEADINGS,
    has_noise_class,
    head_text,
    is_noise,
    next_past_wrappers,
    short_text,
    spaced_text,
)
from crawler.discovery.names import is_role, name_key, reads_as_full_name, split_author_names
from crawler.discovery.pagescan import PageScan
from crawler.discovery.phrases import BY_PHRASE, matched_names, phrase_names
from crawler.discovery.rows import ROW_SEPARATORS, cut_byline_tail, is_job_title, is_other_part, row_text
from crawler.discovery.voices import (
    CREDIT_TEXT,
    Vote,
    group_of,
    is_credit,
    vote_names,
)

_NAME_PARTS = etree.XPath(".//*[@itemprop='name'] | .//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]")

def byline_votes(scan: PageScan, blocks: list[etree._Element]) -> list[Vote]:
    """Names in byline markup and in "By …" phrases, outside noise areas."""
    votes: list[Vote] = []
    seen: set[etree._Element] = set()
    marked, phrases = scan.marked, scan.phrases
    for order, el in enumerate(marked):
        # Its own class may say what it is besides ("byline breadcrumbs": the section trail above a byline).
        # A row that starts with a credit credits its names ("Photographed by A; Modeled by B"), however long.
        if el in seen or is_credit(el) or CREDIT_TEXT.match(head_text(el, 60)) or is_job_title(el) or \
                is_other_part(el) or has_noise_class(el) or is_noise(el, blocks):
            continue
        found = [v for text in _name_texts(el) for v in vote_names(text, None, "byline", order, group_of(el))]
        if found:  # an author box with a biography names nobody itself: its name element may, further in
            seen.update(el.iter())
            votes.extend(found)
    for order, el in enumerate(phrases):
        if el in seen:
            continue
        text = row_text(el, 120)
        if text is None:
            continue
        names = phrase_names(text)
        # A link's is a full name ("<a>by Jane Doe</a>"), not a menu's "By Category".
        if names and (el.tag != "a" or reads_as_full_name(names)) and not is_noise(el, blocks):
            votes.extend(vote_names(names, None, "byline", 10_000 + order, group_of(el)))
    return votes + _tail_votes(scan.tails, blocks)


#: Longer than this, the text around a "by" is prose, not a byline row.
TAIL_ROW_MAX = 120


def _tail_votes(tails: list[etree._Element], blocks: list[etree._Element]) -> list[Vote]:
    """Names in "By" phrases that follow a date, a separator or a label in a short row: "<time>May 3</time> by
    Jane Doe". Not a title's credit ("<span>Neuromancer</span> by William Gibson" in a book list's heading)."""
    votes: list[Vote] = []
    for order, el in enumerate(tails):
        row = el.getparent()
        if row is None or row.tag in HEADINGS or not short_text(row, TAIL_ROW_MAX):
            continue
        names = phrase_names(" ".join((el.tail or "").split()))
        if names and not is_noise(el, blocks):
            votes.extend(vote_names(names, None, "byline", 15_000 + order, group_of(row)))
    return votes


def label_votes(scan: PageScan, blocks: list[etree._Element]) -> list[Vote]:
    """The names after an author label: in its element's tail, or alone in the element that follows it."""
    votes: list[Vote] = []
    for order, label in enumerate(scan.labels):
        texts = [" ".join((_past_breaks(label).tail or "").split())]
        after = None if texts[0] else next_past_wrappers(label, _LABEL_WRAPPERS)
        if after is not None and isinstance(after.tag, str):
            # A list of names is read item by item ("<ul><li>A</li><li>B</li></ul>" has no separators);
            # an author box (photo, name, biography) by the heading that names its person.
            items = [short_text(li, 80) or "" for li in after.iterchildren("li")]
            texts = items or [short_text(after, 80) or _box_name(after)]
        names = [name for text in texts if text[:1].isupper() for name in split_author_names(cut_byline_tail(text))]
        if names and all(reads_as_full_name(name) for name in names) and not _in_block(label, blocks):
            group = group_of(label.getparent())
            votes.extend(Vote(name, None, "byline", 20_000 + order, group) for name in names)
    return votes


def _past_breaks(label: etree._Element) -> etree._Element:
    """The label, or the line breaks right after it whose last holds the name: "<b>Von:</b><br><br>Götz Warnke"."""
    el = label
    while not (el.tail or "").strip() and (after := el.getnext()) is not None and after.tag == "br":
        el = after
    return el


# What wraps a label alone ("<p class="label"><strong>By</strong></p>"): not a link or a list item, whose text is
# a menu's entry ("Contributors"), not a label.
_LABEL_WRAPPERS = frozenset({"p", "div", "span", "strong", "b", "em", "small", "dt", "th", "label"})


def _in_block(el: etree._Element, blocks: list[etree._Element]) -> bool:
    return any(anc in blocks for anc in el.iterancestors())


def _box_name(box: etree._Element) -> str:
    """The text of the first heading or bold element of an author box, when it is short."""
    for el in box.iter("h2", "h3", "h4", "h5", "h6", "strong", "b"):
        return short_text(el, 80) or ""
    return ""


def credited_names(scan: PageScan) -> set[str]:
    """Name keys of the people the page credits with something else than authorship: "Reviewed by X",
    "Fact checked by Y". Their name elsewhere (the reviewer's own author box, say) does not make them
    the author."""
    keys: set[str] = set()
    for el in scan.credits:
        if text := short_text(el, 120):
            rest = CREDIT_TEXT.sub("", text, count=1)
            keys.update(name_key(name) for name in split_author_names(cut_byline_tail(rest)))
    return keys


def _name_texts(el: etree._Element) -> list[str]:
    """The names a byline element holds: its ``name``/``fn`` parts, else its own short text."""
    parts = _NAME_PARTS(el)
    if parts:
        return [spaced_text(part) for part in parts]
    text = row_text(el, 120)
    if text is None:
        return []
    match = BY_PHRASE.match(text)
    if match:
        return [matched_names(match)]
    if (titled := _without_title(el)) is not None:
        return [titled]
    # "Dec. 19, 2025 · Jane Doe", "Jane Doe | 5 min read": the name is one of the row's parts, the first written
    # as names ("Politik · Jochen Bittner, Tina Hildebrandt": a section before them), else the first plausible one.
    # A part cut down to its label ("Datum:" of "Datum: 19.11.2021") names nobody.
    named = [(part, names) for part in map(cut_byline_tail, ROW_SEPARATORS.split(text))
             if not part.endswith(":") and (names := split_author_names(part))]
    whole = split_author_names(text)
    if not named and not whole:
        # No separator written, the parts set apart by their elements: "<span>Dec 17, 2025</span><span>Jane
        # Doe</span>".
        # "Wellness", "5 mins read": only a part written as a name.
        named = [(part, names) for part in map(cut_byline_tail, _pieces(el))
                 if (names := split_author_names(part)) and all(map(reads_as_full_name, names))]
    full = [part for part, names in named if all(reads_as_full_name(name) for name in names)]
    if len(named) > 1 and full:
        return full[:1]
    if whole:
        return [text]
    return [part for part, _ in named][:1]


def _pieces(el: etree._Element) -> list[str]:
    """The texts of an element and its descendants, each apart, spaces collapsed."""
    return [" ".join(piece.split()) for piece in el.itertext() if piece.strip()]


def _without_title(el: etree._Element) -> str | None:
    """The name of a byline whose elements set the name and the person's job title apart:
    "<span>Keith Barry</span><span>Senior Autos Reporter</span>" is "Keith Barry"."""
    pieces = _pieces(el)
    if len(pieces) >= 2 and reads_as_full_name(pieces[0]) and all(is_role(piece) for piece in pieces[1:]):
        return pieces[0]
    return None
