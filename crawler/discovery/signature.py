"""The author's name signed under the article: a paragraph of its own, set in bold, right after the story's last
paragraph ("<p><b><i>Stefan Wasmer</i></b></p>"), as many news sites and magazines end a piece. Pure functions;
``crawler.discovery.identity`` hears this voice only where no other names anyone.
"""

from __future__ import annotations

from lxml import etree

from crawler.discovery.givennames import starts_with_given_name
from crawler.discovery.markup import is_noise, short_text
from crawler.discovery.names import is_role, reads_as_full_name
from crawler.discovery.voices import Vote, group_of

#: Words of the paragraph before the signature: the story's prose, not a caption or a list's item.
PROSE_BEFORE = 25
_BOLD = frozenset({"b", "strong"})
_INLINE = frozenset({"b", "strong", "i", "em", "span"})


def signature_votes(root: etree._Element, blocks: list[etree._Element]) -> list[Vote]:
    """The name a bold paragraph alone signs after the story's last paragraph; none unless one name signs."""
    votes = [Vote(name, None, "signature", 60_000 + order, group_of(p))
             for order, p in enumerate(root.iter("p"))
             if (name := _signed(p)) and _ends_prose(p) and not is_noise(p, blocks)]
    return votes if len({vote.name for vote in votes}) == 1 else []


def _signed(p: etree._Element) -> str | None:
    """The name a paragraph holds in bold and nothing else, when it reads as a person's."""
    if len(p) != 1 or p[0].tag not in _BOLD or (p.text or "").strip() or (p[0].tail or "").strip():
        return None
    if any(el.tag not in _INLINE for el in p[0].iterdescendants()):
        return None
    name = short_text(p, 40)
    if not name or not reads_as_full_name(name) or is_role(name) or not starts_with_given_name(name):
        return None
    return name


def _ends_prose(p: etree._Element) -> bool:
    """Whether the paragraph follows the story's prose and no prose follows it."""
    before = p.getprevious()
    if before is None or before.tag != "p" or len(" ".join(before.itertext()).split()) < PROSE_BEFORE:
        return False
    return not any(el.tag == "p" and len(" ".join(el.itertext()).split()) >= PROSE_BEFORE for el in p.itersiblings())
