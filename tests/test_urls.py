"""URL canonicalisation and site keys."""

import pytest

from crawler.urls import is_http_url, normalize_url, same_domain, same_site, site_of


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("https://Example.com/a/?utm_source=x&utm_medium=y", "https://example.com/a/"),
        ("https://example.com/a/?b=2&fbclid=abc&a=1", "https://example.com/a/?a=1&b=2"),
        ("https://example.com/a/?gclid=1#comments", "https://example.com/a/"),
        ("https://example.com:443/a/", "https://example.com/a/"),
        ("http://example.com:80/a/", "http://example.com/a/"),
        ("http://example.com:8080/a/", "http://example.com:8080/a/"),
        ("https://example.com/2024/05/post/amp/", "https://example.com/2024/05/post/"),
        ("https://example.com/2024/05/post/?amp", "https://example.com/2024/05/post/"),
        ("https://example.com/?p=105", "https://example.com/?p=105"),
        ("https://example.com/caf%C3%A9/", "https://example.com/caf%C3%A9/"),
    ],
)
def test_normalize_url(raw: str, canonical: str) -> None:
    assert normalize_url(raw) == canonical


def test_normalize_url_is_idempotent() -> None:
    url = "https://example.com/x/amp/?utm_campaign=z&q=1#top"
    assert normalize_url(normalize_url(url)) == normalize_url(url)


def test_site_keys() -> None:
    assert site_of("https://www.Example.com/a") == "example.com"
    assert site_of("http://127.0.0.1:8741/x") == "127.0.0.1:8741"
    assert site_of("https://example.com:443/") == "example.com"
    assert same_site("https://www.example.com/a", "https://example.com/b")
    assert not same_site("http://127.0.0.1:1/", "http://127.0.0.1:2/")


def test_is_http_url() -> None:
    assert is_http_url("https://example.com/")
    assert not is_http_url("ftp://example.com/")
    assert not is_http_url("/relative/path")
    assert not is_http_url("https:///nohost")



def test_same_domain_reads_the_public_suffix_list() -> None:
    assert same_domain("https://blog.example.co.uk/a", "https://www.example.co.uk/")
    assert not same_domain("https://example.co.uk/", "https://other.co.uk/")
    # A private suffix's users are different sites.
    assert not same_domain("https://alice.github.io/", "https://bob.github.io/")
    # A malformed address is no domain's, and raises nothing.
    assert not same_domain("https://[ccpa-preferences]/", "https://example.org/")
    assert same_domain("http://127.0.0.1:8080/a", "http://127.0.0.1:9090/")
