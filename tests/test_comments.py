"""The post's author named by the comments WordPress marks as theirs (``bypostauthor``)."""

from __future__ import annotations

from lxml import html
from parsel import Selector

from crawler.discovery.comments import comment_name
from crawler.discovery.identity import byline_authors

PAGE = "https://blog.example.org/2024/05/harbour-cranes/"

# WordPress's comment list as its default walker prints it: the post author's reply nested in a reader's comment.
COMMENTS = """
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on “Harbour cranes”</h2>
<ol class="comment-list">
 <li id="comment-7" class="comment even thread-even depth-1 parent">
  <article id="div-comment-7" class="comment-body"><footer class="comment-meta">
   <div class="comment-author vcard"><b class="fn">Rosa Ibarra</b> <span class="says">says:</span></div></footer>
   <div class="comment-content"><p>Lovely pictures of the cranes.</p></div></article>
  <ol class="children">
   <li id="comment-8" class="comment byuser comment-author-ada bypostauthor odd alt depth-2">
    <article id="div-comment-8" class="comment-body"><footer class="comment-meta">
     <div class="comment-author vcard"><b class="fn"><a href="https://ada.example" class="url">Ada Okafor</a></b>
     <span class="says">says:</span></div></footer>
     <div class="comment-content"><p>Thank you, Rosa!</p></div></article>
   </li>
  </ol>
 </li>
</ol></div>"""


def names(body: str) -> list[str]:
    page = f"<html><head><title>Harbour cranes</title></head><body>{body}</body></html>"
    return [byline.name for byline in byline_authors(Selector(text=page), PAGE)]


def test_theme_without_byline_named_by_the_authors_reply() -> None:
    body = f"<main><article><h1>Harbour cranes</h1><p>The cranes work all night.</p></article>{COMMENTS}</main>"
    assert names(body) == ["Ada Okafor"]


def test_readers_comments_name_nobody() -> None:
    reader_only = COMMENTS.replace(" bypostauthor", "")
    body = f"<main><article><h1>Harbour cranes</h1><p>The cranes work all night.</p></article>{reader_only}</main>"
    assert names(body) == []


def test_the_reply_agrees_with_the_byline() -> None:
    body = (f'<main><article><h1>Harbour cranes</h1><p class="byline">By <span class="author">Ada Okafor</span></p>'
            f"<p>The cranes work all night.</p></article>{COMMENTS}</main>")
    assert names(body) == ["Ada Okafor"]


def test_fn_before_a_cite_with_a_label_and_a_date() -> None:
    comment = html.fromstring(
        '<li class="comment bypostauthor"><div class="comment-author vcard"><p>Happy new year!</p>'
        '<p><cite>Kommentar von <span class="fn"><a class="url">jancak</a></span> — 2019-01-01 @ 00:45</cite></p>'
        "</div></li>")
    assert comment_name(comment) == "jancak"


def test_no_name_taken_from_a_nested_reply() -> None:
    comment = html.fromstring(
        '<li class="comment bypostauthor"><div class="comment-content"><p>Thanks!</p></div>'
        '<ol class="children"><li class="comment"><b class="fn">Rosa Ibarra</b></li></ol></li>')
    assert comment_name(comment) is None
