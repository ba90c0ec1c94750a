"""Discovery on the other theme markups: tagDiv's AJAX tab, a Twenty-series theme, Jetpack, a headless front end."""

from __future__ import annotations

import re

import pytest
from parsel import Selector

from crawler.discovery.tagdiv import AUTHOR_TAB, author_tabs, tab_links
from tests.conftest import assert_exactly_author, solo
from tests.site.content import LEO, MARA, NINA, OTTO, PIA, RAJ, SAM, TIA, Author, Site
from tests.site.server import ServedSite
from tests.site.themes import Page, article_url
from tests.site.wp_themes import TD_NONCE

CASES = [
    ("tagdiv", MARA),
    ("tagdiv", LEO),
    ("twenty", NINA),
    ("twenty", OTTO),
    ("jetpack", PIA),
    ("jetpack", RAJ),
    ("headless", SAM),
    ("headless", TIA),
]
AJAX = "POST /wp-admin/admin-ajax.php?td_theme_name=Newspaper&v=12.6.5"


def seed_of(site: Site, author: Author) -> str:
    return article_url(site, solo(site, author))


def article_hits(served: ServedSite) -> set[str]:
    """The article pages the crawl fetched (hubs, feeds, the API and robots.txt left out)."""
    pages = {article_url(served.site, a).removeprefix(served.base_url): a for a in served.site.articles}
    return {path for path in served.hits if path in pages}


@pytest.mark.parametrize(("name", "author"), CASES, ids=[f"{n}-{a.slug}" for n, a in CASES])
def test_every_theme_finds_exactly_the_authors_articles(
    web: dict[str, ServedSite], crawl, name: str, author: Author
) -> None:
    served = web[name]
    result = crawl(url=seed_of(served.site, author))
    assert_exactly_author(result, served.site, author)
    # No request was spent on another author's article: related posts, post navigation, trending,
    # "latest stories" and the home, category, tag and date archives were never followed.
    theirs = {article_url(served.site, a).removeprefix(served.base_url) for a in served.site.by(author)}
    assert article_hits(served) <= theirs
    assert not any(path.startswith(("/category/", "/tag/", "/2024/05/")) or path == "/" for path in served.hits)
    vias = {item["discovered_via"] for item in result.items}
    stats = result.stats
    if name == "tagdiv":
        assert served.hits[AJAX] == 1  # once per author, not once per article
        assert stats["discovery/article_requests/more-from-author"] == 3  # the tab's first page
    if name == "twenty" and not stats.get("discovery/archive_complete_on_first_page"):
        # The REST API is switched off: a normal "not available", and the feed stands in.
        assert stats["discovery/rest_unavailable"] == 1 and stats["discovery/feeds_requested"] == 1
    if stats.get("discovery/archive_complete_on_first_page"):  # one archive page lists all: nothing else asked
        assert not stats.get("discovery/rest_pages_requested") and not stats.get("discovery/feeds_requested")
    if name == "headless":  # no archive: the page's own REST resource gives the author id
        assert vias == {"seed", "wp-rest"}
        assert sum(1 for path in served.hits if re.fullmatch(r"/wp-json/wp/v2/posts/\d+", path)) == 1


def test_tagdiv_tab_is_read_from_the_page_and_its_answer(web: dict[str, ServedSite]) -> None:
    served = web["tagdiv"]
    article = solo(served.site, MARA)
    page = served.routes[article_url(served.site, article).removeprefix(served.base_url)]
    (tab,) = author_tabs(Selector(text=page.body), article_url(served.site, article))
    assert tab.author_id == MARA.wp_id and tab.nonce == TD_NONCE
    assert tab.ajax_url == served.base_url + "/wp-admin/admin-ajax.php?td_theme_name=Newspaper&v=12.6.5"
    form = tab.form(page=2)
    assert (form["action"], form["td_filter_value"], form["td_current_page"]) == ("td_ajax_block", AUTHOR_TAB, "2")
    answer = served.routes["POST /wp-admin/admin-ajax.php"]({k: [v] for k, v in tab.form(1).items()})
    links, more = tab_links(answer.body.encode(), served.base_url + "/")
    mara = {article_url(served.site, a) for a in served.site.primary(MARA)}
    assert len(links) == 3 and set(links) <= mara and more
    assert tab_links(b"-1", served.base_url) == ([], False)
    assert tab_links(b'{"td_data": 5}', served.base_url) == ([], False)
    # The plain "Related" tab is never the author's: other themes' pages have no author tab at all.
    assert author_tabs(Selector(text="<a data-td_filter_value='' data-td_block_id='x'>Related</a>"), "http://a/") == []


def test_tagdiv_without_ajax_falls_back_to_the_archive(web: dict[str, ServedSite], crawl) -> None:
    served = web["tagdiv"]
    served.routes["POST /wp-admin/admin-ajax.php"] = Page("-1", status=403)  # e.g. a stale nonce
    result = crawl(url=seed_of(served.site, MARA))
    assert_exactly_author(result, served.site, MARA)
    assert result.stats["discovery/tagdiv_tab_unavailable"] == 1


def test_tagdiv_without_byline_links_pages_the_tab_and_asks_rest(web: dict[str, ServedSite], crawl) -> None:
    served = web["tagdiv"]
    for path, page in list(served.routes.items()):
        if isinstance(page, Page) and "td-post-author-name" in page.body:  # bylines as plain names, and a meta
            names = re.findall(r'<a href="[^"]*/author/[^"]*">([^<]*)</a>', page.body)
            body = re.sub(r'<a href="[^"]*/author/[^"]*">([^<]*)</a>', r"\1", page.body)
            body = body.replace("</head>", f'<meta name="author" content="{", ".join(names)}">\n</head>')
            served.routes[path] = Page(body, page.status, page.headers, page.content_type)
    result = crawl(url=seed_of(served.site, MARA))
    found = result.urls_by(MARA.name)
    # Without an archive, co-authored posts where Mara is second are out of reach; all her own are found.
    assert found == {article_url(served.site, a) for a in served.site.primary(MARA)}
    assert served.hits[AJAX] > 1  # the tab was paged
    assert not any(path.startswith("/author/") for path in served.hits)
