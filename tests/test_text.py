"""Text repairs."""

from crawler.text import repair_mojibake


def test_mojibake_is_read_again() -> None:
    # UTF-8 read as Latin-1 (C1 controls left behind) and as Windows-1252 ("â€™", "Ã©").
    assert repair_mojibake("A DIY Investor\u00e2\x80\x99s Guide") == "A DIY Investor\u2019s Guide"
    assert repair_mojibake("Dariusz Jaro\u00c5\x84") == "Dariusz Jaro\u0144"
    assert repair_mojibake("Investor\u00e2\u20ac\u2122s \u00c3\u00a9t\u00c3\u00a9") == "Investor\u2019s \u00e9t\u00e9"
    # Right text stays as it is, and so does text that does not read back whole.
    for text in ("Café naïve \u2013 ok", "Ã alone", "Jaro\u0144 and Jaro\u00c5\x84"):
        assert repair_mojibake(text) == text
