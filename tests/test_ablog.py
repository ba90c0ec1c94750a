"""A sixth real blog engine: Sphinx with ABlog (PyPI), its default theme, built and served on loopback.

ABlog names a post's author only in the theme's side column (a ``role="navigation"`` sidebar), after an
"Author:" label, linked to the author's page; that page lists their posts, and their Atom feed lies beside
it. Sphinx ends every heading with its permalink, "¶". From any one post, the author's posts, titled
without the sign.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ablog_site import AblogSite, ablog_site
from tests.conftest import CrawlResult
from tests.static_blog import crawled_site, found_exactly, tide_posts

pytestmark = pytest.mark.e2e

AUTHORS = {"Tobias Lindqvist": 8, "Mei Tanaka": 1, "Rosa Ibarra": 4}


def _posts() -> list[dict]:
    return tide_posts(AUTHORS, with_time=False)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[str, tuple[AblogSite, CrawlResult]]]:
    yield from crawled_site(ablog_site, _posts(), lambda: tmp_path_factory.mktemp("ablog"))


@pytest.mark.parametrize("name", list(AUTHORS))
def test_an_author_named_in_the_side_column_is_followed_to_their_page(crawls, name: str) -> None:
    site, result = crawls[name]
    want = found_exactly(site.posts, name, result, _posts())  # titles checked too: no "¶"
    slug = name.lower().replace(" ", "-")
    for item in result.items:
        assert item["author_url"] == f"{site.base_url}/blog/author/{slug}.html"
        assert "\u00b6" not in item["title"]
    # The seed, the author's page, the author's other posts (and robots.txt): the list is whole on one page.
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= 1 + 1 + (len(want) - 1) + 1, f"{requests} requests for {len(want)} posts"
