"""The author resolver on the byline shapes real themes and CMSs print, without a reactor."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from crawler.discovery.identity import Byline, byline_authors
from crawler.discovery.markup import has_noise_class
from crawler.discovery.names import is_plausible_name
from crawler.discovery.pagescan import scan_page
from crawler.discovery.phrases import _PHRASE_OR_CREDIT, _may_start_phrase
from crawler.discovery.voices import other_author_markup
from crawler.extraction.titles import page_title

BASE = "https://blog.example.org"
PAGE = f"{BASE}/2024/05/harbour-cranes/"


def authors(body: str, head: str = "", url: str = PAGE) -> list[Byline]:
    return byline_authors(Selector(text=f"<html><head>{head}</head><body>{body}</body></html>"), url)


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


@pytest.mark.parametrize(
    ("body", "name", "url"),
    [
        # WordPress's Twenty Twenty-Three: the name as plain text in the post-author block.
        ('<main><h1>Cranes</h1><div class="wp-block-post-author"><div class="wp-block-post-author__content">'
         '<p class="wp-block-post-author__name">Ada Okafor</p></div></div><p>Text.</p></main>', "Ada Okafor", None),
        # Pelican's themes: "By <a>" inside the article's own <footer>, an hCard in one of them.
        ('<article><h1>Cranes</h1><footer class="post-info"><address class="vcard author">By '
         '<a class="url fn" href="/author/tobias-lindqvist.html">Tobias Lindqvist</a></address></footer>'
         "<p>Text.</p></article>", "Tobias Lindqvist", f"{BASE}/author/tobias-lindqvist.html"),
        # A blog in a folder of its site: /blog/author/x/.
        ('<div class="post-meta">By <a href="/blog/author/sam-obrien/">Sam O\'Brien</a></div>', "Sam O'Brien",
         f"{BASE}/blog/author/sam-obrien/"),
        # Squarespace: the author's archive is a query.
        ('<span class="blog-author-name"><a href="/journal?author=5f2a9c">Mark Denney</a></span>', "Mark Denney",
         f"{BASE}/journal?author=5f2a9c"),
        # A byline row that starts with the date.
        ('<div class="publish-date-author">Dec. 19, 2025 \u00b7 Niko Matsakis</div>', "Niko Matsakis", None),
        # A person icon before the name.
        ('<ul class="meta"><li><i class="bi bi-person"></i> Bence Kov\u00e1cs</li></ul>', "Bence Kov\u00e1cs", None),
        # A name linked to a profile page of any shape is that person's page.
        ('<p class="byline">By <a href="/about/newsteam/nina-pineda">Nina Pineda</a></p>', "Nina Pineda",
         f"{BASE}/about/newsteam/nina-pineda"),
        # CSS modules: the class names are camelCase words with a hash.
        ('<h1>Cranes</h1><div class="styles_dateAndAuthorContainer__k3x"><span>Dec 17, 2025</span>'
         '<span class="styles_all__Vis5Y">Julian Arni</span></div>', "Julian Arni", None),
        # A page builder wraps every block in "elementor-widget-container": not a sidebar's widget.
        ('<h1>Cranes</h1><div class="elementor-widget-container"><div class="elementor-author-box">'
         '<h4 class="elementor-author-box__name">Natalie Nevares</h4></div></div>', "Natalie Nevares", None),
        # An author box titled in a minor heading.
        ('<h1>Cranes</h1><p>Text.</p><h3 class="wp-block-heading">Written by Cassidy Horton</h3>', "Cassidy Horton",
         None),
        # The author's list named on a button.
        ('<h1>Cranes</h1><button><span>All articles by Elliot Raba</span></button>', "Elliot Raba", None),
        # Blogger and Movable Type: "Posted by X at <date and time>".
        ('<h1>Cranes</h1><p>Text.</p><span class="posted">Posted by David at December 16, 2025 11:15 AM</span>',
         "David", None),
        # One link around the whole author card: photo, name and biography.
        ('<h1>Cranes</h1><p>Text.</p><a class="authorCard" href="/authors/reyan-perumal"><img src="/r.jpg" alt="">'
         '<h3>Reyan Perumal</h3><div>Reyan Perumal is a content writer at a digital agency. Based in Colombo, '
         "Sri Lanka, he specializes in research and copywriting.</div></a>", "Reyan Perumal",
         f"{BASE}/authors/reyan-perumal"),
    ],
)
def test_byline_shapes(body: str, name: str, url: str | None) -> None:
    assert authors(body) == [Byline(name, url)]


def test_json_ld_author_by_reference_into_the_graph() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "author": {"@id": f"{BASE}/#/person/1"}},
        {"@type": "Person", "@id": f"{BASE}/#/person/1", "name": "Albert Swann", "url": f"{BASE}/author/albert/"},
    ]}
    assert authors("<p>Text</p>", head=ld(graph)) == [Byline("Albert Swann", f"{BASE}/author/albert/")]


def test_a_webpages_person_author_counts_where_no_article_is_described() -> None:
    person = {"@type": ["Person"], "@id": f"{BASE}/#/person/2", "name": "Harald Bauer"}
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "author": {"@id": f"{BASE}/#/person/2"}}, person]}
    head = ld(graph) + '<meta name="author" content="Fuchsy designed">'
    assert [b.name for b in authors("<p>Text</p>", head=head)] == ["Harald Bauer"]
    # A WebPage's Organization is the site's publisher, not a byline.
    site = {"@type": "WebPage", "author": {"@type": "Organization", "name": "Harbour Works"}}
    assert authors("<p>Text</p>", head=ld(site)) == []
    # Beside an Article, the WebPage's author is not asked.
    both = {"@graph": [{"@type": "WebPage", "author": {"@id": f"{BASE}/#/person/2"}}, person,
                       {"@type": "Article", "author": {"@type": "Person", "name": "Albert Swann"}}]}
    assert [b.name for b in authors("<p>Text</p>", head=ld(both))] == ["Albert Swann"]


def test_json_ld_with_raw_control_characters_still_counts() -> None:
    raw = '{"@type": "BlogPosting", "description": "two\tlines\nhere", "author": {"@type": "Person", "name": "Lu Wen"}}'
    assert authors("<p>Text</p>", head=f'<script type="application/ld+json">{raw}</script>') == [Byline("Lu Wen")]


def test_microdata_meta_author() -> None:  # Squarespace's blog posts
    head = '<meta itemprop="author" content="Scott Davenport">'
    assert authors("<p>Text</p>", head=head) == [Byline("Scott Davenport")]


def test_a_person_the_page_credits_with_a_review_is_not_its_author() -> None:
    head = '<meta name="author" content="Erica Needham">'
    body = ('<h1>Tips</h1><ul><li><span>Reviewed by: Brian Stormont, CFP</span></li></ul><p>Text.</p>'
            '<div class="elementor-author-box"><h4 class="elementor-author-box__name">Brian Stormont</h4></div>')
    assert authors(body, head=head) == [Byline("Erica Needham")]


def test_a_layout_class_on_body_does_not_make_the_page_a_sidebar() -> None:
    page = ('<html><body class="single sidebar-none"><h1>Cranes</h1><p class="byline">By Julia Gralberg</p>'
            "<p>Text.</p></body></html>")
    assert byline_authors(Selector(text=page), PAGE) == [Byline("Julia Gralberg")]


def test_a_utility_class_that_sizes_a_sidebar_does_not_make_the_article_one() -> None:
    # Tailwind: the article's column is given the width left beside the sidebar.
    body = ('<div class="w-full lg:mr-[--sidebar-width]"><h1>Clouds</h1><div><a href="/blog/authors/emma-oyibo" '
            'aria-label="Emma Oyibo"><span>Emma Oyibo</span></a></div><p>Text.</p></div>')
    assert authors(body) == [Byline("Emma Oyibo", f"{BASE}/blog/authors/emma-oyibo")]
    assert not has_noise_class(Selector(text=body).root.find("body/div"))
    assert has_noise_class(Selector(text=body.replace("lg:mr-[--sidebar-width]", "sidebar")).root.find("body/div"))


def test_a_layout_class_that_counts_the_sidebars_does_not_make_a_wrapper_one() -> None:
    # Drupal Zen: "one-sidebar-second" is the layout of the panel that holds the article, not a sidebar.
    def div(cls: str):
        return Selector(text=f'<div class="{cls}"><p>Text</p></div>').root.find("body/div")

    assert not has_noise_class(div("panel-display zen-one-sidebar-second clearfix"))
    assert has_noise_class(div("region region-sidebar-second"))


def test_a_biography_nested_deep_in_a_page_builder_author_box() -> None:
    box = ('<div class="blog_author-wrapper"><img alt="Lauren Vetter" src="/l.webp"><div class="blog_author-text">'
           '<div class="text-size-small">Lauren Vetter</div><div class="blog_date-wrapper"><div class="rich-text">'
           "<p>Lauren Vetter is a growth-focused marketing professional specializing in healthcare.</p>"
           "</div></div></div></div>")
    assert authors(f"<h1>SEO tips</h1><p>Text.</p>{box}") == [Byline("Lauren Vetter")]


def test_a_biography_after_an_about_the_author_label() -> None:
    # The box shows the name nowhere else: the label says whose biography it is.
    box = ("<p>About the Author:</p>"
           "<p>Juliette Carreiro is a skilled content creator with over five years of experience in tech.</p>")
    assert authors(f"<h1>Cloud computing</h1><p>Text.</p>{box}") == [Byline("Juliette Carreiro")]
    # Without it, a biography alone names nobody.
    assert authors(f"<h1>Cloud computing</h1><p>Text.</p>{box.replace('About the Author:', 'Share')}") == []


def test_a_real_name_over_a_user_name_and_a_user_name_when_it_is_all() -> None:
    body = ('<h1>Meditation</h1><p class="byline">By Denise Everheart</p>'
            '<span class="author vcard"><a href="/about/">andrew.keaveney</a></span><p>Text.</p>')
    assert authors(body) == [Byline("Denise Everheart")]
    assert authors("<p>Text</p>", head='<meta name="author" content="sara.r.peter">') == [Byline("sara.r.peter")]


def test_the_main_area_is_not_noise_whatever_its_class() -> None:
    body = ('<div class="sidebar_content" id="content"><h1>Desks</h1><p class="post-meta"><span class="author">'
            '<a href="/blog/author/ryan/">Ryan Bald</a></span></p><p>Text.</p></div>'
            '<div class="sidebar"><span class="author">Someone Else</span></div>')
    assert authors(body) == [Byline("Ryan Bald", f"{BASE}/blog/author/ryan/")]


def test_the_subject_of_an_author_box_biography_when_nobody_else_is_named() -> None:
    head = '<meta property="og:site_name" content="Buzzsprout"><meta name="author" content="Buzzsprout">'
    box = ('<div class="callout"><img alt="Alban Brooke" src="/a.jpg"><h3>Alban Brooke</h3>'
           "<p>Alban Brooke is the Head of Marketing at Buzzsprout and a podcaster.</p></div>")
    assert authors(f"<h1>Gear</h1><p>Text.</p>{box}", head=head) == [Byline("Alban Brooke")]
    # A product or an event described the same way is not a person.
    event = ('<h2><span>NVIDIA GTC</span></h2>'
             "<p>NVIDIA GTC is the premier global AI conference, where developers meet.</p>")
    assert authors(f"<h1>Events</h1>{event}") == []


def test_the_sites_name_beside_the_author_is_not_a_co_author() -> None:
    head = '<meta property="og:site_name" content="The Hechinger Report">'
    body = '<h1>Tutoring</h1><p class="byline">By Jill Barshay, The Hechinger Report</p><p>Text.</p>'
    assert authors(body, head=head) == [Byline("Jill Barshay")]


def test_account_links_and_profile_labels_are_not_names() -> None:
    body = ('<h1>Tiny houses</h1><a href="/login"><i class="fa fa-user"></i> Loader Login</a>'
            '<div class="author-box"><a class="author-link" href="/about/">Author\u2019s Profile</a></div>')
    assert authors(body, head='<meta name="author" content="Alexa Stone">') == [Byline("Alexa Stone")]


def test_scholarly_citation_authors_in_order() -> None:
    head = ('<meta name="citation_author" content="Aditya Mahindru"><meta name="citation_author_institution" '
            'content="Department of Psychiatry"><meta name="citation_author" content="Patil, Pradeep">')
    assert authors("<h1>Paper</h1><p>Text</p>", head=head) == [Byline("Aditya Mahindru"), Byline("Pradeep Patil")]
    # The older plural tag, one per author or all in one split by semicolons.
    each = ('<meta name="citation_authors" content="Aditya Mahindru">'
            '<meta name="citation_authors" content="Patil, Pradeep">')
    assert authors("<h1>Paper</h1><p>Text</p>", head=each) == [Byline("Aditya Mahindru"), Byline("Pradeep Patil")]
    listed = '<meta name="citation_authors" content="Mahindru, Aditya; Patil, Pradeep">'
    assert authors("<h1>Paper</h1><p>Text</p>", head=listed) == [Byline("Aditya Mahindru"), Byline("Pradeep Patil")]


def test_dublin_core_creators_catalogued_family_first() -> None:
    head = '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">'
    assert authors("<h1>remoteStorage</h1><p>Text</p>", head=head) == [Byline("F. Kooman"), Byline("Michiel de Jong")]
    # Two people in one tag stay two.
    both = '<meta name="DC.Creator" content="Jane Doe, John Roe">'
    assert authors("<h1>remoteStorage</h1><p>Text</p>", head=both) == [Byline("Jane Doe"), Byline("John Roe")]


def test_an_author_card_link_gives_the_name_its_markup_marks() -> None:
    # The card's photo credit ("© Kathrin Führes") comes first in the link's text; itemprop="name" is the name.
    body = ('<main><h1>Waldwege gesperrt</h1><a href="/autoren/kathrin-fuehres-684124"><img alt="Kathrin Führes">'
            '<span class="teaser-copyright">&copy; Kathrin Führes</span><span itemprop="name"> Kathrin Führes </span>'
            "</a><p>Text.</p></main>")
    assert authors(body) == [Byline("Kathrin Führes", f"{BASE}/autoren/kathrin-fuehres-684124")]


def test_german_author_labels_and_link_labels() -> None:
    labelled = authors("<main><h1>Regierung</h1><p>Autorin: Uta Staschewski</p><p>Text.</p></main>")
    assert [b.name for b in labelled] == ["Uta Staschewski"]
    desk = authors("<main><h1>Ketten</h1><span>Redaktion: Eberhard Fuhr</span><p>Text.</p></main>")
    assert [b.name for b in desk] == ["Eberhard Fuhr"]
    # A link to the author's recipes, labelled "to all recipes by the author", names nobody.
    label = ('<main><h1>Porridge</h1><a href="/experten/iris-lange-fricke">zu allen Rezepten vom Autor</a>'
             "<p>Text.</p></main>")
    assert authors(label) == []


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ('<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div>',
         "Pamela Sladky"),
        ("<p>A guest post by Jane Holloway</p>", "Jane Holloway"),
        ("<p><i>von Daniela Obers</i></p>", "Daniela Obers"),
        # A row under the headline, the date first and the bare name last.
        ('<div class="field"><span>25.10.2022 - Reiner Nagel</span></div>', "Reiner Nagel"),
        # Initials run together are a name's.
        ('<div><span>By</span><span><a href="/about/newsteam/jr-stone">J.R. Stone</a></span></div>', "J.R. Stone"),
    ],
)
def test_more_shapes_of_a_visible_byline(shown: str, name: str) -> None:
    assert [b.name for b in authors(f"<main><h1>Freiheit der Planung</h1>{shown}<p>Text.</p></main>")] == [name]


def test_a_dated_row_above_the_headline_names_its_author() -> None:
    row = "<main><div><small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small><h1>Stellungnahme der FN</h1><p>Text.</p>"
    assert [b.name for b in authors(row + "</div></main>")] == ["Uta Helkenberg"]
    # Above the headline, a bare name needs its row's date: a kicker alone is a topic, not a byline.
    assert authors("<main><div><small>Harald Bauer</small><h1>Stellungnahme der FN</h1><p>Text.</p></div></main>") == []


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ('<a class="articleHeader_name" href="/author/180/">\u8457\u8005\uff1a\u5f8c\u85e4\u5927\u5730</a>',
         "\u5f8c\u85e4\u5927\u5730"),  # "author: Goto Daichi", a link to the author's numbered page
        ('<p class="author"><a>\u6587\u25cf \u30aa\u30ab\u30e2\u30c8\uff0fASCII\u7de8\u96c6\u90e8</a></p>',
         "\u30aa\u30ab\u30e2\u30c8"),  # "text by Okamoto / ASCII editorial": the outlet after a full-width slash
        ('<div id="byline"><b>[</b>\u7530\u4e2d\u5b8f\u660c\uff0c<b>ITmedia]</b></div>',
         "\u7530\u4e2d\u5b8f\u660c"),  # "[Tanaka Hiromasa, ITmedia]": the outlet after a full-width comma
    ],
)
def test_japanese_bylines(shown: str, name: str) -> None:
    page = f"<main><h1>\u8d85\u5c0f\u578b\u30b9\u30de\u30db</h1>{shown}<p>Text.</p></main>"
    assert [b.name for b in authors(page, url="https://www.itmedia.co.jp/pcuser/articles/1.html")] == [name]


def test_japanese_roles_in_brackets() -> None:
    from crawler.discovery.names import split_author_names

    # The writer's credit after the name is cut; another hand's (illustration, translation) is no author.
    assert split_author_names("\u304a\u7c73\u30b4\u30cf\u30f3(\u8457\u8005)") == ["\u304a\u7c73\u30b4\u30cf\u30f3"]
    assert split_author_names("\u6c50\u8857\u30b3\u30ca(\u30a4\u30e9\u30b9\u30c8)") == []
    assert split_author_names("Eric Freeman \u8457") == ["Eric Freeman"]


def test_a_desks_author_page_gives_way_to_a_person() -> None:
    # "JF" links the editorial desk's page; the person beside it is the author. Alone, the desk still names the page.
    desk = '<p class="byline"><a href="/author/redaktion/">JF</a></p>'
    person = '<p class="byline"><a href="/author/boris-t-kaiser/">Boris T. Kaiser</a></p>'
    page = "<main><h1>Wochenrückblick</h1>{}<p>Text.</p></main>"
    assert [b.name for b in authors(page.format(desk + person))] == ["Boris T. Kaiser"]
    assert [b.name for b in authors(page.format(desk))] == ["JF"]


def test_the_cxense_author_tag() -> None:
    head = '<meta name="cXenseParse:author" content="Tana Ganeva">'
    assert authors("<h1>Celebrities refuse</h1><p>Text</p>", head=head) == [Byline("Tana Ganeva")]


def test_yoast_written_by_card() -> None:
    head = '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Albert Swann">'
    assert authors("<p>Text</p>", head=head) == [Byline("Albert Swann")]


def test_the_sites_own_name_gives_way_to_a_person() -> None:
    head = ('<meta property="og:site_name" content="GlossGenius"><meta name="author" content="GlossGenius">'
            + ld({"@type": "BlogPosting", "author": {"@type": "Organization", "name": "GlossGenius"}}))
    body = '<div class="author-name">Shauna Mitchell</div><p>Text</p>'
    assert authors(body, head=head, url="https://glossgenius.com/blog/yoga") == [Byline("Shauna Mitchell")]
    # ... and still names the page when nobody else does.
    assert authors("<p>Text</p>", head=head, url="https://glossgenius.com/blog/yoga") == [Byline("GlossGenius")]


def test_an_organizations_name_is_one_name_in_json_ld() -> None:
    # "Morgan & Morgan" is a law firm, not two people called Morgan; two Persons in one name are two.
    firm = ld({"@type": "BlogPosting", "author": {"@type": "Organization", "name": "Morgan & Morgan"}})
    assert authors("<p>Text</p>", head=firm) == [Byline("Morgan & Morgan")]
    pair = ld({"@type": "BlogPosting", "author": {"@type": "Person", "name": "Nina Park & Tobias Lindqvist"}})
    assert authors("<p>Text</p>", head=pair) == [Byline("Nina Park"), Byline("Tobias Lindqvist")]


def test_co_authors_in_one_byline_row_but_not_other_posts_authors() -> None:
    body = (
        '<main><h1>Notes</h1><div class="post-meta"><p>by</p>'
        '<div class="post-author-name"><a href="/author/nina-park/">Nina Park</a></div>'
        '<div class="post-author-name"><a href="/author/otto-berg/">Otto Berg</a></div></div><p>Text.</p>'
        '<section class="cards"><article><h3><a href="/p/1/">Other post</a></h3><div class="card-body">'
        '<p>A long teaser of another post, long enough that this card is a section of its own, not a byline row,'
        ' with more words about winter markets, ledgers, tides and the arithmetic of freight.</p>'
        '<a href="/author/ivy-long/">Ivy Long</a></div></article></section></main>'
    )
    assert [b.name for b in authors(body)] == ["Nina Park", "Otto Berg"]


@pytest.mark.parametrize("role", ["Head of Marketing and Community Development", "Research & Insights Lead",
                                  "Sales and Business Development", "Design Lead & Senior Engineer"])
def test_a_job_title_after_the_name_is_not_a_co_author(role: str) -> None:
    byline = f"<div class='author-bio'>This post was written by Nina Park, {role}</div>"
    body = f"<main><h1>Notes</h1><p>Text.</p>{byline}</main>"
    assert [b.name for b in authors(body)] == ["Nina Park"]


def test_prose_that_starts_with_by_is_not_a_byline() -> None:
    assert authors("<p>By combining these strategies, homeowners save money.</p>") == []


def test_labels_and_credentials_are_not_people() -> None:
    body = ('<div class="author"><a href="/author/jeff-hoyt/">Jeff Hoyt</a></div>'
            '<div class="author-card"><a href="/author/jeff-hoyt/">Learn More</a></div>')
    assert authors(body) == [Byline("Jeff Hoyt", f"{BASE}/author/jeff-hoyt/")]


@pytest.mark.parametrize(
    "shown",
    ['<span class="author-name">Written By</span>',
     '<h4 class="post-author-heading">Insights from</h4>', '<meta name="author" content="undefined">',
     '<meta name="author" content="Webmaster">', '<meta name="author" content="The Pennsylvania State University ©">',
     '<div class="byline">Government Websites by CivicPlus</div>'],
)
def test_placeholders_copyright_lines_and_credit_lines_are_not_names(shown: str) -> None:
    assert authors(f"<main><h1>Cranes</h1>{shown}<p>Text.</p></main>") == []


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ("<title>How To Book a Flight | It\u2019s All Trip To Me</title>", "<h1>How To Book a Flight</h1>",
         "How To Book a Flight"),
        # The <h1> is the site's name (a block theme's header); the post title is the <title>'s first part.
        ("<title>Ada on harbour 0 \u2013 Loopback Journal</title>",
         '<h1 class="wp-block-site-title">Loopback Journal</h1><h2>Ada on harbour 0</h2>', "Ada on harbour 0"),
        ('<meta property="og:title" content="Healthy Eating Plate \u2022 The Nutrition Source">'
         '<meta property="og:site_name" content="The Nutrition Source">', "<p>Text</p>", "Healthy Eating Plate"),
        # A share text in twitter:title, before og:title: the title the other metadata agrees with.
        ('<meta name="twitter:title" content="Our quarterly report aims to identify trends. Download it.">'
         '<meta property="og:title" content="Harbour Cranes Update, Fall 2025">'
         "<title>Harbour Cranes Update, Fall 2025</title>", "<p>Text</p>", "Harbour Cranes Update, Fall 2025"),
        # An <h1> that shares only the site's name with the title is a promotion, not the headline.
        ('<meta property="og:title" content="How harbour cranes are inspected - Portside">'
         '<meta property="og:site_name" content="Portside">',
         "<h1>A message from the founders of Portside</h1>", "How harbour cranes are inspected"),
        # og:title and twitter:title, alike, are a site-wide share text: the <h1> the <title> agrees with.
        ('<meta property="og:title" content="Blog post >> Visit our blog to learn more">'
         '<meta name="twitter:title" content="Blog post >> Visit our blog to learn more">'
         "<title>Harbour crane inspections: best practices | Portside Blog</title>",
         "<h1>Harbour Crane Inspections: Best Practices and Checklists</h1>",
         "Harbour Crane Inspections: Best Practices and Checklists"),
        # An <h1> that introduces what follows, or that describes the page in sentences, is not the headline.
        ("<title>The Fold-and-Cut Problem (Erik Demaine)</title>",
         "<h1>Erik Demaine's Folding and Unfolding:</h1><h1>The Fold-and-Cut Problem</h1>", "The Fold-and-Cut Problem"),
        ("<title>The 10 Best Home Improvement Projects of 2023 | RenoFi</title>",
         "<h1>Learn which home renovations have the best return on investment? Get expert tips on how to calculate "
         "the return of a home improvement. We'll help you learn everything you need to know.</h1>",
         "The 10 Best Home Improvement Projects of 2023"),
        # An <h1>'s subtitle after a dash is part of its headline; a section after a bar is not.
        ("<title>Plant-based diets | Parkview Health</title>",
         "<h1>Transitioning to a plant-based diet \u2013 tips and tricks</h1>",
         "Transitioning to a plant-based diet \u2013 tips and tricks"),
        ("<title>Toddler sleep</title>", "<h1>How to help toddlers sleep through the night | Patient Education</h1>",
         "How to help toddlers sleep through the night"),
        ("<title>Toddler sleep</title>",
         "<h1>How to help toddlers sleep through the night | Patient Education | Harbour Children's Hospital</h1>",
         "How to help toddlers sleep through the night"),
        ("<title>No App Store over mobile data with iOS 13? | iPhone | Forum | Harbour-News.de</title>", "<p>Text</p>",
         "No App Store over mobile data with iOS 13?"),
        # A section's or the blog's <h1>, the post's <h2> below it reading as the metadata title: the <h2>'s.
        ('<meta property="og:title" content="How to get toddlers to sleep in their own bed">',
         "<h1>Toddler Sleep Training</h1><h2>How To Get Toddlers To Sleep In Their Own Bed</h2><p>Text</p>",
         "How to get toddlers to sleep in their own bed"),
        ('<meta property="og:title" content="Cranes 1.8 - The Bountiful Update">',
         "<h1>Cranes News</h1><h3>Cranes 1.8 - The Bountiful Update</h3><p>Text</p>",
         "Cranes 1.8 - The Bountiful Update"),
        # The same <h2> after the article's first paragraph is a section of it: the <h1> is the headline.
        ('<meta property="og:title" content="What is social commerce">',
         "<h1>An introduction to social commerce for brands</h1><p>Your customers are already there, and many of "
         "them want to shop.</p><h2>What is social commerce?</h2>", "An introduction to social commerce for brands"),
        # A paragraph in a script written without spaces counts its words by characters.
        ('<meta property="og:title" content="\u4ec0\u4e48\u662f\u793e\u4ea4\u7535\u5546">',
         "<h1>\u4ec0\u4e48\u662f\u793e\u4ea4\u7535\u5546\uff1a\u5165\u95e8\u6307\u5357</h1><p>"
         + "\u4f60\u7684\u987e\u5ba2" * 8 + "</p><h2>\u4ec0\u4e48\u662f\u793e\u4ea4\u7535\u5546</h2>",
         "\u4ec0\u4e48\u662f\u793e\u4ea4\u7535\u5546\uff1a\u5165\u95e8\u6307\u5357"),
        # A last part the page's <h1> reads as is the headline, however few its words (a German compound's).
        ("<title>Harbour online - Fachmeldungen - Verkündung des Tabaksteuermodernisierungsgesetzes</title>",
         "<h1>Harbour</h1><h1>Fachmeldungen</h1><h1>Verkündung des Tabaksteuermodernisierungsgesetzes</h1>",
         "Verkündung des Tabaksteuermodernisierungsgesetzes"),
        # No <h1>: the title's part an <h2> reads as is the post's title (an older theme's heading).
        ("<title>Jane Doe's Digital Harbour | Reflections on Porting the Crane Software</title>",
         "<h2>Reflections on Porting the Crane Software</h2><p>Text</p>", "Reflections on Porting the Crane Software"),
        # A separator a CMS left at the end, the part after it empty.
        ("<title>Harbour Rail Enquiries -</title>", "<p>Text</p>", "Harbour Rail Enquiries"),
        # WordPress's classic "Site » Blog Archive » Post".
        ("<title>Four Years Remaining \u00bb Blog Archive \u00bb Interning of Small Integers</title>", "<p>Text</p>",
         "Interning of Small Integers"),
        # A host name is the site's name, with what lies beyond it: a tagline, the site's name again.
        ("<title>GAME CHANGER | Newegg.com</title>", "<p>Text</p>", "GAME CHANGER"),
        ("<title>Node.js - Streams in depth explained</title>", "<p>Text</p>", "Node.js - Streams in depth explained"),
        ("<title>Winter pike | petri-heil.ch | Dein Schweizer Fischereimagazin</title>", "<p>Text</p>", "Winter pike"),
        ("<title>SoundStage! Xperience | SoundStageXperience.com - The Five Best Headphones</title>", "<p>Text</p>",
         "The Five Best Headphones"),
        # Japanese and Chinese titles: words without spaces, a full-width bar with or without them.
        ("<title>\u5c0f\u3055\u3044\u306e\u306b\u9ad8\u6027\u80fd\uff01\u30e2\u30d0\u30a4\u30eb\u30d7\u30ed"
         "\u30b8\u30a7\u30af\u30bf\u30fc | RBB TODAY</title>", "<p>Text</p>",
         "\u5c0f\u3055\u3044\u306e\u306b\u9ad8\u6027\u80fd\uff01\u30e2\u30d0\u30a4\u30eb\u30d7\u30ed"
         "\u30b8\u30a7\u30af\u30bf\u30fc"),
        ("<title>\u6c17\u8efd\u306b\u65b0\u805e\u3092\u30b9\u30af\u30e9\u30c3\u30d7\u3067\u304d\u308b CUTPEN"
         "\uff5c\u30ac\u30b8\u30a7\u30c3\u30c8\u901a\u4fe1 GetNews</title>", "<p>Text</p>",
         "\u6c17\u8efd\u306b\u65b0\u805e\u3092\u30b9\u30af\u30e9\u30c3\u30d7\u3067\u304d\u308b CUTPEN"),
        # The metadata's "Kicker - Headline": the <h1> that reads as its long last part is the headline.
        ('<meta property="og:title" content="Corona-Pandemie - Es kommt auch darauf an, wie die Menschen sterben">',
         '<h1><span class="teaser-small__kicker">Corona-Pandemie</span> Es kommt auch darauf an, wie die Menschen '
         "sterben</h1>", "Es kommt auch darauf an, wie die Menschen sterben"),
        # An <h1> marked as the kicker is not the headline.
        ("<title>Strava-Karten ab sofort mit mehr Infos - Strava-Update: POI bei Routen-Tool</title>",
         '<h1 class="strapline">Strava-Update: POI bei Routen-Tool</h1><h2>Strava-Karten ab sofort mit mehr Infos</h2>',
         "Strava-Karten ab sofort mit mehr Infos"),
        # Two short words of its own are a headline, not a site's name after a short one.
        ("<title>\u65b0\u805e | Tokyo Daily News</title>", "<p>Text</p>", "\u65b0\u805e | Tokyo Daily News"),
        # The site's name over the last two parts; joined by a dash to a Chinese headline; in a name.
        ('<meta property="og:site_name" content="AOC media - Analyse Opinion Critique">'
         "<title>La retraite est un archa\u00efsme | AOC media - Analyse Opinion Critique</title>", "<p>Text</p>",
         "La retraite est un archa\u00efsme"),
        ('<meta property="og:site_name" content="\u65b0\u534e\u7f51">'
         "<title>\u6b66\u6c49\u7684\u58f0\u97f3\uff01-\u65b0\u534e\u7f51</title>", "<p>Text</p>",
         "\u6b66\u6c49\u7684\u58f0\u97f3\uff01"),
        # A Chinese portal's section and name, joined by underscores, whether or not its metadata names it.
        ("<title>\u6d77\u5916\u7559\u5b66\u751f\u770b\u4e24\u4f1a\uff1a\u51fa\u56fd\u524d\u540e\u5173\u6ce8"
         "\u70b9\u5927\u4e0d\u540c_\u6559\u80b2\u9891\u9053_\u4e2d\u56fd\u9752\u5e74\u7f51</title>",
         "<p>Text</p>", "\u6d77\u5916\u7559\u5b66\u751f\u770b\u4e24\u4f1a\uff1a\u51fa\u56fd\u524d\u540e"
         "\u5173\u6ce8\u70b9\u5927\u4e0d\u540c"),
        ('<meta property="og:site_name" content="Stevens Point">'
         "<title>Coffee - University of Wisconsin-Stevens Point</title>", "<p>Text</p>",
         "Coffee - University of Wisconsin-Stevens Point"),
        # The site's name in the middle ends the headline's side; after a first part that is the site's name, a
        # section's does not (the section stays, as a title's middle part always has).
        ('<meta property="og:site_name" content="Krimiblog-Archiv">'
         "<title>Das schwulste Musikvideo der Welt : Krimiblog-Archiv | Ermittlungen zum Verfall eines Genres | "
         "Gegr\u00fcndet 2005</title>", "<p>Text</p>", "Das schwulste Musikvideo der Welt"),
        ('<meta property="og:site_name" content="Harbour Club">'
         "<title>Harbour Club - Neuigkeiten \u00bb Die Events der letzten Zeit</title>",
         "<h1>Gewinnt einen Kran!</h1><h1>Neuigkeiten</h1>", "Neuigkeiten \u00bb Die Events der letzten Zeit"),
        # The logo's <h1>, first on the page, names the site in the title's tail.
        ("<title>Muffin Grundrezept : Muffin Rezepte</title>", "<h1>Muffin Rezepte</h1><p>Text</p>",
         "Muffin Grundrezept"),
        # The site's name joined by a bar, no space around it.
        ('<meta property="og:site_name" content="NEWS WEB EASY">'
         "<title>NEWS WEB EASY|\u5b50\u3069\u3082\u3078\u306e\u4f53\u7f70</title>", "<p>Text</p>",
         "\u5b50\u3069\u3082\u3078\u306e\u4f53\u7f70"),
        ("<title>Tickets|Harbour Cranes</title>", "<p>Text</p>", "Tickets|Harbour Cranes"),
        # A date alone at either end is no part of the headline, unless it ends a range.
        ("<title>23.01.2022 - Wierer darf beim Abschluss noch jubeln</title>", "<p>Text</p>",
         "Wierer darf beim Abschluss noch jubeln"),
        ("<title>Wierer darf beim Abschluss noch jubeln | March 3, 2025</title>", "<p>Text</p>",
         "Wierer darf beim Abschluss noch jubeln"),
        ("<title>Wochenbericht 14. - 20. Januar 2022</title>", "<p>Text</p>", "Wochenbericht 14. - 20. Januar 2022"),
    ],
)
def test_titles_are_headlines_without_the_sites_name(head: str, body: str, title: str) -> None:
    assert page_title(Selector(text=f"<html><head>{head}</head><body>{body}</body></html>")) == title


def test_a_title_part_or_an_h1_the_host_spells_is_the_sites_name() -> None:
    def title(head: str, body: str, url: str) -> str | None:
        return page_title(Selector(text=f"<html><head>{head}</head><body>{body}</body></html>"), url)

    head = "<title>BMAS - \u00c4nderung der Anforderungen an Nachweise</title>"
    assert title(head, "<p>Text</p>", "https://www.bmas.de/x") == "\u00c4nderung der Anforderungen an Nachweise"
    # The logo's <h1> at arsnova.thm.de; the metadata title then.
    assert title("<title>Frag jetzt | ARSnova</title>", "<h1>ARS nova</h1>", "https://arsnova.thm.de/x") == "Frag jetzt"
    # Elsewhere the same part is the headline's.
    assert title(head, "<p>Text</p>", "https://example.org/x") == "BMAS - \u00c4nderung der Anforderungen an Nachweise"
    # A suffix's label names no site: "Net" at example.net.au is the headline's word.
    assert title("<title>Net - Zero by the end of the decade</title>", "<p>Text</p>", "https://example.net.au/x") == (
        "Net - Zero by the end of the decade")


def _blogger_post(account: str, section: str = "") -> str:
    """A post as Blogger's templates build it: the blog's name in the header's <h1>, the post in a widget."""
    return ("<div class='header'><h1><a href='/'>Online Security Blog</a></h1></div>"
            "<div class='section' id='main'><div class='widget Blog' id='Blog1'><div class='post'>"
            "<h3 class='post-title entry-title' itemprop='name'>Enhanced protection for all</h3>"
            "<div class='post-body' itemprop='articleBody'><span class='byline-author'>Posted by Nathan Parker and "
            f"Eric Mill - Chrome team</span>{section}<p>Text.</p></div>"
            f"<div class='post-footer'>{account}</div></div></div></div>"
            "<div class='sidebar'><div class='widget HTML'><span class='byline-author'>Posted by Jane Roe</span>"
            "</div></div>")


def test_a_blogger_post_widget_is_the_post_and_its_hidden_account_link_does_not_outrank_the_byline() -> None:
    hidden = "<a href='https://plus.google.com/1' rel='author' style='display:none;'>Google</a>"
    assert [b.name for b in authors(_blogger_post(hidden))] == ["Nathan Parker", "Eric Mill"]
    # Shown, the account's link is the post's author, as Blogger's classic templates print it.
    shown = "Posted by <a href='https://www.blogger.com/profile/1' rel='author'>Jane Doe</a>"
    assert [b.name for b in authors(_blogger_post(shown))] == ["Jane Doe"]


def test_the_h1s_in_a_posts_body_head_its_sections_under_the_posts_title() -> None:
    body = _blogger_post("", section="<h1>Why enhanced protection matters</h1>")
    page = f"<html><head><title>Enhanced protection for all</title></head><body>{body}</body></html>"
    assert page_title(Selector(text=page)) == "Enhanced protection for all"
    # An <h1> the body's markup marks as the headline is it (taz.de's <article itemprop="articleBody">).
    marked = body.replace("<h1>", "<h1 itemprop='headline'>")
    page = f"<html><head><title>Enhanced protection for all</title></head><body>{marked}</body></html>"
    assert page_title(Selector(text=page)) == "Why enhanced protection matters"


def test_the_pages_one_h1_set_as_its_breadcrumb_trails_last_crumb_is_its_title() -> None:
    head = "<title>Tote Tauben im ISS Dome gefunden | Express</title>"
    story = "<article><p>" + "Tauben lagen tot in der Halle. " * 12 + "</p></article>"
    trail = ("<nav><ol class='breadcrumb'><li><a href='/'>Home</a></li><li><a href='/duesseldorf'>Düsseldorf</a>"
             "</li><li><h1>{}</h1></li></ol></nav>" + story)
    page = f"<html><head>{head}</head><body>{trail}</body></html>"
    headline = "Düsseldorf ISS Dome: Peta erstattet Anzeige wegen toten Tauben"
    assert page_title(Selector(text=page.format(headline))) == headline
    # An <h1> in a menu that is no trail is not the title; nor is a trail's <h1> beside another <h1>.
    menu = page.format(headline).replace(" class='breadcrumb'", "")
    assert page_title(Selector(text=menu)) == "Tote Tauben im ISS Dome gefunden"
    beside = page.format(headline).replace("<article>", "<article><h1>Tote Tauben im ISS Dome gefunden</h1>")
    assert page_title(Selector(text=beside)) == "Tote Tauben im ISS Dome gefunden"


def test_a_person_linked_from_a_short_paragraph_of_the_story_is_a_mention() -> None:
    story = ("<article><h1>Estate put on notice</h1><p><a href='/people/prince/'><strong>Prince</strong></a> was "
             "married when he died and wanted all of his money to go to his wife, the woman says.</p></article>")
    assert authors(story) == []
    # A byline's row in a paragraph: its name, its date and its reading time.
    byline = ("<article><h1>Estate put on notice</h1><p>By <a href='/people/jane-doe/'>Jane Doe</a> | March 3, "
              "2025 | 5 min read</p><p>Text.</p></article>")
    assert [b.name for b in authors(byline)] == ["Jane Doe"]


def test_an_h1_in_a_script_without_spaces_is_read_as_a_headline_of_many_words() -> None:
    # Japanese is written without spaces: the <h1> is one "word" by spaces, many by its characters.
    head = ("<title>\u30e1\u30c7\u30a3\u30a2\u82b8\u8853\u796d\u8cde\u304c\u53d7\u8cde\uff1a"
            "\u671d\u65e5\u65b0\u805e\u30c7\u30b8\u30bf\u30eb</title>")
    body = "<h1>\u30e1\u30c7\u30a3\u30a2\u82b8\u8853\u796d\u8cde\u304c\u53d7\u8cde</h1><p>Text</p>"
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    assert page_title(Selector(text=page)) == "\u30e1\u30c7\u30a3\u30a2\u82b8\u8853\u796d\u8cde\u304c\u53d7\u8cde"


def test_a_meta_title_cut_at_an_unescaped_quotation_mark_gives_way_to_the_title() -> None:
    # The CMS wrote the headline's quotes into the attribute unescaped: the parser ends its value there.
    head = ('<title>Senador califica a Biden de "incapacitado"</title>'
            '<meta property="og:title" content="Senador califica a Biden de "incapacitado"" />'
            '<meta name="twitter:title" content="Senador califica a Biden de "incapacitado"" />')
    page = f"<html><head>{head}</head><body><p>Text</p></body></html>"
    assert page_title(Selector(text=page)) == 'Senador califica a Biden de "incapacitado"'
    # A <title> that goes on past the og:title with its site's name is no sign of a cut.
    head = ('<title>Senador califica a Biden | El Universal</title>'
            '<meta property="og:title" content="Senador califica a Biden">')
    assert page_title(Selector(text=f"<html><head>{head}</head><body><p>Text</p></body></html>")) == (
        "Senador califica a Biden")


def test_only_the_sites_own_home_link_names_the_site() -> None:
    def title(links: str, url: str) -> str | None:
        page = ("<html><head><title>New Zealand - Wikipedia</title><script type='application/ld+json'>"
                '{"@type": "Article", "headline": "constitutional monarchy in Oceania"}</script></head>'
                f"<body><h1>New Zealand</h1><p>Text</p>{links}</body></html>")
        return page_title(Selector(text=page), url)

    # A cited organisation's home page (another domain), or the page's bold link to itself (no address), names
    # no site: the <h1> agreeing with the <title> is the headline.
    cited = '<a href="https://www.govt.nz/">New Zealand</a><a class="selflink">New Zealand</a>'
    assert title(cited, "https://en.wikipedia.org/wiki/New_Zealand") == "New Zealand"
    # The site's logo, on its own domain's other host, does.
    logo = '<a href="https://www.example.org/">New Zealand</a>'
    assert title(logo, "https://blog.example.org/x") == "constitutional monarchy in Oceania"


def test_a_bare_name_in_the_row_under_the_headline_is_the_byline() -> None:
    row = ('<main><h1>Travel hacks for hotel stays</h1><div class="meta"><span>Julia Gralberg</span>{}</div>'
           "<p>Text.</p></main>")
    assert authors(row.format("<span>March 3, 2024</span>")) == [Byline("Julia Gralberg")]
    assert authors(row.format('<time datetime="2024-03-03">3/3</time>')) == [Byline("Julia Gralberg")]
    # Without a date beside it, two capitalised words under a headline are as often a kicker or a label.
    assert authors(row.format("")) == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Escrito por Ana Lima", "Ana Lima"),
        ("Scritto da Marco Rossi", "Marco Rossi"),
        ("A cura di Marco Rossi", "Marco Rossi"),
        ("Geschrieben von Jana Koch", "Jana Koch"),
        ("\u00c9crit par Jeanne Dupont", "Jeanne Dupont"),
        ("Por Ana da Silva", "Ana da Silva"),
    ],
)
def test_bylines_in_the_fixture_languages(line: str, name: str) -> None:
    assert authors(f"<article><h1>Titolo</h1><p>{line}</p><p>Testo.</p></article>") == [Byline(name)]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # A label alone in its element, the name in the element that follows it.
        ("<main><h1>Cranes</h1><div><h3>Author</h3><p> Lisa D. Ellis</p></div><p>Text.</p></main>", ["Lisa D. Ellis"]),
        ('<main><h1>Cranes</h1><h2 class="x">Article by</h2><div>Matias Heikkilä</div></main>', ["Matias Heikkilä"]),
        # A label, the names in its tail.
        ("<main><h1>Cranes</h1><div><strong>Contributors:</strong> Julie Weisenhorn and Natalie Hoidal</div></main>",
         ["Julie Weisenhorn", "Natalie Hoidal"]),
        # An author box after the label: its name heading, credentials cut.
        ("<main><h1>Cranes</h1><section><h2>Article written by:</h2><div><img src='d.jpg' alt='Headshot'><div>"
         "<h3>Doris Munoz-Mantilla, MD, FOMA</h3><p>Doris is a physician who writes on medicine, and on much more "
         "than medicine, for readers of every kind and age.</p></div></div></section></main>",
         ["Doris Munoz-Mantilla"]),
        # A list of names after the label.
        ('<main><h1>Cranes</h1><div><h6>Author(s)</h6><ul><li><a href="/library/?_author=John%20A.%20Alic">'
         'John A. Alic</a></li><li><a href="/library/?_author=David">David C. Mowery</a></li></ul></div></main>',
         ["John A. Alic", "David C. Mowery"]),
        # After the label, a biography or a topic: not a name.
        ("<main><h1>Cranes</h1><h3>Author</h3><p>Our team of gardeners writes about plants.</p></main>", []),
        # A CMS's field markup: the label and the name each in their own field wrapper.
        ("<main><h1>Cranes</h1><div><div class='field'><p class='label'><strong>By</strong></p></div>"
         "<div class='field'><p class='full-name'>Todd Bates</p></div></div><p>Text.</p></main>", ["Todd Bates"]),
        # A menu's entry is no label: what follows it is the next entry.
        ("<main><h1>Cranes</h1><ul><li><a href='/about/contributors/'><span>Contributors</span></a></li>"
         "<li><a href='/about/services/'><span>Online Services</span></a></li></ul><p>Text.</p></main>", []),
    ],
)
def test_a_name_after_an_author_label(body: str, names: list[str]) -> None:
    assert [b.name for b in authors(body)] == names


def test_a_row_under_the_headline_that_starts_with_a_name_and_holds_a_date() -> None:
    body = "<main><header><h1>How AI works</h1><p>Aaron Ricadela | Senior Writer | July 2, 2025</p></header></main>"
    assert [b.name for b in authors(body)] == ["Aaron Ricadela"]
    # Without a date the row is a tagline, not a byline.
    assert authors("<main><header><h1>How AI works</h1><p>Design Systems | Product Notes</p></header></main>") == []


def test_a_wrapper_left_open_around_the_article_is_not_a_menu() -> None:
    # Broken markup: a <nav> never closed holds the headline, the byline and the article.
    article = "<p>" + "Long article text. " * 40 + "</p>"
    body = (f'<header><nav class="menu"><a href="/">Home</a><h1>Cranes</h1><p>by <a href="/articles/authors/'
            f'shannon-grilli">Shannon Grilli</a></p>{article}')
    assert authors(body) == [Byline("Shannon Grilli", f"{BASE}/articles/authors/shannon-grilli")]
    # A real menu (without the headline) stays noise: its author links are not the page's author.
    menu = ('<nav class="menu"><a href="/authors/jane-doe/">Jane Doe</a></nav><main><h1>Cranes</h1>'
            f"{article}</main>")
    assert authors(menu) == []


def test_running_text_beside_the_author_is_not_a_co_author() -> None:
    body = ('<main><h1>Cranes</h1><div class="author-info"><span class="author-name">Vanessa Mendez, MD</span>, '
            "<span>gastroenterologist</span></div><p>Text.</p></main>")
    assert [b.name for b in authors(body)] == ["Vanessa Mendez"]


def test_a_name_beside_a_person_icon_from_a_sprite() -> None:
    body = ('<main><h1>Cranes</h1><p><svg class="h-4"><use href="/assets/regular.svg#circle-user"></use></svg> '
            '<span class="font-bold">Eliz Morgan</span></p><p>Text.</p></main>')
    assert [b.name for b in authors(body)] == ["Eliz Morgan"]
    # Another sprite (a clock) beside a date is not a byline.
    clock = '<main><h1>Cranes</h1><p><svg><use href="#clock"></use></svg><span>May 3, 2024</span></p></main>'
    assert authors(clock) == []


def test_a_name_beside_an_avatar() -> None:
    body = ('<main><h1>Cranes</h1><p>Dec 26, 2025 <span>&bull;</span> <img src="https://2.gravatar.com/avatar/e5f6?s=96"'
            ' class="avatar avatar-xs"/> Mahua Das in <a href="/blog/cranes">Cranes</a></p><p>Text.</p></main>')
    assert [b.name for b in authors(body)] == ["Mahua Das"]
    # A photo beside a caption is not an avatar.
    assert authors(body.replace("avatar avatar-xs", "photo").replace("gravatar.com/avatar", "cdn.test/img")) == []


def test_a_name_in_the_grid_column_beside_an_avatar() -> None:
    # A page builder's author row: the avatar alone in one column, the name first in the next.
    row = ('<div class="grid"><div class="col"><div class="inside"><img class="avatar avatar-50 photo" alt="Photo of '
           'author" src="data:,"/> </div></div><div class="col"><div class="inside"><p class="headline">Asser '
           'Christensen</p><div class="bio">Licensed Q Arabica grader who writes about coffee.</div></div></div></div>')
    assert [b.name for b in authors(f"<main><h1>Cranes</h1>{row}<p>Text.</p></main>")] == ["Asser Christensen"]
    # A photo beside a caption in the next column is not an avatar's.
    plain = row.replace("avatar avatar-50 photo", "wp-image-12")
    assert authors(f"<main><h1>Cranes</h1>{plain}<p>Text.</p></main>") == []


def test_a_by_phrase_after_a_date_in_a_row() -> None:
    body = ('<main><h1>Cranes</h1><div class="meta">March 15, 2022 <span>&middot;</span> 3 min read '
            '<span>&middot;</span> By Jane Holloway</div><p>Text.</p></main>')
    assert [b.name for b in authors(body)] == ["Jane Holloway"]
    # A book's credit in a list of books is not the page's byline.
    books = '<main><h1>New books</h1><h3><em>Neuromancer</em> by William Gibson</h3><p>Text.</p></main>'
    assert authors(books) == []


def test_a_link_whose_text_is_the_by_phrase() -> None:
    body = ('<main><h1>Less waste</h1><div class="my-meta"><span><a href="/search?type=article&q=Meaghan Weeden">'
            'by Meaghan Weeden</a></span></div><p>Text.</p></main>')
    # A site search for the name is not the author's page; a search by person is.
    assert authors(body) == [Byline("Meaghan Weeden")]
    by_person = body.replace("/search?type=article&q=Meaghan Weeden", "/search?people=Meaghan+Weeden")
    assert authors(by_person) == [Byline("Meaghan Weeden", f"{BASE}/search?people=Meaghan+Weeden")]
    # A menu's "By Category" link names nobody.
    menu = '<main><h1>Reviews</h1><ul><li><a href="/browse-by-category/">By Category</a></li></ul><p>Text.</p></main>'
    assert authors(menu) == []


def test_a_user_name_with_a_number_is_whole() -> None:
    body = '<main><h1>Zwiebeln schneiden</h1><p class="byline">Von Marianne1</p><p>Text.</p></main>'
    assert authors(body) == [Byline("Marianne1")]
    assert is_plausible_name("freeman1984") and not is_plausible_name("mdelatorreq6vkpg2ma0ci")
    assert not is_plausible_name("March 3, 2025")
    # A number after the name is a date or a reading time, cut off.
    assert authors(body.replace("Marianne1", "Jane Holloway 5 min read")) == [Byline("Jane Holloway")]


def test_the_authors_page_of_a_name_first_written_with_a_role() -> None:
    # The byline names "Eli Manikan Contributing Writer" first; the author card links the shorter name.
    body = ('<main><h1>Board games</h1><p class="author-name">Eli Manikan Contributing Writer</p><p>Text.</p>'
            '<div class="author-card"><span class="author-name"><a href="/hub/about-us/eli-manikan/">Eli Manikan</a>'
            "</span></div></main>")
    assert authors(body) == [Byline("Eli Manikan", f"{BASE}/hub/about-us/eli-manikan/")]


def test_a_json_ld_author_with_a_page_and_no_name() -> None:
    head = ld({"@type": "Article", "author": {"@type": "Person", "url": f"{BASE}/user/megan-leanda-berry"}})
    body = '<main><h1>Analytics</h1><p class="byline">By Megan Leanda Berry</p><p>Text.</p></main>'
    assert authors(body, head=head) == [Byline("Megan Leanda Berry", f"{BASE}/user/megan-leanda-berry")]
    # A page of another person is not theirs.
    other = head.replace("megan-leanda-berry", "john-roe")
    assert authors(body, head=other) == [Byline("Megan Leanda Berry")]


def test_a_job_title_set_apart_inside_the_byline_is_not_part_of_the_name() -> None:
    body = ('<main><h1>Hybrids</h1><div class="author-info"><span>Keith Barry</span><span>Senior Autos Reporter'
            "</span></div><p>Text.</p></main>")
    assert authors(body) == [Byline("Keith Barry")]
    # Two people in one byline stay two.
    pair = body.replace("<span>Senior Autos Reporter</span>", " and <span>Jane Holloway</span>")
    assert [b.name for b in authors(pair)] == ["Keith Barry", "Jane Holloway"]


def test_a_job_title_marked_by_its_class_is_no_name() -> None:
    # The title's element says what it is: "and" inside it does not add a co-author, nor is it a byline itself.
    body = ('<main><h1>Vegetables</h1><div class="author-line"><span class="author-label">Written By:</span> '
            '<span class="author-name">Catherine Boeckmann</span> <span class="author-title">Executive Digital Editor '
            'and Master Gardener</span></div><p>Text.</p></main>')
    assert authors(body) == [Byline("Catherine Boeckmann")]
    phrase = ('<main><h1>Hybrids</h1><span class="byline-author__description">By Keith Barry<br>'
              '<span class="byline-author__title">Senior Autos Reporter</span></span><p>Text.</p></main>')
    assert authors(phrase) == [Byline("Keith Barry")]
    # An element of that class holding a name is read: "author-title" titles some author boxes with the name.
    boxed = '<main><h1>Hybrids</h1><h4 class="author-title">Keith Barry</h4><p>Text.</p></main>'
    assert authors(boxed) == [Byline("Keith Barry")]


def test_the_author_in_the_posts_own_side_column() -> None:
    # Material for MkDocs' blog: author and date in a side column of the main area, nothing in the article.
    rail = ('<main><div class="md-sidebar md-sidebar--post"><nav class="md-nav"><div class="md-post__authors">'
            '<img alt="Mara Ostrowski"><a href="/blog/author/mara/">Mara Ostrowski</a></div>'
            '<time datetime="2024-02-11">February 11, 2024</time></nav></div>'
            "<article><h1>Tides</h1><p>Text.</p></article></main>")
    assert authors(rail) == [Byline("Mara Ostrowski", f"{BASE}/blog/author/mara/")]
    # Without the post's date beside it, a side column's author link is a sidebar's.
    assert authors(rail.replace('<time datetime="2024-02-11">February 11, 2024</time>', "")) == []
    # Nor is a column naming two people (a list of the site's writers), nor one outside the main area.
    two = rail.replace("</div><time", '<a href="/blog/author/tobias/">Tobias Lindqvist</a></div><time')
    assert authors(two) == []
    assert authors(rail.replace("<main>", "<div>").replace("</main>", "</div>")) == []
    # A byline in the article wins over the column.
    byline = rail.replace("<h1>Tides</h1>", '<h1>Tides</h1><p class="byline">By Jane Doe</p>')
    assert [b.name for b in authors(byline)] == ["Jane Doe"]


def test_a_cms_that_builds_the_article_of_widgets() -> None:
    # RebelMouse: the post and its byline sit in "widget" elements, a menu's link to a writer's page outside.
    body = ('<div class="list"><a href="/u/jordan_green">Extremism</a></div>'
            '<div class="widget post-partial"><article class="page-article"><div class="widget__body">'
            '<h1 class="widget__headline">Celebrities refuse</h1><div class="social-author">'
            '<a class="social-author__name" href="/u/ganevatana">Tana Ganeva</a></div><p>Text.</p></div>'
            "</article></div>")
    # The rest of the page (more stories) holds more text than the article.
    more = '<div class="posts-more">' + "<p>Another story of the day, told in a teaser.</p>" * 20 + "</div>"
    assert authors(body + more) == [Byline("Tana Ganeva", f"{BASE}/u/ganevatana")]
    # A widget beside the article is still a sidebar's.
    beside = ('<article><h1>Celebrities refuse</h1><p>Text.</p></article><div class="widget">'
              '<a href="/u/ganevatana">Tana Ganeva</a></div>')
    assert authors(beside) == []


def test_a_byline_rows_category_and_date_name_nobody() -> None:
    row = ('<section class="byline"><span class="byline__release-date"><time>March 20, 2023</time></span>'
           '<span class="byline__separator"> | </span><span class="byline__category"><a href="/wellness">Wellness'
           " &amp; Prevention</a></span></section>")
    assert authors(f"<main><h1>Food myths</h1>{row}<p>Text.</p></main>") == []
    # A class that names the author beside the date is the byline itself.
    both = '<div class="publish-date-author">Dec. 19, 2025 \u00b7 Niko Matsakis</div>'
    assert [b.name for b in authors(f"<main><h1>Rust</h1>{both}<p>Text.</p></main>")] == ["Niko Matsakis"]


def test_a_symbol_is_no_initial_of_a_name() -> None:
    # "Door Locks & Smart Locks" in a menu reads, in Dutch, as "by Locks & Smart Locks".
    body = ('<main><h1>Hybrids</h1><a href="/door-locks/">Door Locks &amp; Smart Locks</a><p>Text.</p></main>')
    assert authors(body) == []


def test_a_link_that_is_not_written_as_a_name_is_no_co_author() -> None:
    head = ld({"@type": "Article", "author": {"@type": "Person", "name": "Claire Wilson"}})
    body = ('<main><h1>Electrical firms</h1><div class="post-author"><span class="author-name">Claire Wilson</span> '
            '<a href="/author/editorial-standards">editorial standards</a></div><p>Text.</p></main>')
    assert [b.name for b in authors(body, head=head)] == ["Claire Wilson"]
    # Written as a name, the link's person is a co-author.
    both = body.replace(">editorial standards<", ">Breanne Krager<").replace("editorial-standards", "breanne-krager")
    assert [b.name for b in authors(both, head=head)] == ["Claire Wilson", "Breanne Krager"]


def test_contributors_and_people_named_in_prose_are_not_co_authors() -> None:
    byline = ('<div class="byline">By <a href="/author/genaveve-bradshaw">Genaveve Bradshaw</a></div>'
              '<div class="small">Contributions From: <a href="/author/ryan-white">Ryan White</a></div>')
    prose = ("<p>We entrusted our testing to " + '<a href="/author/genaveve-bradshaw">Genaveve Bradshaw</a> and '
             '<a href="/author/ryan-white">Ryan White</a>, ' + "who brushed with every model for weeks. " * 8 + "</p>")
    assert [b.name for b in authors(f"<main><h1>Toothbrushes</h1>{byline}{prose}</main>")] == ["Genaveve Bradshaw"]
    alone = byline.split('<div class="small">')[0]
    assert [b.name for b in authors(f"<main><h1>Toothbrushes</h1>{alone}{prose}</main>")] == ["Genaveve Bradshaw"]
    # A contributor's linked name does not outweigh the byline.
    credit = ('<main><h1>Floods</h1><p class="byline">By Jane Holloway</p><p>Text.</p>'
              '<p><em>Additional reporting by <a href="/author/ryan-white">Ryan White</a>.</em></p></main>')
    assert [b.name for b in authors(credit)] == ["Jane Holloway"]
    # Two links in one short byline are two authors.
    pair = '<p class="byline">By <a href="/author/a-one">Ada One</a> and <a href="/author/b-two">Bo Two</a></p>'
    assert [b.name for b in authors(f"<main><h1>Toothbrushes</h1>{pair}<p>Text.</p></main>")] == ["Ada One", "Bo Two"]


def test_prose_and_four_word_titles_are_not_bare_names() -> None:
    assert not is_plausible_name("a firm dedicated to creating") and is_plausible_name("veena")
    # Labels, months and footer links of the fixtures' other languages.
    for label in ("Über Creeny", "Alle Artikel", "A propos de la DW", "Dezember", "Veröffentlicht", "Datenschutz"):
        assert not is_plausible_name(label), label
    # "Author", "Text", "Profile", "By", "Yes" and "Last updated" in those languages; an abbreviation alone.
    for label in ("Autor", "Text", "Profil", "Por", "Ja", "ca.", "Zuletzt geändert", "Letzte Aktualisierung",
                  "Mis à jour", "Pétition soutenue par un Super contributeur"):
        assert not is_plausible_name(label), label
    for name in ("Ja Rule", "Peter von Matt", "Text Kim", "Dr. Mo"):
        assert is_plausible_name(name), name
    # A sign-in link after a user icon, a byline label left empty, a word no name holds.
    for label in ("Entrar", "Anmelden", "Connexion", "\u4f5c\u8005", "Authority control", "Author Profile"):
        assert not is_plausible_name(label), label
    # An address written to fool harvesters, a letter alone.
    for label in ("cipha[at]cipha.net", "jane (at) example.org", "C"):
        assert not is_plausible_name(label), label


def test_a_range_and_a_rank_are_no_bylines() -> None:
    # German's "von … bis …" (from … to …) in a heading; a user rank after a person icon.
    heading = "<main><h1>Glossar</h1><h3>Von Atemschutzmaske über Exit-Strategie bis Zoonose</h3><p>Text.</p></main>"
    assert authors(heading) == []
    rank = '<main><h1>Melas</h1><ul><li><i class="fa fa-user"></i> Intermediate Writer</li></ul><p>Text.</p></main>'
    assert authors(rank) == []


def test_a_byline_class_beside_another_part_and_a_tail_in_german() -> None:
    # "byline breadcrumbs": the section trail above the byline; "Veröffentlicht" starts the date after the name.
    body = ('<main><h1>Single an Weihnachten</h1><div class="byline breadcrumbs">Weihnachten \u2022 Liebe</div>'
            '<div class="byline author">Mathilda Trausch Veröffentlicht am 12.01.2022</div><p>Text.</p></main>')
    assert [b.name for b in authors(body)] == ["Mathilda Trausch"]


def test_a_by_phrase_ends_where_another_hands_credit_begins() -> None:
    page = ('<main><h1>Monitoring</h1><p class="byline author">Written by Rob Ewaschuk<br>Edited by Betsy Beyer</p>'
            "<p>Text.</p></main>")
    assert [b.name for b in authors(page)] == ["Rob Ewaschuk"]
    # Not a credit alone in author markup: a book's edition before its editor names nobody.
    source = '<p class="src"><span itemprop="author">Revised Edition Edited by Adrian Parr</span></p>'
    assert authors(f"<main><h1>Micropolitics</h1><p>Text.</p>{source}</main>") == []


def test_the_headlines_header_is_not_noise_whatever_its_id() -> None:
    # A share widget's id on the article's <header> ("gigya-share-btns-1_gig_containerParent").
    header = ('<header id="gigya-share-btns-1_gig_containerParent"><h1>Seven secrets</h1><ul class="meta">'
              '<li class="author" itemprop="author"><span itemprop="name"><a href="/author/hazel-sheffield">'
              "Hazel Sheffield</a></span></li></ul></header>")
    columnists = "".join(f'<li><a href="/author/{n.lower().replace(" ", "-")}">{n}</a></li>'
                         for n in ("Robert Fisk", "Holly Baxter"))
    text = "<p>" + "Hotel owners keep their secrets close to the chest. " * 20 + "</p>"
    page = f'<article>{header}{text}</article><div class="sidebar"><ul>{columnists}</ul></div>'
    [found] = authors(page)
    assert found.name == "Hazel Sheffield" and "byline" in found.source  # not trafilatura's last resort
    assert found.url == f"{BASE}/author/hazel-sheffield"
    title = "Starfield Background Planning Documents"
    dated = f"<main><h1>Agents</h1><p><span>{title}</span> <time>2025-12-01</time></p></main>"
    assert authors(dated) == []
    assert [b.name for b in authors(dated.replace(title, "Toby Hede"))] == ["Toby Hede"]


def test_the_article_that_holds_the_headline_is_not_noise_whatever_its_class() -> None:
    # Drupal names a node's content type in its class: "node--type-newsletter-article" is the article, not a sign-up
    # box, even where the page's menus hold more of its text than the article does.
    menu = "<nav><ul>" + "".join(f"<li><a href='/topic/{i}'>Topic number {i} of the society</a></li>"
                                 for i in range(60)) + "</ul></nav>"
    article = ("<article class='node node--type-newsletter-article'><h1>Candidate experience</h1><div class='meta'>"
               "<time datetime='2017-03-01'>03/01/2017</time> by Agatha Caleo, Candidate Representative to the"
               " Liaison Committee</div>"
               "<p>" + "Candidates weigh a consulting firm against a carrier. " * 8 + "</p></article>")
    assert [b.name for b in authors(f"{menu}<main>{article}</main>")] == ["Agatha Caleo"]
    teaser = article.replace("node--type-newsletter-article", "newsletter-signup").replace("h1>", "h2>")
    assert authors(f"{menu}<main><h1>Issue 12</h1>{teaser}</main>") == []


@pytest.mark.parametrize(
    "text",
    ["By Jane", "  \n Written by Jane", "Posted by Jane", "Publié par Jane", "Écrit par Jane", "A cura di Jane",
     "Geschrieben von Jane", "Verfasst von Jane", "Escrito por Jane", "Scritto da Jane", "Geschreven door Jane",
     "This post was written by Jane", "View all posts by Jane", "More stories by Jane", "All articles by Jane",
     "Words: Jane", "Text: Jane", "Author: Jane", "Autor: Jane", "Reporting by Jane", "Story by Jane",
     "Reviewed by Jane", "Medically reviewed by Jane", "Fact-checked by Jane", "Fact checked by Jane",
     "Edited by Jane", "Photos by Jane", "Photography: Jane", "Illustration by Jane", "Video by Jane",
     "Translated by Jane", "Updated by Jane", "Verified by Jane", "Approved by Jane", "Produced by Jane",
     "Narrated by Jane", "Checked by Jane", "Tested by Jane", "Av Jane", "Af Jane", "Przez Jane", "Door Jane",
     "Übersetzt von Jane", "Bearbeitet von Jane", "Fotos: Jane", "Traduit par Jane", "Traducido por Jane",
     "Posted on March 3, 2025 by Jane", "Veröffentlicht am 3. März 2025 von Jane"],
)
def test_the_first_letters_test_lets_every_byline_phrase_and_credit_through(text: str) -> None:
    assert _PHRASE_OR_CREDIT.match(text), "the sample must be a phrase or a credit"
    assert _may_start_phrase(text)


@pytest.mark.parametrize(
    "line", ["Posted on September 21, 2020 by Adi Tzlil", "Veröffentlicht am 21. September 2020 von Adi Tzlil"]
)
def test_a_byline_with_its_date_first(line: str) -> None:
    assert [b.name for b in authors(f"<main><h1>Cranes</h1><div class='meta'>{line}</div><p>Text.</p></main>")] == [
        "Adi Tzlil"
    ]


def test_by_in_another_tongue_starts_no_byline_on_a_page_declared_english() -> None:
    card = '<div class="product"><a href="/products/anchor"><p>Door Anchor for Resistance Bands</p></a></div>'
    page = f"<main><h1>Home gym</h1><p>Text.</p>{card}</main>"
    english = f"<html lang='en-US'><head></head><body>{page}</body></html>"
    assert byline_authors(Selector(text=english), PAGE) == []
    # The same words on a Dutch page (or one that declares no language) are a byline.
    dutch = english.replace("en-US", "nl").replace("Door Anchor for Resistance Bands", "Door Anouk de Vries")
    assert [b.name for b in byline_authors(Selector(text=dutch), PAGE)] == ["Anouk de Vries"]
    assert [b.name for b in authors(page.replace("Anchor for Resistance Bands", "Anouk de Vries"))] == [
        "Anouk de Vries"
    ]


def test_a_translator_credited_in_german_is_not_an_author() -> None:
    body = ('<main><h1>Cranes</h1><div class="credit"><span>Geschrieben von</span> <a href="/author/jane-doe/">'
            'Jane Doe</a></div><div class="credit"><span>Übersetzt von</span> <a href="/author/max-roe/">Max Roe</a>'
            "</div><p>Text.</p></main>")
    assert [b.name for b in authors(body)] == ["Jane Doe"]


def test_an_author_label_in_a_sidebar_of_document_facts_names_the_author() -> None:
    facts = ('<aside class="sidebar"><div class="item"><h3>Published</h3><p>August 30, 2024</p></div>'
             '<div class="item"><h3>Topic</h3><p>Harbour Works</p></div>'
             '<div class="item"><h3>Author</h3><p>Lisa D. Ellis</p></div></div>')
    text = "".join(f"<p>Paragraph {i} on cranes, tides and the arithmetic of freight.</p>" for i in range(8))
    assert authors(f"<main><h1>Cranes</h1>{text}</main>{facts}") == [Byline("Lisa D. Ellis")]


def test_a_comment_in_the_markup_before_a_name_is_read_past() -> None:
    body = '<p class="byline"><!-- author -->By <a href="/author/jane-doe/">Jane Doe</a></p>'
    expected = [Byline("Jane Doe", f"{BASE}/author/jane-doe/")]
    assert authors(f"<main><h1>Cranes</h1>{body}<p>Text.</p></main>") == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<main><h1>Cranes</h1><p class='lead'>Text.</p></main>", False),
        ("<main><h1>Cranes</h1><div class='post-AuthorName'>x</div></main>", True),
        ("<main><h1>Cranes</h1><p id='zuozhe'>x</p></main>", True),
        ("<main><h1>Cranes</h1><a rel='author' href='/u/1'>x</a></main>", True),
        ("<main><h1>Cranes</h1><a class='c-username' href='/u/1'>x</a></main>", True),
        ("<main><h1>Cranes</h1><span data-component='meta-Byline'>x</span></main>", True),
        ("<main><h1>Cranes</h1><author>x</author></main>", True),
    ],
)
def test_trafilaturas_author_search_runs_only_where_it_has_markup_to_read(markup: str, expected: bool) -> None:
    root = Selector(text=f"<html><body>{markup}</body></html>").root
    assert (scan_page(root).author_markup or other_author_markup(root)) is expected


def test_trafilaturas_author_search_is_still_a_voice() -> None:
    # A class only trafilatura's search reads as an author's ("username").
    body = '<main><h1>Cranes</h1><div class="username">Ada Okafor</div><p>Text.</p></main>'
    assert [(b.name, b.source) for b in authors(body)] == [("Ada Okafor", "trafilatura")]


def test_a_byline_phrase_is_cut_before_what_it_runs_on_into() -> None:
    from crawler.discovery.rows import cut_byline_tail

    for text, name in (
        ("Jane Doe on May 3, 2024", "Jane Doe"),
        ("Jane Doe 5 min read", "Jane Doe"),
        ("Marianne1", "Marianne1"),
        ("\u53f2\u8482\u6587 \u767c\u8868\u5728 \u75de\u5ba2\u90a6 PIXNET", "\u53f2\u8482\u6587"),  # "posted in"
        ("\u5f20\u4e09\u53d1\u8868\u4e8e2020\u5e74", "\u5f20\u4e09"),
    ):
        assert cut_byline_tail(text) == name, text


def test_the_articles_byline_column_and_a_byline_in_capitals() -> None:
    # The Guardian: the byline in an <aside> of the headline's <article>, as its <address>.
    aside = ('<aside><address><a rel="author" href="/profile/julia-wong">Julia Wong</a> and '
             '<a rel="author" href="/profile/sam-levin">Sam Levin</a></address></aside>')
    text = "<p>" + "The ride-hailing company faced questions from regulators today. " * 10 + "</p>"
    page = f"<main><article><h1>Uber</h1>{aside}{text}</article></main>"
    assert [b.name for b in authors(page)] == ["Julia Wong", "Sam Levin"]
    # A sidebar <aside> of the page stays noise: its link is no vote beside the article's byline.
    sidebar = '<aside><address><a rel="author" href="/profile/ann-other">Ann Other</a></address></aside>'
    byline = '<p class="byline">By Jo Reed</p>'
    assert [b.name for b in authors(f"<main><article><h1>Uber</h1>{byline}{text}</article>{sidebar}</main>")] == [
        "Jo Reed"]
    # A byline set in capitals names each of its co-authors.
    row = '<div class="byline"><span>By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL</span></div>'
    assert [b.name for b in authors(f"<main><h1>Vote</h1>{row}{text}</main>")] == [
        "JOSH HASKELL", "DAVID CAPLAN", "PATRICK REEVELL"]


def test_the_articles_own_sidebar_column_holds_its_byline() -> None:
    # A column classed as a sidebar inside the <article> that holds the <h1>: the article's meta column.
    column = ('<div class="Tech-Sidebar col_1_4"><div class="sticky"><span class="Tech-Author">Por '
              '<a href="/author/avila/">Alberto Ávila</a></span></div></div>')
    text = "<p>" + "Muchas veces crees que el problema es del desarrollador. " * 10 + "</p>"
    page = f"<main><article><h1>Marcas</h1><div class='row'>{column}<div>{text}</div></div></article></main>"
    [byline] = authors(page)
    assert (byline.name, byline.url) == ("Alberto Ávila", f"{BASE}/author/avila/")
    assert "link" in byline.source.split("+")  # heard as the author page's link, not only by trafilatura's search
    # The page's own sidebar, beside the article, stays noise; so does a column that is also a related list.
    byline = '<p class="byline">By Jo Reed</p>'
    outside = f"<main><article><h1>Marcas</h1>{byline}{text}</article>{column}</main>"
    assert [b.name for b in authors(outside)] == ["Jo Reed"]
    related = column.replace("Tech-Sidebar", "Tech-Sidebar related-posts")
    assert [b.name for b in authors(f"<main><article><h1>Marcas</h1>{byline}{related}{text}</article></main>")] == [
        "Jo Reed"]


def test_a_persons_page_linked_from_a_sentence_of_the_story_is_a_mention() -> None:
    sentence = ("<p>Rising carbon dioxide makes ragweed produce more pollen, said "
                '<a href="/profile/lewis-ziska">Lewis Ziska</a>, a professor of environmental health sciences, who '
                "has studied plant responses to climate for decades and leads the school's work on allergies and "
                "on the nutritional quality of staple crops grown under future atmospheric conditions.</p>")
    assert authors(f"<main><h1>Pollen season</h1>{sentence}</main>") == []
    # The same link in a byline names the author.
    assert [b.name for b in authors(f'<main><h1>Pollen season</h1><p class="byline">By '
                                    f'<a href="/profile/lewis-ziska">Lewis Ziska</a></p>{sentence}</main>')] == [
        "Lewis Ziska"]


def test_a_byline_rows_names_not_the_section_before_them() -> None:
    row = '<div class="article__author">Politik \u00b7 Jochen Bittner, Tina Hildebrandt</div>'
    assert [b.name for b in authors(f"<main>{row}<h1>Sozialismus</h1><p>Text.</p></main>")] == [
        "Jochen Bittner", "Tina Hildebrandt"]
    # A name alone in a row still is the name, whatever follows it.
    row = '<div class="byline">Jane Doe | 5 min read</div>'
    assert [b.name for b in authors(f"<main><h1>Cranes</h1>{row}<p>Text.</p></main>")] == ["Jane Doe"]


def test_a_list_of_the_sites_writers_is_no_byline() -> None:
    staff = "".join(f'<li><a href="/authors/{n.lower().replace(" ", "-")}">{n}</a></li>'
                    for n in ("Kara Swisher", "Dan Frommer", "April Glaser", "Eric Johnson", "Kurt Wagner"))
    byline = '<span class="byline">By <a href="/authors/april-glaser">April Glaser</a></span>'
    page = f'<div class="menu"><ul>{staff}</ul></div><main><h1>Trump and tech</h1>{byline}<p>Text.</p></main>'
    assert [b.name for b in authors(page)] == ["April Glaser"]
    # Two co-authors in a list are a byline.
    pair = "".join(f'<li><a href="/authors/{n.lower().replace(" ", "-")}">{n}</a></li>' for n in ("Ada One", "Bo Two"))
    assert [b.name for b in authors(f"<main><h1>T</h1><ul class=authors>{pair}</ul><p>Text.</p></main>")] == [
        "Ada One", "Bo Two"]


def test_an_authors_label_glued_to_the_first_name() -> None:  # arXiv's abstract pages
    body = ('<h1>Merging</h1><div class="authors"><span class="descriptor">Authors:</span><a href="/s?q=Roy">'
            'Aniruddha Roy</a>, <a href="/s?q=Patel">Jyoti Patel</a></div>')
    assert [b.name for b in authors(body)] == ["Aniruddha Roy", "Jyoti Patel"]


def test_a_first_name_alone_is_completed_by_the_full_name_another_voice_gives() -> None:
    # The JSON-LD Person names the account ("Todd"); the byline under the label spells the person out.
    head = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Todd", "url": BASE}})
    body = ("<main><h1>Cranes</h1><div><div><p><strong>By</strong></p></div><div><p>Todd Bates</p></div></div>"
            "<p>Text.</p></main>")
    assert [b.name for b in authors(body, head)] == ["Todd Bates"]


def test_a_byline_classed_row_that_starts_with_a_credit_names_no_author_however_long() -> None:
    # A reviewer's card in byline markup: the credit first, then the reviewer's role and teaser.
    reviewer = ('<div class="BylineComponent_author"><div class="BylineComponent_author-text">Reviewed by '
                '<a href="/r/about-robert-tschudi/">Robert Tschudi</a></div><div class="BylineComponent_role">Expert '
                'Reviewer</div><div class="BylineComponent_teaser">Expert Home Building and Remodeling Contributor.'
                "</div></div>")
    assert authors(f"<main><h1>Cranes</h1>{reviewer}<p>Text.</p></main>") == []
    body = f'<main><h1>Cranes</h1><div class="byline">By Ada Okafor</div>{reviewer}<p>Text.</p></main>'
    assert [b.name for b in authors(body)] == ["Ada Okafor"]


def test_a_co_author_of_another_piece_in_a_teaser_is_not_this_ones() -> None:
    byline = '<p class="byline">By <a href="/author/lauren-dragan/">Lauren Dragan</a></p>'
    teaser = ('<div class="recirc"><div class="card"><h3><a href="/reviews/best-tv-headphones/">The Best Wireless TV '
              'Headphones</a></h3><p class="byline">by Lauren Dragan and Brent Butterworth</p></div></div>')
    body = f"<main><h1>The Best Wireless Earbuds</h1>{byline}<p>Text.</p>{teaser}</main>"
    assert [b.name for b in authors(body)] == ["Lauren Dragan"]
    # The same row under the page's own title (linked to itself, as older themes link it) is the page's byline.
    own = ('<div class="card"><h2><a href="/2024/05/harbour-cranes/">Harbour cranes</a></h2>'
           '<p class="byline">by Lauren Dragan and Brent Butterworth</p></div><p>Text.</p>')
    assert [b.name for b in authors(f"<main>{own}</main>")] == ["Lauren Dragan", "Brent Butterworth"]


def test_the_sites_banner_names_no_author() -> None:
    # A mega menu in the page's banner titles a brand group "By Ovolo Collective Hotels".
    banner = ('<header class="site-header"><ul><li><div class="sub-menu"><h4>By Ovolo Collective Hotels</h4>'
              '<p>A collection of boutique hotels.</p></div></li></ul></header>')
    page = f"<html><body>{banner}<main><h1>Travel hacks</h1><p>Text.</p></main></body></html>"
    assert byline_authors(Selector(text=page), PAGE) == []
    # A banner that holds the headline holds the page's byline too.
    hero = "<header><h1>Travel hacks</h1><p>By Julia Gralberg</p></header><main><p>Text.</p></main>"
    assert [b.name for b in authors(hero)] == ["Julia Gralberg"]


def test_a_rows_parts_set_apart_by_elements_alone() -> None:
    # No separator written between the date and the name: each has its own element.
    row = ('<div class="styles_dateAndAuthorContainer__x1"><span>Dec 17, 2025</span><span>Julian K. Arni</span></div>'
           "<h1>Attested builds</h1><p>Text.</p>")
    assert [b.name for b in authors(f"<main>{row}</main>")] == ["Julian K. Arni"]
    # A part not written as a name names nobody.
    other = '<div class="post-author"><span>Dec 17, 2025</span><span>Wellness</span></div><h1>Sleep</h1>'
    assert authors(f"<main>{other}</main>") == []


def test_a_co_author_in_a_listing_whose_linked_title_follows_the_credit_is_not_this_ones() -> None:
    own = '<div class="byline"><span>Dec 17, 2025</span><span>Julian Arni</span></div><h1>Attested builds</h1>'
    listing = ('<h2>Other posts</h2><div class="listing"><div class="byline"><span>Oct 30, 2025</span>'
               "<span>Alex David, Sönke Hahn, and Julian Arni</span></div>"
               '<div class="title"><a href="/blog/fix-your-fods/"><h2>Fix your FODs</h2></a></div></div>')
    assert [b.name for b in authors(f"<main>{own}<p>Text.</p>{listing}</main>")] == ["Julian Arni"]


def test_a_co_author_in_a_card_that_links_to_another_article_is_not_this_ones() -> None:
    own = '<h1>Brexit vote</h1><div class="metainfo"><span class="metainfo__author">Markus M. Haefliger</span></div>'
    card = ('<div class="teasers"><a href="/international/brexit-ld.1516206"><h3>Johnson loses</h3>'
            '<div class="metainfo"><span class="metainfo__author">Beat Bumbacher, Markus M. Haefliger, Johanna Wedl'
            "</span></div></a></div>")
    assert [b.name for b in authors(f"<main>{own}<p>Text.</p>{card}</main>")] == ["Markus M. Haefliger"]


def test_a_person_named_only_in_other_articles_teasers_is_not_the_author() -> None:
    head = '<meta property="og:site_name" content="Clemson News"><meta name="author" content="Clemson News">'
    teaser = ('<article class="cs-entry"><h3><a href="/funding-available/">Funding available</a></h3>'
              '<div class="cs-entry__post-meta"><div class="cs-meta-author"><span>by</span>'
              '<a class="url fn n" href="/author/srm4/">Scott Miller</a></div><div>December 17, 2025</div></div>'
              "</article>")
    body = f"<main><h1>Healthy smartphone habits</h1><p>Text.</p><section>{teaser}</section></main>"
    assert [b.name for b in authors(body, head)] == ["Clemson News"]


def test_a_name_just_before_a_link_to_the_author_page_its_address_spells() -> None:
    card = ('<div class="recipe-expert"><div class="recipe-expert-name">Iris Lange-Fricke</div>'
            '<a href="/experten/iris-lange-fricke" class="expert-link">zu allen Rezepten</a></div>')
    found = authors(f"<main><h1>Porridge</h1><p>Text.</p>{card}</main>")
    assert found == [Byline("Iris Lange-Fricke", f"{BASE}/experten/iris-lange-fricke", "link")]
    # A text the address does not spell is not taken for the name.
    other = card.replace("Iris Lange-Fricke</div>", "Unsere Expertin</div>")
    assert "Unsere Expertin" not in [b.name for b in authors(f"<main><h1>Porridge</h1><p>Text.</p>{other}</main>")]


def test_the_sites_menu_links_sections_not_people() -> None:
    menu = ('<ul class="menu level-2"><li><a href="/themen/people/erlebt">ERlebt</a></li>'
            '<li><a href="/themen/people/portraits">Portraits</a></li></ul>')
    row = ('<div class="liveArticleAuthorDateBlock"><span class="label">Datum:</span> 19.11.2021<br>'
           '<span class="label">Autor:</span> Fritz Imhof<br></div>')
    found = authors(f"<div class='region'>{menu}</div><main><h1>Sprachregeln</h1>{row}<p>Text.</p></main>")
    assert [b.name for b in found] == ["Fritz Imhof"]


def test_a_user_name_run_together_is_the_person_the_byline_spells() -> None:
    head = ld({"@type": "Article", "author": {"@type": "Person", "name": "arianschlichenmayer"}})
    byline = ('<div class="post-author"><span>von</span> <a href="/creator/arian-schlichenmayer/">Arian Schlichenmayer'
              "</a></div>")
    found = authors(f"<main><h1>Sportzentrum</h1>{byline}<p>Text.</p></main>", head)
    assert [b.name for b in found] == ["Arian Schlichenmayer"]


def test_a_news_agencys_byline_element() -> None:
    head = '<meta name="author" content="finanztreff.de">'
    body = ('<div class="article"><p>Quelle: dpa-AFX</p><byline>Von David Hutzler, dpa</byline>'
            "<abstract><p>Niedrige Zinsen ziehen junge Anleger an.</p></abstract></div>")
    assert [b.name for b in authors(f"<main><h1>Influencer</h1>{body}</main>", head)] == ["David Hutzler"]


def test_a_by_phrase_ends_with_its_line() -> None:
    byline = ('<p>Von <strong><a href="http://www.rolandbrockmann.de">Roland Brockmann</a></strong> und <strong>'
              '<a href="https://www.torial.com/sebastian.drescher">Sebastian Drescher</a></strong><br>'
              '<span id="more-788"></span><br> Kakuma /Kenia</p>')
    found = authors(f"<main><h1>Streit ums Feuerholz</h1>{byline}<p>Text.</p></main>")
    assert [b.name for b in found] == ["Roland Brockmann", "Sebastian Drescher"]


def test_a_label_with_its_name_after_line_breaks() -> None:
    info = '<p class="info"><b>Von:</b> <br> <br> Götz Warnke</p>'
    assert [b.name for b in authors(f"<main><h1>Windrebell</h1><p>Text.</p>{info}</main>")] == ["Götz Warnke"]
    # "von" alone, without its colon, is no label: a comment's "Kommentar <small>von</small> <cite>Alex</cite>".
    comment = "<li>Kommentar<small> von </small><cite>Alex Barritt</cite><br><p>Lecker!</p></li>"
    assert authors(f"<main><h1>Rinderleber</h1><p>Text.</p><ol>{comment}</ol></main>") == []


def test_a_separator_may_lead_a_by_phrase() -> None:
    row = ('<div class="news-single-timedata">05.02.2020 <span>-&nbsp;Redaktion: Eberhard Fuhr (Pressesprecher)'
           "</span></div>")
    assert [b.name for b in authors(f"<main><h1>Lieferketten</h1>{row}<p>Text.</p></main>")] == ["Eberhard Fuhr"]


def test_a_recipes_author() -> None:
    head = ld({"@context": "http://schema.org/", "@type": "Recipe", "name": "Zitronenkuchen vom Blech",
               "author": {"@type": "Person", "name": "Kathrin Runge"}})
    assert [b.name for b in authors("<main><h1>Zitronenkuchen</h1><p>Text.</p></main>", head)] == ["Kathrin Runge"]


def test_a_layout_wrapper_named_for_its_sidebar_is_no_sidebar() -> None:
    box = ('<div class="saboxplugin-wrap" itemprop="author" itemscope itemtype="http://schema.org/Person">'
           '<div class="saboxplugin-authorname"><a href="/author/admin/" class="vcard author" rel="author">'
           '<span class="fn" itemprop="name">Paddy Meyer</span></a></div></div>')
    page = (f'<div class="content_block right-sidebar row"><article><h1>Lightroom gel\u00f6st</h1><p>Text.</p>{box}'
            '</article></div><div class="sidebar"><a href="/author/jane-roe/">Jane Roe</a></div>'
            f"<div class='site-info'><p>{'Impressum und Datenschutz. ' * 40}</p></div>")  # most of the page's text
    assert [b.name for b in authors(page)] == ["Paddy Meyer"]


def test_a_numeric_date_and_time_may_lead_a_by_phrase() -> None:
    heading = ('<h2>Stars (1 / 1) <span style="font-size:12px">06.11.2023 13:30 von Olga Petrowa </span>'
               '<span style="float:right">Symbolbild</span></h2>')
    assert [b.name for b in authors(f"<main><h1>Ehezoff der Pochers</h1>{heading}<p>Text.</p></main>")] == [
        "Olga Petrowa"]
