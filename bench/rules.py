"""What each extraction rule adds, set by set: the project's bodies with one rule switched off at a time.

For each rule, on each shared set: the pages whose body it changes, the F1 it adds (with the rule
minus without), and the pages it makes worse by more than 0.05 F1. The 181 pages of
``article-extraction`` are the ones the rules were first tuned on; ``wcxb-dev``'s 793 pages from
about 700 sites are where a rule shows whether it holds on hosts it was not developed on.
Plain trafilatura's F1 is printed beside each set. Metric as in ``bench.extraction``.

Usage: ``make bench-rules`` or ``python -m bench.rules [--limit N]``. Writes bench/results/rules.json.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from bench import write_result
from bench.extraction import f1, load, page_scores, summarize

ROOT = Path(__file__).resolve().parents[1]
SETS = {"article-extraction": ROOT.parent / "shared" / "benchmarks" / "article-extraction",
        "wcxb-dev": ROOT.parent / "shared" / "benchmarks" / "wcxb-dev"}


def _rules() -> dict[str, tuple[str, object]]:
    """Each rule as the ``module.attribute`` of ``crawler.extraction`` that applies it, and its off value."""

    def nothing(*_: object) -> list:
        return []

    def unchanged(text: str, *_: object) -> str:
        return text

    def none(*_: object) -> None:
        return None

    def first_body(_tree: object, _url: object, text: str) -> str:
        return text

    return {
        "more-from blocks pruned": ("record.more_from_elements", nothing),
        "deks pruned": ("body.deks", nothing),
        "elements styled hidden pruned": ("body.hidden_elements", nothing),
        "teaser <article>s pruned": ("body.teaser_articles", nothing),
        "prose container alone, on loose paragraphs": ("body.prose_container", none),
        "discarded article container unmarked": ("body.discarded_containers", nothing),
        "full cascade when not prose": ("body.MIN_PROSE_SHARE", 0.0),
        "full cascade when a small share of the page": ("body.MIN_BODY_SHARE", 0.0),
        "full cascade on a body run into one line": ("body.BLOB_WORDS", 10**9),
        "full cascade for the rest (tabs, sections)": ("body._rest_of_article", first_body),
        "streamed parts put in place": ("parse.place_streamed", lambda *_: 0),
        "element holding the article's blocks, alone": ("body.common_container", none),
        "container over what lies outside the article": ("body.lost_outside_article", lambda *_: False),
        "accordion panes opened": ("body.accordion_panes", nothing),
        "inline promos dropped": ("body.drop_inline_promos", unchanged),
        "table of contents dropped": ("body.drop_table_of_contents", unchanged),
        "repeated copy of the article dropped": ("body.drop_repeated_copies", unchanged),
        "leading headline/byline stripped": ("body.strip_leading_header", unchanged),
        "leading reading-time line dropped": ("boilerplate.is_reading_time_line", lambda *_: False),
        "trailing boilerplate trimmed": ("body.trim_trailing_boilerplate", unchanged),
    }


@contextmanager
def _switched_off(rule: str | None) -> Iterator[None]:
    from importlib import import_module

    if rule is None:
        yield
        return
    where, off = _rules()[rule]
    module_name, name = where.split(".")
    module = import_module(f"crawler.extraction.{module_name}")  # where the rule is applied
    saved = getattr(module, name)
    setattr(module, name, off)
    try:
        yield
    finally:
        setattr(module, name, saved)


def _bodies(job: tuple[str | None, list[tuple[str, str]]]) -> list[str]:
    """The project's body of each (url, html), with ``rule`` switched off (in a worker process)."""
    from crawler.extraction.body import NoArticle
    from crawler.extraction.record import extract_article

    rule, pages = job
    texts = []
    with _switched_off(rule):
        for url, html in pages:
            try:
                texts.append(extract_article(html, url)["text"])
            except NoArticle:
                texts.append("")
    return texts


def _trafilatura(job: tuple[None, list[tuple[str, str]]]) -> list[str]:
    import trafilatura

    return [trafilatura.extract(html, url=url) or "" for url, html in job[1]]


def _run_all(
    pool: ProcessPoolExecutor, workers: int, fn: Callable, rule: str | None, pages: list[tuple[str, str]]
) -> list[str]:
    """``fn`` over ``pages`` in ``workers`` interleaved parts, results in page order."""
    parts = list(pool.map(fn, [(rule, pages[i::workers]) for i in range(workers)]))
    texts = [""] * len(pages)
    for i, part in enumerate(parts):
        texts[i::workers] = part
    return texts


def run(limit: int | None, workers: int, only: list[str] | None = None) -> dict:
    report: dict = {"cores": os.cpu_count(), "sets": {}}
    with ProcessPoolExecutor(workers) as pool:
        for set_name, data in SETS.items():
            pages = load(data, limit)
            truths = [truth for *_, truth in pages]
            inputs = [(url, html) for _, url, html, _ in pages]
            baseline = _run_all(pool, workers, _bodies, None, inputs)
            base_scores = [page_scores(t, b) for t, b in zip(truths, baseline, strict=True)]
            plain_texts = _run_all(pool, workers, _trafilatura, None, inputs)
            plain = [page_scores(t, b) for t, b in zip(truths, plain_texts, strict=True)]
            entry = {"pages": len(pages), "project_f1": summarize(base_scores)["f1"],
                     "trafilatura_f1": summarize(plain)["f1"], "rules": {}}
            for rule in only or _rules():
                texts = _run_all(pool, workers, _bodies, rule, inputs)
                scores = [page_scores(t, b) for t, b in zip(truths, texts, strict=True)]
                worse = [
                    page_id
                    for (page_id, *_), with_rule, without in zip(pages, base_scores, scores, strict=True)
                    if f1(*(x or 0.0 for x in with_rule)) < f1(*(x or 0.0 for x in without)) - 0.05
                ]
                entry["rules"][rule] = {
                    "pages_changed": sum(a != b for a, b in zip(baseline, texts, strict=True)),
                    "f1_added": entry["project_f1"] - summarize(scores)["f1"],
                    "pages_worse_by_over_0.05": len(worse),
                    "worse_pages": worse,
                }
            report["sets"][set_name] = entry
    return report


def format_report(report: dict) -> str:
    names = list(report["sets"])
    lines = [f"{'rule':<46}" + "".join(f"{n:>40}" for n in names),
             f"{'':<46}" + "".join(f"{'pages changed  F1 added  worse>0.05':>40}" for _ in names)]
    for rule in report["sets"][names[0]]["rules"]:
        cells = []
        for name in names:
            r = report["sets"][name]["rules"][rule]
            cells.append(f"{r['pages_changed']:>13}  {r['f1_added']:>+8.4f}  {r['pages_worse_by_over_0.05']:>10}")
        lines.append(f"{rule:<46}" + "".join(f"{c:>40}" for c in cells))
    for name in names:
        for rule, r in report["sets"][name]["rules"].items():
            if r["worse_pages"]:
                lines.append(f"  {name}, {rule}: worse on {', '.join(r['worse_pages'])}")
    for name in names:
        s = report["sets"][name]
        lines.append(f"{name}: {s['pages']} pages, project F1 {s['project_f1']:.4f}, "
                     f"plain trafilatura {s['trafilatura_f1']:.4f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rule", action="append", choices=list(_rules()), help="only this rule (repeatable)")
    args = parser.parse_args()
    missing = [str(path) for path in SETS.values() if not path.is_dir()]
    if missing:
        print(f"bench/rules: no benchmark data at {', '.join(missing)}", file=sys.stderr)
        return 2
    report = run(args.limit, args.workers, args.rule)
    print(format_report(report))
    if not args.rule and not args.limit:  # only a whole run is the figure
        write_result("rules", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
