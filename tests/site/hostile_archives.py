"""Hostile author archives: nested entry markup, branching pagination, a page of a great many links;
and an article page of a great many links, which its extraction worker must survive.

Each is the archive of its own author, whose one article (the seed) links it from the byline. The
archives' article links lead nowhere (404): what is measured is how the crawl reads the archive.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.site.content import paragraphs

#: Seeds, each the one article of an author whose archive misbehaves.
SEEDS = {"nested": "/seed-nested", "branching": "/seed-branching", "huge": "/seed-huge"}
#: An article whose page holds as many links as the huge archive (a page of links passed off as an article).
LINKS_SEED = "/article-of-links"


def seed_page(kind: str) -> bytes:
    """The article whose byline links the hostile archive ``/author/<kind>/``."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs(f"hostile-archive-{kind}", 4))
    name = f"{kind.title()} Archivist"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The {kind} archive</title></head>'
        f'<body><article><h1>The {kind} archive</h1><p class="byline">By <a rel="author" '
        f'href="/author/{kind}/">{name}</a></p><div class="entry-content">{body}</div></article></body></html>'
    ).encode()


def nested_archive(entries: int) -> bytes:
    """Entries that never close: each ``<div class="post">`` holds all the ones after it."""
    opened = "".join(f'<div class="post"><h2><a href="/nested/{i}">Post {i}</a></h2>' for i in range(entries))
    return f"<html><body><main>{opened}{'</div>' * entries}</main></body></html>".encode()


def huge_archive(links: int) -> bytes:
    """One archive page listing ``links`` entries (about 50 bytes each)."""
    items = "".join(f'<article><h2><a href="/huge/{i}">P{i}</a></h2></article>' for i in range(links))
    return f"<html><body><main>{items}</main></body></html>".encode()


def branching_archive(path: str) -> bytes:
    """A page of an archive whose every page has two "next" links, ``?p=<p>a`` and ``?p=<p>b``."""
    p = parse_qs(urlsplit(path).query).get("p", ["S"])[0][:200]
    return (
        f'<html><body><main><article><h2><a href="/branch-post/{p}">Post {p}</a></h2></article>'
        f'<a rel="next" href="/author/branching/?p={p}a">Next</a>'
        f'<a class="next" href="/author/branching/?p={p}b">Older posts</a></main></body></html>'
    ).encode()


def article_of_links(links: int) -> bytes:
    """An article whose body is followed by ``links`` links: the page an extraction worker parses."""
    page = seed_page("links").decode()
    items = "".join(f"<a href=/l/{i}>{i}</a> " for i in range(links))
    return page.replace("</article>", f"</article><p>{items}</p>").encode()


def archive_page(path: str, sizes: Any) -> bytes | None:
    """The page served at ``path``, or None when it is not one of the hostile archives'.

    ``sizes`` has ``nested``, ``huge`` and ``links``: how large to make each.
    """
    nested, huge = sizes.nested, sizes.huge
    if path == LINKS_SEED:
        return article_of_links(sizes.links)
    if path in {f"/seed-{kind}" for kind in SEEDS}:
        return seed_page(path.removeprefix("/seed-"))
    if path == "/author/nested/":
        return nested_archive(nested)
    if path == "/author/huge/":
        return huge_archive(huge)
    if path.startswith("/author/branching/"):
        return branching_archive(path)
    return None
