"""trafilatura's reading of a page's tree: its body text and tree, with our options (tables kept; no comments,
images or metadata).

``bare_extraction`` copies a tree it is given before reading it, so that the caller's tree stays as it was: that
copy costs about a twentieth of the fast reading's time. Most pages are read once, and their tree is not needed after:
``read_in_place`` reads those without the copy, through the same sequence ``bare_extraction`` runs (trafilatura
then prunes the tree in place: its comment sections and infinite-scroll containers). trafilatura is pinned; a test
checks that both readings agree. Both readings prune with trafilatura's searches evaluated in Python (``prunepaths``).
"""

from __future__ import annotations

import trafilatura
from lxml.etree import strip_tags
from lxml.html import HtmlElement
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Document, Extractor
from trafilatura.xml import xmltotxt

from crawler.extraction.prunepaths import python_paths


def _options(url: str, fast: bool) -> Extractor:
    """Our options (``fast``: no fallback extractors). Metadata is ours (``record``): trafilatura's own metadata
    pass would cost a fifth of the time."""
    return Extractor(output_format="python", fast=fast, comments=False, tables=True, images=False, url=url,
                     with_metadata=False)


def read(tree: HtmlElement, url: str, fast: bool) -> Document | None:
    """trafilatura's reading of ``tree``, which stays as it was."""
    with python_paths():
        return trafilatura.bare_extraction(tree, url=url, options=_options(url, fast))


def read_in_place(tree: HtmlElement, url: str) -> Document | None:
    """trafilatura's fast reading of ``tree``, as ``read``'s, for a tree nobody reads after: trafilatura prunes it."""
    options = _options(url, fast=True)
    try:
        with python_paths():
            body, text, _, comments = trafilatura_sequence(tree, options, url)
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
    except (TypeError, ValueError):  # as ``bare_extraction``: trafilatura's way to say "no body"
        return None
    if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
        return None
    document = Document()
    document.text = document.raw_text = xmltotxt(body, options.formatting)
    document.body = body
    return document


def text_of(document: Document | None) -> str:
    """The body text of a reading (empty without one)."""
    return (document.text or "").strip() if document is not None else ""


def element_count(tree: HtmlElement) -> int:
    """How many nodes ``tree`` holds."""
    return sum(1 for _ in tree.iter())
