"""A byline row's text: its parts, and a byline phrase cut before the date or reading time it runs on into."""

from __future__ import annotations

import re

ROW_SEPARATORS = re.compile(r"\s*[|\u2022\u00b7\u2014\u2013]\s*|\s+-\s+")
# A byline phrase runs on into the date or the reading time: "By Jane Doe on May 3, 2024", "Jane Doe 5 min read",
# "Posted by Jane at December 16, 2025 11:15 AM".
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_BYLINE_TAIL = re.compile(
    r"\s+(?:on|at|am|le|el|il|op|den|updated|published|posted|in|last)\b.*$"
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
