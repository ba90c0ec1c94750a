"""Per-author monitoring over the corpus: articles, cadence, new since the last run, active or quiet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from crawler.discovery.names import name_key
from crawler.monitor.cadence import Cadence, cadence, parse_time
from pipelines.corpus.database import Corpus


def corpus_author_key(site: str, name: str) -> str:
    """The key that names an author of the corpus on the command line: ``<site>/<name-slug>``."""
    return f"{site}/{name_key(name)}"


@dataclass(frozen=True)
class AuthorRow:
    """One line of ``scrapy authors``."""

    key: str
    site: str
    author: str
    cadence: Cadence
    new_since_last_run: int

    def as_dict(self, now: datetime) -> dict[str, Any]:
        """The row as JSON-ready values (``--json``)."""
        c = self.cadence
        since = c.days_since_last(now)
        return {
            "key": self.key,
            "site": self.site,
            "author": self.author,
            "articles": c.articles,
            "first_published": c.first.isoformat() if c.first else None,
            "last_published": c.last.isoformat() if c.last else None,
            "new_since_last_run": self.new_since_last_run,
            "mean_interval_days": round(c.mean_interval.total_seconds() / 86400, 2) if c.mean_interval else None,
            "days_since_last_post": round(max(0.0, since), 1) if since is not None else None,
            "status": c.status(now),
        }


def author_rows(corpus: Corpus, as_of: datetime | None = None) -> Iterator[AuthorRow]:
    """Yield every author of the corpus, by site then name, one author's dates in memory at a time.

    With ``as_of``, the corpus as it stood then: articles published (or, undated, crawled) after it
    are left out, and so is an author with none before it.
    """
    last_run = corpus.last_run_started()
    for (site, author), posts in groupby(corpus.author_posts(), key=lambda row: (row[0], row[1])):
        published: list[datetime | None] = []
        new = 0
        for _, _, date, crawled_at in posts:
            moment = parse_time(date)
            if as_of is not None and (moment or parse_time(crawled_at) or as_of) > as_of:
                continue
            published.append(moment)
            new += last_run is not None and crawled_at >= last_run
        if published:
            yield AuthorRow(corpus_author_key(site, author), site, author, cadence(published), new)


def find_author(corpus: Corpus, key: str) -> tuple[str, str] | None:
    """Return (site, byline name) of the author ``key`` names (``site/name-slug``, or a name if unique)."""
    matches = []
    for (site, author), _ in groupby(corpus.author_posts(), key=lambda row: (row[0], row[1])):
        if key in (corpus_author_key(site, author), f"{site}/{author}") or name_key(key) == name_key(author):
            matches.append((site, author))
    exact = [m for m in matches if corpus_author_key(*m) == key]
    if exact:
        return exact[0]
    return matches[0] if len(matches) == 1 else None


def author_of_seed(corpus: Corpus, url: str) -> tuple[str, str] | None:
    """(site, primary author) of the article stored for seed ``url``, or of an author archive seed."""
    found = corpus.site_and_authors(url)
    if found is None:
        return None
    site, authors = found
    return (site, authors[0]) if authors else None
