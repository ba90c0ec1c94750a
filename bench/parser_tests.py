"""Real pages from other test suites, read as judged sets: Mozilla Readability's, Postlight Parser's, WCXB's test split,
trafilatura's evaluation pages.

- Readability's ``test/test-pages/*/`` (about 130 pages): ``source.html``, and what Readability is expected to
  give: ``expected-metadata.json`` (``byline``, ``title``, ``publishedTime``) and ``expected.html`` (the body).
  Those are Readability's own answers, checked by its authors, not a hand-made truth: its titles are the
  ``<title>``'s, its bylines are at times a whole byline row.
- Postlight Parser's ``fixtures/*.html`` (about 140 news and blog pages), each with the title, author and
  ``date_published`` its site's test asserts (``src/extractors/custom/<site>/index.test.js``). Its dates are
  in UTC: a page whose readers see the next day (Japan's midnight is 15:00 UTC) counts wrong for both. Its
  fixtures were saved by Postlight's own parser, which renames a ``<meta>``'s ``content`` to ``value``: the
  loader names it ``content`` again, so that both extractors read the metadata the page had.

- WCXB's held-out ``test/`` split (``Murrough-Foley/web-content-extraction-benchmark``; its 257 article pages):
  the same kind of human-reviewed truth as ``../shared/benchmarks/wcxb-dev`` (author, ``publish_date``, title,
  ``main_content``), on other sites. It is a held-out set: scored, never read page by page for a rule.

- trafilatura's ``tests/evaldata.json`` (990 pages, mostly German): author, date and title where it gives them; its
  pages are in ``tests/eval/`` or ``tests/cache/``; htmldate's ``tests/eval_default.json`` (800 pages, the same
  folders), the publication day alone.

Each loader returns jobs of ``(url, html bytes, truth)``; ``score_page`` judges one page for the project and
for trafilatura as ``bench.authors`` does.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

_FAKE_URL = "http://fakehost/test/page.html"  # the address Readability's tests give every page


def readability_jobs(repo: Path) -> list[tuple[str, bytes, dict]]:
    """Readability's test pages with an expected metadata file."""
    jobs = []
    for folder in sorted((repo / "test" / "test-pages").iterdir()):
        meta, source = folder / "expected-metadata.json", folder / "source.html"
        if not (meta.is_file() and source.is_file()):
            continue
        expected = json.loads(meta.read_text(encoding="utf-8"))
        truth = {"author": expected.get("byline"), "title": expected.get("title"),
                 "date": expected.get("publishedTime")}
        if (folder / "expected.html").is_file():
            truth["body"] = (folder / "expected.html").read_bytes().decode("utf-8", "replace")
        jobs.append((_FAKE_URL, source.read_bytes(), truth))
    return jobs


_META_VALUE = re.compile(rb"(<meta\b[^>]*?\s)value=", re.IGNORECASE)
_ASSERT = r"assert\.(?:equal|strictEqual)\(\s*{field}\s*,\s*(['\"`])(.*?)(?<!\\)\1\s*\)"


def postlight_jobs(repo: Path) -> list[tuple[str, bytes, dict]]:
    """Postlight Parser's site fixtures whose test names the page's address and fixture file."""
    jobs = []
    for test in sorted((repo / "src" / "extractors" / "custom").glob("*/index.test.js")):
        flat = " ".join(test.read_text(encoding="utf-8").split())
        url = re.search(r"url\s*=\s*(['\"`])(.*?)\1", flat)
        fixture = re.search(r"readFileSync\(\s*['\"]\./fixtures/([^'\"]+)['\"]", flat)
        if not url or not fixture or not (repo / "fixtures" / fixture.group(1)).is_file():
            continue
        truth = {}
        for field, name in (("title", "title"), ("author", "author"), ("date", "date_published")):
            if found := re.search(_ASSERT.format(field=name), flat):
                truth[field] = found.group(2).replace("\\'", "'")
        html = _META_VALUE.sub(rb"\1content=", (repo / "fixtures" / fixture.group(1)).read_bytes())
        jobs.append((url.group(2), html, truth))
    return jobs


def trafilatura_eval_file(tests: Path, name: str) -> bytes | None:
    """One page of trafilatura's or htmldate's evaluation data (``tests``: the clone's ``tests/``), None if absent."""
    for folder in ("eval", "cache"):
        if (path := tests / folder / name).is_file():
            return path.read_bytes()
    return None


def trafilatura_eval_jobs(repo: Path) -> list[tuple[str, bytes, dict]]:
    """trafilatura's evaluation pages that are present, with the author, date and title each gives."""
    tests = repo / "tests"
    jobs = []
    for url, item in json.loads((tests / "evaldata.json").read_text(encoding="utf-8")).items():
        if item.get("file") and (raw := trafilatura_eval_file(tests, item["file"])) is not None:
            truth = {field: ", ".join(v) if isinstance(v := item.get(field), list) else v or None
                     for field in ("author", "date", "title")}
            jobs.append((url, raw, truth))
    return jobs


def htmldate_eval_jobs(repo: Path) -> list[tuple[str, bytes, dict]]:
    """htmldate's evaluation pages that are present, with the publication day each gives."""
    tests = repo / "tests"
    jobs = []
    for url, item in json.loads((tests / "eval_default.json").read_text(encoding="utf-8")).items():
        if item.get("file") and item.get("date") and (raw := trafilatura_eval_file(tests, item["file"])) is not None:
            jobs.append((url, raw, {"date": item["date"]}))
    return jobs


def wcxb_test_jobs(repo: Path) -> list[tuple[str, bytes, dict]]:
    """WCXB's test-split pages whose page type is ``article``."""
    jobs = []
    for path in sorted((repo / "test" / "ground-truth").glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta.get("_internal", {}).get("page_type", {}).get("primary") != "article":
            continue
        truth = meta["ground_truth"]
        html = gzip.decompress((repo / "test" / "html" / f"{path.stem}.html.gz").read_bytes())
        jobs.append((meta["url"], html, {"author": truth.get("author"), "title": truth.get("title"),
                                         "date": truth.get("publish_date"), "body_text": truth.get("main_content")}))
    return jobs


def judged_fields(raw: bytes, html: str, url: str, truths: dict) -> dict[str, tuple[bool, bool]]:
    """Per field the truths give (author, date, title): whether the project and trafilatura's ``extract_metadata``
    (reading ``html``, the page decoded as the caller chose) are right, judged as ``bench.authors`` does."""
    from trafilatura import extract_metadata

    from bench.authors import author_right, date_right, title_right
    from crawler.extraction.record import page_metadata

    mine = page_metadata(raw, url)
    doc = extract_metadata(html, default_url=url)
    theirs = {"author": doc.author, "date": doc.date, "title": doc.title} if doc else {}
    ours = {"author": mine["authors"], "date": mine["published"], "title": mine["title"]}
    judges = {"author": author_right, "date": date_right, "title": title_right}
    return {f: (judge(truths[f], ours[f]), judge(truths[f], theirs.get(f))) for f, judge in judges.items()
            if truths.get(f)}


def project_body(raw: bytes, url: str) -> str:
    """The project's body of a page, empty where it finds none."""
    from crawler.extraction.body import NoArticle
    from crawler.extraction.record import extract_article

    try:
        return extract_article(raw, url)["text"]
    except NoArticle:
        return ""


def score_page(job: tuple[str, bytes, dict]) -> dict:
    """Author, date and title right or not, for the project and trafilatura's ``extract_metadata``; and the body's
    word-level precision and recall against the expected body (``body`` as HTML, or ``body_text``), when there is
    one."""
    from lxml import html as lxml_html
    from trafilatura import extract

    from bench.extraction import page_scores

    url, raw, truth = job
    row: dict = {"fields": judged_fields(raw, raw.decode("utf-8", "replace"), url, truth)}
    expected = truth.get("body_text") or ""
    if not expected and truth.get("body"):
        expected = lxml_html.fromstring(truth["body"]).text_content()
    if expected:
        theirs = extract(raw, url=url) or ""
        row["body"] = (page_scores(expected, project_body(raw, url)), page_scores(expected, theirs))
    return row
