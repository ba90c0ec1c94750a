"""Extraction of article records from HTML, in this process (the crawl runs it in a pool)."""

from __future__ import annotations

import pytest

from crawler.extraction.body import NoArticle, content_hash, word_count
from crawler.extraction.boilerplate import normalize_text
from crawler.extraction.record import extract_article
from tests.site.content import JANE, blog_site, wordpress_site
from tests.site.themes import article_url, render

BASE = "http://site.test"


def test_wordpress_record() -> None:
    site = wordpress_site()
    site.base_url = BASE
    article = site.primary(JANE)[2]
    url = article_url(site, article)
    html = render(site)[url.removeprefix(BASE)].body
    # Fetched through a tracking link: the record still carries the canonical URL.
    record = extract_article(html, url + "?utm_source=x", "more-from-author")
    assert record["canonical_url"] == url
    assert record["url"] == url + "?utm_source=x"
    assert record["title"] == article.title
    assert record["authors"] == ["Jane Doe"]
    assert record["author_url"] == f"{BASE}/author/jane-doe/"
    assert record["published"] == article.published.isoformat()
    assert record["text"].split() == " ".join(article.body).split()
    assert "More From Author" not in record["text"]
    assert record["discovered_via"] == "more-from-author"


def test_blog_record_has_no_headline_in_body() -> None:
    site = blog_site()
    site.base_url = BASE
    article = site.articles[0]
    url = article_url(site, article)
    record = extract_article(render(site)[url.removeprefix(BASE)].body, url)
    assert not record["text"].startswith(article.title)
    assert record["text"].split() == " ".join(article.body).split()
    assert record["published"] == article.published.isoformat()


def test_page_without_article() -> None:
    with pytest.raises(NoArticle):
        extract_article("<html><head><title>x</title></head><body></body></html>", BASE + "/x")
    with pytest.raises(NoArticle):
        extract_article("", BASE + "/x")
    # A navigation-only page gives a record of a word or two: validation drops it as too short.
    record = extract_article("<html><body><nav><a href='/'>Home</a></nav></body></html>", BASE + "/x")
    assert record["word_count"] < 5


def test_text_and_title_are_in_composed_unicode_form() -> None:
    decomposed = "Cafe\u0301 de l\u2019Ope\u0301ra"  # e + combining acute, as some pages write it
    paragraphs = "".join(f"<p>{decomposed} paragraph {i} " + "with words of the story " * 10 + "</p>" for i in range(3))
    page = f"<html><head><title>{decomposed}</title></head><body><article><h1>{decomposed}</h1>{paragraphs}"
    record = extract_article(page + "</article></body></html>", BASE + "/x")
    assert "Caf\u00e9 de l\u2019Op\u00e9ra paragraph 2" in record["text"]
    assert record["title"] == "Caf\u00e9 de l\u2019Op\u00e9ra"


def test_text_and_title_hold_no_soft_hyphens() -> None:
    # German public sites set a soft hyphen in every long word ("Mes&shy;sen&shy;ger&shy;diens&shy;te").
    shy = "Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein Raum"
    paragraphs = "".join(f"<p>{shy} Absatz {i} " + "mit den Worten der Meldung " * 10 + "</p>" for i in range(3))
    page = f"<html><body><article><h1>{shy}</h1>{paragraphs}</article></body></html>"
    record = extract_article(page, BASE + "/x")
    assert record["title"] == "Messengerdienste sind kein Raum"
    assert "Messengerdienste sind kein Raum Absatz 2" in record["text"] and "\u00ad" not in record["text"]


def test_no_line_of_the_text_ends_in_spaces() -> None:
    # A page's source layout: a line break in a paragraph, with the indent of the markup around it.
    lines = "".join(f"<p>Line {i} of the story, told slowly. " + "And then some more words. " * 8 + "<br>\n   "
                    f"The rest of paragraph {i}.   </p>" for i in range(3))
    text = extract_article(f"<html><body><article><h1>Layout</h1>{lines}</article></body></html>", BASE + "/x")["text"]
    assert "The rest of paragraph 2." in text
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Hello  World\n") == content_hash("hello world")
    assert content_hash("Hello World") != content_hash("Hello World!")
    assert normalize_text("\uff26\uff55\uff4c\uff4c width") == "full width"  # full-width letters


def test_chinese_and_japanese_words_are_counted_by_their_characters() -> None:
    from scrapy.exceptions import DropItem
    from scrapy.utils.test import get_crawler

    from pipelines.validate import ValidationPipeline

    assert word_count("Tides, cranes and freight.") == 4
    # One \\w+ token a sentence, as these scripts are written: counted two characters to a word.
    sentence = "\u6797\u6d77\u5199\u6f6e\u6c50\u8868\uff1a\u6e2f\u53e3\u548c\u8d27\u8fd0"  # 11 Han characters
    assert word_count(sentence) == 5 and word_count(f"Python 3 {sentence}") == 7
    crawler = get_crawler(settings_dict={"VALIDATE_MIN_WORDS": 50})
    crawler.stats.open_spider()
    validate = ValidationPipeline.from_crawler(crawler)
    url = "https://example.org/a"
    article = {"url": url, "canonical_url": url, "site": "example.org", "content_hash": "h"}
    chinese = "\n".join([sentence * 2] * 5)  # 110 characters: a short post, not a stub
    assert validate.process_item({**article, "text": chinese, "word_count": word_count(chinese)})
    with pytest.raises(DropItem):
        validate.process_item({**article, "text": sentence, "word_count": word_count(sentence)})


def test_dek_under_the_headline_is_not_body() -> None:
    body = "".join(f"<p>{p}</p>" for p in ("Body paragraph one " * 12, "Body paragraph two " * 12))
    for header in (
        '<header><h1>The Headline</h1><h2 class="dek">A dek sentence that summarises the whole story.</h2></header>',
        '<div class="head"><h1>The Headline</h1>'
        '<h2 class="article-subline">A dek sentence that summarises it.</h2></div>',
    ):
        page = f"<html><head><title>The Headline</title></head><body><article>{header}{body}</article></body></html>"
        text = extract_article(page, BASE + "/x")["text"]
        assert "dek sentence" not in text
        assert text.startswith("Body paragraph one")
    # A heading inside the body stays, and so does one in the headline's <header> with no dek class.
    page = f"<html><body><article><header><h1>T</h1></header>{body}<h2>Section two</h2>{body}</article></body></html>"
    assert "Section two" in extract_article(page, BASE + "/x")["text"]
    page = f"<html><body><article><header><h1>T</h1><h2>Why it matters</h2></header>{body}</article></body></html>"
    assert "Why it matters" in extract_article(page, BASE + "/x")["text"]
    # A theme that gives every section heading of the body a "subheadline" class: after a paragraph, a section.
    section = '<h3 class="article-subheadline">Section two</h3>'
    page = f"<html><body><article><h1>T</h1><div class=richtext>{body}{section}{body}</div></article></body></html>"
    assert "Section two" in extract_article(page, BASE + "/x")["text"]
    # A "subheading" class marks the body's section headings (Dotdash Meredith's sites), not a dek.
    section = '<h3 class="comp mntl-sc-block-subheading">Section two</h3>'
    page = f"<html><body><article><header><h1>T</h1></header>{body}{section}{body}</article></body></html>"
    assert "Section two" in extract_article(page, BASE + "/x")["text"]


def _paragraphs(name: str, count: int = 2) -> str:
    return "".join(f"<p>{name} paragraph {i} " + "with words of the story " * 10 + "</p>" for i in range(count))


def test_elements_styled_not_to_render_are_not_body() -> None:
    hidden = (
        '<div style="display: none" itemscope><div itemprop="datePublished">2019-11-19T08:57:40+01:00</div></div>'
        '<div style="visibility:hidden"><p>Modal text nobody sees on the page at all.</p></div>'
    )
    page = f"<html><body><article><h1>T</h1>{_paragraphs('Body')}{hidden}{_paragraphs('More')}</article></body></html>"
    text = extract_article(page, BASE + "/x")["text"]
    assert "2019-11-19" not in text and "Modal text" not in text
    assert "More paragraph 1" in text
    # The hidden attribute is not that: streamed rendering and closed FAQ answers hold article text there.
    streamed = f'<div hidden id="S:1"><h2>Second part</h2>{_paragraphs("Streamed")}</div>'
    page = f"<html><body><article><h1>T</h1>{_paragraphs('Body')}{streamed}</article></body></html>"
    assert "Streamed paragraph 1" in extract_article(page, BASE + "/x")["text"]
    # An article hidden until a script shows it is still the article.
    article = f"<article>{_paragraphs('Body', 4)}</article>"
    page = f'<html><body><h1>T</h1><div style="display:none">{article}</div></body></html>'
    assert "Body paragraph 3" in extract_article(page, BASE + "/x")["text"]
    # A gallery's slides, each hidden until its turn, hold the article together.
    slides = "".join(
        f'<div class="slide" style="display: none"><h2>{i}. Item {i}</h2>{_paragraphs(f"Slide {i}", 1)}</div>'
        for i in range(8)
    )
    page = f"<html><body><h1>T</h1>{_paragraphs('Intro', 1)}{slides}<div>Footer links</div></body></html>"
    text = extract_article(page, BASE + "/x")["text"]
    assert "Slide 7 paragraph 0" in text and "Slide 0 paragraph 0" in text


def _accordion(i: int, style: str, extra: str = "") -> str:
    return (f'<button aria-expanded="false" aria-controls="faq-{i}">Question {i}?</button>'
            f'<div id="faq-{i}" style="{style}" {extra}>{_paragraphs(f"Answer {i}", 1)}</div>')


def test_collapsed_sections_a_control_opens_are_body() -> None:
    # An accordion's panels and an FAQ's answers, collapsed until a reader opens them: article text.
    panels = _accordion(0, "display:none;") + _accordion(1, "height:0;overflow:hidden", 'aria-hidden="true"')
    menu = ('<button aria-controls="site-menu">Menu</button><div id="site-menu" style="display:none">'
            f'{_paragraphs("Menu", 1)}</div>')
    page = f"<html><body>{menu}<article><h1>T</h1>{_paragraphs('Body')}{panels}</article></body></html>"
    text = extract_article(page, BASE + "/x")["text"]
    assert "Answer 0 paragraph 0" in text and "Answer 1 paragraph 0" in text
    assert "Menu paragraph" not in text  # a menu's panel, before the headline, stays hidden
    # Hidden, with no control that opens it: not shown.
    page = f'<html><body><article><h1>T</h1>{_paragraphs("Body")}<div id="faq-0" style="display:none">' \
           f'{_paragraphs("Answer 0", 1)}</div></article></body></html>'
    assert "Answer 0 paragraph" not in extract_article(page, BASE + "/x")["text"]


def test_a_noscript_that_holds_the_page_is_read() -> None:
    article = f"<h1>T</h1>{_paragraphs('Body', 4)}"
    # Blogger's dynamic views: the post in <noscript>, a script renders it for readers with scripts.
    page = (
        f"<html><body><nav>{'<a href=/x>Archive link</a> ' * 20}</nav>"
        f"<div class=post><noscript>{article}</noscript></div></body></html>"
    )
    assert "Body paragraph 3" in extract_article(page, BASE + "/x")["text"]
    # An unclosed <div> inside a <noscript> puts the whole page in it.
    page = f'<html><body><noscript><div id="nojs"></noscript><div class=main>{article}</div></body></html>'
    assert "Body paragraph 3" in extract_article(page, BASE + "/x")["text"]
    # A noscript notice beside the article stays out of it.
    notice = "<noscript><p>" + "Please turn on JavaScript to see the comments on this page. " * 12 + "</p></noscript>"
    page = f"<html><body><article>{article}</article>{notice}</body></html>"
    text = extract_article(page, BASE + "/x")["text"]
    assert "Body paragraph 3" in text and "JavaScript" not in text


def test_other_posts_teasers_beside_the_article_are_not_body() -> None:
    teasers = "".join(
        f'<article><a href="{BASE}/other-{i}" rel="bookmark">Other {i}</a><p>Teaser {i} of another post, '
        "long enough to look like a paragraph of its own.</p></article>"
        for i in range(4)
    )
    page = f"<html><body><article><h1>T</h1>{_paragraphs('Body', 3)}</article><div>{teasers}</div></body></html>"
    text = extract_article(page, BASE + "/x")["text"]
    assert "Teaser" not in text and "Body paragraph 2" in text
    # A headline in a short featured box: the long article beside it is the one kept.
    page = (
        f"<html><body><article><h1>Featured</h1><p>Short.</p></article>"
        f"<article>{_paragraphs('Body', 4)}</article></body></html>"
    )
    assert "Body paragraph 3" in extract_article(page, BASE + "/x")["text"]
    # The body in an inner <article> of the headline's <article> is kept.
    page = f"<html><body><article><h1>T</h1><article>{_paragraphs('Body', 4)}</article></article></body></html>"
    assert "Body paragraph 3" in extract_article(page, BASE + "/x")["text"]


def test_fast_path_first_full_cascade_only_when_the_body_is_not_prose(monkeypatch) -> None:
    import crawler.extraction.body as body

    calls: list[bool] = []
    read, read_in_place = body.read, body.read_in_place

    def spy(tree, url, fast):
        calls.append(fast)
        return read(tree, url, fast)

    def spy_in_place(tree, url):
        calls.append(True)
        return read_in_place(tree, url)

    monkeypatch.setattr(body, "read", spy)
    monkeypatch.setattr(body, "read_in_place", spy_in_place)
    site = wordpress_site()
    site.base_url = BASE
    url = article_url(site, site.primary(JANE)[0])
    extract_article(render(site)[url.removeprefix(BASE)].body, url)
    assert calls == [True]
    calls.clear()
    menu = "".join(f"<li><a href='/s{i}'>Section number {i}</a></li>" for i in range(40))
    extract_article(f"<html><body><ul>{menu}</ul></body></html>", BASE + "/x")
    assert calls == [True, False]


_NO_DATE_PAGE = (
    "<html><head><title>Harbour cranes</title></head><body><main><h1>Harbour cranes</h1>{}"
    + "<p>The cranes of the old harbour were inspected again this season, one by one, by the port's crew.</p>" * 6
    + "</main><footer><p>\u00a9 2026 Portside Journal. All rights reserved.</p></footer></body></html>"
)


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("", None),  # only the copyright line's year: no date
        ("<p class='date'>January 1, 2024</p>", "2024-01-01"),  # the day written out is kept
        ("<p class='date'>March 3, 2024</p>", "2024-03-03"),
    ],
)
def test_a_copyright_year_is_not_a_publication_date(dateline: str, published: str | None) -> None:
    record = extract_article(_NO_DATE_PAGE.format(dateline), "http://site.test/harbour-cranes/")
    assert (record["published"] or None) == published


@pytest.mark.parametrize("written", ["Mon 01 January 2024", "January 01, 2024", "1 Jan 2024"])
def test_a_january_first_written_out_below_the_article_is_kept(written: str) -> None:
    # Pelican's and ABlog's post footers: the day away from the headline, found by htmldate's search.
    page = _NO_DATE_PAGE.replace("</main>", f"<p>Posted on <abbr class='published'>{written}</abbr></p></main>")
    assert extract_article(page, "http://site.test/harbour-cranes/")["published"] == "2024-01-01"


def test_text_around_scripts_styles_and_icons_is_kept() -> None:
    words = "with words of the story " * 10
    paragraph = (f"<p>Before the script {words}<script>var x = 1;</script>after the script {words}"
                 f"<svg><path d='M0 0'/></svg>after the icon {words}</p>")
    page = f"<html><body><article><h1>T</h1>{paragraph * 3}</article></body></html>"
    text = extract_article(page, BASE + "/x")["text"]
    assert "after the script" in text and "after the icon" in text
    assert "var x" not in text


def test_a_headings_permalink_sign_is_not_body_text() -> None:
    # Sphinx, MkDocs and many themes end every heading with a link to itself: "Section¶", "Section #".
    page = (f'<html><head><title>Tides</title></head><body><article><h1>Tides<a href="#tides">\u00b6</a></h1>'
            f'{_paragraphs("Intro")}<h2 id="s">Second section<a class="anchor" href="#s">#</a></h2>'
            f"{_paragraphs('Body')}</article></body></html>")
    record = extract_article(page, BASE + "/x")
    assert record["title"] == "Tides"
    assert "Second section" in record["text"].split("\n")


def test_the_canonical_link_names_the_page_before_og_url_wherever_each_sits() -> None:
    from parsel import Selector

    from crawler.extraction.metadata import canonical_url

    url = "https://example.org/2024/03/03/tides/"
    head = ('<meta property="og:url" content="https://example.org/2024/03/03/tides/index.html">'
            '<link rel="canonical" href="https://example.org/2024/03/03/tides/">')
    assert canonical_url(Selector(text=f"<html><head>{head}</head><body></body></html>"), url) == url
    og_only = '<meta property="og:url" content="/2024/03/03/tides">'
    assert canonical_url(Selector(text=f"<html><head>{og_only}</head></html>"), url) == url.rstrip("/")
    elsewhere = '<link rel="canonical" href="https://other.example.net/tides/">'
    assert canonical_url(Selector(text=f"<html><head>{elsewhere}</head></html>"), url) == url
