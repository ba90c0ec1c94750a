"""What a crawl has asked for so far: each URL once, archive pages per author, held-back feeds, probes, site feeds.

The author spider's bookkeeping, apart from the spider so that it is tested without a reactor. It
lives in memory: a resumed crawl rebuilds it from the requests it handles (``adopt_feeds``).
"""

from __future__ import annotations

from collections import Counter


class AskedFor:
    """The requests already made, per URL and per followed author (the author's key)."""

    def __init__(self, max_archive_pages: int = 0) -> None:
        #: Archive pages at most per author; 0 for no bound.
        self.max_archive_pages = max_archive_pages
        # Hashes, not URLs: 8 bytes a page, where Scrapy's duplicate filter already keeps a fingerprint.
        self._urls: set[int] = set()
        self._archive_pages: Counter[str] = Counter()
        self._held_feeds: dict[str, list[str]] = {}
        self._released_feeds: set[str] = set()
        self._tabs: set[str] = set()
        self._rest: set[str] = set()
        self._site_feeds: set[str] = set()

    def first_time(self, url: str) -> bool:
        """True the first time ``url`` is asked for (and it is then remembered)."""
        key = hash(url)
        if key in self._urls:
            return False
        self._urls.add(key)
        return True

    def archive_budget_spent(self, author: str) -> bool:
        """Whether ``author``'s archive pages reached ``max_archive_pages`` (pages read, not depth)."""
        return bool(self.max_archive_pages) and self._archive_pages[author] >= self.max_archive_pages

    def count_archive_page(self, author: str) -> None:
        self._archive_pages[author] += 1

    def hold_feeds(self, author: str, feeds: list[str]) -> None:
        """Keep ``author``'s feeds back until ``release_feeds`` (the archive or the REST API may list it all)."""
        self._held_feeds.setdefault(author, []).extend(feeds)

    def held_feeds(self, author: str) -> list[str]:
        return list(self._held_feeds.get(author, []))

    def adopt_feeds(self, author: str, feeds: list[str]) -> None:
        """Feeds held back by another worker or an earlier run, carried in a request: held here too."""
        if feeds and author not in self._held_feeds and author not in self._released_feeds:
            self._held_feeds[author] = list(feeds)

    def release_feeds(self, author: str) -> list[str]:
        """``author``'s held feeds, to request now; later feeds of theirs are not held."""
        self._released_feeds.add(author)
        return self._held_feeds.pop(author, [])

    def tab_asked(self, author: str) -> bool:
        """True when ``author``'s tagDiv tab was asked for already; else remember it is now."""
        asked = author in self._tabs
        self._tabs.add(author)
        return asked

    def rest_probed(self, author: str) -> bool:
        return author in self._rest

    def probe_rest(self, author: str) -> None:
        self._rest.add(author)

    def site_feed_asked(self, author: str) -> bool:
        """True when the site's feed was asked for ``author`` already; else remember it is now."""
        asked = author in self._site_feeds
        self._site_feeds.add(author)
        return asked
