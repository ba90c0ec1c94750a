"""Metadata benchmark: author, date, title and the author's page, beside trafilatura's ``extract_metadata``.

Data: ``../shared/benchmarks/wcxb-dev/`` (793 real article pages, ground truth per page: see its
SOURCE.md). Both extractors run on each page in turn, in this one process.

- author: right when every true name is named and no other name is (names compared case-, accent-
  and punctuation-insensitively; a name that holds the other's words, "Dr. Jane Doe" for "Jane Doe",
  counts). Over the pages whose truth names an author; pages that name none are scored apart (the
  share where nobody is named).
- date: the first ten characters (YYYY-MM-DD) equal the truth's, over pages with a true date.
- title: equal after case, spacing and quote normalisation, over pages with a true title.
- author page: over ``bench/author_pages.json`` (hand-checked labels, see its ``how``), the share of
  pages whose site has an author page on which the project's ``author_url`` is that page.

The pages are split in two halves by id (odd, even). Rules were developed looking at the misses of
the odd half only (``--misses``); the even half is the check. Both are printed.

Usage: ``make bench-authors`` or ``python -m bench.authors [--data DIR] [--limit N] [--misses FIELD]``.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench import wcxb_missing, wcxb_parser, write_result

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "author_pages.json"
FIELDS = ("author", "date", "title")
_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b)\s*")


def _key(text: str) -> str:
    from crawler.text import drop_invisible

    # A soft hyphen shows nothing: "Deutsch\u00adland" reads "Deutschland".
    decomposed = unicodedata.normalize("NFKD", drop_invisible(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", plain.casefold()))


def name_set(names: str | list[str] | None, truth: bool = False) -> list[str]:
    """The normalized names of an author field: a list, or a string of names joined by , ; & or "and".

    After the first name, a single word is a credential ("Jane Doe, MD, FACP"), not a person. In the truth,
    written by hand, so is a part with initials, a number, a job title or a role in words ("Genevieve Carlton,
    Ph.D.", "Mayank Gupta, CEO of CaseBasix"); an extractor that names a job title as a second author is wrong.
    """
    if not names:
        return []
    parts = names if isinstance(names, list) else _SPLIT.split(names)
    keys = [key for key in (_key(part) for part in parts) if key]
    not_person = _credential if truth else (lambda key: len(key.split()) < 2)
    return [key for key in keys if key == keys[0] or not not_person(key)]


# Words of a job title ("Sr. Director of Operations", "Home and Digital Security Expert").
_TITLE_WORDS = re.compile(
    r"\b(?:expert|director|ceo|cto|cfo|coo|founder|manager|editor|writer|reporter|officer|president|specialist|"
    r"consultant|contributor|analyst|advisor|adviser|engineer|professor)\b"
)


# Words a role's description has and a name has not ("Candidate Representative to the Liaison Committee").
_PHRASE_WORDS = frozenset("to of at for in on with the".split())


def _credential(key: str) -> bool:
    """A part of an author field that names no person: one word ("MD"), initials ("ph d"), a certificate
    with a number ("e ryt 200"), a job title, or a role told in words ("representative to the committee")."""
    words = key.split()
    return len(words) < 2 or all(len(word) <= 2 for word in words) or any(ch.isdigit() for ch in key) or bool(
        _TITLE_WORDS.search(key)
    ) or not _PHRASE_WORDS.isdisjoint(words)


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return len(short) >= 2 and all(word in long for word in short)


def author_right(truth: str | None, predicted: str | list[str] | None) -> bool:
    """True when the prediction names exactly the true authors (an empty truth wants no name)."""
    true_names, names = name_set(truth, truth=True), name_set(predicted)
    if not true_names:
        return not names
    return all(any(_same_name(t, p) for p in names) for t in true_names) and all(
        any(_same_name(t, p) for t in true_names) for p in names
    )


def title_right(truth: str, predicted: str | None) -> bool:
    """True when both titles read the same, ignoring case, spacing, punctuation and quote styles."""
    return bool(predicted) and _key(truth) == _key(predicted or "")


def date_right(truth: str, predicted: str | None) -> bool:
    """True when the predicted date's day (YYYY-MM-DD) is the true one."""
    return bool(predicted) and str(predicted)[:10] == truth[:10]


def same_page(got: str | None, truth: str) -> bool:
    """True when both address the same author page (normalised; a trailing slash or ``/page/N/`` aside)."""
    from crawler.discovery.authorpages import archive_base

    return bool(got) and archive_base(got).rstrip("/") == archive_base(truth).rstrip("/")


def load(data: Path, limit: int | None) -> list[dict]:
    pages = []
    for path in sorted((data / "ground-truth").glob("*.json"))[:limit]:
        meta = json.loads(path.read_text(encoding="utf-8"))
        html = gzip.decompress((data / "html" / f"{path.stem}.html.gz").read_bytes()).decode("utf-8", "replace")
        url = meta.get("url") or f"https://unknown.invalid/{path.stem}"  # one page of the set has none
        pages.append({"id": path.stem, "url": url, "html": html, "truth": meta["ground_truth"]})
    return pages


def extractors() -> dict[str, Callable[[str, str], dict]]:
    from trafilatura import extract_metadata

    from crawler.extraction.record import page_metadata

    def project(html: str, url: str) -> dict:
        meta = page_metadata(html, url)
        return {"author": meta["authors"], "date": meta["published"], "title": meta["title"],
                "author_url": meta["author_url"]}

    def plain(html: str, url: str) -> dict:
        doc = extract_metadata(html, default_url=url)
        if doc is None:
            return {"author": None, "date": None, "title": None, "author_url": None}
        return {"author": doc.author, "date": doc.date, "title": doc.title, "author_url": None}

    return {"project": project, "trafilatura": plain}


def _judge(field: str, truth: dict, got: dict) -> bool | None:
    """Whether ``got`` has ``field`` right; None when the truth does not say."""
    if field == "author":
        return author_right(truth.get("author"), got["author"])
    if field == "date":
        return date_right(truth["publish_date"], got["date"]) if truth.get("publish_date") else None
    return title_right(truth["title"], got["title"]) if truth.get("title") else None


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def run(data: Path, limit: int | None) -> dict:
    pages = load(data, limit)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["pages"] if LABELS.is_file() else {}
    funcs = extractors()
    result: dict = {"pages": len(pages), "extractors": {}, "misses": {}}
    outputs = {name: [func(page["html"], page["url"]) for page in pages] for name, func in funcs.items()}
    for name, got in outputs.items():
        figures: dict = {}
        for half in ("all", "odd", "even"):
            chosen = [i for i, page in enumerate(pages) if half in ("all", _half(page["id"]))]
            named = [i for i in chosen if pages[i]["truth"].get("author")]
            for field in FIELDS:
                judged = [_judge(field, pages[i]["truth"], got[i]) for i in (named if field == "author" else chosen)]
                figures[f"{field}/{half}"] = _share([v for v in judged if v is not None])
            figures[f"no_author_right/{half}"] = _share(
                [not name_set(got[i]["author"]) for i in chosen if not pages[i]["truth"].get("author")]
            )
        labelled = [i for i, page in enumerate(pages) if labels.get(page["id"])]
        figures["author_page"] = _share([same_page(got[i]["author_url"], labels[pages[i]["id"]]) for i in labelled])
        figures["author_page_labelled"] = len(labelled)
        none = [i for i, page in enumerate(pages) if page["id"] in labels and labels[page["id"]] is None]
        figures["author_page_none_right"] = _share([not got[i]["author_url"] for i in none])
        figures["author_page_none_labelled"] = len(none)
        result["extractors"][name] = figures
        result["misses"][name] = {
            field: [
                {"id": page["id"], "url": page["url"], "truth": _truth_of(field, page["truth"]), "got": got[i][field]}
                for i, page in enumerate(pages)
                if _judge(field, page["truth"], got[i]) is False
            ]
            for field in FIELDS
        }
        result["misses"][name]["author_page"] = [
            {"id": pages[i]["id"], "truth": labels[pages[i]["id"]], "got": got[i]["author_url"]}
            for i in labelled
            if not same_page(got[i]["author_url"], labels[pages[i]["id"]])
        ]
    return result


def _truth_of(field: str, truth: dict) -> str | None:
    return truth.get({"author": "author", "date": "publish_date", "title": "title"}[field])


def _half(page_id: str) -> str:
    return "odd" if int(page_id) % 2 else "even"


def report(result: dict) -> str:
    lines = [f"{result['pages']} pages (odd ids: developed on; even ids: the check)", ""]
    header = f"{'field':<34}" + "".join(f"{name:>14}" for name in result["extractors"])
    lines.append(header)
    rows = [(f"{field} ({half})", f"{field}/{half}") for field in FIELDS for half in ("all", "odd", "even")]
    rows += [(f"no author named, when none ({half})", f"no_author_right/{half}") for half in ("all", "odd", "even")]
    for label, key in rows:
        lines.append(f"{label:<34}" + "".join(f"{m[key]:>14.3f}" for m in result["extractors"].values()))
    m = result["extractors"]["project"]
    lines.append(f"{'author page found (' + str(m['author_page_labelled']) + ' labelled)':<34}"
                 f"{m['author_page']:>14.3f}{'':>14}")
    lines.append(f"{'no author page, when none (' + str(m['author_page_none_labelled']) + ')':<34}"
                 f"{m['author_page_none_right']:>14.3f}{'':>14}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = wcxb_parser(__doc__)
    parser.add_argument("--misses", choices=[*FIELDS, "author_page"], help="list the project's misses of the odd half")
    args = parser.parse_args(argv)
    if wcxb_missing("authors", args.data):
        return 2
    result = run(args.data, args.limit)
    print(report(result))
    if args.misses:
        print()
        for miss in result["misses"]["project"][args.misses]:
            if _half(miss["id"]) == "odd":
                print(f"{miss['id']}  truth={miss['truth']!r}  got={miss['got']!r}  {miss.get('url', '')}")
    write_result("authors", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
