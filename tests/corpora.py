"""Corpus records and damaged corpus files, for the tests and the fault benchmark."""

from __future__ import annotations

from pathlib import Path


def record(n: int, **overrides) -> dict:
    """The record of article ``n`` of example.com (odd ones co-authored), ``overrides`` over it."""
    base = {
        "url": f"https://example.com/{n}?utm_source=x",
        "canonical_url": f"https://example.com/{n}",
        "title": f"Title {n}",
        "authors": ["Jane Doe", "John Roe"] if n % 2 else ["Jane Doe"],
        "author_url": "https://example.com/author/jane/",
        "site": "example.com",
        "published": "2024-01-01T00:00:00+00:00",
        "language": "en",
        "text": f"Body {n} " * 60,
        "word_count": 120,
        "content_hash": f"hash{n}",
        "discovered_via": "seed",
        "crawled_at": "2026-01-01T00:00:00+00:00",
        "version": 1,
        "updated": None,
    }
    return base | overrides


def damage_pages(path: Path) -> None:
    """Overwrite parts of an SQLite file's pages after the first two: the header stays whole."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        for offset in range(4096 * 2, size - 4096, 4096 * 3):
            fh.seek(offset + 64)
            fh.write(bytes(range(256)) * 8)
