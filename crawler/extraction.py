"""Article extraction: HTML in, a plain-dict article record out. Runs in worker processes.

trafilatura is not thread-safe, so this module is only ever called in a process pool (made by
``extraction_pool`` below, held by ``crawler.pagepool``); everything it takes and returns pickles.
The record's metadata readers are in ``crawler.pagemeta``. The pool plumbing (time limit, start-up,
teardown) stays here, a little over 300 lines, because the worker's entry points use it directly.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import resource
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector
from trafilatura.utils import load_html

from crawler.boilerplate import (
    drop_inline_promos,
    normalize_text,
    prose_share,
    strip_leading_header,
    trim_trailing_boilerplate,
)
from crawler.compression import pack_html
from crawler.discovery.blocks import more_from_elements
from crawler.discovery.identity import Byline, byline_authors
from crawler.discovery.pagefacts import PageFacts, page_facts
from crawler.pagemeta import canonical_url, first_published, page_language, page_title
from crawler.urls import site_of

_WORD = re.compile(r"\w+")


# Deks: sub-headlines marked by class (subtitle, standfirst, dek...). The <h2>-<h4> of the <header>
# that holds the headline are not taken for deks: on pages from other sites than the ones this was
# first tuned on, they were as often the article's own first section heading (bench-rules).
_SUBHEAD_CLASS = " or ".join(
    f"contains(@class, '{name}')" for name in ("sub-head", "subhead", "subline", "subtitle", "standfirst", "strapline")
)
_DEK_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' dek ')"
_DEK_XPATH = f"//*[self::h2 or self::h3 or self::h4][{_SUBHEAD_CLASS} or {_DEK_CLASS}]"


# Elements styled not to render: schema.org microdata copies of the headline and dates, tooltips,
# pre-rendered modals. Readers never see them.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)




class NoArticle(Exception):
    """The page holds no article body that trafilatura could extract."""


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the normalized body text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Return the number of ``\\w+`` tokens in ``text``."""
    return len(_WORD.findall(text))


def _text_length(element: HtmlElement) -> int:
    return len("".join(element.itertext()))


def hidden_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Return the elements styled not to render, unless one holds most of the page's text.

    Some pages ship their article hidden until a script shows it; that one is kept. The ``hidden``
    attribute is not read as "not article": streamed server rendering parks the article's sections
    in ``<div hidden>`` until a script moves them, and closed FAQ accordions use it.
    """
    hidden = [element for element in tree.xpath("//body//*[@style]") if _HIDDEN_STYLE.search(element.get("style", ""))]
    if not hidden:
        return []
    body = tree.find("body")
    half = _text_length(body if body is not None else tree) / 2
    return [element for element in hidden if _text_length(element) < half]


def teaser_articles(tree: HtmlElement) -> list[HtmlElement]:
    """Return the ``<article>`` teasers of other posts beside the one ``<article>`` that holds the headline.

    Only those shorter than the headline's ``<article>`` and outside it: a page whose headline
    sits in a short featured-story box keeps its long article, and an article whose body is an
    inner ``<article>`` keeps it.
    """
    main = tree.xpath("//article[.//h1]")
    if len(main) != 1:
        return []
    length = _text_length(main[0])
    return [
        element
        for element in tree.xpath("//article[not(.//h1)]")
        if _text_length(element) < length and main[0] not in element.iterancestors()
    ]


def extract_article(html: str | bytes, url: str, discovered_via: str = "seed") -> dict:
    """Return the article record for one page; raise ``NoArticle`` when there is no body.

    ``html`` may be bytes of unknown encoding: trafilatura's loader detects the charset.
    """
    tree = load_html(html)
    if tree is None:
        raise NoArticle("unparseable HTML")
    sel = Selector(root=tree, type="html")
    blocks = more_from_elements(sel, url)
    elements = [el for parts, _ in blocks for el in parts]
    return _record(tree, sel, url, discovered_via, byline_authors(sel, url, blocks), elements)


def page_metadata(html: str | bytes, url: str) -> dict:
    """Return a page's title, authors, author page and publication date, without extracting its body."""
    tree = load_html(html)
    if tree is None:
        return {"title": None, "authors": [], "author_url": None, "published": None}
    sel = Selector(root=tree, type="html")
    meta = _metadata(tree, sel, url, byline_authors(sel, url, more_from_elements(sel, url)))
    return {key: meta[key] for key in ("title", "authors", "author_url", "published")}


def _metadata(tree: HtmlElement, sel: Selector, url: str, byline: list[Byline]) -> dict:
    """The record's fields read from the page's markup (before it is pruned for the body)."""
    published = first_published(tree, sel, url)
    return {
        "canonical_url": canonical_url(sel, url),
        "title": page_title(sel),
        "authors": [b.name for b in byline],
        "author_url": next((b.url for b in byline if b.url), None),
        "published": published or None,
        "language": page_language(sel),
    }


def _record(
    tree: HtmlElement, sel: Selector, url: str, discovered_via: str, byline: list[Byline], blocks: list[HtmlElement]
) -> dict:
    """The record of a parsed page whose byline and "More From" block elements are known (prunes the tree)."""
    meta = _metadata(tree, sel, url, byline)
    # Not part of the article body: the theme's "More From Author" lists, and the dek (standfirst)
    # under the headline, which trafilatura would otherwise make the body's first paragraph.
    for element in blocks + tree.xpath(_DEK_XPATH) + hidden_elements(tree) + teaser_articles(tree):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    text = _body(tree, url, fast=True)
    if prose_share(text) < MIN_PROSE_SHARE or len(text.split()) < MIN_BODY_SHARE * visible_words(tree):
        # Not prose (a menu or a link list taken for the body, or nothing), or a small part of the page
        # (an intro or one section of a long guide): trafilatura's full cascade, which compares its
        # result with readability's and jusText's, picks better there.
        text = _body(tree, url, fast=False)
    text = drop_inline_promos(text, url)
    text = trim_trailing_boilerplate(strip_leading_header(text, meta["title"], meta["authors"]))
    if not text:
        raise NoArticle("no article body")
    return {
        "url": url,
        "canonical_url": meta["canonical_url"],
        "title": meta["title"],
        "authors": meta["authors"],
        "author_url": meta["author_url"],
        "site": site_of(url),
        "published": meta["published"],
        "language": meta["language"],
        "text": text,
        "word_count": word_count(text),
        "content_hash": content_hash(text),
        "discovered_via": discovered_via,
        "crawled_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


#: Below this share of its text in prose lines, a body from trafilatura's fast path is extracted again in full.
MIN_PROSE_SHARE = 0.5
#: Below this share of the page's visible text, too.
MIN_BODY_SHARE = 0.15
_BODY_TEXT = etree.XPath("string(//body)")
_INVISIBLE_TEXT = etree.XPath("//body//*[self::script or self::style or self::noscript or self::template]//text()")


def visible_words(tree: HtmlElement) -> int:
    """Words of the page's ``<body>`` a reader could see (not scripts, styles or templates)."""
    return len(_BODY_TEXT(tree).split()) - sum(len(text.split()) for text in _INVISIBLE_TEXT(tree))


def _body(tree: HtmlElement, url: str, fast: bool) -> str:
    """trafilatura's body text of a pruned tree (which it copies, so a second call sees the same tree)."""
    # Metadata is ours (``_record``): trafilatura's own metadata pass would cost a fifth of the time.
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
    )
    return (doc.text or "").strip() if doc is not None else ""


class ExtractionTimeout(BaseException):
    """Extraction of a page took longer than its time limit.

    A BaseException, so that the ``except Exception`` blocks inside the extraction libraries do not swallow it.
    """


def _raise_timeout(signum: int, frame: object) -> None:
    raise ExtractionTimeout("extraction time limit exceeded")


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``ExtractionTimeout`` in the block after ``seconds`` (0: no limit); worker main thread only."""
    if seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_page(html: str, url: str, discovered_via: str, keep_html: bool, time_limit: float = 0) -> dict:
    """``extract_article`` plus, when ``keep_html``, the page compressed (done here, off the reactor).

    ``time_limit`` (seconds; 0 for none) is enforced with a timer signal: call it only in a worker
    process's main thread, as the extraction pool does.
    """
    with _time_limit(time_limit):
        record = extract_article(html, url, discovered_via)
    if keep_html:
        record["html_z"] = pack_html(html)
    return record


@dataclass
class PageAnalysis:
    """One page read once: discovery's facts and the article record, or why there is no record.

    ``facts`` is None only when the time limit struck before they were read.
    """

    facts: PageFacts | None
    record: dict | None = None
    #: ``no_article`` or ``timeout``, with a message, when there is no record.
    error: str | None = None
    message: str = ""


def analyze_page(html: str, url: str, discovered_via: str, keep_html: bool, time_limit: float = 0) -> PageAnalysis:
    """Parse an article page once, in a worker: its discovery facts and its record (the crawl's worker call)."""
    facts = None
    try:
        with _time_limit(time_limit):
            tree = load_html(html)
            if tree is None:
                return PageAnalysis(PageFacts(), error="no_article", message="unparseable HTML")
            sel = Selector(root=tree, type="html")
            facts, elements = page_facts(sel, url)
            record = _record(tree, sel, url, discovered_via, facts.byline, elements)
    except NoArticle as exc:
        return PageAnalysis(facts, error="no_article", message=str(exc))
    except ExtractionTimeout:
        return PageAnalysis(facts, error="timeout", message=f"over {time_limit} s")
    except MemoryError:
        return PageAnalysis(facts, error="too_large", message="over the worker's memory limit")
    if keep_html:
        record["html_z"] = pack_html(html)
    return PageAnalysis(facts, record)


def read_facts(html: str, url: str) -> PageFacts | None:
    """Discovery's facts of a page alone, for one whose extraction stopped before reading them (in a worker)."""
    tree = load_html(html)
    return page_facts(Selector(root=tree, type="html"), url)[0] if tree is not None else None


def _warm_up(parent: int, memory_mb: int = 0) -> None:
    """Pool initializer: imports this module (trafilatura, lxml) at pool start, ties the worker to its crawl,
    and bounds its memory to ``memory_mb`` of address space (0: no bound).

    Over the bound, an allocation fails with MemoryError: the page is dropped as ``too_large`` and the
    worker lives on, where without it one page of a million links would take gigabytes.

    A worker blocks reading its task queue, whose write end it holds itself, so it would outlive a
    crawl killed with SIGKILL (or by ``scrapy watch`` on Ctrl-C) forever. It exits when its parent
    (``parent``, the pid that made the pool: it may be gone before this runs) is.
    """

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()
    if memory_mb > 0:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def pool_size(workers: int) -> int:
    """Return the number of extraction processes for a ``workers`` setting: 0 means one per core."""
    return workers or os.cpu_count() or 1


def extraction_pool(workers: int, start_method: str = "spawn", memory_mb: int = 0) -> ProcessPoolExecutor:
    """Return a process pool for extraction (trafilatura is not thread-safe, so processes, never threads).

    "spawn" by default: forking a process that runs a reactor and threads is unsafe.
    """
    return ProcessPoolExecutor(
        pool_size(workers), mp_context=multiprocessing.get_context(start_method), initializer=_warm_up,
        initargs=(os.getpid(), memory_mb),
    )


def discard_pool(pool: ProcessPoolExecutor) -> None:
    """Shut down a broken pool, killing the workers that survived.

    After one worker dies, a sibling can stay blocked on the pool's queue forever; the
    interpreter joins the pool's manager thread at exit, so the crawl would never end.
    """
    # ProcessPoolExecutor has no public way to reach its workers before Python 3.14 (kill_workers).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)
