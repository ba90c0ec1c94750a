"""The prose container named for trafilatura on themes whose content classes it does not know."""

from __future__ import annotations

from lxml import html as lxml_html

import crawler.extraction.body as body
from crawler.extraction.container import (
    adds_sentences,
    alone,
    discarded_containers,
    lost,
    lost_structure,
    prose_container,
    retains,
    unmark,
)
from crawler.extraction.record import extract_article

URL = "https://shop.test/blog/social-storefronts"


def _paragraph(i: int) -> str:
    return (f"<p>Paragraph {i} tells the reader about storefronts, checkout flows and the way shoppers"
            " find products on social platforms today.</p>")


def _section(heading: str, first: int, items: tuple[str, ...] = ()) -> str:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f"<h2>{heading}</h2>{_paragraph(first)}" + (f"<ul>{listed}</ul>" if listed else "") + _paragraph(first + 1)


ITEMS = ("Tagged products in posts and stories", "Checkout without leaving the app", "Live shopping with hosts")


def _page(content: str) -> str:
    return (
        "<html><head><title>Selling where shoppers scroll</title></head><body>"
        '<div class="site-header"><a href="/">Shop Co</a> <a href="/pricing">Pricing</a></div>'
        f"{content}"
        '<div class="site-footer"><p>Copyright 2025 Shop Co. All rights reserved.</p></div></body></html>'
    )


# A theme's own class names, none of which trafilatura's container search knows.
UNKNOWN_THEME = _page(
    '<section class="content-builder"><div class="wysiwyg large"><h1>Selling where shoppers scroll</h1>'
    f"{_paragraph(1)}{_section('How social storefronts work', 2, ITEMS)}{_section('Why brands care now', 4)}"
    "</div></section>"
)


def test_prose_container_holds_the_most_prose() -> None:
    tree = lxml_html.fromstring(UNKNOWN_THEME)
    container = prose_container(tree)
    assert container is not None and container.get("class") == "wysiwyg large"
    assert prose_container(lxml_html.fromstring("<html><body><p>Too short.</p></body></html>")) is None


def test_the_container_alone_is_a_page_of_a_copy_marked_as_the_article_body() -> None:
    container = prose_container(lxml_html.fromstring(UNKNOWN_THEME))
    assert container is not None
    page = alone(container)
    (marked,) = page.findall("body/div")
    assert marked.get("itemprop") == "articleBody" and marked is not container
    assert container.get("itemprop") is None and len(marked.findall("h2")) == 2
    # trafilatura reads the marker on a div, section, main or article only: a <header> container is a div alone.
    header = lxml_html.fromstring("<html><body><header class='rich-text'><p>Text.</p></header></body></html>")
    assert [el.tag for el in alone(header.find("body/header")).iter()] == ["html", "body", "div", "p"]


def test_lost_structure_counts_headings_and_items_missing_from_the_text() -> None:
    container = prose_container(lxml_html.fromstring(UNKNOWN_THEME))
    assert container is not None
    paragraphs_only = " ".join(p.text_content() for p in container.iter("p"))
    assert lost_structure(container, paragraphs_only)
    assert not lost_structure(container, " ".join(container.itertext()))


def test_retains_wants_nearly_all_of_the_first_text() -> None:
    first = "one two three four five six seven eight nine ten"
    assert retains(f"Heading {first} more words", first)
    assert not retains("one two three four five", first)
    assert not retains("anything", "")
    # Headings put between the paragraphs (the container read alone keeps them) take nothing away.
    paragraphs = ["the board met on tuesday", "the ferry runs at nine", "the fares rise in june"]
    assert retains("\n".join(f"Heading {i}\n{p}" for i, p in enumerate(paragraphs)), "\n".join(paragraphs))


def test_headings_and_lists_are_kept_on_a_theme_trafilatura_does_not_know(monkeypatch) -> None:
    text = extract_article(UNKNOWN_THEME, URL)["text"]
    assert "How social storefronts work" in text and "Why brands care now" in text
    assert all(item in text for item in ITEMS)
    assert text.count("Paragraph ") == 5
    # Without the named container, trafilatura's loose-paragraph fallback keeps the paragraphs only.
    monkeypatch.setattr(body, "prose_container", lambda tree: None)
    fallback = extract_article(UNKNOWN_THEME, URL)["text"]
    assert fallback.count("Paragraph ") == 5 and "How social storefronts work" not in fallback


def test_a_named_container_that_would_drop_paragraphs_is_not_taken(monkeypatch) -> None:
    # The article in two sibling blocks: the larger one alone would lose the other's paragraphs, so the
    # two readings disagree and the full cascade decides.
    split = _page(
        f'<div class="wysiwyg">{_paragraph(1)}{_paragraph(2)}{_section("First part", 3, ITEMS)}</div>'
        f'<div class="wysiwyg">{_section("Second part", 5)}{_paragraph(7)}</div>'
    )
    full_cascades = []
    body_of = body._body
    monkeypatch.setattr(body, "_body", lambda tree, url, fast: full_cascades.append(fast) or body_of(tree, url, fast))
    assert extract_article(split, URL)["text"].count("Paragraph ") == 7
    assert full_cascades == [False]
    full_cascades.clear()
    extract_article(UNKNOWN_THEME, URL)
    assert full_cascades == []


# The article wrapped in an element whose class holds one of trafilatura's boilerplate words as a substring
# (a page builder's "w-embed": "embed"; a theme's "page1-footer": "footer").
DISCARDED = _page(
    f'<main class="blog-main"><h1>Selling where shoppers scroll</h1>{_paragraph(1)}{_paragraph(2)}'
    f'<div class="page1-footer">{"".join(_paragraph(i) for i in range(3, 11))}</div>'
    '<div class="post-meta"><p>Filed under Commerce by the Shop Co team, who write about selling online.</p></div>'
    "</main>"
)


def test_discarded_container_is_the_discarded_element_with_most_of_the_prose() -> None:
    tree = lxml_html.fromstring(DISCARDED)
    containers = discarded_containers(tree)
    assert [c.get("class") for c in containers] == ["page1-footer"]
    assert lost(containers, "Selling where shoppers scroll") and not lost(containers, containers[0].text_content())
    unmark(containers)
    assert containers[0].get("class") is None and discarded_containers(tree) == []
    # Elements the discard patterns match that hold a little of the prose are boilerplate as meant.
    assert discarded_containers(lxml_html.fromstring(UNKNOWN_THEME)) == []


def test_an_article_in_a_discarded_container_is_kept(monkeypatch) -> None:
    text = extract_article(DISCARDED, URL)["text"]
    assert text.count("Paragraph ") == 10 and "Filed under" not in text
    monkeypatch.setattr(body, "discarded_containers", lambda tree: [])
    assert extract_article(DISCARDED, URL)["text"].count("Paragraph ") == 2


def test_a_listicle_split_over_discarded_slides_is_kept(monkeypatch) -> None:
    slides = "".join(
        f'<div class="listicle-slide"><h2>Pick {n}</h2>{_paragraph(2 * n + 2)}{_paragraph(2 * n + 3)}</div>'
        for n in range(1, 5)
    )
    intro = "".join(_paragraph(i) for i in range(1, 4))
    page = _page(f"<main><h1>Selling where shoppers scroll</h1>{intro}{slides}</main>")
    assert len(discarded_containers(lxml_html.fromstring(page))) == 4
    text = extract_article(page, URL)["text"]
    assert text.count("Paragraph ") == 11 and "Pick 4" in text
    # Without it, only the full cascade's second reading finds the slides; without both, nothing does.
    monkeypatch.setattr(body, "discarded_containers", lambda tree: [])
    assert extract_article(page, URL)["text"].count("Paragraph ") == 11
    monkeypatch.setattr(body, "_rest_of_article", lambda tree, url, first: first)
    assert extract_article(page, URL)["text"].count("Paragraph ") == 3


def test_related_posts_are_never_a_discarded_container() -> None:
    teasers = "".join(f'<div class="teaser">{_paragraph(i)}</div>' for i in range(10, 30))
    page = _page(f"<main><h1>Selling where shoppers scroll</h1>{_paragraph(1)}{_paragraph(2)}</main>"
                 f'<div class="related-posts">{teasers}</div>')
    assert discarded_containers(lxml_html.fromstring(page)) == []


def test_an_article_inside_a_popup_left_open_by_broken_markup_is_kept() -> None:
    # The newsletter popup's <aside> is never closed: the parser puts the whole page inside it, and trafilatura
    # deletes every <aside> with all it holds.
    page = (
        '<html><body><aside class="popup-overlay" id="popup-newsletter"><p>Join our newsletter!</p>'
        f"<main><h1>Selling where shoppers scroll</h1>{''.join(_paragraph(i) for i in range(1, 7))}</main>"
        "</body></html>"
    )
    (wrapper,) = discarded_containers(lxml_html.fromstring(page))
    assert wrapper.tag == "aside"
    unmark([wrapper])
    assert wrapper.tag == "div" and wrapper.get("id") is None
    assert extract_article(page, URL)["text"].count("Paragraph ") == 6


def test_a_retry_replaces_a_first_body_that_is_not_prose(monkeypatch) -> None:
    tree = lxml_html.fromstring(DISCARDED)
    meta_lines = "Home\nBlog\nPosted on\nNov 21, 2018\nReading time\n5 minutes\nWritten by\nEliza"
    prose = "\n".join(lxml_html.fromstring(_paragraph(i)).text_content() for i in range(1, 11))
    monkeypatch.setattr(body, "_body", lambda tree, url, fast: prose)
    assert body._undiscarded(tree, URL, meta_lines, fast=True) == prose
    # A first body of prose that the retry would not hold is kept.
    first = "\n".join(lxml_html.fromstring(_paragraph(i)).text_content() for i in (1, 2))
    monkeypatch.setattr(body, "_body", lambda tree, url, fast: meta_lines)
    assert body._undiscarded(lxml_html.fromstring(DISCARDED), URL, first, fast=True) == first


def test_a_body_run_together_in_one_line_goes_to_the_full_cascade(monkeypatch) -> None:
    # trafilatura's last resort on its fast path runs a whole container's text (captions, sign-up prompts,
    # teasers) into one line; its full cascade finds the paragraphs.
    lines = [lxml_html.fromstring(_paragraph(i)).text_content() for i in range(1, 11)]
    monkeypatch.setattr(body, "_fast_body", lambda *_: (" ".join(lines), body.SURE))
    cascades = []
    monkeypatch.setattr(body, "_body", lambda tree, url, fast: cascades.append(fast) or "\n".join(lines))
    assert extract_article(UNKNOWN_THEME, URL)["text"].count("\n") == 9 and cascades == [False]
    # The same words in paragraphs stay with the fast path.
    monkeypatch.setattr(body, "_fast_body", lambda *_: ("\n".join(lines), body.SURE))
    cascades.clear()
    extract_article(UNKNOWN_THEME, URL)
    assert cascades == []


def _tabbed_guide() -> str:
    def paragraph(section: int, i: int) -> str:
        return (f"<p>Section {section} part {i} explains what a renovation of this kind costs, which permits it"
                " needs and how long the work will take.</p>")

    tabs = "".join(
        f'<article class="tab-content" id="tab{n}"><h2>Step {n} of the guide</h2>'
        + "".join(paragraph(n, i) for i in (1, 2, 3)) + "</article>"
        for n in range(1, 6)
    )
    return _page(f'<div class="hero"><h1>House renovation costs</h1></div><div class="tabs">{tabs}</div>')


def test_an_article_in_tabs_is_read_whole(monkeypatch) -> None:
    text = extract_article(_tabbed_guide(), URL)["text"]
    assert all(f"Section {n} part 3" in text for n in range(1, 6))
    # trafilatura's fast path stops after the first tab.
    monkeypatch.setattr(body, "_rest_of_article", lambda tree, url, first: first)
    assert "Section 2 part 1" not in extract_article(_tabbed_guide(), URL)["text"]


def test_adds_sentences_wants_the_rest_of_an_article_not_excerpts() -> None:
    first = "\n".join(f"Paragraph {i} of the article says what it has to say in a full sentence." for i in range(3))
    rest = "Step two\nParagraph three goes on where the others stopped, in a sentence of its own.\n"
    assert adds_sentences(f"{first}\n{rest}", first)
    excerpts = "\n".join(f"Another post {i} begins the way posts begin and is cut off before it" for i in range(3))
    assert not adds_sentences(f"{first}\n{excerpts}", first)
    assert not adds_sentences(f"{first}\nStep two", first)  # adds no prose
    assert not adds_sentences(rest, first)  # replaces the first body


def test_an_article_split_over_sibling_blocks_is_read_from_the_block_that_holds_them(monkeypatch) -> None:
    # A guide's sections, each in its own block of a wrapper trafilatura does not know: the largest block alone
    # would lose the others, the loose paragraphs the headings; the wrapper holding every paragraph keeps all.
    split = _page(
        f'<div class="page-wrapper"><div class="wysiwyg">{_paragraph(1)}{_section("First part", 2, ITEMS)}</div>'
        f'<section class="ranking"><div class="wysiwyg">{_section("Second part", 4)}{_paragraph(6)}</div></section>'
        "</div>"
    )
    full_cascades = []
    body_of = body._body
    monkeypatch.setattr(body, "_body", lambda tree, url, fast: full_cascades.append(fast) or body_of(tree, url, fast))
    text = extract_article(split, URL)["text"]
    assert text.count("Paragraph ") == 6 and "First part" in text and "Second part" in text
    assert all(item in text for item in ITEMS) and "Copyright" not in text
    assert full_cascades == []


def test_the_containers_reading_stands_when_what_it_lacks_lies_outside_the_article(monkeypatch) -> None:
    # No container trafilatura knows: its loose paragraphs take the article and the footer's legal prose. The
    # article's container alone keeps the headings and leaves out what lies outside headline and article.
    legal = "".join(
        f"<p>By submitting this form you agree to be contacted by text message about our services, notice {i}.</p>"
        for i in range(3)
    )
    page = (
        "<html><head><title>Selling where shoppers scroll</title></head><body>"
        "<div class='top'><div class='hero'><h1>Selling where shoppers scroll</h1></div>"
        f'<div class="wysiwyg">{_paragraph(1)}{_section("How social storefronts work", 2, ITEMS)}'
        f'{_section("Why brands care now", 4)}</div></div><div class="legal">{legal}</div></body></html>'
    )
    full_cascades = []
    body_of = body._body
    monkeypatch.setattr(body, "_body", lambda tree, url, fast: full_cascades.append(fast) or body_of(tree, url, fast))
    text = extract_article(page, URL)["text"]
    assert "How social storefronts work" in text and all(item in text for item in ITEMS)
    assert text.count("Paragraph ") == 5 and "notice" not in text
    assert full_cascades == []


def test_an_accordions_panes_that_trafilatura_discards_are_read() -> None:
    # A theme's accordion whose wrapper's class holds "side" (as trafilatura's "sidebar" pattern reads it) and
    # whose panes are classed "hidden": the panes are the article's, a reader opens them.
    panes = "".join(
        f'<div class="kt-accordion-pane"><button>Question {i}</button><div class="kt-accordion-panel hidden">'
        f"<p>Answer {i} explains how the storefront handles returns, refunds and the shipping of orders.</p>"
        "</div></div>"
        for i in range(3)
    )
    page = _page(
        f'<article><h1>Selling where shoppers scroll</h1>{_paragraph(1)}{_section("How it works", 2, ITEMS)}'
        f'<div class="kt-accordion-wrap kt-icon-side-right">{panes}</div>{_paragraph(4)}</article>'
    )
    text = extract_article(page, URL)["text"]
    assert all(f"Answer {i} explains" in text for i in range(3)) and text.count("Paragraph ") == 4
    # An accordion of related posts stays out.
    related = page.replace("kt-accordion-wrap kt-icon-side-right", "related-posts-accordion hidden")
    assert "Answer 0 explains" not in extract_article(related, URL)["text"]
