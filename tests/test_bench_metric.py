"""The extraction benchmark's metric (bench/extraction.py) on cases whose answer is known."""

import pytest

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
