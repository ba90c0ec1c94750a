"""The post's author among its commenters: WordPress marks the comments its author wrote. Pure functions.

WordPress gives a comment by the post's own author (its user is the post's ``post_author``) the class
``bypostauthor``, beside ``comment-author-<login>``; the comment's header shows the display name (``<cite
class="fn">``, ``<b class="fn">`` or a theme's ``<span class="author">``). Blogs whose theme prints no byline
at all still answer their readers: the name there is the post's author, by WordPress's own account.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from crawler.discovery.markup import short_text
from crawler.discovery.voices import Vote, vote_names

#: Longer than this, the element read for the name is the comment's text, not its header.
NAME_CHARS = 80


def post_author_votes(author_classed: Iterable[etree._Element]) -> list[Vote]:
    """The display name in the header of each comment WordPress marks as the post author's (``bypostauthor``):
    ``author_classed`` are the page's elements whose class holds "author", which such comments are."""
    votes: list[Vote] = []
    for order, comment in enumerate(author_classed):
        if "bypostauthor" not in (comment.get("class") or "").split():
            continue
        if name := comment_name(comment):
            votes.extend(vote_names(name, None, "comment", 50_000 + order, (f"comment{order}",)))
    return votes


def comment_name(comment: etree._Element) -> str | None:
    """The name in a comment's header, before the replies nested in it (comments by others): its element classed
    ``fn``, else ``author``, else its ``<cite>`` (which can hold the ``fn`` with a label and the date)."""
    found: dict[str, etree._Element] = {}
    for el in comment.iterdescendants(etree.Element):
        words = set((el.get("class") or "").split())
        if "children" in words or "comment" in words:
            break  # a reply
        for kind in ("fn", "author"):
            if kind in words:
                found.setdefault(kind, el)
        if el.tag == "cite":
            found.setdefault("cite", el)
    header = found.get("fn", found.get("author", found.get("cite")))
    return short_text(header, NAME_CHARS) if header is not None else None
