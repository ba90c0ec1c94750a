"""What runs in an extraction worker: a page parsed once into discovery's facts and its record, under a
time limit and a memory bound; and the pool those workers make up.

trafilatura is not thread-safe, so this is only ever called in a process pool (made by
``extraction_pool`` below, held by ``crawler.extraction.pool``); everything it takes and returns pickles.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from parsel import Selector

from crawler.compression import pack_html
from crawler.discovery.givennames import given_names
from crawler.discovery.pagefacts import PageFacts, page_facts
from crawler.extraction.body import NoArticle
from crawler.extraction.parse import parse_html
from crawler.extraction.record import _record, extract_article
from crawler.internals import pool_processes


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
            tree = parse_html(html)
            if tree is None:
                return PageAnalysis(PageFacts(), error="no_article", message="unparseable HTML")
            sel = Selector(root=tree, type="html")
            facts, elements = page_facts(sel, url)
            record = _record(html, tree, sel, url, discovered_via, facts.byline, elements)
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
    tree = parse_html(html)
    return page_facts(Selector(root=tree, type="html"), url)[0] if tree is not None else None


def _warm_up(parent: int, memory_mb: int = 0) -> None:
    """Pool initializer: imports this module (trafilatura, lxml) and reads the given names at pool start, ties
    the worker to its crawl, and bounds its memory to ``memory_mb`` of address space (0: no bound).

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
    given_names()  # read once here, not on the first page that names nobody
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
    for process in pool_processes(pool):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)
