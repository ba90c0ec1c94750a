"""``watch.toml``: what to follow, how often, and where to send alerts. Parsing and checking only."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings

from crawler.monitor.cadence import parse_duration
from crawler.preflight import PreflightError, check_settings
from crawler.seeds import SeedError, check_seed
from crawler.urls import is_http_url

#: Scrapy settings a target may override: politeness, and how deep to page.
POLITENESS_SETTINGS = frozenset(
    {
        "DOWNLOAD_DELAY",
        "RANDOMIZE_DOWNLOAD_DELAY",
        "CONCURRENT_REQUESTS_PER_DOMAIN",
        "AUTOTHROTTLE_ENABLED",
        "AUTOTHROTTLE_START_DELAY",
        "AUTOTHROTTLE_MAX_DELAY",
        "AUTOTHROTTLE_TARGET_CONCURRENCY",
        "DOWNLOAD_TIMEOUT",
        "USER_AGENT",
        "AUTHOR_MAX_ARCHIVE_PAGES",
    }
)
_TOP_KEYS = {"interval", "min_interval", "max_interval", "webhooks", "target"}
_TARGET_KEYS = {"url", "label", "interval", "webhooks", "politeness"}


class WatchlistError(ValueError):
    """The watchlist cannot be used; the message names the file and line, fit for the user."""


@dataclass(frozen=True)
class Target:
    """One thing to follow: a seed article or author archive URL."""

    url: str
    label: str | None = None
    #: A fixed revisit interval; None means adaptive (from the author's posting rate).
    interval: timedelta | None = None
    webhooks: tuple[str, ...] = ()
    politeness: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Watchlist:
    targets: tuple[Target, ...]
    min_interval: timedelta
    max_interval: timedelta


def _where(path: Path, lines: list[str], target: int | None, key: str | None) -> str:
    """``path line N`` of ``key`` (in the ``target``-th ``[[target]]`` table when given)."""
    start = 0
    if target is not None:
        headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[\[\s*target\s*\]\]", line)]
        if target < len(headers):
            start = headers[target]
    end = len(lines)
    if target is not None:  # the target's table and its sub-tables ([target.politeness]), up to the next target
        later = [i for i, line in enumerate(lines) if i > start and re.match(r"\s*\[\[", line)]
        end = later[0] if later else len(lines)
    if key is not None:
        for i in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*[=.]", lines[i]):
                return f"{path} line {i + 1}"
    return f"{path} line {start + 1}"


def _duration(value: Any, fail: Any) -> timedelta:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise fail(str(exc)) from None


def _urls(value: Any, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(u, str) and is_http_url(u) for u in value):
        raise fail("webhooks must be a list of http(s) URLs")
    return tuple(value)


def parse_watchlist(text: str, path: Path, defaults: dict[str, str]) -> Watchlist:
    """Parse a watchlist; raise ``WatchlistError`` naming the line of the first problem."""
    lines = text.splitlines()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = f" line {match.group(1)}" if match else ""
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise WatchlistError(f"{path}{line}: not valid TOML: {reason}") from None

    def top_fail(key: str | None) -> Any:
        return lambda message: WatchlistError(f"{_where(path, lines, None, key)}: {key}: {message}")

    for key in data:
        if key not in _TOP_KEYS:
            known = ", ".join(sorted(_TOP_KEYS))
            raise WatchlistError(f"{_where(path, lines, None, key)}: unknown key {key!r} (known: {known})")
    minimum = _duration(data.get("min_interval", defaults["min_interval"]), top_fail("min_interval"))
    maximum = _duration(data.get("max_interval", defaults["max_interval"]), top_fail("max_interval"))
    if minimum > maximum:
        raise WatchlistError(f"{_where(path, lines, None, 'min_interval')}: min_interval is longer than max_interval")
    webhooks = _urls(data.get("webhooks", []), top_fail("webhooks"))
    raw_targets = data.get("target", [])
    if not isinstance(raw_targets, list) or not raw_targets:
        raise WatchlistError(f"{path}: no [[target]] tables: nothing to watch")
    targets: list[Target] = []
    for index, raw in enumerate(raw_targets):

        def fail(key: str | None, i: int = index, line_of: str | None = None) -> Any:
            where = _where(path, lines, i, line_of or key)
            return lambda message: WatchlistError(f"{where}: {key or 'target'}: {message}")

        target = _target(raw, fail, data.get("interval", "auto"), webhooks)
        if any(target.url == other.url for other in targets):
            raise fail("url")(f"{target.url} is listed twice")
        targets.append(target)
    return Watchlist(tuple(targets), minimum, maximum)


def _target(raw: dict[str, Any], fail: Any, default_interval: str, webhooks: tuple[str, ...]) -> Target:
    """One ``[[target]]`` table checked; ``fail(key)(message)`` makes the error that names its line."""
    for key in raw:
        if key not in _TARGET_KEYS:
            raise fail(key)(f"unknown key (known: {', '.join(sorted(_TARGET_KEYS))})")
    url = raw.get("url")
    if not isinstance(url, str) or not is_http_url(url.strip()):
        raise fail("url" if "url" in raw else None)("needs a url: an http(s) article or author archive URL")
    try:  # the checks a seed gets on the command line: a valid host, no password, not too long
        url = check_seed("url", url.strip())
    except SeedError as exc:
        raise fail("url")(str(exc).removeprefix("url: ")) from None
    label = raw.get("label")
    if label is not None and not isinstance(label, str):
        raise fail("label")("must be a string")
    interval_value = raw.get("interval", default_interval)
    interval = None if interval_value == "auto" else _duration(interval_value, fail("interval"))
    politeness = _politeness(raw.get("politeness", {}), fail)
    own_hooks = _urls(raw.get("webhooks", []), fail("webhooks"))
    return Target(url, label, interval, webhooks + own_hooks, politeness)


def _politeness(politeness: Any, fail: Any) -> dict[str, Any]:
    """A target's ``[target.politeness]`` settings, checked as the crawl would check them."""
    if not isinstance(politeness, dict):
        raise fail("politeness")("must be a table of Scrapy settings")
    unknown = sorted(set(politeness) - POLITENESS_SETTINGS)
    if unknown:
        allowed = ", ".join(sorted(POLITENESS_SETTINGS))
        raise fail("politeness")(f"{unknown[0]} cannot be set per target (allowed: {allowed})")
    try:  # "abc" for a delay is an error here, with the file and line, not a traceback in the crawl
        check_settings(BaseSettings(politeness))
    except PreflightError as exc:
        setting = next((name for name in politeness if f"setting {name}:" in str(exc)), None)
        raise fail("politeness", line_of=setting)(str(exc)) from None
    return dict(politeness)


def load_watchlist(path: str | Path, defaults: dict[str, str]) -> Watchlist:
    """Read and parse the watchlist file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WatchlistError(f"no watchlist at {path} (set WATCHLIST or create it; see the README)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchlistError(f"cannot read {path}: {exc}") from None
    return parse_watchlist(text, path, defaults)
