"""Seed URLs from spider arguments: ``url``, ``urls`` (comma-separated) and ``urls_file``."""

from __future__ import annotations

from pathlib import Path

from crawler.urls import is_http_url


class SeedError(ValueError):
    """The seed arguments are missing or malformed; the message is fit for the user."""


def parse_seeds(url: str | None = None, urls: str | None = None, urls_file: str | None = None) -> list[str]:
    """Return the seed URLs in the order given, without repeats; raise ``SeedError`` on bad input."""
    candidates: list[tuple[str, str]] = []
    if url:
        candidates.append(("-a url", url))
    if urls:
        candidates.extend(("-a urls", part) for part in urls.split(","))
    if urls_file:
        path = Path(urls_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SeedError(f"cannot read urls_file {urls_file!r}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise SeedError(f"urls_file {urls_file!r} is not UTF-8 text") from None
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                candidates.append((f"{urls_file}:{number}", line))
    seeds: list[str] = []
    for where, candidate in candidates:
        candidate = candidate.strip()
        if not candidate:
            continue
        if not is_http_url(candidate):
            raise SeedError(f"{where}: not an http(s) URL: {candidate!r}")
        if candidate not in seeds:
            seeds.append(candidate)
    if not seeds:
        raise SeedError("no seed URL: pass -a url=URL, -a urls=URL1,URL2 or -a urls_file=PATH")
    return seeds
