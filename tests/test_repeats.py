"""A second copy of the article in an extracted body."""

from crawler.extraction.repeats import drop_repeated_copies

PARAGRAPHS = [
    f"Paragraph {i} of the article explains at some length how a home remodel is priced, what drives the "
    f"cost up and what a homeowner can do about it before work starts."
    for i in range(4)
]
ARTICLE = "\n".join(["How much does a remodel cost?", *PARAGRAPHS, "Costs by room", "The end of it all."])


def test_a_second_copy_of_the_article_is_dropped() -> None:
    text = f"{ARTICLE}\nJoin our newsletter\n{ARTICLE}"
    assert drop_repeated_copies(text) == f"{ARTICLE}\nJoin our newsletter"


def test_a_copy_differing_in_edge_spacing_is_a_copy() -> None:
    copy = "\n".join(f"  {line} " for line in ARTICLE.split("\n"))
    assert drop_repeated_copies(f"{ARTICLE}\n{copy}") == ARTICLE


def test_single_repeated_lines_stay() -> None:
    text = "\n".join([PARAGRAPHS[0], "Yes", PARAGRAPHS[1], "Yes", PARAGRAPHS[2], PARAGRAPHS[0], PARAGRAPHS[3]])
    assert drop_repeated_copies(text) == text


def test_a_repeated_list_without_sentences_stays() -> None:
    week = "\n".join(
        f"Meal {i}\nEat every 2-3 hours\n1 cup spinach, 1 cup baby carrots, 1 cup strawberries, 8 oz. almond milk "
        f"(or 1 tsp. nut butter), 4 oz. cooked chicken, 1/2 cup edamame, 1 tsp. sesame oil"
        for i in range(1, 5)
    )
    text = f"Week 1\n{week}\nWeek 2\n{week}"
    assert drop_repeated_copies(text) == text


def test_a_short_repeat_stays() -> None:
    text = "\n".join([*PARAGRAPHS, "In short:", PARAGRAPHS[3]])
    assert drop_repeated_copies(text) == text


def test_one_paragraph_said_again_and_again_stays() -> None:
    # A run of repeated lines with one sentence only: a filler or a refrain, not a second copy of the article.
    text = "\n".join([PARAGRAPHS[0], "Secondary header"] * 5)
    assert drop_repeated_copies(text) == text
