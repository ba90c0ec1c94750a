"""Edge trimming of extracted bodies."""

from crawler.extraction.boilerplate import (
    drop_inline_promos,
    drop_table_of_contents,
    mostly_prose,
    strip_leading_header,
    trim_trailing_boilerplate,
)

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
        "Get Our Weekly NEWSLETTERS:\nSign up today",
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


def test_inline_promos_are_cut_anywhere() -> None:
    first, rest = BODY.split("\n", 1)
    for promo in (
        "Read more: Another headline about something else",
        "READ MORE: Another headline",
        "(Leggi anche su: Un altro titolo \u2013FOTO)",
        "Also on example.com Another headline about something else",
        "DON'T MISS\nFirst linked headline [INSIGHT]\nSecond linked headline [VIDEO]",
        "Related: A gallery\n- First linked story\n- Second linked story",
        "https://example.com/this-page",
        "Book a demo",
        "Get started today!",
        "Request a free quote \u2192",
        "Subscribe",
        "View on Amazon",
    ):
        assert drop_inline_promos(f"{first}\n{promo}\n{rest}", "https://example.com/this-page") == BODY, promo


def test_inline_promo_rules_leave_article_text() -> None:
    first, rest = BODY.split("\n", 1)
    # A link list ends at the first sentence; a teaser line does not swallow the heading after it.
    text = f"{first}\nDon't miss\nA linked headline\nIt's complicated.\n{rest}"
    assert drop_inline_promos(text) == f"{first}\nIt's complicated.\n{rest}"
    text = f"{first}\nRelated post: A recipe\nWHAT YOU NEED\n{rest}"
    assert drop_inline_promos(text) == f"{first}\nWHAT YOU NEED\n{rest}"
    # Sentences that start like a marker are text.
    for line in ("Related research shows the effect is larger in winter than in summer.",
                 "Read more books, the minister said, and you will understand."):
        assert drop_inline_promos(f"{first}\n{line}\n{rest}") == f"{first}\n{line}\n{rest}"
    # A call to action written as a sentence, or a heading that starts like a button, is text.
    for line in ("Book a demo with two or three vendors before you sign anything.", "Get started with Python"):
        assert drop_inline_promos(f"{first}\n{line}\n{rest}") == f"{first}\n{line}\n{rest}"
    # Another site's URL cited in the body stays.
    assert drop_inline_promos(f"{BODY}\nhttps://example.org/source", "https://example.com/x").endswith("/source")
    # A table's rows after a marker-like heading are the article's, not a list of links.
    rows = "| Processor: | Intel Core 3 | Screen: | 15.6-inch |\n| Memory: | 16 GB | Weight: | 3.7 pounds |"
    assert rows in drop_inline_promos(f"{first}\nRecommended configuration\n{rows}\n{rest}")
    assert rows in trim_trailing_boilerplate(f"{BODY}\nRelated specs\n{rows}")


def test_closing_prompts_are_cut() -> None:
    for tail in (
        "Follow him on Twitter @someone. Follow us on Twitter and on Facebook.",
        "Get the magazine delivered every month. Click here for more information.",
        "For the full schedule, CLICKING HERE helps.",
        "Readers can FOLLOW HER ON INSTAGRAM @someone",
        "Like this story? Share it with a friend!",
        "Tell us what YOU think...",
    ):
        assert trim_trailing_boilerplate(f"{BODY}\n{tail}") == BODY, tail


def test_leading_prompts_and_reworded_headline_are_cut() -> None:
    text = "- Order Reprints\n- Print Article\nThis copy is for your personal, non-commercial use only.\n" + BODY
    assert strip_leading_header(text, "Other", []) == BODY
    # The page's headline worded a little differently from its og:title.
    text = "Milan Week 2018 | Michael Smith's light installation for FLOS\n" + BODY
    assert strip_leading_header(text, "Milan Week 2018 | Smith's light installation for FLOS", []) == BODY
    # A first paragraph that shares a few words with the headline is body.
    text = "The river rose overnight, and the town of Smithville woke to flooded streets and closed schools.\n" + BODY
    assert strip_leading_header(text, "Smithville river floods", []) == text


def test_mostly_prose() -> None:
    prose = "The council voted on Tuesday to keep the old bridge open for another year."
    assert mostly_prose(prose, 1.0)
    assert not mostly_prose("Home\nNews\nSport\nContact us", 0.01) and mostly_prose("Home\nNews", 0.0)
    assert not mostly_prose("", 0.5) and mostly_prose("", 0.0)
    mixed = f"{prose}\n" + "Menu entry\n" * 8  # a little under half its characters in the prose line
    assert mostly_prose(mixed, 0.4) and not mostly_prose(mixed, 0.5)
    assert mostly_prose("Menu entry\n" * 8 + prose, 0.4)  # in any order
    # Chinese and Japanese are written without spaces: their prose is read by characters.
    chinese = "东京的图书馆里静静地保存着旧地图和港口的记录\uff0c研究者每天都来查阅这些资料。"
    japanese = "東京の図書館では、古い地図と港の記録が静かに保管されている。"
    assert mostly_prose(chinese, 1.0) and mostly_prose(japanese, 1.0)
    assert not mostly_prose("首页\n新闻\n体育\n联系我们", 0.01)


def test_a_table_of_contents_is_dropped_with_the_headings_it_repeats() -> None:
    body = "\n".join([
        "Choosing a ferry operator is mostly about timetables.",
        "Table of Contents [Show]",
        "1. Timetables",
        "- Fares and passes",
        "Timetables",
        "The morning boats leave at seven and at nine, and the evening boats at six.",
        "Fares and passes",
        "A monthly pass pays for itself after twelve crossings.",
    ])
    assert drop_table_of_contents(body).split("\n") == [
        "Choosing a ferry operator is mostly about timetables.",
        "Timetables",
        "The morning boats leave at seven and at nine, and the evening boats at six.",
        "Fares and passes",
        "A monthly pass pays for itself after twelve crossings.",
    ]


def test_a_contents_label_takes_only_the_lines_that_are_headings_again() -> None:
    # The label alone goes; the line after it is the article's own, met nowhere else.
    body = "In this article:\nThe harbour board met on Tuesday.\nIt voted for the new timetable."
    assert drop_table_of_contents(body) == "The harbour board met on Tuesday.\nIt voted for the new timetable."
    # A sentence that merely mentions a table of contents stays.
    kept = "The report's table of contents runs to four pages."
    assert drop_table_of_contents(kept) == kept


def test_a_leading_reading_time_line_is_header_not_body() -> None:
    from crawler.extraction.readingtime import is_reading_time_line

    for line in ("\u00b7 One min read", "5 min read", "March 3, 2024 \u00b7 6 min read", "Lesezeit: 3 Min.",
                 "3 Minuten Lesezeit", "Reading time: 4 minutes", "12 minute read", "3 min de lecture",
                 "December 15, 2025 // 8 min read"):
        assert is_reading_time_line(line), line
    for line in ("The first 5 minutes of the game were slow.", "Jane Doe wrote this", "March 3, 2024", ""):
        assert not is_reading_time_line(line), line
    # Docusaurus: trafilatura keeps what follows the header's <time>, " \u00b7 One min read".
    text = "\u00b7 One min read\nThe body starts here.\nIt takes 5 min to read."
    assert strip_leading_header(text, "Other", []) == "The body starts here.\nIt takes 5 min to read."
    assert strip_leading_header("5 minutes of rain, then sun.\nMore.", "Other", []).startswith("5 minutes of rain")
