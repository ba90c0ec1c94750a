"""Re-extraction of saved HTML files (``scrapy extract``): job parsing, the per-file worker, ordered fan-out."""

from __future__ import annotations

import gzip
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from crawler.compression import unpack_html
from crawler.extraction.body import NoArticle
from crawler.extraction.record import extract_article

#: Larger (decompressed) files are refused: no article page is this big, a gzip bomb is.
MAX_HTML_BYTES = 32 * 1024 * 1024


class JobError(ValueError):
    """A job that cannot be run; its message goes into the output record's ``error`` field."""


def read_html(path: str | Path) -> bytes:
    """Return the bytes of a ``.html`` or ``.html.gz`` file, refusing files over ``MAX_HTML_BYTES``."""
    path = Path(path)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_HTML_BYTES + 1)
        else:
            with path.open("rb") as fh:
                data = fh.read(MAX_HTML_BYTES + 1)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise JobError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > MAX_HTML_BYTES:
        raise JobError(f"{path} is larger than {MAX_HTML_BYTES} bytes")
    return data


def parse_job(line: str, number: int) -> dict[str, Any]:
    """Parse one input line (a JSON object with ``url`` and ``path``); raise ``JobError`` saying what is wrong."""
    try:
        job = json.loads(line)
    except ValueError:
        raise JobError(f"line {number}: not a JSON object") from None
    if not isinstance(job, dict):
        raise JobError(f"line {number}: not a JSON object")
    missing = [key for key in ("url", "path") if not isinstance(job.get(key), str) or not job[key]]
    if missing:
        raise JobError(f"line {number}: missing {' and '.join(missing)}")
    return job


def run_job(job: dict[str, Any], html: bytes | None = None) -> dict[str, Any]:
    """Extract one file (or ``html``, the page's bytes, when given); return the article record plus the job's
    other keys, or the job with an ``error``."""
    try:
        html = read_html(job["path"]) if html is None else html
        record = extract_article(html, job["url"], discovered_via="file")
    except (JobError, NoArticle) as exc:
        return {**job, "error": str(exc)}
    except Exception as exc:  # a crash in the extractor on one page must not end the batch
        return {**job, "error": f"extraction failed: {exc!r}"}
    return {**record, **{key: value for key, value in job.items() if key not in record}}


def run_item(item: dict[str, Any] | str) -> dict[str, Any]:
    """``run_job`` for a parsed job; an input line that did not parse (its error message) passes through."""
    return {"error": item} if isinstance(item, str) else run_job(item)


def parse_lines(lines: Iterable[str]) -> Iterator[dict[str, Any] | str]:
    """Yield a job for each non-blank input line, or its error message when it does not parse."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield parse_job(line, number)
        except JobError as exc:
            yield str(exc)


def reextract_page(page: tuple[int, str, str, bytes]) -> tuple[int, dict[str, Any] | str]:
    """Re-extract one stored page: ``(article id, record)``, or ``(article id, error message)``."""
    article_id, url, discovered_via, html_z = page
    try:
        html = unpack_html(html_z)
        return article_id, extract_article(html, url, discovered_via)
    except (OSError, EOFError) as exc:
        return article_id, f"stored page unreadable: {exc}"
    except NoArticle as exc:
        return article_id, str(exc)
    except Exception as exc:
        return article_id, f"extraction failed: {exc!r}"


def ordered_map(
    executor: Executor, func: Callable[[Any], Any], items: Iterable[Any], window: int
) -> Iterator[Any]:
    """Like ``executor.map`` in input order, but with at most ``window`` tasks in flight (constant memory)."""
    pending: deque[Future[Any]] = deque()
    for item in items:
        pending.append(executor.submit(func, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
