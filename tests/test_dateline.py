"""The date a page shows beside its headline, and how it weighs against the metadata's."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extraction.dateline import shown_date
from crawler.extraction.metadata import first_published, published_date
from crawler.extraction.parse import parse_html

PROSE = (
    "<p>On January 5, 2019 the council met again, and what it decided that winter shaped the town for a "
    "decade; the minutes of that meeting, kept in the library, run to forty pages of careful argument.</p>"
)


def _page(header: str, before: str = "", head: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><nav>Home · March 1, 2001</nav>{before}"
        f"<h1>The River Project Is Done</h1>{header}{PROSE}</body></html>"
    )


@pytest.mark.parametrize(
    ("header", "want"),
    [
        ("<div>By <a href='/a/'>Jane Doe</a> · March 3, 2025 · 6 min read</div>", "2025-03-03"),
        ("<p class='meta'>Published: <time>3rd March 2025</time></p>", "2025-03-03"),
        ("<span>Mar. 3, 2025</span>", "2025-03-03"),
        ("<span>2025-03-03</span>", "2025-03-03"),
        ("<span>03.03.2025</span>", "2025-03-03"),
        # the fixtures' other languages
        ("<span>Veröffentlicht am 3. März 2025</span>", "2025-03-03"),
        ("<span>Publié le 3 mars 2025</span>", "2025-03-03"),
        ("<span>3 de marzo de 2025</span>", "2025-03-03"),
        # day, abbreviated month and year run together by dashes, the month in the portal's language
        ("<span>Posted by Jane Doe on 03-Mar-2025 5:11:10</span>", "2025-03-03"),
        ("<span>Posted by Jane Doe on 04-ago-2021 5:11:10</span>", "2021-08-04"),
        ("<span>4 dic 2020</span>", "2020-12-04"),
        # year, month and day by their signs (zh, ja, ko); a labelled update beside the publication
        ("<span>2019年4月2日</span>", "2019-04-02"),
        ("<span>2019년 4월 2일</span>", "2019-04-02"),
        ("<p>最終更新日\uff1a2019年4月9日</p><p>公開日\uff1a2019年4月2日</p>", "2019-04-02"),
        ("<div>Aktualisiert am 9. Juni 2025</div>", None),
        # an update beside the publication: the publication
        ("<div>Updated <time>June 9, 2025</time></div><div>Published March 3, 2025</div>", "2025-03-03"),
        ("<time class='updated'>June 9, 2025</time> <time class='published'>March 3, 2025</time>", "2025-03-03"),
        # hAtom's "updated" beside a date class marks the main date, not an update
        ("<time class='entry-date updated'>March 3, 2025</time>", "2025-03-03"),
        # an update alone says nothing of the publication
        ("<div>Last updated: June 9, 2025</div>", None),
        ("<time itemprop='dateModified'>June 9, 2025</time>", None),
        # the day the header shows, today's, is not the article's; a class that merely holds "today" is no mark
        ("<p id='todays-date-custom'><strong>Friday</strong>, December 19, 2025</p><span>March 3, 2025</span>",
         "2025-03-03"),
        ("<div class='current-date'>December 19, 2025</div>", None),
        ("<div class='usatoday-meta'>March 3, 2025</div>", "2025-03-03"),
        # no such day; slashed numbers are read either way round on the web
        ("<span>31.02.2025</span>", None),
        ("<span>3/4/2025</span>", None),
        # a date inside the story's prose is the story's, not the page's; so is one in a sentence of the dek
        ("", None),
        ("<p class='sub-title'>Allan Bryant vanished in Glenrothes in the early hours of Sunday morning, November 3, "
         "2013, after leaving a club.</p>", None),
    ],
)
def test_the_dateline_beside_the_headline(header: str, want: str | None) -> None:
    assert shown_date(parse_html(_page(header))) == want


def test_a_kicker_line_above_the_headline_is_read() -> None:
    assert shown_date(parse_html(_page("", before="<div>Science · 12 April 2024</div>"))) == "2024-04-12"


def test_the_label_nearest_before_a_date_counts_however_many_dates_precede_it() -> None:
    kicker = "<div>Jan 1, 2020</div><div>Feb 2, 2021</div><div>Updated</div><div>June 9, 2025</div>"
    assert shown_date(parse_html(_page("", before=kicker))) == "2021-02-02"


def test_the_nearest_date_wins() -> None:
    header = "<div>March 3, 2025</div><div>" + "a short line " * 8 + "</div><div>July 1, 2020</div>"
    assert shown_date(parse_html(_page(header, before="<div>January 2, 2024</div>"))) == "2025-03-03"


def test_no_headline_no_dateline() -> None:
    assert shown_date(parse_html("<html><body><div>March 3, 2025</div>" + PROSE + "</body></html>")) is None


def _published(html: str) -> str | None:
    tree = parse_html(html)
    return first_published(tree, Selector(root=tree, type="html"), "https://example.org/river")


def test_the_shown_date_wins_over_the_metadata() -> None:
    head = "<meta property='article:published_time' content='2019-08-14T13:00:00+00:00'>"
    assert _published(_page("<div>By Jane Doe · March 3, 2025</div>", head=head)) == "2025-03-03"


def test_a_shown_date_a_day_off_the_metadata_is_the_publishers_day() -> None:
    # The metadata's moment in UTC, the page's day in the publisher's time zone: the day readers see.
    head = "<meta property='article:published_time' content='2025-03-04T01:30:00+00:00'>"
    assert _published(_page("<div>By Jane Doe · March 3, 2025</div>", head=head)) == "2025-03-03"
    # The same day said twice keeps the metadata's time.
    assert _published(_page("<div>By Jane Doe · March 4, 2025</div>", head=head)) == "2025-03-04T01:30:00+00:00"


def test_without_a_dateline_the_metadata_speaks() -> None:
    head = "<meta property='article:published_time' content='2019-08-14T13:00:00+00:00'>"
    assert _published(_page("<div>Last updated: June 9, 2025</div>", head=head)) == "2019-08-14T13:00:00+00:00"


def test_microdata_on_any_element_states_the_publication_unless_teasers_give_other_days() -> None:
    # A book's page: the day in the markup only, the month on the page ("2019年04月").
    stated = "<dl><dt>Published</dt><dd itemprop='datePublished' content='2019-04-26'>2019/04</dd></dl>"
    html = f"<html><body><article><h1>The River Project Is Done</h1>{PROSE * 3}{stated}</article></body></html>"
    assert (_published(html) or "")[:10] == "2019-04-26"
    # Cards of other articles, each with its own day: none of them is this one's.
    cards = "".join(f"<div class='card'><span itemprop='datePublished' content='2026-03-{day}'>Mar {day}</span></div>"
                    for day in (11, 12, 13))
    page = f"<html><body><article><h1>The River Project Is Done</h1>{PROSE * 3}</article>{cards}</body></html>"
    assert published_date(Selector(text=page)) is None


def test_an_earlier_date_elsewhere_on_the_page_does_not_overrule_the_metadata() -> None:
    # The article's <time>, far below its headline, and a teaser's earlier update: the article's date.
    dated = "<time datetime='2024-05-03T10:00:00+00:00'>May 3, 2024</time>"
    teaser = ("<aside class='related'><a href='/older'>An older post</a>"
              "<span class='date'>Updated Feb 1, 2023</span></aside>")
    html = (f"<html><body><article><h1>The River Project Is Done</h1>{PROSE * 6}{dated}</article>{teaser}"
            "</body></html>")
    assert _published(html) == "2024-05-03T10:00:00+00:00"


def test_the_headline_h1_not_the_logo_h1() -> None:
    menu = "".join(f"<div>Section {i}: the week's best reading, picked by our editors</div>" for i in range(6))
    html = _page("<div>March 3, 2025</div>").replace("<nav>", f"<h1>Riverside Weekly</h1>{menu}<nav>")
    tree = parse_html(html)
    headline = next(h for h in tree.iter("h1") if "River Project" in h.text_content())
    assert shown_date(tree) is None and shown_date(tree, headline) == "2025-03-03"


def test_a_date_labelled_the_publication_wins_over_a_nearer_one() -> None:
    # A menu's panel before the headline dates itself; the byline's "Publish date:" dates the article.
    before = "<div class='widget'><div>Today</div><div>August 9, 2022</div></div>"
    header = "<div>Author: Jane Doe</div><div>Publish date:</div><time>Jan 12, 2017</time>"
    assert shown_date(parse_html(_page(header, before=before))) == "2017-01-12"


def test_a_lead_images_caption_is_not_the_dateline_nor_spends_its_window() -> None:
    caption = "<figure><img src='a.jpg'><figcaption>" + "A long caption of the lead photograph. " * 8
    caption += "Photo taken May 2, 2020</figcaption></figure>"
    assert shown_date(parse_html(_page(caption + "<div>By Jane Doe</div><div>Published March 9, 2026</div>"))) == (
        "2026-03-09"
    )


def test_a_date_in_a_paragraph_of_the_story_is_the_storys() -> None:
    # Only the paragraph's opening words are one text (a link follows): still prose, however short.
    story = "<p>On Sunday, 5 November 2023, shortly after nine, <a href='/x'>the police</a> closed the road " + (
        "for several hours while the crash was investigated and the wreckage cleared.</p>"
    )
    assert shown_date(parse_html(_page(story))) is None


def test_a_dotted_date_read_month_first_where_the_metadata_says_so() -> None:
    head = "<meta property='article:published_time' content='2024-09-10T16:07:00+00:00'>"
    assert _published(_page("<p class='date'>09.10.2024</p>", head=head)) == "2024-09-10T16:07:00+00:00"
    # Day-first where the metadata agrees that way round.
    head = head.replace("2024-09-10", "2024-10-09")
    assert _published(_page("<p class='date'>09.10.2024</p>", head=head)) == "2024-10-09T16:07:00+00:00"


def test_a_day_htmldate_reads_the_other_way_round_is_read_as_the_page_writes_it() -> None:
    prose = "<p>" + "Das Trinkwasser in Schwarzenmatt ist wieder sauber, meldet die Gemeinde nach den Messungen. " * 3
    for written, want in (("Erstellt am: 01.11.2023", "2023-11-01"), ("Erstellt am: 11.01.2023", "2023-01-11")):
        page = (f'<html><head><meta name="date" content="11/01/2023"><title>Trinkwasser</title></head>'
                f"<body><div>{prose}</p><p>{written}</p></div></body></html>")
        tree = parse_html(page)
        assert first_published(tree, Selector(root=tree, type="html"), "https://example.ch/a") == want
