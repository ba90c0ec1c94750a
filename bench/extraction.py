"""Extraction benchmark: the project's extractor against plain trafilatura, side by side, on real pages.

Data: ``../shared/benchmarks/article-extraction/`` (181 gzipped pages and ground-truth bodies).
Metric (as that set's SOURCE.md describes): ``\\w+`` tokens, 4-token shingle multisets per page,
precision averaged over pages with a non-empty prediction, recall over pages with a non-empty
truth, F1 from the two means. Timing: every extractor runs on each page in turn, in this one
process, so all of them see the same machine load; which one goes first turns from page to page.

Usage: ``make bench-extraction`` or ``python -m bench.extraction [--data DIR] [--limit N]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench import write_result

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of the n-token shingles of ``text`` (one shorter shingle when it has fewer tokens)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_scores(truth: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the metric leaves the page out of that mean."""
    true_s, pred_s = shingles(truth), shingles(predicted)
    tp = sum((true_s & pred_s).values())
    fp = sum((pred_s - true_s).values())
    fn = sum((true_s - pred_s).values())
    if fp == fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarize(scores: list[tuple[float | None, float | None]]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over pages."""
    precision = statistics.mean(p for p, _ in scores if p is not None)
    recall = statistics.mean(r for _, r in scores if r is not None)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def extractors() -> dict[str, Callable[[str, str], str]]:
    import trafilatura

    from crawler.extraction.body import NoArticle
    from crawler.extraction.record import extract_article

    def project(html: str, url: str) -> str:
        try:
            return extract_article(html, url)["text"]
        except NoArticle:
            return ""

    return {
        "project": project,
        "trafilatura": lambda html, url: trafilatura.extract(html, url=url) or "",
        "trafilatura fast": lambda html, url: trafilatura.extract(html, url=url, fast=True) or "",
        "trafilatura favor_precision": lambda html, url: (
            trafilatura.extract(html, url=url, favor_precision=True) or ""
        ),
    }


def load(data: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, url, html, true body) of each page: article-extraction's one ground-truth.json, or wcxb-dev's
    ground-truth/ID.json files (``main_content``)."""
    if (data / "ground-truth").is_dir():
        pages = []
        for path in sorted((data / "ground-truth").glob("*.json"))[:limit]:
            meta = json.loads(path.read_text(encoding="utf-8"))
            html = gzip.decompress((data / "html" / f"{path.stem}.html.gz").read_bytes()).decode("utf-8", "replace")
            url = meta.get("url") or f"https://unknown.invalid/{path.stem}"
            pages.append((path.stem, url, html, meta["ground_truth"].get("main_content", "")))
        return pages
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((key, truth[key]["url"], html, truth[key].get("articleBody", "")))
    return pages


def run(data: Path, limit: int | None) -> dict:
    pages = load(data, limit)
    funcs = extractors()
    scores: dict[str, list[tuple[float | None, float | None]]] = {name: [] for name in funcs}
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for _, url, html, _ in pages[:3]:  # warm-up: imports, caches
        for func in funcs.values():
            func(html, url)
    project_texts = []
    names = list(funcs)
    for i, (_, url, html, truth) in enumerate(pages):
        # The first extractor to read a page pays for what the next ones find warm (measured: the project's
        # median ratio is 1.22 run first, 1.12 run second): the order turns page by page.
        turn = i % len(names)
        for name in names[turn:] + names[:turn]:
            started = time.perf_counter()
            text = funcs[name](html, url)
            times[name].append((time.perf_counter() - started) * 1000)
            scores[name].append(page_scores(truth, text))
            if name == "project":
                project_texts.append(text)

    def page_f1(name: str, i: int) -> float:
        p, r = scores[name][i]
        return f1(p or 0.0, r or 0.0)

    losses = sorted(
        (
            (page_f1("trafilatura", i) - page_f1("project", i), pages[i][0], pages[i][1])
            for i in range(len(pages))
            if page_f1("project", i) < page_f1("trafilatura", i)
        ),
        reverse=True,
    )
    return {
        "pages": len(pages),
        "cores": os.cpu_count(),
        "extractors": {
            name: summarize(scores[name])
            | {"ms_median": statistics.median(times[name]), "ms_mean": statistics.mean(times[name])}
            for name in funcs
        },
        "time_ratio_project_vs_trafilatura": statistics.median(
            a / b for a, b in zip(times["project"], times["trafilatura"], strict=True) if b > 0
        ),
        "losses_vs_trafilatura": [{"f1_loss": d, "id": k, "url": u} for d, k, u in losses],
        "site_templates": site_templates(pages, project_texts, TEMPLATE_BENCH_PAGES),
    }


#: The set has at most 2 pages of a host, so template learning can only be tried at 2 pages (the crawl's default is 5).
TEMPLATE_BENCH_PAGES = 2


def site_templates(pages: list[tuple[str, str, str, str]], texts: list[str], min_pages: int) -> dict:
    """Score the project's bodies after site-level template learning over the set's pages of each host.

    As at the end of a crawl of those pages: a block on ``min_pages`` pages of a host is dropped from all of them.
    """
    from crawler.settings import TEMPLATE_MIN_WORDS
    from crawler.urls import site_of
    from pipelines.template_blocks import block_keys, strip_blocks

    by_site: dict[str, list[int]] = {}
    for i, (_, url, _, _) in enumerate(pages):
        by_site.setdefault(site_of(url), []).append(i)
    cleaned = list(texts)
    for indexes in by_site.values():
        counts = Counter(key for i in indexes for key in block_keys(texts[i], TEMPLATE_MIN_WORDS))
        boilerplate = {key for key, count in counts.items() if count >= min_pages}
        for i in indexes:
            cleaned[i] = strip_blocks(texts[i], boilerplate, TEMPLATE_MIN_WORDS)
    scores = [page_scores(truth, text) for (_, _, _, truth), text in zip(pages, cleaned, strict=True)]
    return summarize(scores) | {
        "min_pages": min_pages,
        "hosts_with_enough_pages": sum(len(ix) >= min_pages for ix in by_site.values()),
        "pages_changed": sum(a != b for a, b in zip(texts, cleaned, strict=True)),
    }


def report(result: dict) -> str:
    lines = [f"{result['pages']} pages, {result['cores']} cores", ""]
    lines.append(f"{'extractor':<30}{'precision':>10}{'recall':>10}{'F1':>10}{'ms median':>12}{'ms mean':>10}")
    for name, m in result["extractors"].items():
        lines.append(
            f"{name:<30}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}"
            f"{m['ms_median']:>12.1f}{m['ms_mean']:>10.1f}"
        )
    t = result["site_templates"]
    lines.append(
        f"{'project + site templates':<30}{t['precision']:>10.4f}{t['recall']:>10.4f}{t['f1']:>10.4f}"
        f"   (blocks on {t['min_pages']} pages of a host: {t['hosts_with_enough_pages']} hosts,"
        f" {t['pages_changed']} pages changed)"
    )
    lines.append("")
    lines.append(f"time per page, project / trafilatura (median of per-page ratios): "
                 f"{result['time_ratio_project_vs_trafilatura']:.2f}x")
    losses = result["losses_vs_trafilatura"]
    big = [loss for loss in losses if loss["f1_loss"] > 0.05]
    lines.append(f"pages where the project scores below plain trafilatura: {len(losses)}"
                 f" ({len(big)} by more than 0.05 F1)")
    for loss in losses:
        lines.append(f"  -{loss['f1_loss']:.3f}  {loss['id'][:12]}  {loss['url']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("EXTRACTION_BENCH_DATA", DEFAULT_DATA)))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    args = parser.parse_args()
    if not ((args.data / "ground-truth.json").is_file() or (args.data / "ground-truth").is_dir()):
        print(f"bench/extraction: no benchmark data at {args.data} (set --data or EXTRACTION_BENCH_DATA)",
              file=sys.stderr)
        return 2
    result = run(args.data, args.limit)
    print(report(result))
    write_result("extraction" if args.data == DEFAULT_DATA else f"extraction-{args.data.name}", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
