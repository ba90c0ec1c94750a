"""Checks made before a crawl starts: numeric settings in range, feed files that can be written.

A bad value found here is one line naming the setting (or the file) and exit status 2; found inside
the crawl, it would be a traceback halfway through, with the corpus updated and no feed written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings


class PreflightError(ValueError):
    """A setting or an output that cannot work; the message is fit for the user."""


#: Whole-number settings and their least allowed value.
WHOLE = {
    "AUTHOR_MAX_ARCHIVE_PAGES": 0, "AUTHOR_MAX_LINKS_PER_PAGE": 0, "EXTRACTION_WORKERS": 0,
    "EXTRACTION_WORKER_MEMORY_MB": 0, "VALIDATE_MIN_WORDS": 0, "TEMPLATE_MIN_PAGES": 0, "TEMPLATE_MIN_WORDS": 1,
    "NEAR_DUP_BANDS": 1, "NEAR_DUP_ROWS": 1, "NEAR_DUP_SHINGLE": 1, "CONCURRENT_REQUESTS": 1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "CONCURRENT_ITEMS": 1, "RETRY_TIMES": 0, "REDIRECT_MAX_TIMES": 0,
    "DOWNLOAD_MAXSIZE": 0, "DOWNLOAD_WARNSIZE": 0, "LOOP_BLOCK_WARN_MS": 0,
}
#: Number settings (seconds, ratios) and their least allowed value.
NUMBER = {
    "EXTRACTION_TIME_LIMIT": 0.0, "DOWNLOAD_DELAY": 0.0, "DOWNLOAD_TIMEOUT": 0.001, "RETRY_AFTER_MAX": 0.0,
    "CRAWL_DELAY_MAX": 0.0, "AUTOTHROTTLE_TARGET_CONCURRENCY": 0.001, "AUTOTHROTTLE_START_DELAY": 0.0,
    "AUTOTHROTTLE_MAX_DELAY": 0.0, "NEAR_DUP_THRESHOLD": 0.0, "CORPUS_CHECK_SECONDS": 0.0,
}
#: Settings that are true or false.
SWITCHES = ("AUTOTHROTTLE_ENABLED", "ROBOTSTXT_OBEY", "NEAR_DUP_ENABLED", "SKIP_KNOWN_ARTICLES", "STORE_RAW_HTML",
            "ALLOW_PRIVATE_ADDRESSES", "GC_FREEZE", "SUMMARY_ENABLED")


def check_settings(settings: BaseSettings) -> None:
    """Raise ``PreflightError`` on the first setting that is not a value of its kind, or is out of range."""
    for name, least in WHOLE.items():
        _check(name, settings.get(name), least, settings.getint)
    for name, least in NUMBER.items():
        _check(name, settings.get(name), least, settings.getfloat)
    if settings.getfloat("NEAR_DUP_THRESHOLD") > 1.0:
        raise PreflightError(f"setting NEAR_DUP_THRESHOLD: {settings.get('NEAR_DUP_THRESHOLD')!r} is over 1")
    for name in SWITCHES:
        try:
            settings.getbool(name)
        except ValueError:
            raise PreflightError(f"setting {name}: {settings.get(name)!r} is not True or False") from None


def _check(name: str, raw: Any, least: float, read: Any) -> None:
    if raw is None:
        return
    kind = "a whole number" if isinstance(least, int) else "a number"
    try:
        value = read(name)
    except (TypeError, ValueError):
        raise PreflightError(f"setting {name}: {raw!r} is not {kind}") from None
    if value < least:
        raise PreflightError(f"setting {name}: {raw!r} is below its least value, {least}")


def check_feeds(feeds: dict[str, Any]) -> None:
    """Raise ``PreflightError`` when a local feed file (``-o``/``-O`` or ``FEEDS``) cannot be written."""
    for uri in feeds:
        if str(uri) in {"-", "stdout:"}:
            continue
        parts = urlsplit(str(uri))
        if parts.scheme not in {"", "file"} and len(parts.scheme) > 1:  # s3://, ftp:// ...: the storage's own job
            continue
        path = Path(parts.path if parts.scheme == "file" else str(uri))
        if "%(" in str(path):  # a template Scrapy fills in per batch or per spider
            path = path.parent
        _check_writable(path)


def _check_writable(path: Path) -> None:
    """Open the file for appending (which changes nothing), or make and remove a file where it would go.

    A real attempt rather than ``os.access``, which says yes to root even on a path it cannot write.
    """
    if path.is_dir():
        raise PreflightError(f"cannot write the feed {str(path)!r}: it is a directory")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # Scrapy makes the missing folders; the first one that exists must take them
    try:
        if path.exists():
            with path.open("ab"):
                pass
        else:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".feed-check-"):
                pass
    except OSError as exc:
        raise PreflightError(f"cannot write the feed {str(path)!r}: {exc.strerror or exc}") from None
