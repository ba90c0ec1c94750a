"""Edge trimming of extracted bodies."""

from crawler.boilerplate import strip_leading_header, trim_trailing_boilerplate

BODY = "\n".join(
    f"Paragraph {i} of the article says something long enough to be a real paragraph of text here." for i in range(6)
)


def test_the_seed_problem_more_from_author_and_teaser() -> None:
    tail = "More From Author\nA Post Title\nAnother Post Title\n\u2013 read the full analysis in my latest blog"
    text = f"{BODY}\n{tail}"
    assert trim_trailing_boilerplate(text) == BODY
    assert trim_trailing_boilerplate(BODY + "\n- Read the rest on my Substack") == BODY


def test_trailing_runs_are_cut() -> None:
    for tail in (
        "Related Posts\nOne title\nTwo title",
        "Tags:\nrivers, maps",
        "Pick Six Newsletter\nGet the day's big stories.\nThanks for signing up!",
        "Order Reprints\nPrint Article",
        "Leggi anche\nUn altro titolo",
        "Write to Al Root at al.root@example.com",
    ):
        assert trim_trailing_boilerplate(f"{BODY}\n{tail}") == BODY, tail


def test_inline_read_also_keeps_what_follows() -> None:
    after = "And the article goes on after the inline link with a long paragraph that is clearly real content here."
    text = f"{BODY}\nRead also:\nSome other story\n{after}"
    assert trim_trailing_boilerplate(text) == f"{BODY}\n{after}"


def test_early_markers_and_plain_endings_are_left_alone() -> None:
    early = "Tags\n" + BODY
    assert trim_trailing_boilerplate(early) == early
    # A last line that merely mentions reading is article text.
    ending = BODY + "\nShe said she would read the report again before the vote on the budget next month."
    assert trim_trailing_boilerplate(ending) == ending
    # Links cited in the body are content.
    cited = BODY + "\nhttp://example.com/source-document"
    assert trim_trailing_boilerplate(cited) == cited


def test_strip_leading_header() -> None:
    text = "My Title\nBy Jane Doe\nThe body starts here.\nMore body."
    assert strip_leading_header(text, "My Title", ["Jane Doe"]) == "The body starts here.\nMore body."
    body = "Jane Doe has written about rivers for a decade, and this is the body."
    assert strip_leading_header(body, "Other", ["Jane Doe"]) == body
