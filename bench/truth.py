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

Usage: ``make bench-truth`` or ``python -m bench.truth [--data DIR] [--limit N]``. Writes bench/results/truth.json.
"""

from __future__ import annotations

import html
import re
import sys
from datetime import date
from pathlib import Path

from bench import wcxb_missing, wcxb_parser, write_result
from bench.authors import _key, date_right, load, name_set, title_right


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
    out: dict = {}
    if true_date := truth.get("publish_date"):
        out["date_written"] = date_written(true_date, markup)
        published, modified = _metadata_days(sel) if sel is not None else (None, set())
        later = sorted(day for day in modified if published and day > published)
        if published and later:
            out["date_side"] = ("published" if date_right(true_date, published) else
                                "modified" if any(date_right(true_date, day) for day in later) else "neither")
    if (true_title := truth.get("title")) and sel is not None:
        headline, h1 = page_headline(sel, page["url"])
        bare = metadata_title(sel, page["url"])
        if h1 is not None and bare and not title_right(bare, headline):
            out["title_side"] = ("h1" if title_right(true_title, headline) else
                                 "metadata" if title_right(true_title, bare) else "neither")
    if true_names := name_set(truth.get("author"), truth=True):
        page_key = f" {_key(markup)} "
        out["author_written"] = all(f" {name} " in page_key for name in true_names)
    return out


def _split(answers: list[dict], field: str, sides: tuple[str, str]) -> dict:
    chosen = [a[field] for a in answers if field in a]
    return {side: chosen.count(side) for side in (*sides, "neither")}


def run(data: Path, limit: int | None) -> dict:
    pages = load(data, limit)
    answers = [_page_answers(page) for page in pages]
    judged = {
        "date": sum(1 for page in pages if page["truth"].get("publish_date")),
        "title": sum(1 for page in pages if page["truth"].get("title")),
        "author": sum(1 for page in pages if name_set(page["truth"].get("author"), truth=True)),
    }
    result: dict = {"pages": len(pages), "judged": judged}
    result["date"] = {"not_written": sum(1 for a in answers if a.get("date_written") is False),
                      "split": _split(answers, "date_side", ("published", "modified"))}
    result["title"] = {"split": _split(answers, "title_side", ("h1", "metadata"))}
    result["author"] = {"not_written": sum(1 for a in answers if a.get("author_written") is False)}
    for field in ("date", "title", "author"):
        figures = result[field]
        split = figures.get("split", {})
        minority = min(count for side, count in split.items() if side != "neither") if split else 0
        lost = figures.get("not_written", 0) + minority
        figures["at_most"] = 1 - lost / judged[field] if judged[field] else 0.0
    return result


def report(result: dict) -> str:
    d, t, a, judged = result["date"], result["title"], result["author"], result["judged"]
    ds, ts = d["split"], t["split"]
    return "\n".join([
        f"{result['pages']} pages of wcxb-dev",
        f"date ({judged['date']} judged): the true day written nowhere on the page: {d['not_written']}; where the"
        f" metadata states a later modification, the truth is the publication's on {ds['published']}, the"
        f" modification's on {ds['modified']}, neither on {ds['neither']}; at most {d['at_most']:.3f}",
        f"title ({judged['title']} judged): where the <h1> and the metadata title differ, the truth is the <h1>'s on"
        f" {ts['h1']}, the metadata's on {ts['metadata']}, neither on {ts['neither']}; at most {t['at_most']:.3f}",
        f"author ({judged['author']} judged): the true author named nowhere on the page: {a['not_written']};"
        f" at most {a['at_most']:.3f}",
    ])


def main(argv: list[str] | None = None) -> int:
    args = wcxb_parser(__doc__).parse_args(argv)
    if wcxb_missing("truth", args.data):
        return 2
    result = run(args.data, args.limit)
    print(report(result))
    write_result("truth", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
