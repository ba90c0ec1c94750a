"""The site's owner as the author of a personal site's post that names nobody (crawler.discovery.owner)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.discovery.givennames import starts_with_given_name
from crawler.discovery.identity import byline_authors
from crawler.discovery.owner import owner_votes

POST = "<h1>Notes on self-hosting Postgres</h1><p>I moved my side projects off a managed database last year.</p>"

FEED = '<link rel="alternate" type="application/rss+xml" title="Cassidy Williams">'


def page(head: str = "", body: str = POST) -> Selector:
    return Selector(text=f"<html><head>{head}</head><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("url", "head", "body"),
    [
        # The title's last part, the whole name spelled by the host.
        ("https://pollybarks.com/blog/zero-waste", "<title>Zero waste living \u2014 Polly Barks</title>", POST),
        # og:site_name, the given name alone as the host.
        ("https://pierce.dev/notes/postgres", '<meta property="og:site_name" content="Pierce Freeman">', POST),
        # The logo: a link to the home page; the surname as the host.
        ("https://www.artmann.co/articles/br-tags", "", f'<a href="/">Christoffer Artmann</a>{POST}'),
        # The copyright line of the footer; the host a blog platform's subdomain.
        ("https://owenharte.bearblog.dev/post", "", f"{POST}<footer>\u00a9 2025 Owen Harte.</footer>"),
        # The feed's title.
        ("https://cassidywilliams.co/post/x", FEED, POST),
        # A site named in the possessive: its owner.
        ("https://gregoryszorc.com/blog/x", "<title>Python 3 | Gregory Szorc\u2019s Digital Home</title>", POST),
        # The menu's link to the about page, the site named after a brand of hers.
        ("https://melissaneill.com/10-best", "<title>Home gym | Body by Bikini</title>",
         f'<nav><a href="/about/">About Melissa Neill</a></nav>{POST}'),
        # The tagline under a site named after its topic: the name alone.
        ("https://alexanderlasch.wordpress.com/2019/11/14/x", "<title>Sprachpunkt</title>",
         f'<span class="site-title">Sprachpunkt</span><span class="site-description">Alexander Lasch</span>{POST}'),
    ],
)
def test_a_personal_site_named_after_its_owner(url: str, head: str, body: str) -> None:
    votes = owner_votes(page(head, body), url)
    assert [vote.source for vote in votes] == ["owner"]
    assert byline_authors(page(head, body), url)[0].name == votes[0].name


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://www.synergycustomfitness.com/blog/home-gym", "Home gym ideas | Synergy Fitness"),  # no given name
        ("https://www.arlafoodsingredients.com/nutrition/", "Nutrition | Arla Foods Ingredients"),  # three words
        ("https://www.park.edu/blog/ai/", "AI in education | Park University"),  # an institution's host
        ("https://www.eluniversal.com/internacional/1/", "Senador | El Universal"),  # an article, not a name
        ("https://www.example.com/post/", "Notes on Postgres | Polly Barks"),  # the host spells someone else
        ("https://pollybarks.com/blog/x", "Notes | POLLY BARKS"),  # capitals: a logo's lettering, not a name's
    ],
)
def test_a_site_name_that_is_no_owner(url: str, title: str) -> None:
    assert owner_votes(page(f"<title>{title}</title>"), url) == []


def test_a_named_author_is_kept_on_a_personal_site() -> None:
    body = f'<h1>Notes</h1><p class="byline">By <a href="/author/jane-roe/">Jane Roe</a></p>{POST}'
    bylines = byline_authors(page("<title>Notes | Polly Barks</title>", body), "https://pollybarks.com/blog/x")
    assert [b.name for b in bylines] == ["Jane Roe"]


def test_given_names_of_many_languages() -> None:
    assert all(starts_with_given_name(name) for name in ("Polly Barks", "Christoffer Artmann", "Krystyna Nowak"))
    assert not any(starts_with_given_name(name) for name in ("Aidoc Staff", "Synergy Custom Fitness", ""))


def test_the_owner_named_beside_the_sites_brand_is_the_author() -> None:
    # Both names are the site's (the newsletter's brand, the address's person): the person is the author.
    head = '<meta property="og:site_name" content="Transfer Orbit"><meta name="author" content="Andrew Liptak">'
    body = f'<h1>Notes</h1><p class="byline">By Transfer Orbit</p>{POST}'
    bylines = byline_authors(page(head, body), "https://www.andrewliptak.com/books-may-2025")
    assert [b.name for b in bylines] == ["Andrew Liptak"]


def test_an_academic_title_before_the_owners_name() -> None:
    votes = owner_votes(page('<meta property="og:site_name" content="Dr. Alexander Klier">'),
                        "https://www.alexander-klier.net/zeit/")
    assert [v.name for v in votes] == ["Alexander Klier"]


def test_a_first_name_byline_on_a_personal_site_is_its_owners_full_name() -> None:
    # The theme shows the account's display name; the site is named after the person (and its address spells it).
    head = '<meta property="og:site_name" content="Dr. Alexander Klier">'
    byline = '<p class="byline">By <span class="author">Alexander</span></p>'
    found = byline_authors(page(head, f"<h1>Zeitphilosophie</h1>{byline}<p>Text.</p>"),
                           "https://www.alexander-klier.net/zeit/")
    assert [b.name for b in found] == ["Alexander Klier"]
    brand = byline_authors(page('<meta property="og:site_name" content="Alexander Technique">',
                                f"<h1>Zeitphilosophie</h1>{byline}<p>Text.</p>"), "https://www.alexander-klier.net/z/")
    assert [b.name for b in brand] == ["Alexander"]  # a site name the address does not spell completes nothing


@pytest.mark.parametrize(
    ("header", "name"),
    [
        # Blogger's header: the blog's description says who writes it.
        ("<div class='descriptionwrapper'><p class='description'><span>by Eric Ries</span></p></div>", "Eric Ries"),
        ("<div class='descriptionwrapper'><p class='description'><span>Mike Woodward's thoughts on AI, data, and "
         "analytics. I cover AI, ML, management, and the odd thing I find along the way, every few weeks or so, "
         "for anyone who works with data for a living.</span></p></div>", "Mike Woodward"),
        # WordPress's tagline.
        ('<p class="site-description">A blog by Jane Doe</p>', "Jane Doe"),
        # Taglines that name no one: a motto, a topic's possessive, a long "by" sentence.
        ('<p class="site-description">by designers, for designers</p>', None),
        ('<p class="site-description">The World\'s best recipes</p>', None),
        # Classes that only hold the words: another element's, not the tagline.
        ('<p class="site-description-toggle">by Jane Doe</p>', None),
        ("<div class='descriptionwrapper-x'><p class='description'>by Eric Ries</p></div>", None),
        ("<div class='header descriptionwrapper'><p class='post description'>by Eric Ries</p></div>", "Eric Ries"),
    ],
)
def test_a_blogs_tagline_names_its_owner(header: str, name: str | None) -> None:
    # Blogger's header section, which is no part of the post.
    head = f"<div class='header section' id='header'><div class='widget Header' id='Header1'>{header}</div></div>"
    found = byline_authors(page(body=f"{head}{POST}"), "https://www.lessonslearned.example/2008/09/x")
    assert [b.name for b in found] == ([name] if name else [])


def test_a_site_named_after_its_owner_and_a_topic_completes_a_first_name() -> None:
    head = '<meta property="og:site_name" content="Brett Larkin Yoga">'
    byline = '<p class="byline">By <span class="author">Brett</span></p>'
    found = byline_authors(page(head, f"<h1>Yoga mats</h1>{byline}<p>Text.</p>"), "https://www.brettlarkin.com/mats/")
    assert [b.name for b in found] == ["Brett Larkin"]
    # As the owner's own voice such a name is a brand's as often: the post that names nobody stays unsigned.
    assert owner_votes(page('<meta property="og:site_name" content="Austin Hardware Supply">'),
                       "https://www.austinhardware.com/catalog/") == []
