"""Traps the spider must survive: archives that redirect away, endless pagination, calendar archives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.site.content import Author, Site, make_articles
from tests.site.server import serve
from tests.site.themes import Page, article_url, plainblog_routes

DAN = Author("dan-ghost", "Dan Ghost", 21)
EVE = Author("eve-loop", "Eve Loop", 22)


@pytest.fixture
def traps():
    site = Site("traps", "plainblog", [DAN, EVE], per_page=2)
    site.articles = make_articles("traps", [([DAN], 4), ([EVE], 5)], datetime(2024, 2, 1, tzinfo=UTC), step_days=5)
    with serve([site]) as served:
        holder = served["traps"]
        # Dan's archive was removed: it 301s to the home page, which lists everyone's posts.
        holder.routes["/authors/dan-ghost"] = Page("", status=301, headers={"Location": "/"})

        # Eve's archive paginates forever: every page links to one more, repeating her posts.
        def endless(query: dict[str, list[str]]) -> Page:
            page = int(query.get("page", ["1"])[0])
            links = "".join(f'<h2><a href="/posts/{a.slug}">{a.title}</a></h2>' for a in site.primary(EVE)[:2])
            return Page(
                f'<html><body><main><h1>Eve Loop</h1>{links}'
                f'<p class="pager"><a href="/authors/eve-loop?page={page + 1}">Older posts</a></p></main></body></html>'
            )

        for path in [p for p in holder.routes if p.startswith("/authors/eve-loop?")]:
            del holder.routes[path]  # the theme's real pages 2..n: the endless route answers instead
        holder.routes["/authors/eve-loop"] = endless
        yield holder


def test_archive_redirecting_home_is_not_read(traps, crawl) -> None:
    site = traps.site
    seed = site.primary(DAN)[0]
    result = crawl(url=article_url(site, seed))
    assert result.stats["discovery/archive_redirected_away"] == 1
    # The "More from this author" block still gives Dan's other posts; the home page's links are not followed.
    found = {item["canonical_url"] for item in result.items}
    assert found == {article_url(site, a) for a in site.primary(DAN)}
    assert all(item["authors"] == ["Dan Ghost"] for item in result.items)
    assert traps.hits["/"] == 1


def test_endless_pagination_is_capped(traps, crawl) -> None:
    site = traps.site
    result = crawl(settings={"AUTHOR_MAX_ARCHIVE_PAGES": 5}, url=article_url(site, site.primary(EVE)[-1]))
    pages = [path for path in traps.hits if path.startswith("/authors/eve-loop")]
    assert len(pages) == 5
    assert result.stats["discovery/archive_page_cap_reached"] == 1
    assert {item["canonical_url"] for item in result.items} == {article_url(site, a) for a in site.primary(EVE)}


def test_plainblog_routes_used_here_are_the_real_theme() -> None:
    # The trap site is the plain-blog theme with two routes replaced, nothing else.
    site = Site("t", "plainblog", [DAN], per_page=2)
    site.articles = make_articles("t", [([DAN], 2)], datetime(2024, 1, 1, tzinfo=UTC), step_days=1)
    site.base_url = "http://t.test"
    assert "/authors/dan-ghost" in plainblog_routes(site)
