"""A ninth real blog engine: Hexo (from the npm registry) in Chinese, with the NexT theme, built and served on loopback.

A blog of one author, whose name appears only in the page's metadata and the side column's site overview; its
posts are in Chinese, written without spaces. From any one post, every post of the blog: more than the Atom
feed's twenty, through the home page's pages.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.urls import normalize_url
from tests.conftest import CrawlResult
from tests.hexo_site import HexoSite, available, chinese_posts, hexo_site
from tests.static_blog import crawled_site

pytestmark = pytest.mark.e2e

AUTHOR = "林海"
POSTS = chinese_posts(AUTHOR, 24)  # 24: more than the feed's 20


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Iterator[tuple[HexoSite, CrawlResult]]:
    if reason := available():
        pytest.fail(f"real Hexo not available: {reason} (make test installs it)")
    for results in crawled_site(hexo_site, POSTS, lambda: tmp_path_factory.mktemp("hexo")):
        yield results[AUTHOR]


def test_every_post_of_a_one_author_chinese_blog_is_found_and_kept(crawl) -> None:
    site, result = crawl
    want = {normalize_url(url) for url in site.posts[AUTHOR]}
    got = {normalize_url(item["canonical_url"]) for item in result.items}
    assert got == want, f"missing {sorted(want - got)}, extra {sorted(got - want)}"
    written = {post["title"]: post for post in POSTS}
    for item in result.items:
        post = written[item["title"]]
        assert item["authors"] == [AUTHOR]
        assert (item["published"] or "")[:10] == post["date"][:10], (item["title"], item["published"])
        assert item["text"] == "\n".join(post["paragraphs"]), (item["title"], item["text"][-200:])
    requests = result.stats.get("downloader/request_count", 0)
    assert requests <= max(1.5 * len(want), len(want) + 4), f"{requests} requests for {len(want)} posts"
    assert not result.stats.get("validate/dropped/too_short")
