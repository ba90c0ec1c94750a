"""A page's metadata tags, read in one walk: the answers the XPath questions they replace gave."""

from __future__ import annotations

from parsel import Selector

from crawler.discovery.pagemeta import page_meta, read_meta
from crawler.extraction.parse import parse_html

PAGE = """<html lang="en-GB"><head><title> Cranes | Port </title>
<meta name="twitter:title" content="Cranes (share)"><meta property="og:title" content="Cranes">
<meta property="og:title"><meta name="author" content="Ada Okafor">
<link rel="Canonical" href="/cranes/"><meta property="og:url" content="https://port.example/cranes/">
<script type="application/ld+json">{"@graph": [{"@type": "Article", "headline": "Cranes"},
 {"@type": "Person", "name": "Ada Okafor"}]}</script>
<script type="application/ld+json">{not json</script>
</head><body><article><time datetime="2024-05-01">May 1</time></article><p>Text</p></body></html>"""


def test_contents_answer_as_the_xpath_union_in_document_order() -> None:
    sel = Selector(text=PAGE)
    meta = page_meta(sel)
    union = sel.xpath('//meta[@property="og:title"]/@content | //meta[@name="twitter:title"]/@content').getall()
    assert meta.contents(("property", "og:title"), ("name", "twitter:title")) == union == ["Cranes (share)", "Cranes"]
    assert meta.title == "Cranes | Port"
    assert meta.lang == "en-GB"
    assert [attrs["href"] for attrs in meta.links()] == ["/cranes/"]
    assert [el.get("datetime") for el in meta.times] == ["2024-05-01"]


def test_json_ld_is_parsed_once_with_its_graph_and_bad_json_left_out() -> None:
    sel = Selector(text=PAGE)
    objects = page_meta(sel).jsonld
    assert {obj.get("@type") for obj in objects} == {None, "Article", "Person"}
    assert page_meta(sel).jsonld is objects  # the same selector is read once


def test_a_tag_with_an_attribute_lxml_cannot_hand_back_is_still_read() -> None:
    meta = read_meta(Selector(text='<html><head><meta name="author" content="Ada Okafor"\x08></head></html>').root)
    assert meta.contents(("name", "author")) == ["Ada Okafor"]


def test_json_ld_wrapped_in_cdata_or_a_comment_is_read() -> None:
    person = '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Bruno Rodrigues"}]}'
    for wrapped in (f"<![CDATA[ {person} ]]>", f"//<![CDATA[\n{person}\n//]]>", f"<!-- {person} -->",
                    f"/*<![CDATA[*/ {person} /*]]>*/", f"{person};"):
        sel = Selector(text=f'<html><head><script type="application/ld+json">{wrapped}</script></head></html>')
        assert [obj["author"][0]["name"] for obj in page_meta(sel).jsonld] == ["Bruno Rodrigues"], wrapped


def test_a_title_pushed_out_of_the_head_is_read_but_not_a_pictures() -> None:
    # A PHP warning before <html>: the parser moves the head's tags into the body.
    page = ("<br />\n<b>Warning</b>: Cannot modify header information<br />\n<html><head>"
            "<meta charset='utf-8'><title>Malaga, the lively city</title></head><body><p>Text</p></body></html>")
    assert read_meta(parse_html(page)).title == "Malaga, the lively city"
    svg = "<html><head></head><body><svg><title>Search icon</title></svg><p>Text</p></body></html>"
    assert read_meta(parse_html(svg)).title == ""
    both = "<html><head><title>Cranes</title></head><body><svg><title>Icon</title></svg></body></html>"
    assert read_meta(parse_html(both)).title == "Cranes"
