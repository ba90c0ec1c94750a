"""Byline phrases ("By …", "Written by …", "Ein Artikel von …", Japanese and Chinese labels): where one starts
and the names it gives. Pure functions; ``crawler.discovery.bylines`` finds them on the page.
"""

from __future__ import annotations

import re

from crawler.discovery.rows import cut_byline_tail
from crawler.discovery.voices import CREDIT, CREDIT_BY

# "Written by", "Geschrieben von", "Écrit par", "Escrito por", "Scritto da", "A cura di", "Geschreven door".
_WRITTEN = r"written|posted|published|story|words|text|reporting|geschrieben|verfasst|ver[öo]ffentlicht|[ée]crit|" \
    r"publi[ée]|escrito|publicado|scritto|pubblicato|a\s+cura|geschreven"
# "All articles by", "View all posts by", "More stories by": the author's own list, named.
_LISTED = r"(?:(?:view|see)\s+)?(?:all|more)\s+(?:posts|articles|stories|entries)"
# "This post was written by", "This article is by", "A guest post by", "Ein Artikel von".
THIS = r"(?:this|an?|ein|eine)\s+(?:guest\s+)?(?:post|article|story|piece|guide|blog|artikel|beitrag|gastbeitrag|" \
    r"bericht)\s+(?:was\s+|is\s+)?"
# A separator may lead the phrase ("05.02.2020 <span>- Redaktion: Eberhard Fuhr</span>"), and a numeric date and
# time in the same text ("06.11.2023 13:30 von Olga").
_DATE_FIRST = r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+(?:\d{1,2}:\d{2}\s*(?:uhr\s*)?)?)?"
_LEAD = rf"\s*{_DATE_FIRST}(?:[-\u2013\u2014|\u00b7\u2022]\s*)?"
# "by" in another tongue: German, French, Spanish and Portuguese, Italian, Dutch, Scandinavian, Polish.
_OTHER_BY = r"von|par|por|di|door|av|af|przez"
BY_PHRASE = re.compile(
    # "Posted on March 3, 2025 by": WordPress's classic themes put the date first.
    rf"^{_LEAD}(?:{THIS})?(?:(?:{_WRITTEN}|{_LISTED})\s+(?:(?:on|am|le|el|il)\s+[^|]{{4,40}}?\s+)?)?"
    # "da" only after "scritto": alone it begins names (Da Silva).
    rf"(?:by|{_OTHER_BY}|(?<=scritto )da)\s*[:\-]?\s+(?P<names>.+)$"
    rf"|^{_LEAD}(?:words|text|author|autor|autorin|auteur|autore|verfasser|verfasserin|redaktion)\s*:\s*(?P<labelled>.+)$"
    # Japanese and Chinese labels ("author", "writer", "text by"), a colon or a bullet after them.
    r"|^\s*(?:\u8457\u8005|\u7b46\u8005|\u4f5c\u8005|\u6587|\u57f7\u7b46)\s*[:\uff1a\u25cf]\s*(?P<cjk>.+)$",
    re.IGNORECASE,
)
# The start of a byline phrase, or of a credit ("Reviewed by"): a cheap test, in one call, before an element's
# whole text is read.
_PHRASE_OR_CREDIT = re.compile(
    rf"^{_LEAD}(?:(?P<phrase>(?:{THIS}|{_WRITTEN}|{_LISTED}|by|{_OTHER_BY}|author|autor|autorin|"
    r"auteur|autore|verfasser|verfasserin|redaktion)\b"
    r"|\u8457\u8005|\u7b46\u8005|\u4f5c\u8005|\u6587|\u57f7\u7b46)"
    rf"|(?P<credit>{CREDIT}))",
    re.IGNORECASE,
)
# Lower-case starts of every text the pattern above matches: a test of a few characters before it, which
# fails on most texts (a superset: the pattern decides). Keep it in step with THIS, _WRITTEN, _LISTED and CREDIT.
_STARTS = (
    "this", "ein", "written", "posted", "published", "story", "words", "text", "reporting", "geschrieben", "verfasst",
    "veröffentl", "veroffentl",
    "écrit", "ecrit", "publi", "escrito", "scritto", "pubblicato", "a", "geschreven", "view", "see", "more",
    "by", "von", "par", "por", "di", "door", "przez", "autor", "verfasser", "redaktion",
    "\u8457\u8005", "\u7b46\u8005", "\u4f5c\u8005", "\u6587", "\u57f7\u7b46",
    "edit", "review", "medically", "fact", "checked",
    "tested", "illustrat", "photo", "video", "translat", "updated", "verified", "produced", "narrated",
    "übersetz", "ubersetz", "bearbeitet", "redigiert", "geprüft", "geprueft", "foto", "tradu", "revisad", "révisé",
    "revise", "relu", "contribution", "with contrib", "additional",
)


def _may_start_phrase(text: str) -> bool:
    head = text[:80].lstrip() or text.lstrip()
    if head[:1].isdigit() and (dated := _DATED.match(head)):
        head = head[dated.end():]
    if head[:1] in _SEPARATORS:
        head = head[1:].lstrip()
    return head[:12].lower().startswith(_STARTS)


_DATED = re.compile(_DATE_FIRST, re.IGNORECASE)
_SEPARATORS = frozenset("-\u2013\u2014|\u00b7\u2022")


def phrase_start(text: str, english: bool = False) -> str | None:
    """"phrase" when ``text`` starts a byline phrase ("By", "Written by"), "credit" when a credit ("Reviewed by").
    On a page declared ``english``, "by" in another tongue starts none."""
    if not _may_start_phrase(text) or not (start := _PHRASE_OR_CREDIT.match(text)):
        return None
    if not start.group("phrase"):
        return "credit"
    return None if english and _OTHER_TONGUE.match(text) else "phrase"


# "by" in another tongue leading a text, which on an English page is the English word: a product ("Door Anchor
# for Resistance Bands"), a golf course's "Par 3", a name ("Von Miller").
_OTHER_TONGUE = re.compile(rf"^{_LEAD}(?:{_OTHER_BY})\b", re.IGNORECASE)


def phrase_names(text: str) -> str:
    """The names of a "By" phrase, without what it runs on into; "" when ``text`` is none. "By combining these
    strategies, …" is prose: a byline's name is capitalised."""
    match = BY_PHRASE.match(text)
    names = matched_names(match) if match else ""
    # "Von Atemschutzmaske über Exit-Strategie bis Zoonose": German's "from … to …", a heading's range.
    first = names[:1]
    # Capitalised; or in a script without case (Japanese, Chinese).
    return names if (first.isupper() or (first.isalpha() and first.lower() == first.upper())) and \
        not _RANGE.search(names) else ""


_RANGE = re.compile(r"\sbis\s")


# Another hand's credit after a "By" phrase's names: "Written by Jane Doe Edited by John Roe".
_CREDIT_AFTER = re.compile(rf"\s+{CREDIT_BY}.*$", re.IGNORECASE)


def matched_names(match: re.Match) -> str:
    """The names a "By" phrase matched, cut before the date, reading time or credit it runs on into."""
    names = match.group("names") or match.group("labelled") or match.group("cjk") or ""
    return cut_byline_tail(_CREDIT_AFTER.sub("", names))
