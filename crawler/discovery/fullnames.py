"""A byline's first name completed to the full name the page spells elsewhere. Pure functions.

Blog software shows an account's display name, often a first name alone ("Nils", "Stefanus"); the same page
spells the person out where it describes them: the author box's biography ("Nils Pickert ist freier Autor"),
the JSON-LD Person's ``description``, a "More from Henry Steinhau" heading. Only those places are read, never
the article's prose, where the name may be another person's, nor the site's name (a brand: "Google Online
Security").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from lxml import etree

from crawler.discovery.blocks import BlockElements
from crawler.discovery.names import DESK_WORDS, is_plausible_name, is_role, reads_as_full_name

#: Characters of the start of an author box read for the name: a biography names its person first.
BOX_CHARS = 300
# A word that can be a surname: capitalised letters, with apostrophes and hyphens ("O'Brien", "Smith-Jones").
_SURNAME = re.compile(r"[^\W\d_][\w'\u2019-]*")


def complete_names(names: list[str], kept: Callable[[str], bool], texts: Callable[[], list[str]]) -> list[str]:
    """Each first name alone among ``names`` completed to the full name ``texts`` spell (``naming_texts``, read
    only when a name is to be completed); those ``kept`` says (the site's own name) are left as they are."""
    wanted = [completes(name) and not kept(name) for name in names]
    if not any(wanted):
        return names
    found = texts()
    return [(full_name(name, found) or name) if want else name for name, want in zip(names, wanted, strict=True)]


def naming_texts(
    objects: list[dict], author_classed: Iterable[etree._Element], blocks: list[BlockElements]
) -> list[str]:
    """Where the page describes its people: its JSON-LD Persons, its author boxes, its "More from" headings."""
    return [*person_descriptions(objects), *box_texts(author_classed),
            *(block.author_name for _, block in blocks if block.author_name)]


def completes(first: str) -> bool:
    """Whether ``first`` is a name to complete: one capitalised word of letters ("Nils"), not initials ("DT"),
    a job or a desk ("Redaktion")."""
    return (len(first) >= 3 and first.isalpha() and first[0].isupper() and not first.isupper()
            and not is_role(first) and first.casefold() not in DESK_WORDS)


def full_name(first: str, texts: Iterable[str]) -> str | None:
    """The full name that ``texts`` spell for ``first`` ("Nils" in "Nils Pickert ist freier Autor"): the one
    they spell most often, the first met among equals; None when they spell none."""
    pattern = re.compile(rf"(?<!\w){re.escape(first)}\s+((?:{_SURNAME.pattern})(?:\s+{_SURNAME.pattern})?)",
                         re.IGNORECASE)
    found: Counter[str] = Counter()
    for text in texts:
        for match in pattern.finditer(text):
            if name := _completed(first, match.group(1), capitals=match.group(0).split()[0].isupper()):
                found[name] += 1
    return found.most_common(1)[0][0] if found else None


def _completed(first: str, rest: str, capitals: bool) -> str | None:
    """``first`` with the capitalised words of ``rest`` that follow it, when that reads as a person's name.
    ``capitals``: the text sets the name in capitals ("HENRY STEINHAU"); else a word in capitals is an acronym
    ("Laura HPH": the site's initials), not a surname."""
    words = []
    for word in rest.split():
        if not word[0].isupper() or (word.isupper() and len(word) > 1 and not capitals):
            break
        words.append(word.capitalize() if capitals else word)
    name = " ".join([first, *words])
    if not words or not reads_as_full_name(name) or not is_plausible_name(name) or is_role(name):
        return None
    return name


def box_texts(elements: Iterable[etree._Element]) -> list[str]:
    """The texts of the page's author boxes (elements classed as an author's), each text of the markup apart: a
    name element's text does not run on into the biography after it ("Tobi" "Hallo!")."""
    texts = []
    for element in elements:
        size = 0
        for piece in element.itertext():
            if size > BOX_CHARS:
                break
            size += len(piece)
            if piece.strip():
                texts.append(" ".join(piece.split()))
    return texts


def person_descriptions(objects: list[dict]) -> list[str]:
    """The ``description`` and ``name`` of the page's JSON-LD Persons."""
    return [value for obj in objects if obj.get("@type") == "Person"
            for value in (obj.get("name"), obj.get("description")) if isinstance(value, str)]
