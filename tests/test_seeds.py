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
        ({"urls_file": "/dev/zero"}, "is over 16 MB: not a list of URLs"),
        ({"url": "http://[::1"}, "-a url: not a valid URL"),
        ({"url": "http://a.example:port/"}, "-a url: not a valid URL"),
        ({"url": "https://exa mple.com/"}, "-a url: not a valid host name: 'exa mple.com'"),
        ({"url": "http://user:hunter2@a.example/"}, "cannot carry a user name or password: 'http://user:***@a.example/'"),
        ({"url": "https://a.example/" + "x" * 3000}, "is over the limit of 2083"),
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


def test_seeds_are_taken_as_the_crawl_requests_them() -> None:
    # A default port and an IDN host: the seed's site must be the site of the requests made for it.
    assert parse_seeds("http://127.0.0.1:80/a/1", "HTTPS://Bücher.example:443/b?utm_source=x") == [
        "http://127.0.0.1/a/1", "https://xn--bcher-kva.example/b"]


def test_no_password_reaches_the_message() -> None:
    with pytest.raises(SeedError) as caught:
        parse_seeds(url="http://user:hunter2@a.example/")
    assert "hunter2" not in str(caught.value)
