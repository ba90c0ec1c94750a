"""A fifth real blog engine: Nikola (PyPI) with its default configuration and theme, built and served on loopback.

Nikola's post names its author (``class="byline author vcard"``) with a link to the author's page, which is a
plain list of their posts: a date and a title in each item, no headings, no entry markup. The author's RSS feed
lies beside that page (``/authors/x.xml``), not under it. From any one post, the author's posts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from parsel import Selector

from crawler.discovery.feeds import author_feed_urls
from tests.conftest import CrawlResult
from tests.nikola_site import NikolaSite, nikola_site
from tests.static_blog import crawled_site, found_exactly, tide_posts

pytestmark = pytest.mark.e2e

AUTHORS = {"Tobias Lindqvist": 9, "Mei Tanaka": 1, "Rosa Ibarra": 4}


def _posts() -> list[dict]:
    return tide_posts(AUTHORS)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[str, tuple[NikolaSite, CrawlResult]]]:
    yield from crawled_site(nikola_site, _posts(), lambda: tmp_path_factory.mktemp("nikola"), last=True)


@pytest.mark.parametrize("name", list(AUTHORS))
def test_an_authors_plain_list_of_posts_is_read(crawls, name: str) -> None:
    site, result = crawls[name]
    want = found_exactly(site.posts, name, result, _posts())
    slug = name.lower().replace(" ", "-")
    for item in result.items:
        assert item["author_url"] == f"{site.base_url}/authors/{slug}/"
    # The seed, the author's page, the author's other posts (and robots.txt): the list is whole on one page.
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= 1 + 1 + (len(want) - 1) + 1, f"{requests} requests for {len(want)} posts"


def test_the_authors_feed_beside_the_authors_page_is_found(crawls) -> None:
    site, _ = crawls["Rosa Ibarra"]
    archive = f"{site.base_url}/authors/rosa-ibarra/"
    page = Selector(text=(site.output / "authors" / "rosa-ibarra" / "index.html").read_text(encoding="utf-8"))
    assert author_feed_urls(page, archive) == [f"{site.base_url}/authors/rosa-ibarra.xml"]
