"""A byline row's text: its parts, its job titles, and a byline phrase cut before the date or reading time it runs
on into. Pure functions."""

from __future__ import annotations

import re

from lxml import etree

from crawler.discovery.markup import class_words, short_text
from crawler.discovery.names import is_role

ROW_SEPARATORS = re.compile(r"\s*[|\u2022\u00b7\u2014\u2013]\s*|\s+-\s+")
# A byline phrase runs on into the date or the reading time: "By Jane Doe on May 3, 2024", "Jane Doe 5 min read",
# "Jane Doe Veröffentlicht am 12.01.2022",
# "Posted by Jane at December 16, 2025 11:15 AM".
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_BYLINE_TAIL = re.compile(
    r"\s+(?:on|at|am|le|el|il|op|den|updated|published|posted|in|last|ver[öo]ffentlicht|aktualisiert|"
    r"publi[ée]e?|publicado|actualizado|pubblicato|aggiornato)(?!\w).*$"
    rf"|\s+{MONTH}\s+\d.*$"
    # A number after a space (a date, "5 min read"); not one in a user name ("Marianne1", "freeman1984").
    r"|\s+\d.*$|\s*(?:\||\u2022|\u00b7|/|\(|\u2014|\u2013).*$"
    # "Posted in" / "published on" in Chinese: "X 發表在 痞客邦 PIXNET".
    r"|\s*(?:\u767c\u8868|\u53d1\u8868)(?:\u5728|\u65bc|\u4e8e).*$",
    re.IGNORECASE,
)


def cut_byline_tail(text: str) -> str:
    """``text`` without the date, reading time or category a byline phrase runs on into."""
    return _BYLINE_TAIL.sub("", text)


# A byline's part that gives the person's job title: "author-title", "byline-author__title", "author-role",
# schema.org's itemprop="jobTitle".
_JOB_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:job-?title|title|role|position|designation)(?:$|[\s_-])")


def is_job_title(el: etree._Element) -> bool:
    """Whether ``el`` sets a person's job title apart: its class says so and its text is a role
    ("<span class="author-title">Senior Autos Reporter</span>")."""
    if (el.get("itemprop") or "").lower() == "jobtitle":
        return True
    cls = el.get("class")
    if not cls or not _JOB_TITLE_CLASS.search(class_words(cls)):
        return False
    return is_role(" ".join(el.itertext()))


# A byline row's part that names no person: its category, its tags, its date ("byline__category", "cat-links").
_OTHER_PART_CLASS = re.compile(
    r"(?:^|[\s_-])(?:categor(?:y|ies)|cat-links|tags?|tags-links|topics?|release-date|date|posted-on)(?:$|[\s_-])"
)


def is_other_part(el: etree._Element) -> bool:
    """Whether ``el`` is a byline row's category, tags or date, by its class (not one that names the author
    too: "publish-date-author")."""
    cls = el.get("class")
    words = class_words(cls) if cls else ""
    return bool(_OTHER_PART_CLASS.search(words)) and not _NAMES_TOO.search(words)


_NAMES_TOO = re.compile(r"author|writer|contributor")


def row_text(el: etree._Element, limit: int) -> str | None:
    """An element's short text (None past ``limit`` characters) without the job titles, categories and dates set
    apart in it: "By Keith Barry<br><span class="title">Senior Autos Reporter</span>" is "By Keith Barry"; its
    lines kept apart ("Von Roland Brockmann<br>Kakuma /Kenia" is "Von Roland Brockmann | Kakuma /Kenia")."""
    whole = short_text(el, limit)
    if whole is None or len(el) == 0:  # too long to be a byline, or nothing set apart in it
        return whole
    titles = [sub for sub in el.iterdescendants(etree.Element)
              if sub.get("class") and (is_job_title(sub) or is_other_part(sub))]
    if not titles and next(el.iter("br"), None) is None:
        return whole
    parts: list[str] = []
    _texts_outside(el, set(titles), parts)
    text = " ".join(" ".join(parts).split())
    return text if len(text) <= limit else None


def _texts_outside(el: etree._Element, skipped: set[etree._Element], parts: list[str]) -> None:
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        if child in skipped or child.tag == "br":
            parts.append(" | ")  # a part of the row apart, or a line's end: the name before it ends there
        else:
            _texts_outside(child, skipped, parts)
        if child.tail:
            parts.append(child.tail)
