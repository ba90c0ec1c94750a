"""Seed arguments: url, urls, urls_file."""

import re

import pytest

from crawler.seeds import SeedError, parse_seeds


def test_all_three_sources_in_order_without_repeats(tmp_path) -> None:
    path = tmp_path / "seeds.txt"
    path.write_text("# comment\nhttps://c.example/3\n\nhttps://a.example/1\n", encoding="utf-8")
    seeds = parse_seeds("https://a.example/1", "https://b.example/2, https://a.example/1", str(path))
    assert seeds == ["https://a.example/1", "https://b.example/2", "https://c.example/3"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "no seed URL"),
        ({"url": "example.com/post"}, "not an http(s) URL"),
        ({"urls": "https://ok.example/,javascript:alert(1)"}, "-a urls: not an http(s) URL"),
        ({"urls_file": "/nonexistent/seeds.txt"}, "cannot read urls_file"),
    ],
)
def test_bad_seeds_are_reported(kwargs: dict, message: str) -> None:
    with pytest.raises(SeedError, match=re.escape(message)):
        parse_seeds(**kwargs)


def test_bad_line_in_file_names_the_line(tmp_path) -> None:
    path = tmp_path / "seeds.txt"
    path.write_text("https://ok.example/\nnot a url\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"seeds.txt:2: not an http\(s\) URL"):
        parse_seeds(urls_file=str(path))
