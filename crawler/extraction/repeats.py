"""A second copy of the article's paragraphs in an extracted body: dropped.

Some pages carry their article twice (a print or mobile copy, a tab, a "latest posts" block that holds the
page's own post, a newsletter prompt shown at both ends), and trafilatura keeps both. Single repeated lines
are left alone (a table's "Yes" cells, a recipe's "Eat every 2-3 hours", a quote shown again); so are
repeated lists, such as a meal plan whose second week repeats the first: only a run of lines that were all
read before and hold different prose sentences is a copy.
"""

from __future__ import annotations

import re

#: A run of repeated lines holding at least this many words may be a copy of the article's text...
COPY_MIN_WORDS = 100
#: ...and is one when at least this many of its lines are sentences of ``SENTENCE_WORDS`` words or more.
COPY_MIN_SENTENCES = 2
SENTENCE_WORDS = 20

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


def _is_copy(run: list[str]) -> bool:
    counts = [len(_WORD.findall(line)) for line in run]
    # Different sentences: one paragraph said again and again (a filler's, a pledge's) is no copy of an article.
    sentences = {
        line.strip()
        for line, count in zip(run, counts, strict=True)
        if count >= SENTENCE_WORDS and _SENTENCE_END.search(line.rstrip())
    }
    return sum(counts) >= COPY_MIN_WORDS and len(sentences) >= COPY_MIN_SENTENCES


def drop_repeated_copies(text: str) -> str:
    """``text`` without the runs of lines that repeat, in full, prose read earlier in it."""
    lines = text.split("\n")
    keys = [line.strip() for line in lines]
    if len(set(keys)) == len(keys):  # no line repeats (most pages): nothing to look for
        return text
    seen: set[str] = set()
    kept: list[str] = []
    run: list[str] = []
    for line, key in [*zip(lines, keys, strict=True), (None, None)]:
        if key and key in seen:
            run.append(line)
            continue
        if not _is_copy(run):
            kept.extend(run)
        run = []
        if line is not None:
            kept.append(line)
            seen.add(key)
    return "\n".join(kept)
