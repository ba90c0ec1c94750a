"""trafilatura's reading of a tree: in place (no copy) as it reads a copy, and a page read again after it."""

from __future__ import annotations

from copy import deepcopy

import pytest
from lxml import etree

from crawler.extraction.parse import parse_html
from crawler.extraction.reading import element_count, read, read_in_place, text_of
from crawler.extraction.record import extract_article
from tests.conftest import theme_pages

BASE = "http://site.test"

SENTENCES = [
    "The ferry left the harbour at dawn, carrying forty passengers and a cargo of timber for the island's mill.",
    "Its captain, who had made the crossing for twenty years, said the sea was calmer than it had been all spring.",
    "On arrival the passengers walked up the hill to the village, where the market had opened an hour earlier.",
    "By noon the timber was stacked beside the mill, and the ferry had turned back towards the mainland again.",
]


def _article_page(wrapper_class: str) -> str:
    """A post whose paragraphs sit in a wrapper of the given class, with a comment section under it."""
    paragraphs = "".join(f"<p>{sentence} {sentence}</p>" for sentence in SENTENCES)
    return (
        "<html><head><title>The ferry</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main><h1>The ferry</h1><div class='{wrapper_class}'><div class='post-body'>{paragraphs}</div></div>"
        "<div id='comments'><p>First comment: what a crossing, and what a morning it was for everyone.</p></div>"
        "</main><footer><p>Copyright the Island Courier</p></footer></body></html>"
    )


@pytest.mark.parametrize("html", [*theme_pages(BASE, 12), _article_page("entry")], ids=lambda html: str(len(html)))
def test_reading_in_place_reads_as_a_copy_is_read(html: str) -> None:
    tree = parse_html(html)
    assert tree is not None
    before = etree.tostring(tree)
    kept = read(tree, f"{BASE}/post", fast=True)
    assert etree.tostring(tree) == before  # ``read`` leaves the tree as it was
    in_place = read_in_place(deepcopy(tree), f"{BASE}/post")
    assert text_of(in_place) == text_of(kept)
    if kept is not None and in_place is not None:
        assert etree.tostring(in_place.body) == etree.tostring(kept.body)


def test_reading_in_place_prunes_the_tree() -> None:
    tree = parse_html(_article_page("entry"))
    assert tree is not None
    size = element_count(tree)
    read_in_place(tree, f"{BASE}/post")
    assert tree.find(".//div[@id='comments']") is None
    assert element_count(tree) < size


def test_the_page_is_read_again_where_trafilatura_pruned_its_article() -> None:
    # The post's wrapper is classed as trafilatura's comment sections are ("commentOnSelection": a forum's
    # "comment on the selected text"): its first reading prunes the wrapper, the container search reads it again.
    text = extract_article(_article_page("commentOnSelection"), f"{BASE}/post")["text"]
    assert all(sentence in text for sentence in SENTENCES)
    assert "First comment" not in text
