"""The byline text voices: byline markup, "By …" phrases, person icons, a bare name by the headline. Pure functions.

``crawler.discovery.voices`` has the structured voices (JSON-LD, author-page links, meta tags) and
what all voices share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from crawler.discovery.markup import is_noise
from crawler.discovery.names import is_role, name_key, reads_as_full_name, split_author_names
from crawler.discovery.voices import (
    CREDIT_TEXT,
    Vote,
    group_of,
    is_byline_class,
    is_credit,
    short_text,
    spaced_text,
    vote_names,
)

# "Written by", "Geschrieben von", "Écrit par", "Escrito por", "Scritto da", "A cura di", "Geschreven door".
_WRITTEN = r"written|posted|published|story|words|text|reporting|geschrieben|verfasst|[ée]crit|publi[ée]|escrito|" \
    r"publicado|scritto|pubblicato|a\s+cura|geschreven"
# "All articles by", "View all posts by", "More stories by": the author's own list, named.
_LISTED = r"(?:(?:view|see)\s+)?(?:all|more)\s+(?:posts|articles|stories|entries)"
# "This post was written by", "This article is by".
_THIS = r"this\s+(?:post|article|story|piece|guide|blog)\s+(?:was\s+|is\s+)?"
_BY_PHRASE = re.compile(
    rf"^\s*(?:{_THIS})?(?:(?:{_WRITTEN}|{_LISTED})\s+)?"
    # "da" only after "scritto": alone it begins names (Da Silva).
    r"(?:by|von|par|por|di|(?<=scritto )da|door|av|af|przez)\s*[:\-]?\s+(?P<names>.+)$"
    r"|^\s*(?:words|text|author|autor|auteur|autore)\s*:\s*(?P<labelled>.+)$",
    re.IGNORECASE,
)
# The first word of a byline phrase (a cheap test before an element's whole text is read).
_PHRASE_START = re.compile(
    rf"^\s*(?:{_THIS}|{_WRITTEN}|{_LISTED}|by|von|par|por|di|door|av|af|przez|author|autor|auteur|autore)\b",
    re.IGNORECASE,
)
# A label alone in its element, the name after it: "<h3>Author</h3><p>Jane Doe</p>", "<b>Contributors:</b> Jane Doe".
_LABEL = re.compile(
    r"^\s*(?:authors?|author\(s\)|written\s+by|article\s+by|posted\s+by|by|contributors?|writers?|autor(?:in|en)?|auteurs?|"
    r"autore|verfasst\s+von|escrito\s+por|[ée]crit\s+par)\s*:?\s*$",
    re.IGNORECASE,
)
_LABEL_TAGS = frozenset({"span", "p", "div", "strong", "b", "em", "small", "dt", "th", "label",
                         "h2", "h3", "h4", "h5", "h6"})
_NAME_PARTS = etree.XPath(".//*[@itemprop='name'] | .//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]")

_SKIP_TAGS = frozenset({"script", "style", "a", "img", "meta", "link"})


# Where a "By" phrase is read: text elements, and the minor headings an author box titles itself with
# ("Written by Jane Doe" in an <h3>); a page's h1 and h2 are its headline and sections.
_PHRASE_TAGS = frozenset({"span", "p", "div", "li", "em", "small", "address", "time", "strong", "b",
                          "h3", "h4", "h5", "h6"})


@dataclass
class BylineScan:
    """What one pass over the page found: byline-marked elements, "By" phrases, credits ("Reviewed by")."""

    marked: list[etree._Element] = field(default_factory=list)
    phrases: list[etree._Element] = field(default_factory=list)
    credits: list[etree._Element] = field(default_factory=list)
    labels: list[etree._Element] = field(default_factory=list)


def scan_bylines(root: etree._Element) -> BylineScan:
    """One pass over the page for ``byline_votes`` and ``credited_names``."""
    scan = BylineScan()
    marked, phrases = scan.marked, scan.phrases
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        if tag in _PHRASE_TAGS and el.text:
            if _PHRASE_START.match(el.text):
                phrases.append(el)
            if CREDIT_TEXT.match(el.text):
                scan.credits.append(el)
        if tag in _LABEL_TAGS and el.text and len(el) == 0 and len(el.text) < 30 and _LABEL.match(el.text):
            scan.labels.append(el)
        cls, ident, itemprop = el.get("class"), el.get("id"), el.get("itemprop")
        if not (cls or ident or itemprop):
            continue
        if (itemprop or "").lower() in {"author", "creator"}:
            marked.append(el)
            continue
        # Substring tests first: the regexes run on the few elements that can match.
        if is_byline_class(f"{cls or ''} {ident or ''}"):
            marked.append(el)
    return scan


def byline_votes(scan: BylineScan, blocks: list[etree._Element]) -> list[Vote]:
    """Names in byline markup and in "By …" phrases, outside noise areas."""
    votes: list[Vote] = []
    seen: set[etree._Element] = set()
    marked, phrases = scan.marked, scan.phrases
    for order, el in enumerate(marked):
        if el in seen or is_credit(el) or CREDIT_TEXT.match(short_text(el, 60) or "") or is_noise(el, blocks):
            continue
        found = [v for text in _name_texts(el) for v in vote_names(text, None, "byline", order, group_of(el))]
        if found:  # an author box with a biography names nobody itself: its name element may, further in
            seen.update(el.iter())
            votes.extend(found)
    for order, el in enumerate(phrases):
        if el in seen:
            continue
        text = short_text(el, 120)
        if text is None:
            continue
        match = _BY_PHRASE.match(text)
        names = (match.group("names") or match.group("labelled") or "") if match else ""
        # "By combining these strategies, …" is prose: a byline's name is capitalised.
        if names[:1].isupper() and not is_noise(el, blocks):
            votes.extend(vote_names(_cut_byline_tail(names), None, "byline", 10_000 + order, group_of(el)))
    return votes


def label_votes(scan: BylineScan, blocks: list[etree._Element]) -> list[Vote]:
    """The names after an author label: in its element's tail, or alone in the element that follows it."""
    votes: list[Vote] = []
    for order, label in enumerate(scan.labels):
        texts = [" ".join((label.tail or "").split())]
        if not texts[0] and (after := label.getnext()) is not None and isinstance(after.tag, str):
            # A list of names is read item by item ("<ul><li>A</li><li>B</li></ul>" has no separators).
            items = [short_text(li, 80) or "" for li in after.iterchildren("li")]
            texts = items if items else [short_text(after, 80) or ""]
        names = [name for text in texts if text[:1].isupper() for name in split_author_names(_cut_byline_tail(text))]
        if names and all(reads_as_full_name(name) for name in names) and not is_noise(label, blocks):
            for text in texts:
                votes.extend(vote_names(_cut_byline_tail(text), None, "byline", 20_000 + order,
                                        group_of(label.getparent())))
    return votes


def credited_names(scan: BylineScan) -> set[str]:
    """Name keys of the people the page credits with something else than authorship: "Reviewed by X",
    "Fact checked by Y". Their name elsewhere (the reviewer's own author box, say) does not make them
    the author."""
    keys: set[str] = set()
    for el in scan.credits:
        if text := short_text(el, 120):
            rest = CREDIT_TEXT.sub("", text, count=1)
            keys.update(name_key(name) for name in split_author_names(_cut_byline_tail(rest)))
    return keys


def _name_texts(el: etree._Element) -> list[str]:
    """The names a byline element holds: its ``name``/``fn`` parts, else its own short text."""
    parts = _NAME_PARTS(el)
    if parts:
        return [spaced_text(part) for part in parts]
    text = short_text(el, 120)
    if text is None:
        return []
    match = _BY_PHRASE.match(text)
    if match:
        return [_cut_byline_tail(match.group("names") or match.group("labelled"))]
    if split_author_names(text):
        return [text]
    # "Dec. 19, 2025 · Jane Doe", "Jane Doe | 5 min read": the name is one of the row's parts.
    parts = (_cut_byline_tail(part) for part in _ROW_SEPARATORS.split(text))
    return [part for part in parts if split_author_names(part)][:1]


_ROW_SEPARATORS = re.compile(r"\s*[|\u2022\u00b7\u2014\u2013]\s*|\s+-\s+")
# Byline icons: Font Awesome's fa-user, Bootstrap's bi-person, dashicons' admin-users, "icon-author"…
_PERSON_ICON = re.compile(r"(?:^|[\s_-])(?:user|person|author|admin-users|user-circle|user-o)(?:$|\s)", re.IGNORECASE)


def icon_votes(root: etree._Element, blocks: list[etree._Element]) -> list[Vote]:
    """A name written right after a person icon: ``<i class="fa fa-user"></i> Jane Doe``."""
    votes: list[Vote] = []
    for order, icon in enumerate(root.iter("i", "span", "svg")):
        cls = icon.get("class") or ""
        is_icon = "icon" in cls.lower() or cls.startswith(("fa", "bi", "dashicons"))
        if is_icon and (icon.tail or "").strip() and _PERSON_ICON.search(cls) and not is_noise(icon, blocks):
            tail = _cut_byline_tail(_PREFIX_BY.sub("", (icon.tail or "").strip()))
            votes.extend(vote_names(tail, None, "byline", 5_000 + order, group_of(icon.getparent())))
    return votes


_PREFIX_BY = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)


# A byline phrase runs on into the date or the reading time: "By Jane Doe on May 3, 2024", "Jane Doe 5 min read".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_BYLINE_TAIL = re.compile(
    r"\s+(?:on|am|le|el|il|op|den|updated|published|posted|in|last)\b.*$"
    rf"|\s+{_MONTH}\s+\d.*$"
    r"|\s*(?:\d|\||\u2022|\u00b7|/|\(|\u2014|\u2013).*$",
    re.IGNORECASE,
)


def _cut_byline_tail(text: str) -> str:
    return _BYLINE_TAIL.sub("", text)


# A name and nothing else: two to four capitalised words ("Julia Gralberg", "Julian K. Arni").
_BARE_NAME = re.compile(r"^[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,3}$")
#: How far after the headline (in elements) a bare name is still the byline.
HEADLINE_REACH = 20


def headline_votes(root: etree._Element) -> list[Vote]:
    """A bare name just under the headline, in no byline markup at all: the page's visible byline."""
    h1 = next(iter(root.iter("h1")), None)
    if h1 is None:
        return []
    votes: list[Vote] = []
    for order, el in enumerate(_following(h1, HEADLINE_REACH)):
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or el.tag in {"h1", "h2", "h3", "nav", "button"}:
            continue
        if len(el) or not el.text:  # the innermost element that holds the text
            continue
        text = " ".join(el.text.split())
        # A row of its own, "Jane Doe | Senior Writer | July 2, 2025": the name first, a date among the rest.
        first, *rest = _ROW_SEPARATORS.split(text)
        dated_row = bool(rest) and any(_DATE_TEXT.search(part) for part in rest)
        if rest and not dated_row:
            continue
        if _BARE_NAME.match(first) and not is_role(first) and (dated_row or _beside_a_date(el)):
            votes.extend(vote_names(first, None, "headline", 40_000 + order, group_of(el)))
    return votes[:1]


# An author box's biography: "Julia Gralberg is a freelance travel writer…", "… is the Head of Marketing at".
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,3})\s+"
    r"(?i:is|was|has\s+been)\s+(?i:a|an|the|our)\s+(?:[\w'\u2019-]+\s+){0,3}?(?i:writer|editor|journalist|author|reporter|"
    r"columnist|contributor|blogger|founder|co-founder|head|director|manager|lead|chief|ceo|cto|cmo|vp|"
    r"president|partner|specialist|expert|strategist|consultant|marketer|analyst|researcher|professor|scientist|"
    r"engineer|developer|designer|photographer|coach|therapist|advisor|adviser|nutritionist|dietitian|"
    r"physician|doctor|nurse|attorney|lawyer|teacher|student|enthusiast|creator|host|owner)\b"
)


def bio_votes(root: etree._Element, blocks: list[etree._Element]) -> list[Vote]:
    """The subject of an author box's biography, when the box also shows the name alone (its title or photo)."""
    votes: list[Vote] = []
    for order, p in enumerate(root.iter("p")):
        match = _BIO.match((p.text or "").lstrip())
        if not match or is_role(name := match.group("name")) or is_noise(p, blocks):
            continue
        parent = p.getparent()
        boxes = [up for up in (parent, parent.getparent() if parent is not None else None) if up is not None]
        if any(_shows_alone(box, p, name) for box in boxes):
            votes.extend(vote_names(name, None, "bio", 50_000 + order, group_of(p)))
    return votes


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
    rf"\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
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
