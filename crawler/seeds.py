"""Seed URLs from spider arguments: ``url``, ``urls`` (comma-separated) and ``urls_file``."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from crawler.urls import normalize_url

#: Scrapy's URLLENGTH_LIMIT default: a longer seed would be dropped without a word.
MAX_SEED_LENGTH = 2083
#: A urls_file larger than this is not a list of seeds (``/dev/zero``, a disk image).
MAX_SEEDS_FILE_BYTES = 16 * 1024 * 1024
# A host name of letters (any script), digits, dots and hyphens, or an IPv6 literal.
_HOST = re.compile(r"^(?:[0-9a-f]*:[0-9a-f:.]*|[^\s/\\@:?#\[\]<>\"'`{}|^%]+)$", re.IGNORECASE)


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
        for number, line in enumerate(_read_seeds_file(urls_file), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                candidates.append((f"{urls_file}:{number}", line))
    seeds: list[str] = []
    for where, candidate in candidates:
        candidate = candidate.strip()
        if not candidate:
            continue
        seed = check_seed(where, candidate)
        if seed not in seeds:
            seeds.append(seed)
    if not seeds:
        raise SeedError("no seed URL: pass -a url=URL, -a urls=URL1,URL2 or -a urls_file=PATH")
    return seeds


def _read_seeds_file(urls_file: str) -> list[str]:
    """The lines of ``urls_file``, read with a bound on its size."""
    try:
        with Path(urls_file).open("rb") as fh:
            raw = fh.read(MAX_SEEDS_FILE_BYTES + 1)
    except OSError as exc:
        raise SeedError(f"cannot read urls_file {urls_file!r}: {exc.strerror or exc}") from None
    if len(raw) > MAX_SEEDS_FILE_BYTES:
        raise SeedError(f"urls_file {urls_file!r} is over {MAX_SEEDS_FILE_BYTES // 2**20} MB: not a list of URLs")
    try:
        return raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise SeedError(f"urls_file {urls_file!r} is not UTF-8 text") from None


def _shown(candidate: str) -> str:
    """The candidate as an error message may print it: shortened, any password masked."""
    shown = re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", candidate)
    return repr(shown if len(shown) <= 100 else shown[:97] + "...")


def check_seed(where: str, candidate: str) -> str:
    """Return ``candidate`` as the crawl will request it (normalised); raise ``SeedError`` when it cannot be a seed."""
    try:
        parts = urlsplit(candidate)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise SeedError(f"{where}: not a valid URL: {_shown(candidate)}") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise SeedError(f"{where}: not an http(s) URL: {_shown(candidate)}")
    if parts.username is not None or parts.password is not None:
        raise SeedError(f"{where}: a seed URL cannot carry a user name or password: {_shown(candidate)}")
    if not _HOST.match(parts.hostname) or ".." in parts.hostname:
        raise SeedError(f"{where}: not a valid host name: {_shown(parts.hostname)}")
    if any(ch.isspace() for ch in candidate):
        raise SeedError(f"{where}: a URL cannot contain spaces: {_shown(candidate)}")
    try:
        seed = normalize_url(candidate)
    except (ValueError, UnicodeError):  # e.g. a host name IDNA cannot encode
        raise SeedError(f"{where}: not a valid URL: {_shown(candidate)}") from None
    if len(seed) > MAX_SEED_LENGTH:
        raise SeedError(f"{where}: a URL of {len(seed)} characters is over the limit of {MAX_SEED_LENGTH}")
    return seed
