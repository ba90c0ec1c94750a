"""The benchmarks' metrics (bench/extraction.py, bench/authors.py) on cases whose answer is known."""

import json
from pathlib import Path

import pytest

from bench.authors import author_right, date_right, same_page, title_right
from bench.extraction import page_scores, shingles, summarize

TRUTH = "one two three four five six seven eight"


def test_shingles() -> None:
    assert sum(shingles(TRUTH).values()) == 5
    assert shingles("just two") == {("just", "two"): 1}
    assert shingles("") == {}


def test_exact_match_is_perfect() -> None:
    assert page_scores(TRUTH, TRUTH + " ...") == (1.0, 1.0)


def test_extra_and_missing_text() -> None:
    precision, recall = page_scores(TRUTH, TRUTH + " nine ten eleven twelve")
    assert recall == 1.0 and precision == pytest.approx(5 / 9)
    precision, recall = page_scores(TRUTH, "one two three four five")
    assert precision == 1.0 and recall == pytest.approx(2 / 5)


def test_empty_prediction_counts_for_recall_only() -> None:
    assert page_scores(TRUTH, "") == (None, 0.0)
    assert page_scores("", "") == (None, None)
    scores = [page_scores(TRUTH, TRUTH), page_scores(TRUTH, "")]
    assert summarize(scores) == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}


def test_author_metric_names_people_not_credentials() -> None:
    assert author_right("Jane Doe, MD, FACP", ["Jane Doe"])
    assert author_right("Genevieve Carlton, Ph.D.", ["Genevieve Carlton"])
    assert author_right("Mayank Gupta, CEO of CaseBasix", ["Mayank Gupta"])
    assert author_right("Paul Frew, Home and Digital Security Expert", ["Paul Frew"])
    assert not author_right("Mayank Gupta, CEO of CaseBasix", ["CaseBasix"])
    assert author_right("Agatha Caleo, Candidate Representative to the Liaison Committee", ["Agatha Caleo"])
    assert author_right("Dr. Jane Doe", ["Jane Doe"])
    assert author_right("Jane Doe and John Roe", ["John Roe", "Jane Doe"])
    assert not author_right("Jane Doe and John Roe", ["Jane Doe"])
    assert not author_right("Jane Doe", ["Jane Doe", "Staff Writer"])
    assert not author_right("Jane Doe", [])
    assert author_right(None, []) and not author_right(None, ["Site Name"])


def test_title_and_date_metrics() -> None:
    assert title_right("Budget Traveler\u2019s Guide", "budget traveler's guide")
    assert title_right("Deutsch\u00adland steht fest", "Deutschland steht fest")  # a soft hyphen shows nothing
    assert not title_right("Budget Traveler's Guide", "Budget Traveler's Guide | Site")
    assert date_right("2025-12-18", "2025-12-18T09:00:00+00:00") and not date_right("2025-12-18", "2025-12-19")
    assert same_page("https://a.test/author/jane/page/2/", "https://a.test/author/jane") and not same_page(None, "x")


def test_every_rule_bench_rules_switches_off_is_where_it_names() -> None:
    from importlib import import_module

    from bench.rules import _rules

    for rule, (where, _off) in _rules().items():
        module_name, name = where.split(".")
        assert hasattr(import_module(f"crawler.extraction.{module_name}"), name), rule


def _eval_repo(root: Path, data_name: str, items: dict) -> Path:
    (root / "tests" / "eval").mkdir(parents=True)
    for item in items.values():
        (root / "tests" / "eval" / item["file"]).write_text(item.pop("html"), encoding="utf-8")
    (root / "tests" / data_name).write_text(json.dumps(items), encoding="utf-8")
    return root


def test_outside_bench_scores_both_libraries_pages(tmp_path: Path) -> None:
    from bench.outside import main, run

    paragraphs = "".join(f"<p>Paragraph {i} about tides, cranes and the freight that waits.</p>" for i in range(6))
    page = ("<html><head><title>Cranes at dawn</title></head><body><main><h1>Cranes at dawn</h1>"
            f"<p class='byline'>By Jane Doe</p><div>March 3, 2025</div>{paragraphs}</main></body></html>")
    item = {"file": "a.html", "html": page, "author": "Jane Doe", "date": "2025-03-03", "title": "Cranes at dawn",
            "with": ["Paragraph 3 about tides"], "without": ["Copyright Harbour Times"]}
    tf = _eval_repo(tmp_path / "tf", "evaldata.json", {"https://example.org/a": dict(item)})
    hd = _eval_repo(tmp_path / "hd", "eval_default.json", {"https://example.org/a": {**item, "date": "2025-03-03"}})
    result = run(tf / "tests", hd / "tests", workers=1)
    ours = result["trafilatura_eval"]
    assert ours["author"]["pages"] == 1 and ours["author"]["project"] == 1.0
    assert ours["date"]["project"] == 1.0 and result["htmldate_eval"]["date"]["project"] == 1.0
    assert ours["with"]["project"] == 1.0 and ours["without"]["project"] == 0
    assert ours["snippets"]["project"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert main(["--trafilatura", str(tmp_path / "missing"), "--htmldate", str(hd)]) == 2


def test_outside_bench_scores_snippets_as_the_set_counts_them() -> None:
    from bench.outside import _snippet_scores

    # Two pages: 3 of 4 `with` snippets found, 1 of 2 `without` snippets kept.
    pages = [{"with": {"project": 2, "trafilatura": 3, "of": 3}, "without": {"project": 1, "trafilatura": 0, "of": 1}},
             {"with": {"project": 1, "trafilatura": 0, "of": 1}, "without": {"project": 0, "trafilatura": 1, "of": 1}}]
    ours = _snippet_scores(pages)["project"]
    assert ours["precision"] == 3 / 4 and ours["recall"] == 3 / 4 and ours["f1"] == 6 / 8


def _wcxb_page(data: Path, page_id: str, html: str, truth: dict, page_type: str = "article") -> None:
    import gzip

    (data / "ground-truth").mkdir(parents=True, exist_ok=True)
    (data / "html").mkdir(exist_ok=True)
    (data / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
    meta = {"url": f"https://example.org/{page_id}", "ground_truth": truth,
            "_internal": {"page_type": {"primary": page_type}}}
    (data / "ground-truth" / f"{page_id}.json").write_text(json.dumps(meta), encoding="utf-8")


def test_outside_bench_scores_wcxb_test_splits_articles_only(tmp_path: Path) -> None:
    from bench.outside import other_set_rows, run

    paragraphs = [f"Paragraph {i} about tides, cranes and the freight that waits on the quay." for i in range(6)]
    page = ("<html><head><title>Cranes at dawn | Harbour Times</title></head><body><main><h1>Cranes at dawn</h1>"
            "<p class='byline'>By Jane Doe</p>" + "".join(f"<p>{p}</p>" for p in paragraphs) +
            "</main><footer><p>Copyright Harbour Times, all rights reserved, every day of the year.</p></footer>"
            "</body></html>")
    truth = {"author": "Jane Doe", "title": "Cranes at dawn", "main_content": "\n".join(paragraphs)}
    _wcxb_page(tmp_path / "wcxb" / "test", "4001", page, truth)
    _wcxb_page(tmp_path / "wcxb" / "test", "4002", page, {**truth, "author": "Someone Else"}, page_type="forum")
    tf = _eval_repo(tmp_path / "tf", "evaldata.json", {})
    hd = _eval_repo(tmp_path / "hd", "eval_default.json", {})
    result = run(tf / "tests", hd / "tests", workers=1, others={"wcxb": tmp_path / "wcxb"})
    held_out = result["wcxb_tests"]
    assert held_out["pages"] == 1  # the forum page is not an article
    assert held_out["author"]["project"] == 1.0 and held_out["title"]["project"] == 1.0
    assert held_out["body"]["project"]["recall"] == 1.0 and held_out["body"]["project"]["precision"] > 0.9
    (name, label, rows), = other_set_rows(result)
    assert name == "wcxb" and label.startswith("WCXB")
    assert [measure for measure, _, _ in rows][-2:] == ["body precision", "body recall"]


def test_truth_audit_counts_both_sides_and_what_no_page_holds(tmp_path: Path) -> None:
    from bench.truth import date_written, main, run

    assert date_written("2023-09-01", "<div>September 1st, 2023</div>")
    assert date_written("2025-12-04", "<div>Dec 04, 2025</div>") and date_written("2025-12-04", "2025-12-04T10:00")
    assert date_written("2021-08-04", "on 04-ago-2021") and not date_written("2021-08-04", "2021-08-14")
    stated = ('<meta property="article:published_time" content="2024-01-02">'
              '<meta property="article:modified_time" content="2025-06-07">')
    body = "<h1>Cranes at dawn over the harbour</h1><p>By Jane Doe</p>"
    _wcxb_page(tmp_path, "0001", f"<html><head>{stated}<title>Cranes</title></head><body>{body}</body></html>",
               {"publish_date": "2024-01-02", "title": "Cranes at dawn over the harbour", "author": "Jane Doe"})
    _wcxb_page(tmp_path, "0002", f"<html><head>{stated}<title>Cranes</title></head><body>{body}</body></html>",
               {"publish_date": "2025-06-07", "title": "Cranes", "author": "John Roe"})
    result = run(tmp_path, None)
    assert result["date"]["split"] == {"published": 1, "modified": 1, "neither": 0}
    assert result["title"]["split"] == {"h1": 1, "metadata": 1, "neither": 0}
    assert result["author"]["not_written"] == 1 and result["author"]["at_most"] == 0.5
    assert result["date"]["at_most"] == 0.5 and result["date"]["not_written"] == 0
    assert main(["--data", str(tmp_path / "missing")]) == 2


def test_truth_audit_asks_other_sets_the_same_questions(tmp_path: Path) -> None:
    from bench.truth import main, run

    # The metadata's moment, 02:17 UTC on the 10th, shown as the 9th beside the headline.
    page = ('<html><head><meta property="article:published_time" content="2021-12-10T02:17:00+00:00">'
            "<title>Cranes</title></head><body><p><time>December 9, 2021</time></p>"
            "<h1>Cranes at dawn over the harbour</h1><p>By Jane Doe</p></body></html>")
    _wcxb_page(tmp_path / "dev", "0001", page, {"publish_date": "2021-12-10", "title": "Cranes", "author": "Jane Doe"})
    item = {"file": "a.html", "html": page, "author": "Jane Doe", "date": "2021-12-09",
            "title": "Cranes at dawn over the harbour"}
    tf = _eval_repo(tmp_path / "tf", "evaldata.json", {"https://example.org/a": item})
    result = run(tmp_path / "dev", None, {"trafilatura": tf})
    assert result["date"]["a_day_apart"] == {"shown": 0, "metadata": 1, "neither": 0}
    assert result["title"]["split"] == {"h1": 0, "metadata": 1, "neither": 0}
    other = result["other_sets"]["trafilatura"]
    assert other["pages"] == 1 and other["judged"]["author"] == 1
    assert other["date"]["a_day_apart"] == {"shown": 1, "metadata": 0, "neither": 0}
    assert other["title"]["split"] == {"h1": 1, "metadata": 0, "neither": 0}
    assert main(["--data", str(tmp_path / "dev"), "--postlight", str(tmp_path / "missing")]) == 2
