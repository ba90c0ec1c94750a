"""Property tests: random and mutated HTML never makes discovery or extraction raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsel import Selector

from crawler.discovery.archives import archive_article_links, next_page_links
from crawler.discovery.blocks import more_from_elements
from crawler.discovery.feeds import author_feed_urls, read_feed, wp_author_id, wp_post_author, wp_post_links
from crawler.discovery.identity import byline_authors
from crawler.discovery.tagdiv import author_tabs, tab_links
from crawler.extraction.body import NoArticle
from crawler.extraction.record import extract_article
from tests.site.content import blog_site, wordpress_site
from tests.site.themes import Page, render
from tests.site.wp_themes import tagdiv_routes

BASE = "http://fuzz.example"


def _pages() -> list[str]:
    pages = []
    for site in (wordpress_site(), blog_site()):
        site.base_url = BASE
        pages += [p.body for p in render(site).values() if isinstance(p, Page) and p.body.lstrip().startswith("<")]
    tagdiv = wordpress_site()
    tagdiv.base_url = BASE
    tagdiv.theme = "tagdiv"
    pages += [p.body for p in list(tagdiv_routes(tagdiv).values())[:3] if isinstance(p, Page)]
    return pages


PAGES = _pages()
TAGS = ["<div>", "</div>", "<a href='/author/x/'>", "</a>", "<h2>More from this author</h2>", "<script>",
        "<!--", "]]>", "<p", "&#0;", "\x00", "<body class='author-9'>", "<link rel=next href=//evil>", "\ufffd",
        "<a rel=author href='javascript:x'>", "<meta name=author content=''>", "<a href='http://[bad'>"]


@st.composite
def mutated_html(draw: st.DrawFn) -> str:
    """A real fixture page, cut, spliced and sprinkled with broken markup."""
    page = draw(st.sampled_from(PAGES))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(page)))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            page = page[:at] + draw(st.sampled_from(TAGS)) + page[at:]
        elif choice == 1:
            page = page[:at] + page[at + draw(st.integers(0, 400)):]
        else:
            page = page[:at] + draw(st.text(max_size=40)) + page[at:]
    return page


HTML = st.one_of(mutated_html(), st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_discovery_never_raises(html: str) -> None:
    sel = Selector(text=html or "<html></html>")
    blocks = more_from_elements(sel, BASE + "/post/")
    byline_authors(sel, BASE + "/post/", blocks)
    archive_article_links(sel, BASE + "/author/x/")
    next_page_links(sel, BASE + "/author/x/")
    author_feed_urls(sel, BASE + "/author/x/")
    wp_author_id(sel)
    author_tabs(sel, BASE + "/post/")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_extraction_returns_a_record_or_no_article(html: str) -> None:
    try:
        record = extract_article(html, BASE + "/post/")
    except NoArticle:
        return
    assert isinstance(record["text"], str) and record["text"]
    assert record["word_count"] >= 0 and len(record["content_hash"]) == 64


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=500))
def test_feed_rest_and_tab_answers_never_raise(body: bytes) -> None:
    read_feed(body, BASE + "/feed/")
    wp_post_links(body, BASE + "/wp-json/wp/v2/posts")
    wp_post_author(body)
    tab_links(body, BASE + "/wp-admin/admin-ajax.php")
