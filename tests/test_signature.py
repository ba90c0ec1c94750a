"""The author's name signed in bold under the article's last paragraph (crawler.discovery.signature)."""

from __future__ import annotations

from parsel import Selector

from crawler.discovery.identity import byline_authors
from crawler.discovery.signature import signature_votes

PROSE = "<p>" + " ".join(["Tappara Tampere plays at Rögle next week for the title of the season."] * 3) + "</p>"
URL = "https://news.example.de/artikel/2022/02/01/halbfinale"


def names(body: str) -> list[str]:
    return [b.name for b in byline_authors(Selector(text=f"<html><body>{body}</body></html>"), URL)]


def test_a_bold_name_after_the_last_paragraph_signs_the_article() -> None:
    assert names(f"<h1>Halbfinale</h1>{PROSE}{PROSE}<p><b><i>Stefan Wasmer</i></b></p>") == ["Stefan Wasmer"]


def test_a_bold_name_that_is_no_signature() -> None:
    # Prose after it: a bold line in the story (an interviewee's turn), not the signature.
    assert names(f"<h1>Halbfinale</h1>{PROSE}<p><strong>Jane Doe</strong></p>{PROSE}") == []
    # After a caption or a list's line, not after the story's prose.
    assert names("<h1>Halbfinale</h1><p>Photo: AP</p><p><b>Jane Doe</b></p>") == []
    # Not set apart in bold, or more than a name.
    assert names(f"<h1>Halbfinale</h1>{PROSE}<p>Jane Doe</p>") == []
    assert names(f"<h1>Halbfinale</h1>{PROSE}<p><b>Jane Doe</b> reports from Berlin</p>") == []
    # Not a person's name: a desk or a topic.
    assert names(f"<h1>Halbfinale</h1>{PROSE}<p><b>Weitere Themen</b></p>") == []


def test_a_byline_elsewhere_is_heard_first() -> None:
    body = f'<h1>Halbfinale</h1><p class="byline">By Ada Okafor</p>{PROSE}<p><b>Stefan Wasmer</b></p>'
    assert names(body) == ["Ada Okafor"]


def test_two_signatures_that_disagree_sign_nothing() -> None:
    root = Selector(text=f"<html><body>{PROSE}<p><b>Stefan Wasmer</b></p><div>{PROSE}<p><b>Jane Doe</b></p></div>"
                    "</body></html>").root
    assert signature_votes(root, []) == []
