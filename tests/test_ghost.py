"""Real Ghost (from the npm registry, on MariaDB, served by itself on loopback): from one post, the author's posts.

Both bundled themes: Source (Ghost's default) and Casper. One author has more posts than an author page
holds, one has a single post, and two share a post, which Ghost lists on both their pages and credits to
both. Ghost's own welcome post, by the site's owner, belongs to nobody followed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from crawler.urls import normalize_url
from tests.conftest import CrawlResult, run_crawl
from tests.ghost_site import THEMES, GhostSite, available, ghost_site
from tests.static_blog import author_slug, tide_posts
from tests.wordpress import mariadb_server

pytestmark = pytest.mark.e2e

AUTHORS = {"Ines Moreau": 13, "Kofi Mensah": 1, "Lena Vogt": 4}  # 13: more than an author page of Source's 12
SHARED = {"title": "Ines and Lena on the tide tables, together", "slug": "ines-lena-tides", "date": "2024-06-20 10:30",
          "authors": ["Ines Moreau", "Lena Vogt"],
          "paragraphs": [f"Ines and Lena write about the shared survey, paragraph {k}: harbours, ledgers and the slow"
                         f" arithmetic of freight, noted together on day {k}." for k in range(5)]}


# Each author's own subject: the engines' common posts differ only by the author's first name, which the
# near-duplicate check rightly drops when one crawl stores two authors' posts (``coauthors=1``).
SUBJECTS = {"Ines Moreau": "lighthouse keepers, pilots' logs and the long night watch of the coast",
            "Kofi Mensah": "fish markets, auction bells and the price of the morning catch",
            "Lena Vogt": "dredgers, drifting sandbanks and the shifting channels of the estuary"}


def _posts() -> list[dict]:
    posts = tide_posts(AUTHORS)
    for post in posts:
        subject = SUBJECTS[post["author"]]
        post["paragraphs"] = [p.replace("harbours, ledgers and the slow arithmetic of freight", subject)
                              for p in post["paragraphs"]]
    return [*posts, SHARED]


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[tuple[str, str], tuple[GhostSite, CrawlResult]]]:
    """One crawl per theme and author, seeded with the author's first post of their own in URL order."""
    if reason := available():
        pytest.fail(f"real Ghost not available: {reason} (make test installs it)")
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        sock = stack.enter_context(mariadb_server(Path(tmp)))
        site = stack.enter_context(ghost_site(Path(tmp), sock, _posts()))
        for theme in THEMES:
            site.activate(theme)
            for name in AUTHORS:
                seed = site.first_own_post(name)
                workdir = tmp_path_factory.mktemp(f"ghost-{theme}")
                results[theme, name] = (site, run_crawl(workdir, 0, {"DOWNLOAD_DELAY": 0}, url=seed))
        # Seeded with the shared post: its primary author by default, both with ``coauthors=1``.
        [shared] = [url for url, names in site.authors.items() if names == SHARED["authors"]]
        for key, spargs in (("shared", {}), ("shared, coauthors", {"coauthors": "1"})):
            workdir = tmp_path_factory.mktemp("ghost-shared")
            results[theme, key] = (site, run_crawl(workdir, 0, {"DOWNLOAD_DELAY": 0}, url=shared, **spargs))
        yield results


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", list(AUTHORS))
def test_both_themes_find_exactly_the_authors_posts(crawls, theme: str, name: str) -> None:
    site, result = crawls[theme, name]
    want = {normalize_url(url) for url in site.posts[name]}
    got = {normalize_url(item["canonical_url"]) for item in result.items}
    assert got == want, f"missing {sorted(want - got)}, extra {sorted(got - want)}"
    written = {post["title"]: post for post in _posts()}
    slug = author_slug(name)
    for item in result.items:
        post = written[item["title"]]
        assert item["authors"] == site.authors[item["url"]], item["url"]
        assert (item["published"] or "")[:10] == post["date"][:10], (item["title"], item["published"])
        assert item["text"] == "\n".join(post["paragraphs"]), (item["title"], item["text"][-200:])
        if item["authors"] == [name]:
            assert item["author_url"] == f"{site.base_url}/author/{slug}/"
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= max(1.5 * len(want), len(want) + 4), f"{requests} requests for {len(want)} posts"


def test_the_shared_post_is_found_from_both_authors_and_credits_both(crawls) -> None:
    for theme in THEMES:
        for name in SHARED["authors"]:
            _, result = crawls[theme, name]
            [shared] = [item for item in result.items if item["title"] == SHARED["title"]]
            assert shared["authors"] == SHARED["authors"], (theme, name)


def test_a_shared_seed_follows_its_primary_author_or_with_coauthors_both(crawls) -> None:
    theme = THEMES[-1]  # the theme the site was left with
    site, primary = crawls[theme, "shared"]
    _, both = crawls[theme, "shared, coauthors"]
    ines, lena = ({normalize_url(url) for url in site.posts[name]} for name in SHARED["authors"])
    assert {normalize_url(item["canonical_url"]) for item in primary.items} == ines
    assert {normalize_url(item["canonical_url"]) for item in both.items} == ines | lena
