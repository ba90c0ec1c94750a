"""The authors a crawl follows: who they are, and which bylines, blocks and feed entries are theirs.

Identity is per site: a namesake on another site is someone else. An author is known by the archive
URL when there is one (``example.com/author/jane``), else by the name (``example.com/~jane-doe``).
Pure state, no Scrapy: the spider asks it, and carries what it knows in each request's meta.
"""

from __future__ import annotations

from collections.abc import Iterator

from crawler.discovery.blocks import MoreFromBlock
from crawler.discovery.identity import Byline
from crawler.discovery.names import author_key, name_key
from crawler.urls import site_of


class FollowedAuthors:
    """The followed authors of a crawl, by key."""

    def __init__(self) -> None:
        self._authors: dict[str, Byline] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._authors

    def __iter__(self) -> Iterator[str]:
        return iter(self._authors)

    def __len__(self) -> int:
        return len(self._authors)

    def get(self, key: str) -> Byline | None:
        """The author followed under ``key``, if any."""
        return self._authors.get(key)

    def follow(self, page_url: str, author: Byline) -> tuple[str, bool]:
        """Follow ``author``, named on ``page_url``; return the key and whether the author is new."""
        key = author_key(page_url, author.name, author.url)
        if key in self._authors:
            return key, False
        self._authors[key] = author
        return key, True

    def adopt(self, key: str, name: str, url: str | None) -> None:
        """Learn an author another worker (or an earlier run) followed, as a request carried it."""
        self._authors.setdefault(key, Byline(name, url))

    def key_of(self, author: Byline, page_url: str) -> str | None:
        """The key of the followed author that this byline entry on ``page_url`` names, if any."""
        site = site_of(page_url)
        for key, followed in self._authors.items():
            if key.split("/", 1)[0] != site:
                continue
            if followed.url and author.url and followed.url == author.url:
                if not followed.name:  # followed from an archive seed: the byline gives the name
                    self._authors[key] = Byline(author.name, followed.url)
                return key
            if followed.name and named_alike(followed.name, author.name):
                return key
        return None

    def block_owner(self, block: MoreFromBlock, byline: list[Byline], trail: str | None, page_url: str) -> str | None:
        """The followed author a "More From" block belongs to, or None when it is someone else's.

        A block that names someone is theirs; else the page's primary (first) author's, since themes
        list the primary author's posts; on a page with no byline, the author the crawl came for.
        """
        if block.author_name:
            return self.key_of(Byline(block.author_name), page_url)
        if byline:
            return self.key_of(byline[0], page_url)
        return trail


def named_alike(followed: str, named: str) -> bool:
    """One name, or a first name alone and the full name it begins ("Nils" and "Nils Pickert"): a feed or a byline
    shows the account's display name, where the seed page completed it (``crawler.discovery.fullnames``)."""
    a, b = name_key(followed), name_key(named)
    short, long = sorted((a, b), key=len)
    return a == b or (bool(short) and "-" not in short and long.startswith(f"{short}-"))
