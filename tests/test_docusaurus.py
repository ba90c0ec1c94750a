"""An eighth real blog engine: Docusaurus (create-docusaurus's classic template, from the npm registry), built and
served on loopback.

The post names its author in an avatar card (a photo and the name, both linked to the author's page,
``/blog/authors/x``), and its JSON-LD names the same person; beside the post, a side column lists the blog's
recent posts, whoever wrote them. The author's page lists their posts, ten to a page. Docusaurus links every
page without the trailing slash its folder has: the server answers with a redirect, as static hosts do.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import CrawlResult
from tests.docusaurus_site import DocusaurusSite, available, docusaurus_site
from tests.static_blog import author_slug, crawled_site, found_exactly, tide_posts

pytestmark = pytest.mark.e2e

AUTHORS = {"Tobias Lindqvist": 13, "Mei Tanaka": 1, "Rosa Ibarra": 4}  # 13: two author pages of ten


def _posts() -> list[dict]:
    return tide_posts(AUTHORS)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory) -> Iterator[dict[str, tuple[DocusaurusSite, CrawlResult]]]:
    if reason := available():
        pytest.fail(f"real Docusaurus not available: {reason} (make test installs it)")
    yield from crawled_site(docusaurus_site, _posts(), lambda: tmp_path_factory.mktemp("docusaurus"))


@pytest.mark.parametrize("name", list(AUTHORS))
def test_the_authors_posts_are_found_from_the_avatar_card(crawls, name: str) -> None:
    site, result = crawls[name]
    want = found_exactly(site.posts, name, result, _posts())
    for item in result.items:
        assert item["author_url"] == f"{site.base_url}/blog/authors/{author_slug(name)}"
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= max(1.5 * len(want), len(want) + 4), f"{requests} requests for {len(want)} posts"
