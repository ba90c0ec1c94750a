"""Byline names, author archive URLs and author keys."""

import pytest

from crawler.discovery.authorpages import archive_base, is_author_archive_url, same_archive
from crawler.discovery.names import (
    author_key,
    clean_author_name,
    name_key,
    reads_as_full_name,
    split_author_names,
)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("By Jane Doe | Staff", "Jane Doe"),
        ("  by   Jane   Doe ", "Jane Doe"),
        ("Written by Jane Doe", "Jane Doe"),
        ("Jane Doe - Reuters", "Jane Doe"),
        ("Jane Doe, Staff Writer", "Jane Doe"),
        ("Par Jeanne Dupont", "Jeanne Dupont"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        # The author's archive link in WordPress's other languages, its arrow, an avatar's alt text before the name.
        ("Zeige alle Beiträge von Creeny \u00bb", "Creeny"),
        ("View all posts by Jane Doe \u2192", "Jane Doe"),
        ("Tous les articles de Jeanne Dupont", "Jeanne Dupont"),
        ("Zum Profil von jesusfreak jesusfreak", "jesusfreak"),
        ("De Silva", "De Silva"),
        ("Jane Jane", "Jane"),
        ("Mat\u00adthi\u00adas Lauerer", "Matthias Lauerer"),  # soft hyphens
    ],
)
def test_clean_author_name(raw: str, name: str) -> None:
    assert clean_author_name(raw) == name


def test_split_author_names() -> None:
    assert split_author_names("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert split_author_names("Sarah E. Needleman") == ["Sarah E. Needleman"]
    assert split_author_names("Ana Lima e Bob Smith") == ["Ana Lima", "Bob Smith"]
    assert split_author_names("Carla Díaz y Juan Pérez") == ["Carla Díaz", "Juan Pérez"]
    assert split_author_names("JOHN E SMITH") == ["JOHN E SMITH"]
    # Credentials, roles and outlets after a comma are not people.
    assert split_author_names("Ilana Muhlstein, MS, RDN") == ["Ilana Muhlstein"]
    assert split_author_names("By TOM KRISHER, AP Auto Writer") == ["TOM KRISHER"]
    assert split_author_names("Jill Disis, CNN Business") == ["Jill Disis"]
    assert split_author_names("Troy L. Smith, Cleveland.com") == ["Troy L. Smith"]
    assert split_author_names("By MEG KINNARD and ERRIN HAINES, Associated Press") == ["MEG KINNARD", "ERRIN HAINES"]
    assert split_author_names("Analysis by Chris Cillizza, CNN Editor-at-large") == ["Chris Cillizza"]
    assert split_author_names("Jane Doe, John Roe & Ana Lima") == ["Jane Doe", "John Roe", "Ana Lima"]
    # The serial comma, and a middle initial's dot (a name's, not a credential's like "M.D.").
    assert split_author_names("Alex David, Sönke Hahn, and Julian K. Arni") == [
        "Alex David", "Sönke Hahn", "Julian K. Arni"]
    assert split_author_names("Jane Doe, J.R. Stone") == ["Jane Doe", "J.R. Stone"]
    assert split_author_names("Jane Doe, M.D., Ph.D.") == ["Jane Doe"]
    assert split_author_names("Bob Smith") == ["Bob Smith"]


@pytest.mark.parametrize(
    "text",
    ["Biography", "@saraheneedleman", "View all posts", "View author archive", "More articles from Jane Doe",
     "jane@example.com", "42", "", "Insights from", "Myhrvold...", "he specializes in research",
     "Web Commerce GmbH www.w-commerce.de"],
)
def test_link_labels_are_not_names(text: str) -> None:
    assert split_author_names(text) == []


def test_a_name_written_in_lower_case_is_still_a_name() -> None:
    assert split_author_names("kirstin boatto") == ["kirstin boatto"]


def test_name_key_ignores_case_accents_and_spacing() -> None:
    assert name_key("Carla Díaz") == name_key("carla  diaz") == name_key("By CARLA DIAZ")
    assert name_key("Jane Doe") != name_key("John Doe")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/author/jane-doe/",
        "https://example.com/author/jane-doe/page/3/",
        "https://example.com/authors/bob-smith",
        "https://example.com/writers/jane",
        "https://example.com/pt-br/author/ana/",
        "https://blogs.example.edu/scst/author/hgoetz/",
        "https://example.com/blog/author/sam-obrien/",
        "https://example.com/author/tobias-lindqvist.html",
        "https://example.com/@jane",
        "https://example.com/?author=2",
        "https://example.com/blog?author=5f2a9c",
        "https://www.engadget.com/about/editors/jon-fingas/",
        "https://example.com/reporters/ana-lima/",
        "https://eatsmarter.de/experten/iris-lange-fricke",
        "https://www.fool.com/author/2280/",
    ],
)
def test_author_archive_urls(url: str) -> None:
    assert is_author_archive_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/2024/05/authors-guild-news/",
        "https://example.com/author/",
        "https://example.com/tag/x/",
        "https://example.com/authors/page/2/",
        "https://example.com/a/b/c/d/author/jane/",
        "https://example.com/editors/picks/",
        "https://example.com/authors/2",
        # An article in a section named like a directory: its id, then its headline's words.
        "https://www.livenet.ch/magazin/people/395567-breeny_lee_ermutigt_zur_selbstannahme.html",
    ],
)
def test_not_author_archive_urls(url: str) -> None:
    assert not is_author_archive_url(url)


def test_archive_base_and_same_archive() -> None:
    assert archive_base("https://example.com/author/jane/page/4/") == "https://example.com/author/jane/"
    assert archive_base("https://example.com/authors/bob?page=2") == "https://example.com/authors/bob"
    assert same_archive("https://example.com/authors/bob?page=2", "https://example.com/authors/bob/")
    assert not same_archive("https://example.com/author/jane/", "https://example.com/")
    assert archive_base("https://example.com/?author=2&paged=3") == "https://example.com/?author=2"
    assert same_archive("https://example.com/author/jane.html", "https://example.com/author/jane2.html")
    assert same_archive("https://example.com/author/jane2.html", "https://example.com/author/jane3.html")
    assert not same_archive("https://example.com/author/jane.html", "https://example.com/author/bob2.html")


def test_author_key_prefers_the_archive_url() -> None:
    page = "https://www.example.com/2024/01/post/"
    by_url = author_key(page, "Jane Doe", "https://example.com/author/jane-doe/page/2/")
    assert by_url == "example.com/author/jane-doe"
    assert author_key(page, "By Jane Doe | Staff", None) == "example.com/~jane-doe"
    assert author_key("https://other.org/x", "Jane Doe", None) != author_key(page, "Jane Doe", None)


def test_an_avatars_initials_are_not_part_of_the_name() -> None:
    assert clean_author_name("CM Craig McCarthy") == "Craig McCarthy"
    assert clean_author_name("JD Smith") == "JD Smith"  # initials that are the name itself stay
    assert clean_author_name("Maria &amp; Katerina") == "Maria & Katerina"


@pytest.mark.parametrize(
    ("text", "full"),
    [("Jane Doe", True), ("Ludwig van Beethoven", True), ("Julian K. Arni", True), ("Rezept von", False),
     ("Wellness", False), ("editorial standards", False)],
)
def test_reads_as_full_name(text: str, full: bool) -> None:
    # A particle begins a surname and ends no name: "Rezept von" is German's "Recipe by".
    assert reads_as_full_name(text) is full


def test_a_hostile_slug_is_read_in_linear_time() -> None:
    # Forty words joined by underscores and a stray sign: a pattern that could split them every way would not end.
    assert is_author_archive_url("https://example.com/people/1234-" + "a_" * 40 + "!")
