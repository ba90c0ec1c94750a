"""A page streamed by React's server rendering read in the order its reader sees (crawler.extraction.streamed)."""

from __future__ import annotations

from lxml import etree

from crawler.extraction.parse import parse_html
from crawler.extraction.record import extract_article

LEAD = "".join(
    f"<p>The harbour board met on Tuesday to weigh the new ferry timetable, paragraph {i} of the lead.</p>"
    for i in range(4)
)
LATER = "".join(
    f"<p>Later in the meeting the board turned to the cost of dredging the channel, point {i} of many.</p>"
    for i in range(6)
)


def _page(article: str, tail: str) -> str:
    return (
        "<html><head><title>Ferry timetable</title></head><body><main><article><h1>Ferry timetable</h1>"
        f"{article}</article></main><footer>Harbour News</footer>{tail}</body></html>"
    )


def _text(html: str) -> str:
    return " ".join(etree.XPath("string(//article)")(parse_html(html)).split())


def test_a_boundarys_part_replaces_its_fallback() -> None:
    html = _page(
        f'{LEAD}<!--$?--><template id="B:0"></template><div class="skeleton">Loading paragraph...</div><!--/$-->',
        f'<div hidden id="S:0">{LATER}</div><script>$RC("B:0","S:0")</script>',
    )
    text = _text(html)
    assert "point 5 of many" in text and "Loading" not in text
    assert text.index("paragraph 3 of the lead") < text.index("point 0 of many")


def test_a_segments_part_takes_its_placeholders_place() -> None:
    html = _page(f'{LEAD}<div><template id="P:3"></template></div>',
                 f'<div hidden id="S:3">{LATER}</div><script>$RS("S:3","P:3")</script>')
    assert "point 0 of many" in _text(html)
    assert parse_html(html).find(".//template") is None


def test_a_fallback_holding_a_nested_boundary_is_replaced_whole() -> None:
    nested = '<!--$?--><template id="B:0"></template><div>Loading image...</div><!--/$-->'
    html = _page(
        f'{LEAD}<!--$?--><template id="B:1"></template><div>Loading...</div>{nested}<span>spinner</span><!--/$-->',
        f'<div hidden id="S:1">{LATER}</div><script>$RC("B:1","S:1")</script>',
    )
    text = _text(html)
    assert "point 0 of many" in text and "Loading" not in text and "spinner" not in text


def test_a_page_saved_without_its_scripts_and_comments() -> None:
    # Parts go to the placeholders of their numbers; a wordless skeleton is the fallback, a paragraph is not.
    html = _page(
        f'{LEAD}<template id="B:0"></template><div>Loading paragraph...</div>'
        '<template id="B:1"></template><p>The chair closed the meeting before the vote on the new ferry.</p>',
        '<div hidden id="S:1"><p>Before the vote, one member asked for a delay.</p></div>'
        f'<div hidden id="S:0">{LATER}</div>',
    )
    text = _text(html)
    assert "Loading" not in text and "The chair closed the meeting" in text
    assert text.index("point 5 of many") < text.index("asked for a delay") < text.index("The chair closed")


def test_a_page_not_streamed_is_read_as_sent() -> None:
    html = _page(LEAD + '<div hidden id="X:0">Not a streamed part</div>', "")
    assert "paragraph 0 of the lead" in _text(html)
    assert parse_html(html).find(".//div[@hidden]") is not None


def test_the_streamed_sections_are_in_the_article_body() -> None:
    html = _page(
        f'{LEAD}<!--$?--><template id="B:0"></template><div>Loading paragraph...</div><!--/$-->',
        f'<div hidden id="S:0">{LATER}</div><script>$RC("B:0","S:0")</script>',
    )
    text = extract_article(html, "https://news.example.org/ferry")["text"]
    assert "point 5 of many" in text and "paragraph 0 of the lead" in text


def test_a_post_in_a_container_named_for_comments_on_it_is_the_body() -> None:
    # "commentOnSelection": a post its readers can annotate, which trafilatura prunes as a comments section.
    post = f'<div class="commentOnSelection"><div id="postContent">{LEAD}{LATER}</div></div>'
    comments = "<div class='comments'>" + "<p>Great post, thanks for writing it up at such length!</p>" * 3 + "</div>"
    html = (f"<html><body><div class='header'><h1>Ferry timetable</h1><span>by Jane Roe</span></div>{post}"
            f"{comments}</body></html>")
    text = extract_article(html, "https://forum.example.org/posts/ferry")["text"]
    assert "point 5 of many" in text and "Great post" not in text


def test_a_part_placed_inside_itself_is_left_as_sent() -> None:
    # A malformed page: the boundary sits inside its own part. Nothing is moved, and nothing is lost.
    html = _page(LEAD, f'<div hidden id="S:0">{LATER}<!--$?--><template id="B:0"></template><!--/$--></div>'
                       '<script>$RC("B:0","S:0")</script>')
    tree = parse_html(html)
    assert "point 5 of many" in etree.XPath("string(//div[@id='S:0'])")(tree)
