"""What wcxb-dev's truth asks that no one reading of its pages gives: the ceiling over ``bench-authors``' figures.

Where a page offers two answers to a field, the truth picks one, and not always the same one:

- date: pages whose metadata states a publication day and a later modification day
  (``article:published_time``/``datePublished``, ``article:modified_time``/``dateModified``): the truth is the
  publication's on some, the modification's on others. And pages whose true date is written nowhere in the
  page, in any of the usual spellings ("2025-03-03", "March 3, 2025", "Dec 04, 2025", "September 1st, 2023",
  "3 March 2025", "2023 Jan 7", "03/03/2025", "03.03.2025", "2025.12.17", "/2025/03/03/").
- title: pages whose ``<h1>`` headline and metadata title (without the site's name) read differently: the truth is
  the ``<h1>``'s on some, the metadata's on others.
- author: pages whose true author is named nowhere in the page.

A reader that takes one answer the same way on every page gets at most the larger side of each split right, and
none of the answers the page does not hold: ``at most`` is that share of the judged pages (every other page
counted right). It bounds any extractor that follows one rule; ``bench-authors`` prints what the project gets.

- date, again: pages whose day shown beside the headline is a day from the metadata's publication day, most
  often one moment told in two time zones: the truth takes the shown day on some, the metadata's on others.

Given clones of other sets (WCXB's held-out test split, trafilatura's and htmldate's evaluation pages, Postlight
Parser's fixtures; the same variables as ``bench-outside``), their truths are asked the same questions: where one set's
truth takes a side another's does not, following it is fitting that set. (Readability's expected answers are its
own algorithm's, not a truth, and are left out.)

Usage: ``make bench-truth [WCXB_REPO=... TRAFILATURA_REPO=... POSTLIGHT_REPO=... HTMLDATE_REPO=...]`` or
``python -m bench.truth [--data DIR] [--limit N] [--wcxb DIR --trafilatura DIR --postlight DIR --htmldate DIR]``.
Writes bench/results/truth.json.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bench import wcxb_missing, wcxb_parser, write_result
from bench.authors import _key, date_right, load, name_set, title_right
from bench.parser_tests import htmldate_eval_jobs, postlight_jobs, trafilatura_eval_jobs, wcxb_test_jobs

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from parsel import Selector


def written_day(day: date) -> re.Pattern[str]:
    """The usual ways a page writes ``day`` (any case; a day or month with or without its zero, an ordinal)."""
    d, m, y = rf"0?{day.day}(?:st|nd|rd|th)?", rf"0?{day.month}", str(day.year)
    names = [day.strftime("%B").casefold(), day.strftime("%b").casefold(), *(["sept"] if day.month == 9 else [])]
    mon, sep = "(?:" + "|".join(names) + r")\.?", r"[-/. ]"
    return re.compile("|".join([
        rf"{mon}\s+{d},?\s+{y}",  # March 3, 2025; Dec 04, 2025; September 1st, 2023
        rf"(?<!\d){d}\s+(?:of\s+)?{mon},?\s+{y}",  # 3 March 2025
        rf"{y}\s+{mon}\s+{d}(?!\d)",  # 2023 Jan 7
        rf"{y}{sep}{m}{sep}0?{day.day}(?!\d)",  # 2025-03-03, 2025-03-03T10:00, 2025.12.17, 2019/1/22, /2025/03/03/
        rf"(?<!\d)0?{day.day}{sep}{m}{sep}{y}", rf"(?<!\d){m}{sep}0?{day.day}{sep}{y}",  # 03.03.2025, 03/03/2025
    ]), re.IGNORECASE)


def date_written(truth: str, page: str) -> bool:
    """Whether the day ``truth`` (``YYYY-MM-DD...``) is written in ``page`` (its markup)."""
    try:
        day = date.fromisoformat(truth[:10])
    except ValueError:
        return True  # a month alone ("2015-11"): not judged here
    if written_day(day).search(page):
        return True
    from crawler.extraction.dateline import days_in

    return day.isoformat() in days_in(page)  # the dateline's spellings too, in the fixtures' languages ("04-ago-2021")


def _metadata_days(sel: object) -> tuple[str | None, set[str]]:
    """The page's metadata's publication day and its modification days."""
    from crawler.discovery.pagemeta import page_meta
    from crawler.extraction.metadata import published_date

    meta = page_meta(sel)  # type: ignore[arg-type]
    modified = meta.contents(("property", "article:modified_time"), ("itemprop", "dateModified"))
    modified += [obj["dateModified"] for obj in meta.jsonld if isinstance(obj.get("dateModified"), str)]
    published = published_date(sel)  # type: ignore[arg-type]
    return (published[:10] if published else None), {day for value in modified if (day := _iso_day(value))}


def _iso_day(value: str) -> str | None:
    """The ``YYYY-MM-DD`` of an ISO 8601 date or time; None for any other spelling."""
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def _page_answers(page: dict) -> dict:
    """What one page offers for each field, beside its truth."""
    from parsel import Selector

    from crawler.extraction.parse import parse_html
    from crawler.extraction.titles import metadata_title, page_headline

    truth, markup = page["truth"], html.unescape(page["html"]).casefold()
    tree = parse_html(page["html"])
    sel = Selector(root=tree, type="html") if tree is not None else None
    headline, h1 = page_headline(sel, page["url"]) if sel is not None else (None, None)
    out: dict = {}
    if (true_date := truth.get("publish_date")) and sel is not None:
        out |= _date_answers(true_date, markup, tree, sel, h1)
    elif true_date:
        out["date_written"] = date_written(true_date, markup)
    if (true_title := truth.get("title")) and sel is not None and h1 is not None:
        bare = metadata_title(sel, page["url"])
        if bare and not title_right(bare, headline):
            out["title_side"] = ("h1" if title_right(true_title, headline) else
                                 "metadata" if title_right(true_title, bare) else "neither")
    if true_names := name_set(truth.get("author"), truth=True):
        page_key = f" {_key(markup)} "
        out["author_written"] = all(f" {name} " in page_key for name in true_names)
    return out


def _date_answers(true_date: str, markup: str, tree: HtmlElement, sel: Selector, h1: HtmlElement | None) -> dict:
    """Whether the true day is written; which of the metadata's publication and later modification it is; which
    of the day shown beside the headline and the metadata's a day from it (one moment in two time zones)."""
    from crawler.extraction.dateline import shown_date

    out: dict = {"date_written": date_written(true_date, markup)}
    published, modified = _metadata_days(sel)
    later = sorted(day for day in modified if published and day > published)
    if published and later:
        out["date_side"] = ("published" if date_right(true_date, published) else
                            "modified" if any(date_right(true_date, day) for day in later) else "neither")
    shown = shown_date(tree, h1)
    if published and shown and _a_day_apart(shown, published):
        out["zone_side"] = ("shown" if date_right(true_date, shown) else
                            "metadata" if date_right(true_date, published) else "neither")
    return out


def _a_day_apart(day: str, other: str) -> bool:
    try:
        return abs((date.fromisoformat(day[:10]) - date.fromisoformat(other[:10])).days) == 1
    except ValueError:
        return False


def _split(answers: list[dict], field: str, sides: tuple[str, str]) -> dict:
    chosen = [a[field] for a in answers if field in a]
    return {side: chosen.count(side) for side in (*sides, "neither")}


def measure(pages: list[dict]) -> dict:
    """The splits, the answers written nowhere and the ceilings over ``pages`` (``bench.authors.load``'s shape)."""
    answers = [_page_answers(page) for page in pages]
    judged = {
        "date": sum(1 for page in pages if page["truth"].get("publish_date")),
        "title": sum(1 for page in pages if page["truth"].get("title")),
        "author": sum(1 for page in pages if name_set(page["truth"].get("author"), truth=True)),
    }
    result: dict = {"pages": len(pages), "judged": judged}
    result["date"] = {"not_written": sum(1 for a in answers if a.get("date_written") is False),
                      "split": _split(answers, "date_side", ("published", "modified")),
                      "a_day_apart": _split(answers, "zone_side", ("shown", "metadata"))}
    result["title"] = {"split": _split(answers, "title_side", ("h1", "metadata"))}
    result["author"] = {"not_written": sum(1 for a in answers if a.get("author_written") is False)}
    for field in ("date", "title", "author"):
        figures = result[field]
        split = figures.get("split", {})
        minority = min(count for side, count in split.items() if side != "neither") if split else 0
        lost = figures.get("not_written", 0) + minority
        figures["at_most"] = 1 - lost / judged[field] if judged[field] else 0.0
    return result


#: The other sets whose truths are asked the same questions, when a clone is given: name, label, loader, what a
#: clone holds.
OTHER_SETS = (
    ("wcxb", "WCXB's held-out test split", wcxb_test_jobs, "test/ground-truth"),
    ("trafilatura", "trafilatura's evaluation pages", trafilatura_eval_jobs, "tests/evaldata.json"),
    ("postlight", "Postlight Parser's fixtures", postlight_jobs, "src/extractors/custom"),
    ("htmldate", "htmldate's evaluation pages", htmldate_eval_jobs, "tests/eval_default.json"),
)


def _as_pages(jobs: list[tuple[str, bytes, dict]]) -> list[dict]:
    """A loader's ``(url, html, truth)`` jobs as ``bench.authors.load``'s pages."""
    return [{"id": str(i), "url": url, "html": raw.decode("utf-8", "replace"),
             "truth": {"author": truth.get("author"), "title": truth.get("title"), "publish_date": truth.get("date")}}
            for i, (url, raw, truth) in enumerate(jobs)]


def run(data: Path, limit: int | None, others: dict[str, Path] | None = None) -> dict:
    """wcxb-dev's figures, and the same of each other set whose clone ``others`` names."""
    result = measure(load(data, limit))
    loaders = {name: loader for name, _, loader, _ in OTHER_SETS}
    if others:
        result["other_sets"] = {name: measure(_as_pages(loaders[name](repo))) for name, repo in others.items()}
    return result


def report(result: dict) -> str:
    d, t, a, judged = result["date"], result["title"], result["author"], result["judged"]
    ds, ts = d["split"], t["split"]
    lines = [
        f"{result['pages']} pages of wcxb-dev",
        f"date ({judged['date']} judged): the true day written nowhere on the page: {d['not_written']}; where the"
        f" metadata states a later modification, the truth is the publication's on {ds['published']}, the"
        f" modification's on {ds['modified']}, neither on {ds['neither']}; at most {d['at_most']:.3f}; where the day"
        f" shown beside the headline is a day from the metadata's, the truth is the shown day on"
        f" {d['a_day_apart']['shown']}, the metadata's on {d['a_day_apart']['metadata']}",
        f"title ({judged['title']} judged): where the <h1> and the metadata title differ, the truth is the <h1>'s on"
        f" {ts['h1']}, the metadata's on {ts['metadata']}, neither on {ts['neither']}; at most {t['at_most']:.3f}",
        f"author ({judged['author']} judged): the true author named nowhere on the page: {a['not_written']};"
        f" at most {a['at_most']:.3f}",
    ]
    labels = {name: label for name, label, _, _ in OTHER_SETS}
    for name, other in result.get("other_sets", {}).items():
        lines += ["", f"{labels[name]} ({other['pages']} pages): the same questions"]
        lines += [f"{field} ({other['judged'][field]} judged): {text}" for field, text in _other_answers(other)
                  if other["judged"][field]]
    return "\n".join(lines)


def _other_answers(other: dict) -> list[tuple[str, str]]:
    """Per field, another set's answers to wcxb-dev's questions, in a few words."""
    d, t = other["date"], other["title"]
    split, apart = d["split"], d["a_day_apart"]
    return [
        ("date", f"written nowhere {d['not_written']}; publication {split['published']}, modification"
                 f" {split['modified']}, neither {split['neither']}; a day apart: shown {apart['shown']}, metadata"
                 f" {apart['metadata']}"),
        ("title", f"<h1> {t['split']['h1']}, metadata {t['split']['metadata']}, neither {t['split']['neither']}"),
        ("author", f"named nowhere {other['author']['not_written']}"),
    ]


def _other_repos(args: argparse.Namespace) -> dict[str, Path] | None:
    """The other sets' clones given, or None (after a one-line error) where one is no such clone."""
    others = {}
    for name, _, _, wanted in OTHER_SETS:
        if (repo := getattr(args, name)) is None:
            continue
        if not (repo / wanted).exists():
            print(f"bench/truth: {repo} is no {name} clone with {wanted}", file=sys.stderr)
            return None
        others[name] = repo
    return others


def main(argv: list[str] | None = None) -> int:
    parser = wcxb_parser(__doc__)
    for name, label, _, _ in OTHER_SETS:
        variable = f"{name.upper()}_REPO"
        parser.add_argument(f"--{name}", type=Path, default=os.environ.get(variable) or None,
                            help=f"a clone holding {label} (optional; or {variable})")
    args = parser.parse_args(argv)
    if wcxb_missing("truth", args.data) or (others := _other_repos(args)) is None:
        return 2
    result = run(args.data, args.limit, others)
    print(report(result))
    write_result("truth", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
