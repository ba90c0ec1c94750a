"""Where body recall goes: what the truth keeps that an extractor cuts, by kind of element, beside trafilatura.

Data: ``../shared/benchmarks/wcxb-dev/`` (793 real article pages). Its truth gives each body as Markdown
(``main_content_markdown``), so every true line has a kind: heading, list item, table row, quote or
paragraph. A true line's words are cut in the share of its three-word runs that the extractor's body lacks
(a line of one or two words: unless the body holds it); those words are the recall lost there. The truth's
``with`` snippets (lines a correct body must hold) and ``without`` snippets (boilerplate it must not) are
found when the body holds their words, together and in order.

Usage: ``make bench-recall`` or ``python -m bench.recall [--data DIR] [--limit N] [--page ID]``
(``--page`` prints the true lines each extractor cut from that page).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bench import wcxb_missing, wcxb_parser, write_result
from bench.authors import load

KINDS = ("heading", "list item", "table row", "quote", "paragraph")
_WORD = re.compile(r"\w+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LIST = re.compile(r"^(?:[-*+]|\d+[.)])\s")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def line_kind(line: str) -> str | None:
    """The kind of element a Markdown line of the truth is; None for a table's rule line."""
    line = line.strip()
    if line.startswith("#"):
        return "heading"
    if line.startswith(">"):
        return "quote"
    if line.startswith("|"):
        return None if _TABLE_RULE.match(line) else "table row"
    if _LIST.match(line):
        return "list item"
    return "paragraph"


def words(text: str) -> str:
    """The words of a text (Markdown links and images read as their text), lower case, one space apart."""
    text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    return " ".join(_WORD.findall(text.casefold()))


def truth_lines(markdown: str) -> list[tuple[str, str]]:
    """(kind, words) of each line of a Markdown body that has words (a list item's number is its marker)."""
    lines = []
    for line in markdown.splitlines():
        if (kind := line_kind(line)) and (text := words(_LIST.sub("", line.strip(), count=1))):
            lines.append((kind, text))
    return lines


def holds(body_words: str, text: str) -> bool:
    """Whether a body's words hold ``text``'s words together and in order."""
    return f" {text} " in f" {body_words} "


def _runs(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]


def cut_words(line: str, body_words: str, body_runs: set[tuple[str, ...]]) -> float:
    """Words of one true line (its words, lower case) that a body (its words, and their three-word runs) cut."""
    tokens = line.split()
    if len(tokens) < 3:
        return 0.0 if holds(body_words, line) else float(len(tokens))
    runs = _runs(tokens)
    return len(tokens) * sum(run not in body_runs for run in runs) / len(runs)


def page_losses(markdown: str, body: str) -> dict[str, list[float]]:
    """Per kind: [true words, true words the body cut]."""
    body_words = words(body)
    body_runs = set(_runs(body_words.split()))
    losses = {kind: [0.0, 0.0] for kind in KINDS}
    for kind, text in truth_lines(markdown):
        losses[kind][0] += text.count(" ") + 1
        losses[kind][1] += cut_words(text, body_words, body_runs)
    return losses


def snippets_found(snippets: list[str], body: str) -> tuple[int, int]:
    """(snippets with words, of them found in the body)."""
    body_words = words(body)
    texts = [text for text in (words(s) for s in snippets) if text]
    return len(texts), sum(holds(body_words, text) for text in texts)


def run(data: Path, limit: int | None) -> dict:
    from bench.extraction import extractors

    pages = [page for page in load(data, limit) if page["truth"].get("main_content_markdown")]
    funcs = {name: func for name, func in extractors().items() if name in ("project", "trafilatura")}
    result: dict = {"pages": len(pages), "extractors": {}, "worst_pages": {}}
    for name, func in funcs.items():
        totals = {kind: [0.0, 0.0] for kind in KINDS}
        found = {"with": [0, 0], "without": [0, 0]}
        per_page = []
        for page in pages:
            truth = page["truth"]
            body = func(page["html"], page["url"])
            losses = page_losses(truth["main_content_markdown"], body)
            for kind, (true_words, cut) in losses.items():
                totals[kind][0] += true_words
                totals[kind][1] += cut
            for key in found:
                counted, hits = snippets_found(truth.get(key) or [], body)
                found[key][0] += counted
                found[key][1] += hits
            cut = {kind: round(c) for kind, (_, c) in losses.items() if round(c)}
            per_page.append({"id": page["id"], "url": page["url"], "cut_words": sum(cut.values()), "cut": cut})
        result["extractors"][name] = {
            "kinds": {
                kind: {"true_words": round(t), "cut_share": c / t if t else 0.0} for kind, (t, c) in totals.items()
            },
            "with_found": found["with"][1] / found["with"][0] if found["with"][0] else 0.0,
            "without_found": found["without"][1] / found["without"][0] if found["without"][0] else 0.0,
            "snippets": {key: {"counted": n, "found": h} for key, (n, h) in found.items()},
        }
        result["worst_pages"][name] = sorted(per_page, key=lambda p: -p["cut_words"])[:25]
    return result


def report(result: dict) -> str:
    names = list(result["extractors"])
    lines = [f"{result['pages']} pages: share of the truth's words each extractor cut, by kind of element", ""]
    lines.append(f"{'kind':<24}{'true words':>12}" + "".join(f"{name:>14}" for name in names))
    first = result["extractors"][names[0]]["kinds"]
    for kind in KINDS:
        cells = "".join(f"{result['extractors'][name]['kinds'][kind]['cut_share']:>14.3f}" for name in names)
        lines.append(f"{kind:<24}{first[kind]['true_words']:>12}{cells}")
    lines.append("")
    for label, key in (("with snippets found", "with_found"), ("without snippets found (kept)", "without_found")):
        lines.append(f"{label:<36}" + "".join(f"{result['extractors'][n][key]:>14.3f}" for n in names))
    lines += ["", "pages where the project cut the most true words:"]
    for page in result["worst_pages"]["project"][:10]:
        kinds = ", ".join(f"{kind} {count}" for kind, count in page["cut"].items())
        lines.append(f"  {page['id']}  {page['cut_words']:>5} words ({kinds})  {page['url'][:80]}")
    return "\n".join(lines)


def show_page(data: Path, page_id: str) -> int:
    """Print the true lines each extractor cut from one page."""
    from bench.extraction import extractors

    pages = [page for page in load(data, None) if page["id"] == page_id]
    if not pages:
        print(f"bench/recall: no page {page_id!r} in {data}", file=sys.stderr)
        return 2
    page = pages[0]
    for name, func in extractors().items():
        if name not in ("project", "trafilatura"):
            continue
        body_words = words(func(page["html"], page["url"]))
        body_runs = set(_runs(body_words.split()))
        print(f"== cut by {name} (words cut of the line's)")
        for kind, text in truth_lines(page["truth"].get("main_content_markdown") or ""):
            if cut := cut_words(text, body_words, body_runs):
                print(f"  {cut:4.0f}/{text.count(' ') + 1:<4} [{kind}] {text[:110]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = wcxb_parser(__doc__)
    parser.add_argument("--page", help="print the true lines each extractor cut from this page id")
    args = parser.parse_args(argv)
    if wcxb_missing("recall", args.data):
        return 2
    if args.page:
        return show_page(args.data, args.page)
    result = run(args.data, args.limit)
    print(report(result))
    write_result("recall", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
