"""A page's HTML parsed into the tree every reader of the worker shares (discovery's, the record's, trafilatura's).

Parsed as trafilatura's ``load_html`` parses (its charset detection and markup repairs, comments and
processing instructions dropped), with one difference: every element is a plain ``HtmlElement``.
lxml.html's own parser picks each element's class by a Python call (forms, inputs and labels get
their own classes), made again whenever an element is visited, about two million times per 300
pages; no reader here uses those classes, and a C lookup makes each page about 7% faster. A streamed page's
parts are put in place as its scripts would (``crawler.extraction.streamed``).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

from crawler.extraction.streamed import MARK, place_streamed


def _parser(remove_comments: bool) -> HTMLParser:
    parser = HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=remove_comments, remove_pis=True
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
        )
    )
    return parser


_PARSER = _parser(remove_comments=True)
# A streamed page's boundaries end at comments: read with them, then dropped (``crawler.extraction.streamed``).
_STREAMED_PARSER = _parser(remove_comments=False)


def _parse(markup: str | bytes, streamed: bool = False) -> HtmlElement | None:
    try:
        tree = fromstring(markup, parser=_STREAMED_PARSER if streamed else _PARSER)
    except (ValueError, etree.LxmlError):
        return None
    if streamed and tree is not None:
        place_streamed(tree)
        etree.strip_tags(tree, etree.Comment)
    return tree


_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.I)
_ELEMENT = re.compile(r"<[A-Za-z]")


def read_on(text: str) -> str:
    """``text`` without its ``</body>`` and ``</html>`` where markup follows them, so the parser reads on.

    libxml2 drops everything after ``</html>``; a browser puts it in the body. A theme that closes the
    document in its header template leaves the whole article after it.
    """
    end = text.find("</html")
    if end < 0:
        end = text.find("</HTML")
    if end < 0 or _ELEMENT.search(text, end + 6) is None:
        return text
    body_end = max(text.rfind("</body", 0, end), text.rfind("</BODY", 0, end))
    start = body_end if body_end >= 0 else end
    return text[:start] + _DOCUMENT_END.sub("", text[start:])


#: Characters lxml refuses in a text and trafilatura's ``repair_faulty_html`` removes.
_INVALID_CHARS = tuple(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
#: trafilatura repairs a page's start (its doctype, a self-closing ``<html/>``) within this many characters.
_HEAD_CHARS = 4096


def repaired(text: str, beginning: str) -> str:
    """``text`` as trafilatura's ``repair_faulty_html`` leaves it, asked only where it would change something.

    Its repairs copy the whole page two or three times; most pages need none, and a search for each invalid
    character is about three times faster than its pattern's (a quarter of a millisecond a page).
    """
    head = text[:_HEAD_CHARS]
    if any(ch in text for ch in _INVALID_CHARS) or repair_faulty_html(head, beginning) != head:
        return repair_faulty_html(text, beginning)
    return text


def parse_html(html: str | bytes) -> HtmlElement | None:
    """The page's tree, or None when it is not HTML (``html`` as bytes of any charset, or text)."""
    text = decode_file(html)
    beginning = text[:50].lower()
    text = read_on(repaired(text, beginning))
    streamed = MARK in text
    tree = _parse(text, streamed)  # ValueError: a str with an encoding declaration, which lxml takes only as bytes
    if tree is None or len(tree) < 1:
        tree = _parse(text.encode("utf-8", "surrogatepass"), streamed)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # a fragment or a non-HTML file: one element at most under the root
    return tree
