"""The date a page shows its readers beside the headline (its dateline). Pure functions over the lxml tree.

Metadata states a publication time for machines, and many pages state the wrong one there: a
template's default, the day the page was migrated, the last rebuild. The dateline under the headline
("By Jane Doe · March 3, 2025 · 6 min read") is the date the site gives the article. Read here: the
dates written in short lines (not prose, nor a figure's caption) within a few hundred characters of the
headline's ``<h1>``; one labelled as the publication's ("Published", "Publish date:") is taken, else the
nearest. A date labelled as an update ("Updated ...", "Last modified", a ``modified`` class) is
not the publication: a plain date right beside it is taken instead, and with none, no date is read.

Dates are read with month names in English and the fixtures' other languages ("March 3, 2025", "3rd
March 2025", "Mar. 3, 2025", "3. März 2025", "3 de marzo de 2025", "03-Mar-2025", "04-ago-2021"), ISO
(``2025-03-03``) and day-first dotted (``03.03.2025``); slashed numbers are left alone, being day-first on
some sites and month-first on others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml import etree
from lxml.html import HtmlElement

# Month names and abbreviations, in English and the fixtures' other languages (de, fr, es, it, nl, pt).
_MONTH_NAMES = (
    "january jan | jänner januar janvier janv enero ene gennaio januari janeiro",
    "february feb | februar février févr febrero febbraio februari fevereiro",
    "march mar | märz mär mars marzo maart março",
    "april apr | avril avr abril abr aprile",
    "may | mai mayo maggio mei maio",
    "june jun | juni juin junio giugno giu junho",
    "july jul | juli juillet juil julio luglio lug julho",
    "august aug | août agosto ago augustus",
    "september sept sep | septembre septiembre setiembre settembre setembro",
    "october oct | oktober okt octobre octubre ottobre ott outubro",
    "november nov | novembre noviembre novembro",
    "december dec | dezember dez décembre déc diciembre dicembre dic dezembro",
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split() if name != "|"}
_MON = "(?P<mon>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATES = re.compile(
    "|".join((
        rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b",  # March 3, 2025
        # 3rd of March 2025, 3. März 2025, 3 de marzo de 2025
        rf"\b{_DAY}\.?\s+(?:of\s+|de\s+)?{_MON},?\s+(?:de\s+)?{_YEAR}\b".replace("(?P<", "(?P<b_"),
        rf"\b{_DAY}-{_MON}-{_YEAR}\b".replace("(?P<", "(?P<e_"),  # 03-Mar-2025, 04-ago-2021
        r"\b(?P<c_year>(?:19|20)\d\d)-(?P<c_month>[01]\d)-(?P<c_day>[0-3]\d)\b",  # 2025-03-03
        r"\b(?P<d_day>[0-3]?\d)\.(?P<d_month>[01]?\d)\.(?P<d_year>(?:19|20)\d\d)\b",  # 03.03.2025
        # 2019年4月2日 (Chinese, Japanese), 2019년 4월 2일 (Korean)
        r"(?P<f_year>(?:19|20)\d\d)\s*[年년]\s*(?P<f_month>[01]?\d)\s*[月월]\s*(?P<f_day>[0-3]?\d)\s*[日일]",
    )),
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# The label nearest before a date says which it is; only an update's label is acted on.
_LABEL = re.compile(
    r"(?P<update>\b(?:updated|modified|reviewed|revised|aktualisiert|ge[äa]ndert|mis\s+[àa]\s+jour|actualizado|"
    r"aggiornato|bijgewerkt|atualizado)\b|更新|修改|수정)|(?P<publish>\b(?:publish(?:ed)?|posted|released|"
    r"ver[öo]ffentlicht|publi[ée]|publicado|pubblicato|gepubliceerd)\b|公開|公开|掲載|投稿|发布|發布|发表|發表|게시|작성)",
    re.IGNORECASE,
)
# Subtrees never read as the dateline: scripts and the page's own chrome.
# A figure's caption is neither: the dateline is read past the lead image.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "button", "select", "nav", "footer", "form", "figure"}
)

AFTER = 300  # characters of text read after the headline
BEFORE = 150  # and before it (a kicker line: "News · March 3, 2025")
LINE_MAX = 120  # a dateline is short; a longer text is prose, whose dates are the story's
BESIDE = 80  # a plain date this near an update's is the publication


def starts_with_date(text: str) -> bool:
    """Whether ``text`` begins with a date ("02.02.2022 • Presse", "March 3, 2025 · 6 min read")."""
    return _DATES.match(text.lstrip()) is not None


def is_date(text: str) -> bool:
    """Whether ``text`` is a date and nothing more ("23.01.2022", "March 3, 2025")."""
    text = text.strip()
    match = _DATES.match(text)
    return match is not None and match.end() == len(text)


def days_in(text: str) -> set[str]:
    """Every day (``YYYY-MM-DD``) written in ``text`` in the spellings read here."""
    return {day for match in _DATES.finditer(text) if (day := _day(match))}


def _day(match: re.Match) -> str | None:
    """The ``YYYY-MM-DD`` of one match of ``_DATES``, or None when it names no real day."""
    groups = {name.split("_")[-1]: value for name, value in match.groupdict().items() if value}
    month = int(groups["month"]) if "month" in groups else _MONTHS[groups["mon"].lower()]
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def _texts(body: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Each visible text of ``body`` in document order, with the element it sits in."""
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if el.tag in _SKIP:
                walk.skip_subtree()
            elif el.text and el.text.strip():
                yield el.text, el
        elif el.tail and el.tail.strip() and (parent := el.getparent()) is not None:
            yield el.tail, parent


def _update_mark(el: HtmlElement) -> bool:
    """Markup naming an update time: ``itemprop=dateModified``, a ``modified`` class, or an ``updated`` class
    alone (beside a date or published class, "updated" is hAtom's mark on the main date)."""
    if "datemodified" in (el.get("itemprop") or "").lower():
        return True
    tokens = (el.get("class") or "").lower().split()
    return any("modif" in t for t in tokens) or (
        "updated" in tokens and not any("date" in t or "publish" in t for t in tokens if t != "updated")
    )


# The current day a site's header shows ("<p id="todays-date">Friday, December 19, 2025</p>"): the day it was
# read, not the article's (not "usatoday").
_TODAY = re.compile(r"(?<![a-z])today|current[-_]?date", re.IGNORECASE)


def _today_mark(el: HtmlElement) -> bool:
    """Markup naming the current day: an id or class of "todays-date", "current-date"."""
    return bool(_TODAY.search(f"{el.get('id') or ''} {el.get('class') or ''}"))


def _following(h1: HtmlElement, body: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The visible texts after ``h1`` in document order (its tail, its following siblings', its parents')."""
    el = h1
    while el is not body and (parent := el.getparent()) is not None:
        if el.tail and el.tail.strip():
            yield el.tail, parent
        for sibling in el.itersiblings():
            yield from _texts(sibling)
        el = parent


def _backwards(el: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """``_texts`` of ``el`` (and its tail), last first: only the texts nearest the headline are visited."""
    if not isinstance(el.tag, str):
        return
    parent = el.getparent()
    if el.tail and el.tail.strip() and parent is not None:
        yield el.tail, parent
    if el.tag in _SKIP:
        return
    for child in reversed(el):
        yield from _backwards(child)
    if el.text and el.text.strip():
        yield el.text, el


def _preceding(h1: HtmlElement, body: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The visible texts before ``h1``, nearest first."""
    el = h1
    while el is not body and (parent := el.getparent()) is not None:
        for sibling in el.itersiblings(preceding=True):
            yield from _backwards(sibling)
        if parent.text and parent.text.strip():
            yield parent.text, parent
        el = parent


def _window(body: HtmlElement, h1: HtmlElement) -> list[tuple[int, str, HtmlElement, str]]:
    """(distance from the headline, text, element, the texts just before it) of the texts around ``h1``.

    Read outwards from the headline, not from the top of the page: a page's menus can be long. Nothing when
    the headline has no text or sits in a part never read (a form, a ``<nav>``)."""
    if any(up.tag in _SKIP for up in h1.iterancestors()) or not any(el is not h1.getparent() for _, el in _texts(h1)):
        return []
    after: list[tuple[str, HtmlElement]] = []
    read = 0
    for text, el in _following(h1, body):
        after.append((text, el))
        read += len(text.strip())
        if read >= AFTER:
            break
    found = []
    distance = 0
    for i, (text, el) in enumerate(after):
        found.append((distance, text, el, " ".join(t for t, _ in after[max(0, i - 3) : i])))
        distance += len(text.strip())
    nearest_first: list[tuple[str, HtmlElement]] = []
    read, more = 0, 3  # three texts past the window: the labels before its last one
    for text, el in _preceding(h1, body):
        nearest_first.append((text, el))
        if read >= BEFORE:
            more -= 1
            if not more:
                break
        read += len(text.strip())
    earlier = nearest_first[::-1]
    distance = 0
    for i in range(len(earlier) - 1, -1, -1):
        text, el = earlier[i]
        distance += len(text.strip())
        found.append((distance, text, el, " ".join(t for t, _ in earlier[max(0, i - 3) : i])))
        if distance >= BEFORE:
            break
    return found


def _label(before: str) -> str | None:
    """The label ("update" or "publish") ending the text before a date, since any date before it."""
    start = 0
    for earlier in _DATES.finditer(before):
        start = earlier.end()
    labels = list(_LABEL.finditer(before, start))
    return next((kind for kind, text in labels[-1].groupdict().items() if text), None) if labels else None


_TEXT = etree.XPath("string(.)")


def _prose(text: str, el: HtmlElement) -> bool:
    """Whether ``text`` is prose: a long text, or a part of a long paragraph (a story's "On Sunday, 5 November"), or
    a sentence (a dek's "… vanished in the early hours of Sunday morning, November 3, 2013, after leaving …")."""
    return len(text.strip()) > LINE_MAX or (el.tag == "p" and len(_TEXT(el)) > LINE_MAX) or (
        len(text.split()) >= SENTENCE_WORDS and _SENTENCE_END.search(text) is not None)


#: Words from which a text that ends a sentence is one, not a dateline's row.
SENTENCE_WORDS = 12
_SENTENCE_END = re.compile(r"[a-z\u00e0-\u00ff]{2,}[.!?]\s*$")


def shown_date(tree: HtmlElement, h1: HtmlElement | None = None) -> str | None:
    """The publication day (``YYYY-MM-DD``) the page shows beside its headline ``h1`` (else its first ``<h1>``).

    A date labelled as the publication's ("Published", "Publish date:") is taken before nearer ones (a
    menu's "Today" panel)."""
    h1 = next(tree.iter("h1"), None) if h1 is None else h1
    body = tree.find("body")
    if h1 is None or body is None:
        return None
    dates = []  # (not labelled a publication, distance, labelled an update, day)
    for distance, text, el, previous in _window(body, h1):
        if not _DIGIT.search(text) or _prose(text, el) or _today_mark(el):
            continue
        for match in _DATES.finditer(text):
            if day := _day(match):
                marked = _update_mark(el) or ((parent := el.getparent()) is not None and _update_mark(parent))
                label = _label(f"{previous[-40:]} {text[: match.start()]}")
                dates.append((label != "publish", distance, marked or label == "update", day))
    if not dates:
        return None
    dates.sort()
    _, nearest, updated, day = dates[0]
    if not updated:
        return day
    return next((d for _, dist, upd, d in dates[1:] if not upd and dist - nearest < BESIDE), None)
