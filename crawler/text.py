"""Text repairs any stage may use. Pure functions."""

from __future__ import annotations

import re

# C1 control characters: never in a page's text, but what UTF-8 bytes read as Latin-1 leave behind.
_C1 = re.compile("[\x80-\x9f]")
# UTF-8 read as Windows-1252: "â€™" for a right quotation mark, "Ã©" for "é".
_CP1252_PAIRS = re.compile("(?:â€|Ã[\u00a0-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122])")


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was read as Latin-1 or Windows-1252 read again ("JaroÅ\\x84" is "Jaroń", "Ã©tÃ©"
    is "été"); as it is when it shows no such misreading or does not read back whole."""
    if _C1.search(text):
        encoding = "latin-1"
    elif _CP1252_PAIRS.search(text):
        encoding = "cp1252"
    else:
        return text
    try:
        return text.encode(encoding).decode("utf-8")
    except UnicodeError:
        return text


#: Characters a page's text holds that no one sees and that split no words: soft hyphens, word joiners, byte-order
#: marks. (Zero-width spaces stay: Thai and Khmer set words apart with them. The zero-width (non-)joiners too:
#: Persian and Indic words are spelled with them.)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u2060\ufeff"))


def drop_invisible(text: str) -> str:
    """``text`` without soft hyphens, word joiners and byte-order marks ("Mes\u00adsen\u00adger" is "Messenger")."""
    return text.translate(_INVISIBLE)


# Spaces, tabs and no-break spaces that end a line (not the line break itself).
_LINE_END = re.compile(r"[^\S\n]+$", re.MULTILINE)


def strip_line_ends(text: str) -> str:
    """``text`` without the spaces that end its lines: the page's source layout, which no reader sees."""
    return _LINE_END.sub("", text)
