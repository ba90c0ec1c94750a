"""Real WordPress (Debian's package, on MariaDB, served by PHP on loopback): from any one post, the author's posts.

Every bundled theme (Twenty Twenty-One, classic; Twenty Twenty-Two and Twenty Twenty-Three, block
themes) with pretty and plain (``?p=123``) permalinks. One author has more posts than an archive page
holds, one has a single post, and every post is in one category shared by all authors. Also a site whose
theme prints no byline, and one whose author pages are switched off (they redirect to the home page, as SEO
plugins offer).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from crawler.urls import normalize_url
from tests.conftest import CrawlResult, run_crawl
from tests.wordpress import PLAIN, PRETTY, WordPressSite, available, mariadb_server, wordpress_site

pytestmark = pytest.mark.e2e

THEMES = ("twentytwentyone", "twentytwentytwo", "twentytwentythree")
AUTHORS = {"ada-okafor": "Ada Okafor", "bram-visser": "Bram Visser", "chiara-neri": "Chiara Neri"}
COUNTS = {"ada-okafor": 13, "bram-visser": 1, "chiara-neri": 4}  # 13 > one archive page of 10


def _posts() -> list[dict]:
    posts = []
    for slug, count in COUNTS.items():
        first = AUTHORS[slug].split()[0]
        for i in range(count):
            paragraphs = "".join(
                f"<p>{first} writes about harbour number {i}, paragraph {k}: tides, cranes, ledgers and the"
                f" slow arithmetic of freight that {first} has followed for years, entry {i}-{k}.</p>"
                for k in range(5)
            )
            day = 1 + (i * 2 + len(slug)) % 27
            posts.append({"title": f"{first} on harbour {i}", "content": paragraphs, "author": slug,
                          "date": f"2024-{1 + i % 12:02d}-{day:02d} 09:{i:02d}:00"})
    return posts


@pytest.fixture(scope="module")
def wordpress() -> Iterator[dict[tuple[str, str], WordPressSite]]:
    if reason := available():
        pytest.fail(f"real WordPress not available: {reason} (make test installs it)")
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        sock = stack.enter_context(mariadb_server(Path(tmp)))
        posts = _posts()
        sites = {}
        for theme in THEMES:
            for style, permalinks in (("pretty", PRETTY), ("plain", PLAIN)):
                sites[theme, style] = stack.enter_context(
                    wordpress_site(Path(tmp), sock, theme, permalinks, AUTHORS, posts)
                )
        sites["twentytwentythree", "no-byline"] = stack.enter_context(
            wordpress_site(Path(tmp), sock, "twentytwentythree", PRETTY, AUTHORS, posts, hide_author=True)
        )
        sites["twentytwentyone", "no-archives"] = stack.enter_context(
            wordpress_site(Path(tmp), sock, "twentytwentyone", PRETTY, AUTHORS, posts, author_archives=False)
        )
        yield sites


def _key(url: str) -> str:
    return normalize_url(url).rstrip("/")


@pytest.fixture(scope="module")
def crawls(wordpress: dict[tuple[str, str], WordPressSite], tmp_path_factory) -> dict:
    """One crawl per site and author, seeded with the author's oldest post."""
    results: dict[tuple[str, str, str], tuple[WordPressSite, CrawlResult]] = {}
    for (theme, style), site in wordpress.items():
        for slug in AUTHORS:
            seed = sorted(site.posts[slug])[0]
            workdir = tmp_path_factory.mktemp(f"{theme}-{style}-{slug}")
            results[theme, style, slug] = (site, run_crawl(workdir, 0, {"DOWNLOAD_DELAY": 0}, url=seed))
    return results


SITES = [(theme, style) for theme in THEMES for style in ("pretty", "plain")] + [
    ("twentytwentythree", "no-byline"), ("twentytwentyone", "no-archives")
]


@pytest.mark.parametrize(("theme", "style"), SITES)
@pytest.mark.parametrize("slug", list(AUTHORS))
def test_every_theme_and_permalink_style_finds_exactly_the_authors_posts(crawls, theme, style, slug) -> None:
    site, result = crawls[theme, style, slug]
    want = {_key(url) for url in site.posts[slug]}
    got = {_key(item["canonical_url"]) for item in result.items}
    assert got == want, f"missing {sorted(want - got)}, extra {sorted(got - want)}"
    requests = result.stats.get("downloader/request_count", 0)
    # Robots.txt and the probes that find the author are part of the cost; a lone post needs a few (two more where
    # the author's page redirects: the home page it sends to, and the REST API's user lookup).
    extra = 4 + (2 if style == "no-archives" else 0)
    assert requests <= max(1.5 * len(want), len(want) + extra), f"{requests} requests for {len(want)} posts"


@pytest.mark.parametrize("theme", THEMES)
def test_records_name_the_author_and_hold_the_post_on_every_theme(crawls, theme: str) -> None:
    by_title = {post["title"]: post for post in _posts()}
    for slug, name in AUTHORS.items():
        _, result = crawls[theme, "pretty", slug]
        assert result.items
        for item in result.items:
            assert item["authors"] == [name], (item["url"], item["authors"])
            assert not item["title"].endswith("Loopback Journal"), item["title"]
            post = by_title[item["title"]]
            assert (item["published"] or "")[:10] == post["date"][:10], (item["title"], item["published"])
            # The post's paragraphs and nothing else: no sign-off, byline, "More posts" or comment form.
            assert item["text"] == "\n".join(re.findall(r"<p>(.*?)</p>", post["content"])), item["text"][-200:]


def test_a_site_that_prints_no_byline_is_resolved_by_one_oembed_probe(crawls) -> None:
    for slug in AUTHORS:
        _, result = crawls["twentytwentythree", "no-byline", slug]
        assert result.stats.get("discovery/oembed_requested") == 1
        assert not result.stats.get("discovery/seed_without_author")
        assert all(item["authors"] == [] for item in result.items)  # the pages themselves name nobody


@pytest.mark.parametrize(("theme", "style"), SITES)
def test_at_most_one_and_a_half_requests_per_post_on_each_site(crawls, theme: str, style: str) -> None:
    """Over a site's three authors (13, 1 and 4 posts), robots.txt, probes and archives included."""
    runs = [crawls[theme, style, slug] for slug in AUTHORS]
    requests = sum(result.stats.get("downloader/request_count", 0) for _, result in runs)
    posts = sum(len(site.posts[slug]) for (site, _), slug in zip(runs, AUTHORS, strict=True))
    # One oEmbed probe a seed where no page names its author; where author pages redirect to the home page, the
    # redirect, the home page and the REST API's user lookup.
    probes = {"no-byline": 1, "no-archives": 3}.get(style, 0) * len(runs)
    assert requests <= 1.5 * posts + probes, f"{requests} requests for {posts} posts"


def test_author_pages_switched_off_are_read_through_the_rest_api(crawls) -> None:
    for slug in AUTHORS:
        _, result = crawls["twentytwentyone", "no-archives", slug]
        assert result.stats.get("discovery/archive_redirected_away") == 1
        assert result.stats.get("discovery/rest_users_requested") == 1
        assert result.stats.get("discovery/rest_pages_requested") == 1


@pytest.fixture(scope="module")
def own_blog(tmp_path_factory) -> Iterator[tuple[WordPressSite, CrawlResult]]:
    """A blog of one author with author pages and the REST API both switched off (as a hardened single-author
    WordPress is): one crawl from their oldest post."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        sock = stack.enter_context(mariadb_server(Path(tmp)))
        posts = [post for post in _posts() if post["author"] == "ada-okafor"]
        ada = {"ada-okafor": AUTHORS["ada-okafor"]}
        site = stack.enter_context(wordpress_site(Path(tmp), sock, "twentytwentyone", PRETTY, ada, posts,
                                                  author_archives=False, rest_api=False))
        seed = sorted(site.posts["ada-okafor"])[0]
        yield site, run_crawl(tmp_path_factory.mktemp("own-blog"), 0, {"DOWNLOAD_DELAY": 0}, url=seed)


def test_a_blog_of_one_author_without_author_pages_or_rest_api_is_read_from_its_home_page(own_blog) -> None:
    site, result = own_blog
    want = {_key(url) for url in site.posts["ada-okafor"]}
    got = {_key(item["canonical_url"]) for item in result.items}
    assert got == want, f"missing {sorted(want - got)}, extra {sorted(got - want)}"
    assert len(want) > 10  # more than the site's feed lists
    assert result.stats.get("discovery/rest_unavailable") == 1
    assert result.stats.get("discovery/site_index_followed") == 1
    # robots.txt, the seed, the author's page and the home page it redirects to, the REST user lookup, the
    # site's feed, the home page and its second page as the archive, WordPress's own "Hello world!" post.
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= len(want) - 1 + 9, f"{requests} requests for {len(want)} posts"
