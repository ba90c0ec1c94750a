"""Write docs/figures.md from bench/results/*.json: the tables of figures are generated, never copied by hand.

Usage: ``make figures`` (after the benchmarks it reports on) or ``python -m bench.figures``.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
OUT = ROOT / "docs" / "figures.md"

_AUTHOR_ROWS = [
    ("author named right ({half})", "author/{half}"),
    ("date right, YYYY-MM-DD ({half})", "date/{half}"),
    ("title right ({half})", "title/{half}"),
    ("no author named where the truth names none ({half})", "no_author_right/{half}"),
]


def authors_table(result: dict) -> list[str]:
    """The metadata table of ``make bench-authors``: project beside trafilatura, per half of the set."""
    names = list(result["extractors"])
    lines = [
        f"`make bench-authors` on {result['pages']} real article pages of wcxb-dev. Odd ids: the half the rules"
        " were developed on; even ids: the check.",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for label, key in _AUTHOR_ROWS:
        for half in ("all", "odd", "even"):
            values = " | ".join(f"{result['extractors'][name][key.format(half=half)]:.3f}" for name in names)
            lines.append(f"| {label.format(half=half)} | {values} |")
    project = result["extractors"]["project"]
    lines += [
        "",
        f"The author's page, on {project['author_page_labelled']} hand-labelled pages whose page leads to one"
        f" (`bench/author_pages.json`): found on **{project['author_page']:.3f}**; on the"
        f" {project['author_page_none_labelled']} labelled pages that lead to none, no page claimed on"
        f" {project['author_page_none_right']:.3f}. (trafilatura has no author page to compare.)",
    ]
    return lines


def truth_table(result: dict) -> list[str]:
    """``make bench-truth``: where wcxb-dev's truth picks one of two answers a page offers, and the ceiling."""
    d, t, a, judged = result["date"], result["title"], result["author"], result["judged"]
    return [
        f"`make bench-truth` on the {result['pages']} pages of wcxb-dev: what the truth asks that no one reading of"
        " the pages gives. \"At most\" is the share a reader that answers the same way on every page can get right"
        " (the larger side of each split, and none of the answers the page does not hold; every other page counted"
        " right).",
        "",
        "| field | judged | answer written nowhere on the page | truth takes one side | the other side | neither |"
        " at most |",
        "|---|---|---|---|---|---|---|",
        f"| date (publication or later modification, both in the metadata) | {judged['date']} | {d['not_written']}"
        f" | {d['split']['published']} (publication) | {d['split']['modified']} (modification) |"
        f" {d['split']['neither']} | {d['at_most']:.3f} |",
        f"| title (`<h1>` or metadata title, where they differ) | {judged['title']} | | {t['split']['h1']} (`<h1>`)"
        f" | {t['split']['metadata']} (metadata) | {t['split']['neither']} | {t['at_most']:.3f} |",
        f"| author | {judged['author']} | {a['not_written']} | | | | {a['at_most']:.3f} |",
        f"| date, a day apart (the day shown beside the headline, or the metadata's) | | |"
        f" {d['a_day_apart']['shown']} (shown) | {d['a_day_apart']['metadata']} (metadata) |"
        f" {d['a_day_apart']['neither']} | |",
        *_other_truths_table(result),
    ]


def _other_truths_table(result: dict) -> list[str]:
    """The same questions asked of the other sets' truths (``bench-truth`` given their clones)."""
    from bench.truth import OTHER_SETS

    others = result.get("other_sets", {})
    if not others:
        return []
    lines = ["", "The same questions asked of other sets' truths: where the sides lean another way than on wcxb-dev,"
             " following wcxb-dev's is fitting that set.", "",
             "| set | date: publication / modification | date a day apart: shown / metadata |"
             " title: `<h1>` / metadata | date, author written nowhere |", "|---|---|---|---|---|"]
    rows = [("wcxb-dev", result)] + [(label, others[name]) for name, label, _, _ in OTHER_SETS if name in others]
    for label, r in rows:
        d, t, judged = r["date"], r["title"], r["judged"]
        title = f"{t['split']['h1']} / {t['split']['metadata']}" if judged["title"] else ""
        author = f"{r['author']['not_written']} of {judged['author']}" if judged["author"] else "-"
        lines.append(f"| {label} | {d['split']['published']} / {d['split']['modified']} |"
                     f" {d['a_day_apart']['shown']} / {d['a_day_apart']['metadata']} | {title} |"
                     f" {d['not_written']} of {judged['date']}, {author} |")
    return lines


def real_software_table(result: dict) -> list[str]:
    """Per site: articles, recall, precision and requests per article over its authors (``make bench-real``)."""
    sites: dict[str, list[dict]] = {}
    for row in result["rows"]:
        sites.setdefault(row["site"], []).append(row)
    lines = [
        "`make bench-real`: each author crawled from one post with a fresh corpus. Requests include robots.txt,",
        "the probes that find the author, archive pages and the REST API.",
        "",
        "| site | authors | articles | recall | precision | requests per article | text exact | trafilatura |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for site, rows in sites.items():
        articles = sum(row["articles"] for row in rows)
        found = sum(row["recall"] * row["articles"] for row in rows)
        requests = sum(row["requests"] for row in rows)
        precision = min(row["precision"] for row in rows)
        exact = " | ".join(_exact(rows, field) for field in ("text_exact", "trafilatura_text_exact"))
        lines.append(f"| {site} | {len(rows)} | {articles} | {found / articles:.3f} | {precision:.3f} |"
                     f" {requests / articles:.2f} | {exact} |")
    return lines


def _exact(rows: list[dict], field: str) -> str:
    """The share of a site's stored records whose text is exactly their post's (each author's share weighed by
    their posts found), or a dash for a run that did not measure it."""
    if any(field not in row for row in rows):
        return "-"
    found = [row["recall"] * row["articles"] for row in rows]
    return f"{sum(row[field] * n for row, n in zip(rows, found, strict=True)) / (sum(found) or 1):.3f}"


def extraction_table(result: dict) -> list[str]:
    """Bodies against plain trafilatura (``make bench-extraction``), with the time ratio and the losses."""
    lines = [
        f"`python -m bench.extraction` on {result['pages']} real pages, {result['cores']} cores.",
        "",
        "| extractor | precision | recall | F1 | ms/page (median) |",
        "|---|---|---|---|---|",
    ]
    for name, m in result["extractors"].items():
        lines.append(f"| {name} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | {m['ms_median']:.1f} |")
    t = result["site_templates"]
    losses = result["losses_vs_trafilatura"]
    lines += [
        f"| project + site templates ({t['min_pages']} pages) | {t['precision']:.4f} | {t['recall']:.4f} |"
        f" {t['f1']:.4f} | |",
        "",
        f"Time per page, project / trafilatura (median of per-page ratios):"
        f" {result['time_ratio_project_vs_trafilatura']:.2f}x. Pages below plain trafilatura: {len(losses)}"
        f" ({sum(loss['f1_loss'] > 0.05 for loss in losses)} by more than 0.05 F1).",
    ]
    return lines


def rules_table(result: dict) -> list[str]:
    """What each extraction rule adds on each shared set (``make bench-rules``)."""
    names = list(result["sets"])
    lines = [
        "`make bench-rules`: the project's bodies with one rule switched off at a time. \"Added\" is F1 with the",
        "rule minus F1 without it; \"worse\" counts pages the rule costs more than 0.05 F1.",
        "",
        "| rule | " + " | ".join(f"{n}: pages changed | added | worse" for n in names) + " |",
        "|---|" + "---|---|---|" * len(names),
    ]
    first = result["sets"][names[0]]["rules"]
    for rule in first:
        cells = []
        for name in names:
            r = result["sets"][name]["rules"][rule]
            cells.append(f"{r['pages_changed']} | {r['f1_added']:+.4f} | {r['pages_worse_by_over_0.05']}")
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    lines.append("")
    for name in names:
        s = result["sets"][name]
        lines.append(f"- {name}: {s['pages']} pages; project F1 {s['project_f1']:.4f},"
                     f" plain trafilatura {s['trafilatura_f1']:.4f}.")
    return lines


def recall_table(result: dict) -> list[str]:
    """Where body recall goes (``make bench-recall``): the truth's words cut, by kind, and the snippets found."""
    names = list(result["extractors"])
    first = result["extractors"][names[0]]["kinds"]
    lines = [
        f"`make bench-recall` on {result['pages']} pages of wcxb-dev: the share of the truth's words each extractor",
        "cut, by the kind of element the truth's Markdown gives them.",
        "",
        "| kind | true words | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for kind, row in first.items():
        cells = " | ".join(f"{result['extractors'][name]['kinds'][kind]['cut_share']:.3f}" for name in names)
        lines.append(f"| {kind} | {row['true_words']} | {cells} |")
    for label, key in (("`with` snippets found (higher is better)", "with_found"),
                       ("`without` snippets found (lower is better)", "without_found")):
        lines.append(f"| {label} | | " + " | ".join(f"{result['extractors'][n][key]:.3f}" for n in names) + " |")
    return lines


def outside_table(result: dict) -> list[str]:
    """``make bench-outside``: the project beside trafilatura and htmldate on their own evaluation pages."""
    t, h = result["trafilatura_eval"], result["htmldate_eval"]
    lines = [
        f"trafilatura's {t['pages']} evaluation pages and htmldate's {h['pages']}: real pages outside both shared sets"
        " (those libraries' home ground). The date rules were developed without them; the name labels in German,"
        " French and Spanish were written from misses seen on trafilatura's pages.",
        "",
        "| measure | project | library |",
        "|---|---|---|",
    ]
    for field in ("author", "date", "title"):
        row = t[field]
        lines.append(f"| {field} right, trafilatura's pages ({row['pages']}) | {row['project']:.3f} | "
                     f"{row['trafilatura']:.3f} (trafilatura) |")
    lines.append(f"| body: `with` snippets found | {t['with']['project']:.3f} | {t['with']['trafilatura']:.3f} "
                 "(trafilatura) |")
    lines.append(f"| body: `without` snippets kept (lower is better) | {t['without']['project']:.3f} | "
                 f"{t['without']['trafilatura']:.3f} (trafilatura) |")
    if "snippets" in t:
        ours, theirs = t["snippets"]["project"], t["snippets"]["trafilatura"]
        lines.append(f"| body: snippet F1, the set's own scoring (precision / recall) | {ours['f1']:.3f} "
                     f"({ours['precision']:.3f} / {ours['recall']:.3f}) | {theirs['f1']:.3f} "
                     f"({theirs['precision']:.3f} / {theirs['recall']:.3f}) (trafilatura) |")
    lines.append(f"| date right, htmldate's pages ({h['pages']}) | {h['date']['project']:.3f} | "
                 f"{h['date']['htmldate']:.3f} (htmldate) |")
    return lines + _other_sets_lines(result)


def _other_sets_lines(result: dict) -> list[str]:
    """The optional sets of ``make bench-outside``: other extractors' test pages, and WCXB's held-out test split,
    beside trafilatura."""
    from bench.outside import other_set_rows

    captions = {
        "parsers": "Other extractors' test pages (their expected answers, not a hand-made truth; see "
                   "`bench/parser_tests.py`):",
        "wcxb": "WCXB's held-out test split: its article pages, with the same human-reviewed truth as wcxb-dev's, on "
                "other sites. Scored only: no rule was developed on its pages.",
    }
    groups: dict[str, list[str]] = {}
    for name, label, rows in other_set_rows(result):
        group = groups.setdefault("wcxb" if name == "wcxb" else "parsers", [])
        group += [f"| {measure}, {label} | {ours:.3f} | {theirs:.3f} (trafilatura) |" for measure, ours, theirs in rows]
    lines: list[str] = []
    for key, rows in groups.items():
        lines += ["", captions[key], "", "| measure | project | library |", "|---|---|---|", *rows]
    return lines


def faults_table(result: dict) -> list[str]:
    """``make bench-faults``: killed crawls, bad inputs, hostile archives."""
    k, b, a = result["kill_loop"], result["bad_inputs"], result["archives"]
    lines = ["| measure | result |", "|---|---|",
             f"| crawls cut by SIGKILL, then resumed with the same JOBDIR and store | {k['kills']} |",
             f"| records lost / duplicated (of {k['articles']}) | {k['records_lost']} / {k['records_duplicated']} |",
             f"| JSONL lines torn / duplicated / not in the corpus | {k['jsonl_torn_lines']} / "
             f"{k['jsonl_duplicated_lines']} / {k['jsonl_lines_not_in_corpus']} |",
             f"| corpus records missing from the JSONL (a kill between commit and write; `scrapy dump` rebuilds) | "
             f"{k['jsonl_records_missing']} |",
             f"| SQLite integrity_check | {k['integrity_check']} |",
             f"| bad inputs answered with one line and the right exit status | {b['passed']} of {b['tried']} |"]
    for kind, case in a["cases"].items():
        held = case["reactor_max_block_ms"]
        lines.append(f"| hostile archive, {kind}: peak RSS, reactor held | {case['peak_rss_mb']} MB, "
                     + (f"up to {held} ms |" if held else f"never over {case['loop_warn_ms']} ms |"))
    lines.append(f"| a crawl stopped by SIGTERM, in (target {a['targets']['max_stop_seconds']} s) | "
                 f"{a['sigterm_stop_seconds']} s |")
    return lines


def real_software_lines(result: dict) -> list[str]:
    return [*real_software_table(result), "", "Precision is the lowest of the site's authors. Text exact: the share of"
            " the stored records whose text is exactly the post's paragraphs; beside it, plain trafilatura's"
            " `extract` on the same pages."]


#: The page's sections: heading, result file, the table it makes, the command that writes the file.
SECTIONS = [
    ("Author, date, title", "authors", authors_table, "make bench-authors"),
    ("What the truth of wcxb-dev asks", "truth", truth_table, "make bench-truth"),
    ("Article bodies: article-extraction (181 pages, the set the rules were tuned on)", "extraction", extraction_table,
     "make bench-extraction"),
    ("Article bodies: wcxb-dev (793 pages from about 700 sites)", "extraction-wcxb-dev", extraction_table,
     "make bench-extraction"),
    ("What each extraction rule adds", "rules", rules_table, "make bench-rules"),
    ("Where body recall goes (wcxb-dev)", "recall", recall_table, "make bench-recall"),
    ("Real pages outside both sets", "outside", outside_table, "make bench-outside"),
    ("Discovery on real blog software", "real_software", real_software_lines, "make bench-real"),
    ("Faults: killed crawls, bad input, hostile archives", "faults", faults_table, "make bench-faults"),
]


def render(results: Path = RESULTS) -> str:
    """The whole figures page, from whichever result files exist."""
    lines = [
        "# Figures",
        "",
        "Generated by `python -m bench.figures` from `bench/results/*.json`; do not edit by hand.",
        f"Written {datetime.now(UTC):%Y-%m-%d}.",
    ]
    for heading, name, table, command in SECTIONS:
        path = results / f"{name}.json"
        lines += ["", f"## {heading}", ""]
        if path.is_file():
            lines += table(json.loads(path.read_text(encoding="utf-8")))
        else:
            lines.append(f"No `bench/results/{name}.json`: run `{command}`.")
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
