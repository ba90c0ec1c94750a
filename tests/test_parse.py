"""The worker's HTML parser: the trees trafilatura's loader makes, with plain element classes."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html, repair_faulty_html

from crawler.extraction.parse import parse_html, repaired

PAGE = "<!DOCTYPE html><html><head><title>T</title></head><body><form><input name=q></form><p>Hé {}</p></body></html>"


@pytest.mark.parametrize(
    "html",
    [
        PAGE.format("text"),
        PAGE.format("bytes").encode("utf-8"),
        PAGE.format("latin-1").replace("<head>", '<head><meta charset="iso-8859-1">').encode("iso-8859-1"),
        '<?xml version="1.0" encoding="utf-8"?>' + PAGE.format("declared"),
        "<html/>\n<body><p>self-closed root</p></body>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        + PAGE.format("xhtml").removeprefix("<!DOCTYPE html>"),
        PAGE.format("control\x0bcharacters\x1f and a non-character \ufffe"),
    ],
)
def test_parses_as_trafilatura_loads(html: str | bytes) -> None:
    ours, theirs = parse_html(html), load_html(html)
    assert ours is not None and theirs is not None
    assert etree.tostring(ours) == etree.tostring(theirs)


@pytest.mark.parametrize(
    ("html", "repairs"),
    [
        (PAGE.format("clean").replace("<html>", "\n<html>"), False),
        ('<!DOCTYPE html SYSTEM "about:legacy-compat"/>\n<html>', True),
        (PAGE.format("late \x0c"), True),
    ],
)
def test_a_page_is_repaired_only_where_trafilatura_would_change_it(html: str, repairs: bool) -> None:
    out = repaired(html, html[:50].lower())
    assert out == repair_faulty_html(html, html[:50].lower())
    assert (out is not html) is repairs


def test_every_element_is_a_plain_html_element() -> None:
    tree = parse_html(PAGE.format("forms"))
    assert {type(el) for el in tree.iter()} == {HtmlElement}
    assert tree.find(".//p").text_content() == "Hé forms"  # lxml.html's element methods are there


@pytest.mark.parametrize("html", ["", "plain words, no markup", "<p>a fragment</p>", b"\x00\x01\x02"])
def test_what_is_not_a_page_is_none(html: str | bytes) -> None:
    assert parse_html(html) is None
    assert load_html(html) is None


@pytest.mark.parametrize("end", ["</body></html>", "</BODY>\n</HTML>", "</html>"])
def test_a_document_closed_early_is_read_on_as_a_browser_does(end: str) -> None:
    # A theme whose header template closes the page: the article comes after </html>.
    html = f"<html><head><title>T</title></head><body><nav>Menu</nav>{end}\n<article><p>The article.</p></article>"
    tree = parse_html(html)
    assert tree.xpath("string(/html/body/article)") == "The article."
    assert load_html(html).find(".//article") is None  # what libxml2 alone keeps


def test_markup_after_the_last_end_tag_only_is_left_as_it_is() -> None:
    html = "<html><body><p>Text.</p></body></html>\n<!-- cached 12 ms -->\n"
    assert etree.tostring(parse_html(html)) == etree.tostring(load_html(html))
