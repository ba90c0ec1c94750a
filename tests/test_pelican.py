"""A second real blog engine: Pelican (from PyPI), both bundled themes, built and served on loopback.

Its byline is as plain as bylines get (``By <a href="…/author/x.html">``, in the article's own
``<footer>``), its author pages are paginated by file name (``x2.html``), and it has no REST API.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from crawler.urls import normalize_url
from tests.conftest import CrawlResult, run_crawl
from tests.pelican_site import THEMES, PelicanSite, pelican_site
from tests.static_blog import found_exactly, tide_posts

pytestmark = pytest.mark.e2e

AUTHORS = {"Tobias Lindqvist": 10, "Mei Tanaka": 1, "Rosa Ibarra": 5}  # 10 posts: three author pages of 4


def _posts() -> list[dict]:
    return tide_posts(AUTHORS)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[tuple[str, str], tuple[PelicanSite, CrawlResult]]]:
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        for theme in THEMES:
            site = stack.enter_context(pelican_site(Path(tmp), theme, _posts()))
            for name in AUTHORS:
                seed = sorted(site.posts[name])[-1]
                workdir = tmp_path_factory.mktemp(f"pelican-{theme}")
                results[theme, name] = (site, run_crawl(workdir, 0, {"DOWNLOAD_DELAY": 0}, url=seed))
        yield results


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", list(AUTHORS))
def test_both_themes_find_exactly_the_authors_posts(crawls, theme: str, name: str) -> None:
    site, result = crawls[theme, name]
    want = found_exactly(site.posts, name, result, _posts())
    for item in result.items:
        assert item["author_url"] == normalize_url(f"{site.base_url}/author/{name.lower().replace(' ', '-')}.html")
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= max(1.5 * len(want), len(want) + 4), f"{requests} requests for {len(want)} posts"
