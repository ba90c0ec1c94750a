"""Same-author link discovery on rendered fixture pages and hand-written snippets, without a reactor."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.discovery.archives import archive_article_links, next_page_links
from crawler.discovery.blocks import more_from_author_blocks
from crawler.discovery.identity import Byline, byline_authors
from crawler.urls import normalize_url
from tests.site.content import BOB, CARLA, JANE, JOHN, blog_site, wordpress_site
from tests.site.themes import article_url, render

BASE = "http://site.test"


def page(site, path: str) -> Selector:
    return Selector(text=render(site)[path].body)


@pytest.fixture
def wp():
    site = wordpress_site()
    site.base_url = BASE
    return site


@pytest.fixture
def blog():
    site = blog_site()
    site.base_url = BASE
    return site


def test_wordpress_article(wp) -> None:
    article = wp.primary(JANE)[1]
    url = article_url(wp, article)
    sel = page(wp, url.removeprefix(BASE))
    # The byline only: not the commenter (vcard in comments), not the related posts' bylines.
    assert byline_authors(sel, url) == [Byline("Jane Doe", f"{BASE}/author/jane-doe/")]
    blocks = more_from_author_blocks(sel, url)
    assert len(blocks) == 1 and blocks[0].author_name is None
    links = set(blocks[0].links)
    jane_urls = {normalize_url(article_url(wp, a)) for a in wp.primary(JANE)}
    # Tracking parameters are gone; the shortlink stays a link of its own (dedup folds it by canonical).
    assert {link for link in links if "?p=" not in link} <= jane_urls
    assert len(links) == 4
    assert not any("utm_" in link for link in links)


def test_coauthored_byline_keeps_order(wp) -> None:
    article = next(a for a in wp.articles if a.authors == [JOHN, JANE])
    url = article_url(wp, article)
    names = [b.name for b in byline_authors(page(wp, url.removeprefix(BASE)), url)]
    assert names == ["John Roe", "Jane Doe"]


def test_wordpress_archive_and_pagination(wp) -> None:
    url = f"{BASE}/author/jane-doe/"
    sel = page(wp, "/author/jane-doe/")
    links = archive_article_links(sel, url)
    listed = [normalize_url(article_url(wp, a)) for a in wp.by(JANE)][: wp.per_page]
    # The archive's own list, in order; not the sidebar's "Recent Posts", tags or the home link.
    assert links == listed
    assert next_page_links(sel, url) == [f"{BASE}/author/jane-doe/page/2/"]
    last = page(wp, "/author/jane-doe/page/3/")
    assert next_page_links(last, f"{BASE}/author/jane-doe/page/3/") == []


def test_blog_article_and_archive(blog) -> None:
    article = next(a for a in blog.articles if a.authors == [BOB, CARLA])
    url = article_url(blog, article)
    sel = page(blog, url.removeprefix(BASE))
    assert byline_authors(sel, url) == [
        Byline("Bob Smith", f"{BASE}/authors/bob-smith"),
        Byline("Carla Díaz", f"{BASE}/authors/carla-diaz"),
    ]
    blocks = more_from_author_blocks(sel, url)
    # "More from this author" (a heading, no theme class) is found; "You might also like" is not.
    assert len(blocks) == 1
    others = [a for a in blog.primary(BOB) if a is not article][:4]
    assert blocks[0].links == tuple(normalize_url(article_url(blog, a)) for a in others)
    archive = page(blog, "/authors/bob-smith")
    assert archive_article_links(archive, f"{BASE}/authors/bob-smith") == [
        normalize_url(article_url(blog, a)) for a in blog.by(BOB)[:3]
    ]
    assert next_page_links(archive, f"{BASE}/authors/bob-smith") == [f"{BASE}/authors/bob-smith?page=2"]


def _html(body: str, head: str = "") -> Selector:
    return Selector(text=f"<html><head>{head}</head><body>{body}</body></html>")


def test_numbered_pagination_leads_to_the_page_after_the_current_one() -> None:
    url = f"{BASE}/blog/author/jane/page/2/"
    pages = ('<nav class="pagination"><a href="../../">1</a> <span class="current">2</span> '
             '<a href="../3/">3</a> <a href="../4/">4</a></nav>')
    assert next_page_links(_html(f"<main>{pages}</main>"), url) == [f"{BASE}/blog/author/jane/page/3/"]
    # WordPress's numbers mark the page shown with aria-current; on the last page, no number follows it.
    last = '<a class="page-numbers" href="../2/">2</a> <span aria-current="page" class="page-numbers">3</span>'
    assert next_page_links(_html(f"<main>{last}</main>"), url) == []
    # Numbers with no page marked as the one shown (a list of chapters, a calendar) lead nowhere.
    assert next_page_links(_html('<main><a href="/x/2/">2</a> <a href="/x/3/">3</a></main>'), url) == []


def test_a_plain_dated_list_of_posts_is_an_archives_list() -> None:
    url = f"{BASE}/authors/jane-doe/"
    items = "".join(f'<li><time datetime="2024-0{i}-01">2024-0{i}-01</time><a href="/posts/p{i}/">Post {i}</a>'
                    f' <a href="/categories/misc/">misc</a></li>' for i in range(1, 4))
    page = (f'<nav><ul><li><a href="/archive.html">Archives</a></li><li><a href="/rss.xml">RSS</a></li></ul></nav>'
            f"<article><h1>Posts by Jane Doe</h1><ul class=\"postlist\">{items}</ul></article>")
    assert archive_article_links(_html(page), url) == [f"{BASE}/posts/p{i}/" for i in range(1, 4)]
    # Undated items (a menu, a list of tags) are no list of posts.
    undated = page.replace("<time", "<span").replace("</time>", "</span>")
    assert archive_article_links(_html(undated), url) == []


def test_an_entry_whose_title_links_nowhere_gives_the_link_labelled_with_it() -> None:
    # Hugo's PaperMod: the title is plain text, the card's overlay link carries it in its aria-label.
    url = f"{BASE}/authors/jane-doe/"
    entries = "".join(
        f'<article class="post-entry"><header class="entry-header"><h2>Tide tables, part {i}</h2></header>'
        f'<div class="entry-content"><p>Summary {i}.</p></div><footer class="entry-footer">'
        f'<a href="/tags/harbour/">harbour</a></footer><a class="entry-link" aria-label="post link to Tide tables, '
        f'part {i}" href="/posts/tides-{i}/"></a></article>' for i in range(1, 4))
    assert archive_article_links(_html(f"<main>{entries}</main>"), url) == [f"{BASE}/posts/tides-{i}/"
                                                                           for i in range(1, 4)]
    # Ghost's Casper: the link wraps the title's heading (after an image link whose alt is the title).
    cards = "".join(
        f'<article class="post-card post"><a class="post-card-image-link" href="/p{i}/"><img alt="Tides {i}"></a>'
        f'<div class="post-card-content"><a class="post-card-content-link" href="/p{i}/"><header><h2 '
        f'class="post-card-title">Tides {i}</h2></header></a></div></article>' for i in range(1, 3))
    assert archive_article_links(_html(f"<main>{cards}</main>"), url) == [f"{BASE}/p1/", f"{BASE}/p2/"]
    # A link that does not carry the title (a tag, "Read more") is not the entry's.
    unlabelled = entries.replace('aria-label="post link to Tide tables, part', 'aria-label="read more, number')
    assert archive_article_links(_html(f"<main>{unlabelled}</main>"), url) == []


def test_named_heading_gives_the_blocks_author() -> None:
    sel = _html('<div><h3>More by Jane Doe</h3><ul><li><a href="/a/">A</a></li><li><a href="/b/">B</a></li></ul></div>')
    [block] = more_from_author_blocks(sel, BASE + "/x/")
    assert block.author_name == "Jane Doe"
    assert block.links == (f"{BASE}/a/", f"{BASE}/b/")


@pytest.mark.parametrize(
    "heading", ["Related Posts", "More from Technology related", "You might also like", "Trending now", "Recent posts"]
)
def test_headings_that_are_not_more_from_author(heading: str) -> None:
    sel = _html(f'<section><h2>{heading}</h2><ul><li><a href="/a/">A</a></li></ul></section>')
    blocks = more_from_author_blocks(sel, BASE + "/x/")
    assert all(block.author_name for block in blocks)  # at most a named block, which the spider checks


def test_wrapped_heading_and_other_sites_links() -> None:
    sel = _html(
        '<div class="box"><div class="title"><h4>More from this author</h4></div>'
        '<ul><li><a href="/a/">A</a></li><li><a href="https://elsewhere.test/b/">B</a></li>'
        '<li><a href="/author/jane/">Jane</a></li></ul></div>'
    )
    [block] = more_from_author_blocks(sel, BASE + "/x/")
    assert block.links == (f"{BASE}/a/",)


def test_byline_from_json_ld_and_meta_when_no_links() -> None:
    ld = (
        '{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Ana Lima","url":"/people/ana-lima"}}]}'
    )
    sel = _html("<article><p>Text</p></article>", head=f'<script type="application/ld+json">{ld}</script>')
    assert byline_authors(sel, BASE + "/x/") == [Byline("Ana Lima", f"{BASE}/people/ana-lima")]
    sel = _html("<article><p>Text</p></article>", head='<meta name="author" content="Jane Doe and John Roe">')
    assert byline_authors(sel, BASE + "/x/") == [Byline("Jane Doe"), Byline("John Roe")]


def test_names_in_more_from_and_sidebar_blocks_are_not_bylines() -> None:
    sel = _html(
        '<article><p class="byline">By <a href="/author/jane/">Jane Doe</a></p><p>Text</p></article>'
        '<div class="author-posts"><h3>More From Author</h3><ul><li><a href="/p/">P</a>'
        ' by <a href="/author/max/" rel="author">Max Other</a></li></ul></div>'
        '<aside><a rel="author" href="/author/trend/">Trending Writer</a></aside>'
    )
    assert byline_authors(sel, BASE + "/x/") == [Byline("Jane Doe", f"{BASE}/author/jane/")]


def test_broken_markup_does_not_raise() -> None:
    for text in ["", "<html", "<a href='http://[bad'>x</a>", "<script type='application/ld+json'>{bad</script>"]:
        sel = Selector(text=text or "<html></html>")
        assert isinstance(byline_authors(sel, BASE), list)
        assert isinstance(more_from_author_blocks(sel, BASE), list)
        assert isinstance(archive_article_links(sel, BASE), list)
        assert isinstance(next_page_links(sel, BASE), list)


def test_byline_section_links_and_publishers_are_not_authors() -> None:
    ld = (
        '{"@type":"NewsArticle","author":[{"@type":"Person","name":"Mike Wall"},'
        '{"@type":"Organization","name":"Space Media"}]}'
    )
    sel = _html(
        '<article><div class="byline">By <a href="/author/mike-wall">Mike Wall</a> in '
        '<a href="/science-astronomy">Science &amp; Astronomy</a> <a href="/">Home</a>'
        '<a href="https://twitter.com/intent/tweet?x">Share</a></div><p>Text</p></article>',
        head=f'<script type="application/ld+json">{ld}</script><meta name="author" content="Publisher Inc">',
    )
    assert byline_authors(sel, BASE + "/x/") == [Byline("Mike Wall", f"{BASE}/author/mike-wall")]


def test_german_author_pages_are_author_links() -> None:
    sel = _html('<article><p class="byline">Von <a href="/autoren/tanza-loudenback">Tanza Loudenback</a></p></article>')
    assert byline_authors(sel, BASE + "/x/") == [Byline("Tanza Loudenback", f"{BASE}/autoren/tanza-loudenback")]


@pytest.mark.parametrize(
    "heading",
    [
        "More From Author", "More from this author", "Other posts by the author", "MORE FROM THE WRITER",
        "Plus de l'auteur", "Du même auteur", "Autres articles de l\u2019auteur",
        "Mehr vom Autor", "Weitere Artikel des Autors", "Artikel dieses Autors",
        "Más del autor", "Otros artículos de este autor", "Del mismo autor",
        "Mais do autor", "Outros artigos deste autor", "Do mesmo autor",
        "Altri articoli dell'autore", "Dello stesso autore",
    ],
)
def test_generic_more_from_headings_in_six_languages(heading: str) -> None:
    sel = _html(f'<div><h3>{heading}</h3><ul><li><a href="/a/">A</a></li></ul></div>')
    [block] = more_from_author_blocks(sel, BASE + "/x/")
    assert block.author_name is None and block.links == (f"{BASE}/a/",)


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("More by Jane Doe", "Jane Doe"), ("Also by Jane Doe:", "Jane Doe"), ("Plus de Jeanne Dupont", "Jeanne Dupont"),
        ("Weitere Artikel von Hans Müller", "Hans Müller"), ("Más de Carla Díaz", "Carla Díaz"),
        ("Outros artigos de Ana Lima", "Ana Lima"), ("Altri articoli di Marco Rossi", "Marco Rossi"),
    ],
)
def test_named_more_from_headings(heading: str, name: str) -> None:
    sel = _html(f'<div><h3>{heading}</h3><ul><li><a href="/a/">A</a></li></ul></div>')
    [block] = more_from_author_blocks(sel, BASE + "/x/")
    assert block.author_name == name


def test_names_in_comment_blocks_are_not_bylines() -> None:
    sel = _html(
        '<article><p class="byline">By <a href="/author/jane/" rel="author">Jane Doe</a></p><p>Text</p></article>'
        '<section id="comments"><ol class="comment-list"><li class="comment"><article class="comment-body">'
        '<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">'
        '<a href="https://max.example/" class="url" rel="author external">Max Commenter</a></b></div>'
        '<span class="author">Posted by Ola Reader</span></footer><p>Nice post.</p></article></li></ol></section>'
    )
    assert byline_authors(sel, BASE + "/x/") == [Byline("Jane Doe", f"{BASE}/author/jane/")]
