"""trafilatura's pruning searches evaluated in Python select what trafilatura's XPath expressions select."""

from __future__ import annotations

import pytest
import trafilatura.xpaths
from lxml.etree import XPath

from crawler.extraction import prunepaths
from crawler.extraction.parse import parse_html
from crawler.extraction.prunepaths import STAND_INS, ElementSearch, python_paths
from tests.conftest import theme_pages

# Markup in every shape the searches read: the id before the class and after it, hiding styles, roles in capitals,
# comment lists, appended articles with and without a headline, teasers, captions, nested matches.
SHAPES = [
    '<div id="cookie-notice" class="x">consent</div>',
    '<div class="x" id="cookie-notice">class first: not the cookie test</div>',
    '<section class="sidebar"><div class="widget-area"><p class="meta">nested</p></div></section>',
    '<span id="share-bar">share</span><div role="Navigation">nav</div><div data-lp-replacement-content="">lp</div>',
    '<div data-component="MostPopularStories">popular</div><p class=" ad ">ad</p><div class="main-content">body</div>',
    '<aside aria-hidden="true">hidden</aside><b style="display: none">styled</b><i style="display:none">too</i>',
    '<div id="hiddenbox" style="x">id first</div><div style="x" id="hiddenbox">style first</div>',
    '<div class="reply-form" id="y">reply</div><div id="reply-7" class="y">reply id</div>',
    '<h3 class="comments-title">Comments</h3><p class="nocomments">closed</p><u class="hide-print">u</u>',
    '<div id="comments"><ol class="commentlist"><li>one</li></ol></div><ul id="comment-list"><li>a</li></ul>',
    '<ol class="post-comments"><li>b</li></ol><ol id="disqus_thread"><li>c</li></ol><div id="commentary">kept</div>',
    '<div class="infinite-scroll"><p>next post</p></div><div id="infinitescroll"><h1>Lead</h1></div>',
    '<section class="mvp-post-add-box"><h1>Appended</h1></section>',
    '<aside class="elementor-share-buttons">share</aside><div class="elementor-widget">body</div>',
    '<div class="Teaser">teaser</div><span id="homeTeaser">teaser</span><p class="caption">a caption</p>',
    '<div id="fig-caption">caption by id</div><div class="content"><p>The article itself.</p></div>',
]
PAGE = "<html><body><main><h1>Title</h1>" + "".join(SHAPES) + "</main></body></html>"


def test_every_search_stands_in_on_the_pinned_trafilatura() -> None:
    # A trafilatura whose expressions differ keeps its own (a bump fails here, to have the searches checked again).
    assert len(STAND_INS) == len(prunepaths._SEARCHES)


@pytest.mark.parametrize("stand_in", STAND_INS, ids=lambda stand_in: stand_in[2].name)
@pytest.mark.parametrize("html", [PAGE, *theme_pages("http://site.test", 8)], ids=lambda html: str(len(html)))
def test_a_search_selects_what_trafilatura_selects(stand_in: tuple[list, int, ElementSearch], html: str) -> None:
    expressions, index, search = stand_in
    tree = parse_html(html)
    assert tree is not None
    for root in (tree, next(tree.iter("main", "article"))):  # below the page, and below one of its elements
        assert search(root) == expressions[index](root)


def test_the_shapes_page_gives_every_search_something_to_find() -> None:
    tree = parse_html(PAGE)
    assert all(search(tree) for _, _, search in STAND_INS)


def test_the_first_written_of_two_attributes_is_the_one_read() -> None:
    tree = parse_html(PAGE)
    blocks = trafilatura.xpaths.OVERALL_DISCARD_XPATH
    search = next(search for expressions, index, search in STAND_INS if expressions is blocks and index == 0)
    texts = [element.text for element in search(tree)]
    assert "consent" in texts
    assert "class first: not the cookie test" not in texts


def test_trafilatura_prunes_with_its_own_searches_outside_the_block() -> None:
    lists = [expressions for expressions, _, _ in STAND_INS]
    with python_paths():
        assert all(isinstance(expressions[index], ElementSearch) for expressions, index, _ in STAND_INS)
    assert all(isinstance(expression, XPath) for expressions in lists for expression in expressions)


def test_an_expression_other_than_the_one_written_for_keeps_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = [XPath(".//*[self::div][contains(@class, 'teaser')]")]
    monkeypatch.setattr(trafilatura.xpaths, "TEASER_DISCARD_XPATH", changed)
    assert all(expressions is not changed for expressions, _, _ in prunepaths._stand_ins())
    assert len(prunepaths._stand_ins()) == len(prunepaths._SEARCHES) - 1
