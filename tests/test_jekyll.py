"""A third real blog engine: Jekyll (Debian's package) with its Minima theme, built and served on loopback.

Minima prints the author from the post's front matter (``itemprop="author"``) and links it nowhere: the site
has no author pages and no REST API. What is left is the site's Atom feed (jekyll-feed), whose entries name
their authors. From any one post, the author's posts: the ones the feed lists (its newest ten); on a site of
one author, whose feed names no one else, every post its home page lists.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CrawlResult
from tests.jekyll_site import JekyllSite, jekyll_site
from tests.static_blog import crawl_each_author, crawled_site, found_exactly, tide_posts

pytestmark = pytest.mark.e2e

AUTHORS = {"Tobias Lindqvist": 5, "Mei Tanaka": 1, "Rosa Ibarra": 3}  # 9 posts: all in the feed's newest ten
#: A personal blog: one author, more posts than the feed's newest ten.
OWN_BLOG = {"Tobias Lindqvist": 14}


def _posts() -> list[dict]:
    return tide_posts(AUTHORS, with_time=False)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[str, tuple[JekyllSite, CrawlResult]]]:
    yield from crawled_site(jekyll_site, _posts(), lambda: tmp_path_factory.mktemp("jekyll"))


@pytest.mark.parametrize("name", list(AUTHORS))
def test_an_author_with_no_author_page_is_found_through_the_sites_feed(crawls, name: str) -> None:
    site, result = crawls[name]
    want = found_exactly(site.posts, name, result, _posts())
    for item in result.items:
        assert item["author_url"] is None
    assert result.stats.get("discovery/site_feeds_requested") == 1
    # The seed, the feed, the author's other posts: the feed names each entry's author, no other post is read.
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= len(want) + 1 + 1, f"{requests} requests for {len(want)} posts"  # + robots.txt


@pytest.fixture(scope="module")
def own_blog(tmp_path_factory) -> Iterator[tuple[JekyllSite, CrawlResult]]:
    with tempfile.TemporaryDirectory() as tmp, jekyll_site(Path(tmp), tide_posts(OWN_BLOG, with_time=False)) as site:
        [result] = crawl_each_author(site.posts, lambda: tmp_path_factory.mktemp("own")).values()
        yield site, result


def test_a_blog_of_one_author_is_read_from_its_home_page(own_blog) -> None:
    site, result = own_blog
    want = found_exactly(site.posts, "Tobias Lindqvist", result, tide_posts(OWN_BLOG, with_time=False))
    assert len(want) == 14  # four more than the feed lists
    assert result.stats.get("discovery/site_index_followed") == 1
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= len(want) + 3, f"{requests} requests for {len(want)} posts"  # + the feed, the home, robots.txt
