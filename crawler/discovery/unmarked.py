"""Names without byline markup: a bare name in the dated row under the headline, an author box's biography, a
name beside a person icon or an avatar.

Pure functions; ``crawler.discovery.bylines`` has the marked bylines and "By" phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from lxml import etree

from crawler.discovery.markup import first_text, is_noise, next_past_wrappers, short_text
from crawler.discovery.names import is_role
from crawler.discovery.pagescan import SKIP_TAGS
from crawler.discovery.rows import MONTH, ROW_SEPARATORS, cut_byline_tail
from crawler.discovery.voices import Vote, group_of, vote_names

# A name and nothing else: two or three capitalised words ("Julia Gralberg", "Julian K. Arni"); four are a title
# ("Starfield Background Planning Documents") more often than a name.
_BARE_NAME = re.compile(r"^[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,2}$")
#: How far after the headline (in elements) a bare name is still the byline.
HEADLINE_REACH = 20


def headline_votes(root: etree._Element) -> list[Vote]:
    """A bare name just under the headline, in no byline markup at all: the page's visible byline; or in a dated
    row just above it ("04.02.2022 | 13:10 Uhr | Uta Helkenberg")."""
    h1 = next(iter(root.iter("h1")), None)
    if h1 is None:
        return []
    votes: list[Vote] = []
    for order, el in enumerate(_following(h1, HEADLINE_REACH)):
        name, dated_row = _row_name(el)
        if name and (dated_row or _beside_a_date(el)):
            votes.extend(vote_names(name, None, "headline", 40_000 + order, group_of(el)))
    for order, sibling in enumerate(islice(h1.itersiblings(preceding=True), ABOVE_REACH)):
        for el in sibling.iter():
            name, dated_row = _row_name(el)
            if name and dated_row:
                votes.extend(vote_names(name, None, "headline", 45_000 + order, group_of(el)))
    return votes[:1]


#: How many elements before the headline a dated row with a name is still its byline.
ABOVE_REACH = 3


def _row_name(el: etree._Element) -> tuple[str, bool]:
    """The bare name an innermost text element shows, and whether its row also gives a date: "Jane Doe | Senior
    Writer | July 2, 2025" (the name first), "25.10.2022 - Reiner Nagel" (the date first, the name last)."""
    if not isinstance(el.tag, str) or el.tag in SKIP_TAGS or el.tag in {"h1", "h2", "h3", "nav", "button"}:
        return "", False
    if len(el) or not el.text:  # the innermost element that holds the text
        return "", False
    parts = ROW_SEPARATORS.split(" ".join(el.text.split()))
    first, rest = parts[0], parts[1:]
    if rest and _DATE_TEXT.search(first) and not any(_DATE_TEXT.search(part) for part in rest):
        first, rest = parts[-1], parts[:-1]
    dated_row = bool(rest) and any(_DATE_TEXT.search(part) for part in rest)
    if (rest and not dated_row) or not _BARE_NAME.match(first) or is_role(first):
        return "", False
    return first, dated_row


# An author box's biography: "Julia Gralberg is a freelance travel writer…", "… is the Head of Marketing at".
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,3})\s+"
    r"(?i:is|was|has\s+been)\s+(?i:a|an|the|our)\s+(?:[\w'\u2019-]+\s+){0,3}?(?i:writer|editor|journalist|author|reporter|"
    r"columnist|contributor|blogger|founder|co-founder|head|director|manager|lead|chief|ceo|cto|cmo|vp|"
    r"president|partner|specialist|expert|strategist|consultant|marketer|analyst|researcher|professor|scientist|"
    r"engineer|developer|designer|photographer|coach|therapist|advisor|adviser|nutritionist|dietitian|professional|"
    r"physician|doctor|nurse|attorney|lawyer|teacher|student|enthusiast|creator|host|owner)\b"
)


#: How many levels up from a biography its author box may show the name alone (page builders nest deep).
BOX_DEPTH = 3


def bio_votes(root: etree._Element, blocks: list[etree._Element]) -> list[Vote]:
    """The subject of an author box's biography, when the box also shows the name alone (its title or photo) or the
    biography follows an "About the Author" label."""
    votes: list[Vote] = []
    for order, p in enumerate(root.iter("p")):
        match = _BIO.match((p.text or "").lstrip())
        if not match or is_role(name := match.group("name")) or is_noise(p, blocks):
            continue
        boxes = list(p.iterancestors())[:BOX_DEPTH]
        if _after_about_label(p) or any(_shows_alone(box, p, name) for box in boxes):
            votes.extend(vote_names(name, None, "bio", 50_000 + order, group_of(p)))
    return votes


# The label an author box's biography follows: "About the Author:", "About the writer".
_ABOUT_LABEL = re.compile(r"^\s*about\s+the\s+(?:author|writer|contributor)s?\s*:?\s*$", re.IGNORECASE)


def _after_about_label(bio: etree._Element) -> bool:
    """Whether the element just before the biography ``bio`` is an "About the Author" label."""
    previous = bio.getprevious()
    return previous is not None and bool(_ABOUT_LABEL.match("".join(previous.itertext())))


def _shows_alone(box: etree._Element, bio: etree._Element, name: str) -> bool:
    """Whether ``box`` shows ``name`` apart from the biography ``bio``: an element of that text, a photo's alt."""
    folded = name.casefold()
    for el in box.iter():
        if el is bio or not isinstance(el.tag, str):
            continue
        if el.tag == "img" and folded in (el.get("alt") or "").casefold():
            return True
        if len(el) == 0 and el.text and " ".join(el.text.split()).casefold() == folded:
            return True
    return False


_DATE_TEXT = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{MONTH}\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b",
    re.IGNORECASE,
)


def _beside_a_date(el: etree._Element) -> bool:
    """A byline row: the name's parent or grandparent also shows a date (``<time>``, "May 3, 2024")."""
    for up in (el.getparent(), el.getparent().getparent() if el.getparent() is not None else None):
        if up is None:
            continue
        text = short_text(up, 200)
        if up.find(".//time") is not None or (text and _DATE_TEXT.search(text)):
            return True
    return False


def _following(el: etree._Element, count: int) -> Iterator[etree._Element]:
    """The ``count`` elements after ``el`` in document order, its descendants excluded."""
    seen = 0
    for following in el.itersiblings():
        for inner in following.iter():
            yield inner
            seen += 1
            if seen >= count:
                return
    parent = el.getparent()
    if parent is not None and seen < count:
        yield from _following(parent, count - seen)


# Byline icons: Font Awesome's fa-user, Bootstrap's bi-person, dashicons' admin-users, "icon-author"…
_PERSON_ICON = re.compile(r"(?:^|[\s_-])(?:user|person|author|admin-users|user-circle|user-o)(?:$|\s)", re.IGNORECASE)


def icon_votes(icons: list[etree._Element], blocks: list[etree._Element]) -> list[Vote]:
    """A name written right after a person icon or an avatar: ``<i class="fa fa-user"></i> Jane Doe``, a sprite's
    ``<svg><use href="icons.svg#circle-user"/></svg><span>Jane Doe</span>``, ``<img class="avatar"> Jane Doe``."""
    votes: list[Vote] = []
    for order, icon in enumerate(icons):  # every <i>, <span>, <svg> and <img>, in document order
        if not (_is_avatar(icon) if icon.tag == "img" else _is_person_icon(icon)):
            continue
        text = " ".join((icon.tail or "").split())
        after = icon.getnext()
        if not text and after is not None and isinstance(after.tag, str) and after.tag in {"span", "a", "strong", "b"}:
            text = short_text(after, 60) or ""
        elif not text and after is None and icon.tag == "img":
            # A page builder's grid: the avatar alone in its column, the name first in the next one.
            beside = next_past_wrappers(icon, _AVATAR_WRAPPERS)
            text = first_text(beside, 60) if beside is not None and isinstance(beside.tag, str) else ""
        if text and not is_role(text) and not is_noise(icon, blocks):  # "<i class="fa fa-user"></i> Staff Writer"
            # "By Jane Doe": the label goes with the name's cleaning (``names.clean_author_name``).
            votes.extend(vote_names(cut_byline_tail(text), None, "byline", 5_000 + order, group_of(icon.getparent())))
    return votes


_AVATAR_WRAPPERS = frozenset({"div", "figure", "picture", "span", "a"})


def _is_avatar(img: etree._Element) -> bool:
    """An author's picture: WordPress's ``get_avatar`` (class "avatar avatar-96 photo"), a Gravatar."""
    return "avatar" in (img.get("class") or "").lower() or "gravatar.com/avatar" in (img.get("src") or "")


def _is_person_icon(icon: etree._Element) -> bool:
    cls = icon.get("class") or ""
    if ("icon" in cls.lower() or cls.startswith(("fa", "bi", "dashicons"))) and _PERSON_ICON.search(cls):
        return True
    if icon.tag != "svg":
        return False
    sprites = (use.get("href") or use.get("{http://www.w3.org/1999/xlink}href") or "" for use in icon.iter("use"))
    return any(_PERSON_ICON.search(href.rpartition("#")[2].replace("-", " ")) for href in sprites if "#" in href)

