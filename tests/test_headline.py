"""The headline's text as a reader reads it."""

from lxml import etree
from lxml import html as lxml_html

from crawler.extraction.headline import headline_text


def _h1(markup: str) -> str:
    return headline_text(lxml_html.fromstring(f"<html><body>{markup}</body></html>").find(".//h1"))


def test_a_date_or_a_byline_nested_in_the_headline_is_not_read() -> None:
    assert _h1('<h1><a href="/p"><time datetime="2025-12-18">Dec <span>18</span> 2025</time>'
               " Preparing a transition</a></h1>") == "Preparing a transition"
    assert _h1('<h1>Top strategies for security<div class="divider"></div><h3><span class="posted-on">Posted on'
               ' <time>July 1, 2024</time></span> by Jane</h3></h1>') == "Top strategies for security"
    # A dateline written without <time>, set after the headline in an inline element.
    dated = ('<h1>Zuschauerr\u00fcckkehr in der Region<br><small><span class="icon"></span>&#160;02.02.2022 \u2022 '
             '<span class="category">Presse</span></small></h1>')
    assert _h1(dated) == "Zuschauerr\u00fcckkehr in der Region"
    assert _h1("<h1>Ergebnisse<br><span>02.02.2022</span></h1>") == "Ergebnisse"
    # A date in the headline's own line, and a number that is no date, stay the headline's.
    assert _h1("<h1>Meeting on <b>March 3, 2025</b> was cancelled</h1>") == "Meeting on March 3, 2025 was cancelled"
    assert _h1("<h1>Results of <span>2024</span>: <span>12.5</span> percent</h1>") == "Results of 2024: 12.5 percent"


def test_inline_parts_join_as_written() -> None:
    cycle = '<h1>Cut your planning <span class="hand">C</span>ycle<br>in two</h1>'
    assert _h1(cycle) == "Cut your planning Cycle in two"
    # A span set as a block of its own is a line of its own.
    assert _h1('<h1>Notion alternatives<span class="block">Tools like Notion</span></h1>') == (
        "Notion alternatives Tools like Notion")


def test_a_label_or_kicker_before_the_headline_is_not_read() -> None:
    assert _h1("<h1><strong>Blog:</strong> Best agencies of 2025</h1>") == "Best agencies of 2025"
    assert _h1("<h1><div>Get that tech stack</div> <span>Klatch Coffee</span></h1>") == "Klatch Coffee"
    assert _h1("<h1>Why we moved: <strong>a story</strong></h1>") == "Why we moved: a story"


def test_a_kicker_marked_by_its_class_is_not_read() -> None:
    kicker = ('<h1><span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">: </span>'
              '<span class="article-heading__title">Bohren, bis es heiß wird</span></h1>')
    assert _h1(kicker) == "Bohren, bis es heiß wird"
    assert _h1('<h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von '
               "Rheinmetall gehackt</span></h1>") == "Daten von Rheinmetall gehackt"
    # A kicker's class after the headline has begun is part of it.
    assert _h1('<h1>Daten <span class="eyebrow">gehackt</span></h1>') == "Daten gehackt"


def test_a_kicker_set_apart_by_a_hidden_separator_is_not_read() -> None:
    hidden_dash = ('<h1><span class="ContentHead_titleheader__M">Coronavirus und andere Zoonosen</span>'
                   '<span aria-hidden="true" role="presentation"> \u2013 </span><span class="ContentHead_text__N">'
                   'Wie Umweltzerst\u00f6rung neue Epidemien beg\u00fcnstigt</span></h1>')
    assert _h1(hidden_dash) == "Wie Umweltzerst\u00f6rung neue Epidemien beg\u00fcnstigt"
    invisible = ('<h1><span class="fake-h5">Strompreisbremse</span><span class="invisible">: </span>'
                 '<span>Bundesregierung drosselt Bioenergie</span></h1>')
    assert _h1(invisible) == "Bundesregierung drosselt Bioenergie"
    # A separator shown to every reader joins the parts of one headline.
    assert _h1("<h1><span>Covid-19</span><span>: </span><span>Was jetzt gilt</span></h1>") == (
        "Covid-19: Was jetzt gilt")


def test_a_subtitle_marked_by_its_class_is_not_read() -> None:
    # Before the headline it is a kicker; after it, the dek (WordPress's subtitle plugins).
    assert _h1('<h1><span class="subtitle">Olympische Spiele in Paris</span> Getränke per Schiff</h1>') == (
        "Getränke per Schiff")
    assert _h1('<h1><span class="entry-title-primary">Tagesschau und die Demo</span> '
               '<span class="entry-subtitle">Eine Verharmlosung</span></h1>') == "Tagesschau und die Demo"
    # The separator before the subtitle goes with it.
    assert _h1('<h1><span class="title__maintext">Intel NUC im Vergleich</span><i class="title__delimiter">\uff1a'
               '</i><i class="title__subtitle">Abschied vom Wasser</i></h1>') == "Intel NUC im Vergleich"
    assert _h1('<h1><span class="entry-title__toptitle">Forderungsausfälle vermeiden</span> Eigentumsvorbehalt: '
               "Das sollten Käufer wissen</h1>") == "Eigentumsvorbehalt: Das sollten Käufer wissen"
    # A <small> first is a kicker ("<small>Tunesien</small><br>"); after the headline, part of it.
    assert _h1("<h1><small>Tunesien</small><br> Große Aufgaben für die Regierung</h1>") == (
        "Große Aufgaben für die Regierung")
    assert _h1("<h1>Große Aufgaben <small>für die Regierung</small></h1>") == "Große Aufgaben für die Regierung"


def test_a_comment_inside_the_headline_is_skipped() -> None:
    h1 = etree.fromstring("<h1>Cranes <!-- a note --> at work</h1>")
    assert headline_text(h1) == "Cranes at work"


def test_a_headings_permalink_is_not_read() -> None:
    # Sphinx's "¶", a "#" or an icon linking to the heading itself: not the headline.
    assert _h1('<h1>Evolve<a class="headerlink" href="#evolve">\u00b6</a></h1>') == "Evolve"
    assert _h1('<h1><a href="#t" aria-hidden="true"><svg></svg></a>Tide tables</h1>') == "Tide tables"
    # A link to a fragment in words is the headline's; "#" alone is a script's toggle.
    assert _h1('<h1><a href="#top">Tide tables</a></h1>') == "Tide tables"
