"""Text-level boilerplate trimming of an extracted body: pure functions over its lines.

trafilatura leaves some non-article lines at the edges of the body: the repeated headline and byline at the top;
at the bottom, the start of a "Related"/"Tags"/"Newsletter" run, reprint and share prompts, and the author's
cross-promotion teaser ("- read the full analysis in my latest blog", with an en dash). These are cut here, and
only at the edges: a marker in the middle of the text, before most of its words, is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from crawler.extraction.readingtime import is_reading_time_line

_WORD = re.compile(r"\w+")

# A short line that opens a trailing run of non-article material.
_TAIL_MARKER = re.compile(
    r"^(?:"
    r"related(?:\s+(?:posts|articles|stories|content|news|coverage|reading|topics))?"
    r"|more\s+(?:from|on|in|about|stories|news|articles|coverage|to\s+read)\b.*"
    r"|read\s+(?:more|next|also)\b.*"
    r"|you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)\b.*"
    r"|recommended(?:\s+(?:for\s+you|stories|reading|articles))?"
    r"|(?:most\s+)?(?:popular|trending|latest|most\s+read)(?:\s+(?:posts|stories|news|now|articles|today))?"
    r"|tags?|tagged(?:\s+with)?|topics?|filed\s+under|categories"
    r"|share(?:\s+this(?:\s+(?:article|story|post))?)?(?:\s+on\s+\w+)?"
    r"|(?:follow|like)\s+us\b.*"
    r"|sign\s+up\b.*|subscribe\b.*"
    r"|(?:leave|post|add)\s+a\s+(?:reply|comment)|comments?(?:\s*\(\d+\))?|\d+\s+comments?|show\s+comments"
    r"|about\s+the\s+authors?|order\s+reprints|print(?:\s+article)?|advertisement|sponsored(?:\s+content)?"
    r"|(?:see|view)\s+(?:all|more|comments)\b.*"
    # pt, es, fr, de, it
    r"|leia\s+tamb[ée]m|veja\s+tamb[ée]m|not[íi]cias\s+relacionadas|mat[ée]rias\s+relacionadas"
    r"|te\s+puede\s+interesar|art[íi]culos\s+relacionados|relacionad[oa]s|lee\s+tambi[ée]n"
    r"|(?:[àa]\s+)?lire\s+aussi|sur\s+le\s+m[êe]me\s+sujet|articles\s+similaires"
    r"|lesen\s+sie\s+auch|mehr\s+zum\s+thema|das\s+k[öo]nnte\s+sie\s+auch\s+interessieren"
    r"|leggi\s+anche|articoli\s+correlati|potrebbe\s+interessarti"
    r")\s*[:.!\u2026>\u203a\u00bb]*$",
    re.IGNORECASE,
)
# A marker naming a newsletter ("Get our weekly newsletter"): apart from ``_TAIL_MARKER``, since it is read from any
# place in the line's first characters, which is slow, it is tried only where the word is.
_NEWSLETTER_MARKER = re.compile(r"^.{0,40}\bnewsletters?\s*[:.!\u2026>\u203a\u00bb]*$", re.IGNORECASE)


def _is_marker(norm: str) -> bool:
    """Whether the line ``norm`` announces late boilerplate: "Related posts", "Share this", "Our newsletter"."""
    return bool(_TAIL_MARKER.match(norm) or ("newsletter" in norm.lower() and _NEWSLETTER_MARKER.match(norm)))


# Single lines that are never article text, wherever they sit in the last part of the body.
_TAIL_LINE = re.compile(
    r"^(?:write\s+to\s+.+\s+at\s+\S+@\S+"
    r"|thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing|reading)\b.*"
    r"|keep\s+an\s+eye\s+on\s+your\s+inbox\b.*"
    r"|(?:sorry|oops)[!.]?|an\s+error\s+(?:has\s+)?occurred\b.*"
    r"|(?:(?:like|enjoy(?:ed)?|love)\s+this\s+(?:story|article|post)\?).{0,80}"
    r"|tell\s+us\s+what\s+you\s+think\b.{0,40}"
    r"|this\s+copy\s+is\s+for\s+your\s+personal,?\s+non-commercial\s+use\b.*"
    r")$",
    re.IGNORECASE,
)
# Those read from any place in the line, which is slow: each tried only where its word is.
_WORD_TAIL_LINES = (
    ("follow", re.compile(
        r"^.{0,300}\bfollow\s+(?:us|him|her|them|me)\s+(?:on\s+)?(?:twitter|facebook|instagram|@)\S*.{0,200}$",
        re.IGNORECASE,
    )),
    ("click", re.compile(r"^.{0,100}\bclick(?:ing)?\s+here\b.{0,100}$", re.IGNORECASE)),
)


def _is_tail_line(norm: str) -> bool:
    """Whether the line ``norm`` is never article text: "Follow us on Twitter", "Thanks for reading"."""
    if _TAIL_LINE.match(norm):
        return True
    lowered = norm.lower()
    return any(word in lowered and pattern.match(norm) for word, pattern in _WORD_TAIL_LINES)


# The author's closing cross-promotion: "- read the full analysis in my latest blog" (any dash).
_TEASER = re.compile(
    r"^[\s\u2013\u2014\u2022\->]*(?:(?:to\s+)?(?:read|see|check\s+out|find|get|continue\s+reading)\b)"
    r".{0,120}\b(?:full|more|rest|latest|complete|whole|my|our)\b"
    r".{0,80}\b(?:blog|post|article|analysis|story|newsletter|site|website|substack|here|book|report)\b.{0,40}$",
    re.IGNORECASE,
)

# A one-line link to another article set inside the body: "Read more: <headline>", "(Leggi anche: ...)".
_INLINE_TEASER = re.compile(
    r"^[(\[]?(?:(?:read\s+(?:more|also|next)|see\s+(?:more|also)|also\s+read|related(?:\s+\w+)?"
    r"|more\s+on\s+this|leia\s+tamb[ée]m|veja\s+tamb[ée]m|lee\s+tambi[ée]n|(?:[àa]\s+)?lire\s+aussi"
    r"|lesen\s+sie\s+auch|leggi\s+anche(?:\s+su)?)\s*[:|\u2013\u2014>\u00bb-]|also\s+on\s+\S+\.\w+)\s*\S.*$",
    re.IGNORECASE,
)
INLINE_TEASER_MAX_WORDS = 25

# A button's text alone on its line, a call to action: "Book a demo", "Get started today", "Subscribe".
_BUTTON = re.compile(
    r"^(?:(?:book|schedule|request|get|claim)\s+(?:a\s+|your\s+)?(?:free\s+)?(?:demo|quote|consultation|estimate|trial)"
    r"|get\s+started|apply|register|subscribe|join|sign\s+up|sign\s+in|log\s+in|shop|buy|order|download|try\s+it"
    r"|(?:see|view|compare)\s+(?:packages|pricing|plans|prices|deals?|price|on\s+amazon))"
    r"(?:\s+(?:now|today|here|for\s+free|free))?\s*[.!>\u2192\u00bb\u203a]*$",
    re.IGNORECASE,
)

# A heading inside the body that announces a list of links to other articles.
_LINKS_MARKER = re.compile(
    r"^(?:don'?t\s+miss|related(?:\s+\w+)?|more\s+(?:from|on|in|about|stories|news|articles|to\s+read)\b.*"
    r"|read\s+(?:more|next|also)|see\s+also|also\s+read|recommended(?:\s+\w+){0,2}"
    r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|(?:most\s+)?(?:popular|trending|most\s+read)(?:\s+\w+)?"
    r")\s*[:.!\u2026>\u203a\u00bb]*$",
    re.IGNORECASE,
)
#: Lines of a link list: headlines, short, not ending a sentence.
_SENTENCE_END = re.compile(r"[.:;,!]$")
_BULLET = re.compile(r"^[-\u2013\u2022*]\s")

#: A cut must leave at least this share of the body's words before it.
MIN_KEPT_SHARE = 0.5
MARKER_MAX_WORDS = 8
TEASER_MAX_WORDS = 30
#: Lines of at most this many words after a marker are its run (related titles, tag lists, prompts).
RUN_LINE_MAX_WORDS = 15
#: A first line sharing this share of its words with the headline (Jaccard) repeats the headline.
TITLE_OVERLAP = 0.8


# Each body line is read by several cleaners in turn (promos, header, tail): normalised and counted once.
@lru_cache(maxsize=4096)
def _norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", line).split())


def normalize_text(text: str) -> str:
    """Return ``text`` in the form that is compared and hashed: NFKC, case-folded, whitespace collapsed."""
    # Not through ``_norm``'s cache: whole bodies are hashed once, and would fill it.
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


@lru_cache(maxsize=4096)
def _words(line: str) -> int:
    return len(_WORD.findall(line))


def strip_leading_header(text: str, title: str | None, authors: list[str]) -> str:
    """Drop leading lines that are not the body: headline, byline, reading time, reprint and share prompts."""
    title_words = set(_WORD.findall(normalize_text(title or "")))
    author_keys = [normalize_text(name) for name in authors]
    lines = text.split("\n")
    while lines:
        first = normalize_text(lines[0])
        bare = _BULLET.sub("", first)
        words = set(_WORD.findall(first))
        # The headline, also as the page words it a little differently from its og:title.
        is_title = bool(title_words) and len(words & title_words) >= TITLE_OVERLAP * len(words | title_words)
        is_byline = (
            len(first.split()) <= 12
            and any(key and key in first for key in author_keys)
            and re.match(r"^(?:by|written by|posted by|words by|von|par|por)\b", first) is not None
        )
        is_prompt = (_words(bare) <= MARKER_MAX_WORDS and _is_marker(bare)) or _is_tail_line(bare)
        is_prompt = is_prompt or is_reading_time_line(bare)
        if not (is_title or is_byline or is_prompt):
            break
        lines.pop(0)
    return "\n".join(lines).strip()


def trim_trailing_boilerplate(text: str) -> str:
    """Drop late boilerplate: each marker line with the short lines (link titles) after it, prompts, teasers.

    Only lines after ``MIN_KEPT_SHARE`` of the words are touched. A marker followed by a real
    paragraph ("Read also: <title>" inside an article) loses only its own run, not what follows.
    """
    lines = text.split("\n")
    # Words between spaces: counting them with ``\w+`` cost more than the rest of this function.
    counts = [len(line.split()) for line in lines]
    half = MIN_KEPT_SHARE * (sum(counts) or 1)
    start, seen = len(lines), 0
    for i, count in enumerate(counts):  # the first line with half of the words before it
        if seen >= half:
            start = i
            break
        seen += count
    kept = lines[:start]
    in_run = False
    for line in lines[start:]:
        norm = _norm(line)
        if _is_marker(norm) and _words(norm) <= MARKER_MAX_WORDS:
            in_run = True
            continue
        if in_run and not norm.startswith("|") and _words(norm) <= RUN_LINE_MAX_WORDS:
            continue
        in_run = False
        if _is_tail_line(norm):
            continue
        kept.append(line)
    while len(kept) > 1 and (
        not _norm(kept[-1]) or (_words(kept[-1]) <= TEASER_MAX_WORDS and _TEASER.match(_norm(kept[-1])))
    ):
        kept.pop()
    return "\n".join(kept).strip()


def drop_inline_promos(text: str, url: str | None = None) -> str:
    """Drop lines anywhere in the body that link elsewhere: "Read more: <headline>", the page's own URL."""
    own = {url.rstrip("/")} if url else set()
    kept = []
    in_list = in_bullets = False
    for line in text.split("\n"):
        norm = _norm(line)
        # Each pattern before the word count: most lines match none, and a paragraph's count is the dearer test.
        if norm.rstrip("/") in own or (_BUTTON.match(norm) and _words(norm) <= 6):
            continue
        if _LINKS_MARKER.match(norm) and _words(norm) <= MARKER_MAX_WORDS:
            in_list, in_bullets = True, False
            continue
        if _INLINE_TEASER.match(norm) and _words(norm) <= INLINE_TEASER_MAX_WORDS:
            in_list, in_bullets = False, True
            continue
        if in_list and not (_SENTENCE_END.search(norm) or norm.startswith("|")) and _words(norm) <= RUN_LINE_MAX_WORDS:
            continue
        if in_bullets and _BULLET.match(norm) and _words(norm) <= RUN_LINE_MAX_WORDS:
            continue
        in_list = in_bullets = False
        kept.append(line)
    return "\n".join(kept)


# A table of contents' label alone on its line, with its toggle: "Table of Contents [Show]", "In this article:".
_CONTENTS_LABEL = re.compile(
    r"^(?:table\s+of\s+contents?|contents|in\s+this\s+(?:article|post|guide)|on\s+this\s+page|jump\s+to(?:\s+section)?"
    r"|sommaire|inhaltsverzeichnis|inhalt|[íi]ndice|tabla\s+de\s+contenidos?)"
    r"\s*[:\[(]?\s*(?:show|hide|toggle|expand|collapse|open|close)?\s*[\])]?\s*$",
    re.IGNORECASE,
)
_LABEL_CHARS = 60  # a label is shorter; a longer line is not looked at
_ITEM_MARK = re.compile(r"^(?:[-\u2013\u2022*]\s+)?(?:\d+(?:\.\d+)*[.)]?\s+)?")


def drop_table_of_contents(text: str) -> str:
    """Drop a table of contents: its label alone on a line, and the lines after it that are the body's own
    headings again (a line met again further down), numbered or bulleted or not."""
    lines = text.split("\n")
    if not any(len(line) < _LABEL_CHARS and _CONTENTS_LABEL.match(_norm(line)) for line in lines):
        return text
    keys = [normalize_text(_ITEM_MARK.sub("", _norm(line))) for line in lines]
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if _words(_norm(lines[i])) <= MARKER_MAX_WORDS and _CONTENTS_LABEL.match(_norm(lines[i])):
            i += 1
            # An entry is a heading met again after the table; the table ends at the first line that is not one.
            while i < len(lines) and keys[i] and keys[i] in keys[i + 1 :] and _words(lines[i]) <= RUN_LINE_MAX_WORDS:
                i += 1
            continue
        kept.append(lines[i])
        i += 1
    return "\n".join(kept)


#: A line of at least this many words is prose; shorter ones are headings, menus, captions, link lists.
PROSE_WORDS = 8
# Chinese and Japanese characters: written without spaces, so a sentence is one \w+ run.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters of those scripts to a word (about two in Chinese and Japanese text).
CJK_CHARS_PER_WORD = 2


def word_units(line: str) -> int:
    """Words in ``line``: ``\\w+`` runs, and Chinese or Japanese text by its characters."""
    cjk = len(CJK.findall(line))
    return _words(line) + cjk // CJK_CHARS_PER_WORD if cjk else _words(line)


def mostly_prose(text: str, share: float) -> bool:
    """Whether at least ``share`` of ``text``'s characters are in lines of ``PROSE_WORDS`` words or more.

    The longest lines are counted first, and counting stops once the answer is known: on an article, after
    a few paragraphs."""
    lines = sorted((line for line in text.splitlines() if line.strip()), key=len, reverse=True)
    total = sum(len(line) for line in lines)
    if not total:
        return share <= 0.0
    count = word_units if CJK.search(text) else _words
    prose, unread = 0, total
    for line in lines:
        unread -= len(line)
        # A line's first 200 characters hold as many words as it or fewer: enough there, enough in all.
        if count(line[:200]) >= PROSE_WORDS or (len(line) > 200 and count(line) >= PROSE_WORDS):
            prose += len(line)
            if prose / total >= share:
                return True
        elif (prose + unread) / total < share:
            return False
    return prose / total >= share
