"""Site templates at the text level: the blocks (lines) of a body, their keys, the body without given ones.

A block is one line of an extracted body (trafilatura writes a paragraph a line). Its key is a
64-bit hash of its normalized text, so the same block on two pages has the same key whatever its
spacing or case. Lines of fewer than ``min_words`` words have no key: short headings ("Ingredients",
"Conclusion") repeat across an author's pages and are the article's own.
"""

from __future__ import annotations

import hashlib
import re

from crawler.extraction.boilerplate import normalize_text

_WORD = re.compile(r"\w+")


def block_key(line: str) -> int:
    """Return the signed 64-bit key of a block (an SQLite INTEGER)."""
    digest = hashlib.blake2b(normalize_text(line).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def block_keys(text: str, min_words: int) -> list[int]:
    """Return the distinct keys of the blocks of ``text`` with at least ``min_words`` words, in order."""
    keys = dict.fromkeys(block_key(line) for line in text.split("\n") if len(_WORD.findall(line)) >= min_words)
    return list(keys)


def strip_blocks(text: str, boilerplate: set[int], min_words: int) -> str:
    """Return ``text`` without its blocks whose keys are in ``boilerplate``."""
    if not boilerplate:
        return text
    kept = [
        line
        for line in text.split("\n")
        if len(_WORD.findall(line)) < min_words or block_key(line) not in boilerplate
    ]
    return "\n".join(kept).strip()
