"""A byline's first name completed to the full name the page spells where it describes its author."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from crawler.discovery.fullnames import completes, full_name
from crawler.discovery.identity import byline_authors

PAGE = "https://blog.example.org/2024/05/harbour-cranes/"


def names(body: str, head: str = "") -> list[str]:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return [byline.name for byline in byline_authors(Selector(text=page), PAGE)]


@pytest.mark.parametrize(
    ("first", "texts", "expected"),
    [
        ("Nils", ["Nils Pickert ist freier Autor und Journalist."], "Nils Pickert"),
        ("Stefanus", ["Stefanus Stahl - Maschinenbauer, Abenteurer"], "Stefanus Stahl"),
        # A heading set in capitals: the name in its usual case.
        ("Henry", ["MEHR VON HENRY STEINHAU"], "Henry Steinhau"),
        # The spelling met most often wins.
        ("Ada", ["Ada Okafor writes", "Ada Lovelace said", "Ada Okafor, editor"], "Ada Okafor"),
        # An acronym after the name is the site's initials, not a surname.
        ("Laura", ["Laura HPH"], None),
        # A word in lower case ends the name: "Nils ist" is no name.
        ("Nils", ["Nils ist freier Autor"], None),
        ("Nils", ["Nils"], None),
        # Another person's name that only holds the first name as a word of its own.
        ("Ada", ["Adam Smith"], None),
        # A job title is not a surname.
        ("Ada", ["Ada Senior Editor"], None),
    ],
)
def test_full_name(first: str, texts: list[str], expected: str | None) -> None:
    assert full_name(first, texts) == expected


@pytest.mark.parametrize(("name", "expected"), [("Nils", True), ("Nils Pickert", False), ("DT", False),
                                                ("nils", False), ("Redaktion", False), ("NILS", False)])
def test_completes_first_names_only(name: str, expected: bool) -> None:
    assert completes(name) is expected


AUTHOR_BOX = ('<div class="author-box"><h4 class="author-box-title">About <span>{shown}</span></h4>'
              '<div class="author-box-content"><p>{bio}</p></div></div>')
BYLINE = '<main><h1>Harbour cranes at night</h1><p class="byline">By <span class="author">{shown}</span></p>' \
         "<p>The cranes work all night long, lit from below.</p>{box}</main>"


def test_first_name_byline_completed_from_the_author_box() -> None:
    box = AUTHOR_BOX.format(shown="Alexa", bio="Alexa Amador is a writer and graphic designer.")
    assert names(BYLINE.format(shown="Alexa", box=box)) == ["Alexa Amador"]


def test_first_name_byline_completed_from_the_jsonld_person() -> None:
    person = {"@context": "https://schema.org", "@type": "Person", "name": "Nils",
              "description": "Nils Pickert ist freier Autor und Journalist."}
    head = f'<script type="application/ld+json">{json.dumps(person)}</script>'
    assert names(BYLINE.format(shown="Nils", box=""), head) == ["Nils Pickert"]


def test_first_name_kept_where_the_page_spells_no_surname() -> None:
    box = AUTHOR_BOX.format(shown="Alexa", bio="Hallo! I write about tiny houses.")
    assert names(BYLINE.format(shown="Alexa", box=box)) == ["Alexa"]


def test_article_prose_is_not_read_for_a_surname() -> None:
    body = BYLINE.format(shown="Alexa", box="<p>Alexa Johnson, the mayor, opened the harbour.</p>")
    assert names(body) == ["Alexa"]
