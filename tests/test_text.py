"""Text repairs."""

from crawler.text import drop_invisible, repair_mojibake, strip_line_ends


def test_mojibake_is_read_again() -> None:
    # UTF-8 read as Latin-1 (C1 controls left behind) and as Windows-1252 ("â€™", "Ã©").
    assert repair_mojibake("A DIY Investor\u00e2\x80\x99s Guide") == "A DIY Investor\u2019s Guide"
    assert repair_mojibake("Dariusz Jaro\u00c5\x84") == "Dariusz Jaro\u0144"
    assert repair_mojibake("Investor\u00e2\u20ac\u2122s \u00c3\u00a9t\u00c3\u00a9") == "Investor\u2019s \u00e9t\u00e9"
    # Right text stays as it is, and so does text that does not read back whole.
    for text in ("Café naïve \u2013 ok", "Ã alone", "Jaro\u0144 and Jaro\u00c5\x84"):
        assert repair_mojibake(text) == text


def test_invisible_characters_are_dropped_but_not_those_that_set_words_apart_or_spell_them() -> None:
    assert drop_invisible("Deutsch\u00adland\u2060 \ufeffheute") == "Deutschland heute"
    # A zero-width space sets Thai words apart; a zero-width non-joiner spells Persian ones.
    thai = "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    for text in (thai, persian):
        assert drop_invisible(text) == text


def test_line_ends_lose_their_spaces_but_lines_keep_their_indent() -> None:
    text = "First line.  \n- item\t\n\u00a0\n    indented code()   \nLast."
    assert strip_line_ends(text) == "First line.\n- item\n\n    indented code()\nLast."
