"""A header's reading-time line ("5 min read", "March 3, 2024 · One min read", "Lesezeit: 3 Min."): page furniture
that trafilatura can leave at the top of a body, beside or instead of the date it stands next to. Pure functions.
"""

from __future__ import annotations

import re

_LABEL = r"(?:(?:estimated\s+)?(?:reading|read)\s+time|lesezeit|lesedauer|temps\s+de\s+lecture|tiempo\s+de\s+lectura|" \
    r"tempo\s+di\s+lettura)"
_AMOUNT = r"(?:\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|less\s+than\s+(?:a|one|\d+))"
_UNIT = r"(?:min(?:ute)?s?|minuten?|minutos?|minuti)\.?"
_READ = r"(?:read|reading|to\s+read|read\s+time|de\s+lecture|de\s+lectura|di\s+lettura|lesezeit|lesen|lesedauer)"
_READING_TIME = re.compile(
    rf"^(?:{_LABEL}\s*:?\s*)?(?:about\s+|ca\.?\s+|~\s*)?{_AMOUNT}\s*-?\s*{_UNIT}(?:\s+{_READ})?$"
    # "5 min read" with the label after it: "3 Minuten Lesezeit".
    rf"|^{_LABEL}\s*:?\s*{_AMOUNT}\s*-?\s*{_UNIT}$",
    re.IGNORECASE,
)
# A part of the line beside the reading time that is its date: a year, or a month's name and a day.
_DATE_PART = re.compile(r"\b(?:19|20)\d{2}\b|^[a-z\u00e4\u00e9\u00fb]{3,9}\.?\s+\d{1,2}\b|^\d{1,2}\.?\s+[a-z]{3,9}\b",
                        re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[\u00b7\u2022|\u2014\u2013/]\s*|\s+-\s+")


def is_reading_time_line(line: str) -> bool:
    """Whether ``line`` says only how long the article takes to read, with its date and separators at most."""
    parts = [part.strip() for part in _SEPARATORS.split(line.strip())]
    timed = False
    for part in parts:
        if not part:
            continue
        if _READING_TIME.match(part):
            timed = True
        elif not _DATE_PART.search(part):
            return False
    return timed
