"""Figures on real pages outside both shared sets: the evaluation pages of trafilatura's and htmldate's repositories.

Neither set was used to develop the project's rules; both were used to develop the libraries beside which the
project is printed, so they are those libraries' home ground. Nothing of them is copied here: point the
bench at clones of the two repositories (``git clone https://github.com/adbar/trafilatura``, and
``adbar/htmldate``; their ``tests/`` folders).

- trafilatura's ``tests/evaldata.json`` (990 pages, mostly German): author, date and title where it gives
  them, judged as in ``bench.authors``, beside trafilatura's ``extract_metadata``; and the body: the share of
  its ``with`` snippets found and of its ``without`` snippets kept, beside ``trafilatura.extract``.
- htmldate's ``tests/eval_default.json`` (800 pages): the publication date, beside htmldate's ``find_date``.
- When given, clones of ``mozilla/readability`` and ``postlight/parser``: their test pages, read by
  ``bench.parser_tests`` (author, date, title beside trafilatura; Readability's also the body's F1); and of
  ``Murrough-Foley/web-content-extraction-benchmark``: its held-out test split's article pages (all four).

Usage: ``make bench-outside TRAFILATURA_REPO=... HTMLDATE_REPO=... [READABILITY_REPO=... POSTLIGHT_REPO=...
WCXB_REPO=...]`` or ``python -m bench.outside --trafilatura DIR --htmldate DIR [--readability DIR --postlight DIR
--wcxb DIR]``. Writes
bench/results/outside.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench import write_result
from bench.parser_tests import (
    judged_fields,
    postlight_jobs,
    project_body,
    readability_jobs,
    score_page,
    trafilatura_eval_file,
    wcxb_test_jobs,
)

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _truth(value: object) -> str | None:
    return ", ".join(value) if isinstance(value, list) else value or None  # type: ignore[return-value]


def _trafilatura_page(job: tuple[Path, str, dict]) -> dict | None:
    """Both extractors' metadata and snippet counts on one page of trafilatura's evaluation data."""
    from trafilatura import extract
    from trafilatura.utils import decode_file

    tests, url, item = job
    raw = trafilatura_eval_file(tests, item["file"])
    if raw is None:
        return None
    truths = {field: _truth(item.get(field)) for field in ("author", "date", "title")}
    row: dict = {"fields": judged_fields(raw, decode_file(raw), url, truths)}
    bodies = {"project": _norm(project_body(raw, url)), "trafilatura": _norm(extract(raw, url=url) or "")}
    wanted = [_norm(s) for s in item.get("with", []) if _norm(s)]
    unwanted = [_norm(s) for s in item.get("without", []) if _norm(s)]
    row["with"] = {name: sum(s in text for s in wanted) for name, text in bodies.items()} | {"of": len(wanted)}
    row["without"] = {name: sum(s in text for s in unwanted) for name, text in bodies.items()} | {"of": len(unwanted)}
    return row


def _htmldate_page(job: tuple[Path, str, dict]) -> tuple[bool, bool] | None:
    from htmldate import find_date
    from parsel import Selector

    from crawler.extraction.metadata import first_published
    from crawler.extraction.parse import parse_html
    from crawler.extraction.titles import page_headline

    tests, url, item = job
    raw = trafilatura_eval_file(tests, item["file"])
    tree = parse_html(raw) if raw is not None else None
    if tree is None or not item.get("date"):
        return None
    sel = Selector(root=tree, type="html")
    ours = (first_published(tree, sel, url, page_headline(sel, url)[1]) or "")[:10]
    theirs = (find_date(raw.decode("utf-8", "replace"), url=url, original_date=True) or "")[:10]
    return ours == item["date"], theirs == item["date"]


def _jobs(tests: Path, name: str) -> list[tuple[Path, str, dict]]:
    data = json.loads((tests / name).read_text(encoding="utf-8"))
    return [(tests, url, item) for url, item in data.items() if item.get("file")]


def _fields(pages: list[dict]) -> dict:
    """Per field: pages judged, and the share right for the project and for trafilatura."""
    out = {}
    for field in ("author", "date", "title"):
        judged = [row["fields"][field] for row in pages if field in row["fields"]]
        out[field] = {
            "pages": len(judged),
            "project": sum(ours for ours, _ in judged) / max(len(judged), 1),
            "trafilatura": sum(theirs for _, theirs in judged) / max(len(judged), 1),
        }
    return out


def _body_f1(pages: list[dict]) -> dict:
    """Mean word-level precision and recall over the pages with an expected body, and their F1, per extractor."""
    from bench.extraction import f1

    out = {}
    for i, name in enumerate(("project", "trafilatura")):
        scores = [row["body"][i] for row in pages if "body" in row]
        precision = sum(p for p, _ in scores if p is not None) / max(sum(p is not None for p, _ in scores), 1)
        recall = sum(r for _, r in scores if r is not None) / max(sum(r is not None for _, r in scores), 1)
        out[name] = {"precision": precision, "recall": recall, "f1": f1(precision, recall)}
    return out


def _snippet_scores(pages: list[dict]) -> dict:
    """The set's own body scores, as its maintainers count them: a ``with`` snippet found is a true positive, one
    missed a false negative, a ``without`` snippet kept a false positive; precision, recall and F1 over all pages."""
    out = {}
    for name in ("project", "trafilatura"):
        found = sum(row["with"][name] for row in pages)
        missed = sum(row["with"]["of"] for row in pages) - found
        kept = sum(row["without"][name] for row in pages)
        out[name] = {"precision": found / max(found + kept, 1), "recall": found / max(found + missed, 1),
                     "f1": 2 * found / max(2 * found + kept + missed, 1)}
    return out


def run(trafilatura_tests: Path, htmldate_tests: Path, workers: int, others: dict[str, Path] | None = None) -> dict:
    others = others or {}
    with ProcessPoolExecutor(workers) as pool:
        pages = [r for r in pool.map(_trafilatura_page, _jobs(trafilatura_tests, "evaldata.json"), chunksize=8) if r]
        dates = [r for r in pool.map(_htmldate_page, _jobs(htmldate_tests, "eval_default.json"), chunksize=8) if r]
        loaders = {"readability": readability_jobs, "postlight": postlight_jobs, "wcxb": wcxb_test_jobs}
        extra = {name: list(pool.map(score_page, loaders[name](repo), chunksize=4)) for name, repo in others.items()}
    result: dict = {"trafilatura_eval": {"pages": len(pages)}, "htmldate_eval": {"pages": len(dates)}}
    result["trafilatura_eval"].update(_fields(pages))
    for name, rows in extra.items():
        result[f"{name}_tests"] = {"pages": len(rows), **_fields(rows)}
        if any("body" in row for row in rows):
            result[f"{name}_tests"]["body"] = _body_f1(rows)
    for kind in ("with", "without"):
        total = sum(row[kind]["of"] for row in pages) or 1
        result["trafilatura_eval"][kind] = {
            name: sum(row[kind][name] for row in pages) / total for name in ("project", "trafilatura")
        }
    result["trafilatura_eval"]["snippets"] = _snippet_scores(pages)
    result["htmldate_eval"]["date"] = {
        "project": sum(ours for ours, _ in dates) / max(len(dates), 1),
        "htmldate": sum(theirs for _, theirs in dates) / max(len(dates), 1),
    }
    return result


#: The optional sets, by result key prefix, with how they are named in reports.
OTHER_SETS = (
    ("readability", "Mozilla Readability's test pages"),
    ("postlight", "Postlight Parser's fixtures"),
    ("wcxb", "WCXB's held-out test split, article pages"),
)


def other_set_rows(result: dict) -> list[tuple[str, str, list[tuple[str, float, float]]]]:
    """Per optional set that was run: its name, its label, and its rows of (measure, project, trafilatura)."""
    sets = []
    for name, label in OTHER_SETS:
        if (r := result.get(f"{name}_tests")) is None:
            continue
        rows = [(f"{field} right ({r[field]['pages']} pages)", r[field]["project"], r[field]["trafilatura"])
                for field in ("author", "date", "title")]
        if "body" in r:
            ours, theirs = r["body"]["project"], r["body"]["trafilatura"]
            rows += [(f"body {measure}" + (" (against its expected body)" if measure == "F1" else ""),
                      ours[key], theirs[key]) for measure, key in (("F1", "f1"), ("precision", "precision"),
                                                                     ("recall", "recall"))]
        sets.append((name, f"{label} ({r['pages']})", rows))
    return sets


def report(result: dict) -> str:
    t, h = result["trafilatura_eval"], result["htmldate_eval"]
    lines = [f"trafilatura's evaluation pages ({t['pages']}):", f"{'measure':<40}{'project':>12}{'trafilatura':>14}"]
    for field in ("author", "date", "title"):
        row = t[field]
        lines.append(f"{field + ' right (' + str(row['pages']) + ' pages)':<40}{row['project']:>12.3f}"
                     f"{row['trafilatura']:>14.3f}")
    lines.append(f"{'with snippets found':<40}{t['with']['project']:>12.3f}{t['with']['trafilatura']:>14.3f}")
    lines.append(f"{'without snippets kept (lower is better)':<40}{t['without']['project']:>12.3f}"
                 f"{t['without']['trafilatura']:>14.3f}")
    for measure in ("precision", "recall", "f1"):
        label = f"snippet {measure.replace('f1', 'F1')} (set's own scoring)"
        lines.append(f"{label:<40}{t['snippets']['project'][measure]:>12.3f}"
                     f"{t['snippets']['trafilatura'][measure]:>14.3f}")
    lines += ["", f"htmldate's evaluation pages ({h['pages']}):", f"{'measure':<40}{'project':>12}{'htmldate':>14}",
              f"{'date right':<40}{h['date']['project']:>12.3f}{h['date']['htmldate']:>14.3f}"]
    for _, label, rows in other_set_rows(result):
        lines += ["", f"{label}:", f"{'measure':<40}{'project':>12}{'trafilatura':>14}"]
        lines += [f"{measure:<40}{ours:>12.3f}{theirs:>14.3f}" for measure, ours, theirs in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trafilatura", type=Path, default=os.environ.get("TRAFILATURA_REPO"),
                        help="a clone of github.com/adbar/trafilatura")
    parser.add_argument("--htmldate", type=Path, default=os.environ.get("HTMLDATE_REPO"),
                        help="a clone of github.com/adbar/htmldate")
    parser.add_argument("--readability", type=Path, default=os.environ.get("READABILITY_REPO") or None,
                        help="a clone of github.com/mozilla/readability (optional)")
    parser.add_argument("--postlight", type=Path, default=os.environ.get("POSTLIGHT_REPO") or None,
                        help="a clone of github.com/postlight/parser (optional)")
    parser.add_argument("--wcxb", type=Path, default=os.environ.get("WCXB_REPO") or None,
                        help="a clone of github.com/Murrough-Foley/web-content-extraction-benchmark (optional)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    others = {}
    for name, repo, wanted in (("readability", args.readability, "test/test-pages"),
                               ("postlight", args.postlight, "src/extractors/custom"),
                               ("wcxb", args.wcxb, "test/ground-truth")):
        if repo is not None and not (repo / wanted).is_dir():
            print(f"bench/outside: {repo} is no {name} clone with {wanted}/", file=sys.stderr)
            return 2
        if repo is not None:
            others[name] = repo
    for name, repo, wanted in (("trafilatura", args.trafilatura, "evaldata.json"),
                               ("htmldate", args.htmldate, "eval_default.json")):
        if repo is None or not (repo / "tests" / wanted).is_file():
            print(f"bench/outside: no {name} clone with tests/{wanted} (give --{name} DIR)", file=sys.stderr)
            return 2
    result = run(args.trafilatura / "tests", args.htmldate / "tests", args.workers, others)
    print(report(result))
    write_result("outside", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
