"""A fourth real blog engine: MkDocs with Material for MkDocs' blog plugin (PyPI), built and served on loopback.

Material prints a post's author (avatar, name linked to the author's page) and date in a side column of the
page, not in the article, and no meta tag or JSON-LD names anyone. Its author pages are numbered ("1 2 3")
with no "next" link, and their ``<link rel="next">`` leads to the next author's page, not to page 2. From any
one post, the author's posts: through the author's page and its numbered pages.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import CrawlResult
from tests.mkdocs_site import PER_PAGE, MkDocsSite, mkdocs_site
from tests.static_blog import crawled_site, found_exactly, tide_posts

pytestmark = pytest.mark.e2e

AUTHORS = {"Tobias Lindqvist": 12, "Mei Tanaka": 1, "Rosa Ibarra": 6}  # three pages, one, two


def _posts() -> list[dict]:
    return tide_posts(AUTHORS, with_time=False)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[str, tuple[MkDocsSite, CrawlResult]]]:
    yield from crawled_site(mkdocs_site, _posts(), lambda: tmp_path_factory.mktemp("mkdocs"))


@pytest.mark.parametrize("name", list(AUTHORS))
def test_an_author_named_in_the_side_column_is_followed_through_numbered_pages(crawls, name: str) -> None:
    site, result = crawls[name]
    want = found_exactly(site.posts, name, result, _posts())
    author_page = f"{site.base_url}/blog/author/{name.split()[0].lower()}/"
    for item in result.items:
        assert item["author_url"] == author_page
    # The seed, each page of the author's list, the author's other posts (and robots.txt): nothing else.
    pages = -(-len(want) // PER_PAGE)
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= 1 + pages + (len(want) - 1) + 1, f"{requests} requests for {len(want)} posts"
