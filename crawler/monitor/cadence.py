"""Posting cadence of an author: intervals, active or quiet, and when to look again. Pure functions."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise

#: An author is quiet after this many usual intervals without a post.
QUIET_FACTOR = 3.0
#: How many of the latest posts set the usual interval (older habits matter less).
RECENT_POSTS = 10
#: The revisit interval is this share of the usual interval between posts.
REVISIT_SHARE = 0.5

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(text: str) -> timedelta:
    """Parse ``"90s"``, ``"30m"``, ``"6h"``, ``"2d"`` or ``"1w"``; raise ``ValueError`` otherwise."""
    match = _DURATION.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a duration (like 30m, 6h, 2d, 1w): {text!r}")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return timedelta(seconds=seconds)


def format_duration(delta: timedelta) -> str:
    """Render a duration the way ``parse_duration`` reads it, in its largest whole unit."""
    seconds = int(delta.total_seconds())
    for unit in ("w", "d", "h", "m"):
        if seconds and seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"


def parse_time(value: str | None) -> datetime | None:
    """Parse an ISO 8601 date or time (naive ones are UTC); None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def usual_interval(published: Iterable[datetime]) -> timedelta | None:
    """The median gap between the latest ``RECENT_POSTS`` posts; None with fewer than two dated posts."""
    dates = sorted(published)[-RECENT_POSTS:]
    gaps = [(b - a).total_seconds() for a, b in pairwise(dates)]
    if not gaps:
        return None
    return timedelta(seconds=statistics.median(gaps))


@dataclass(frozen=True)
class Cadence:
    """What the corpus says about one author's publishing."""

    articles: int
    first: datetime | None
    last: datetime | None
    mean_interval: timedelta | None
    usual_interval: timedelta | None

    def days_since_last(self, now: datetime) -> float | None:
        """Days from the last dated post to ``now`` (None with no dated post)."""
        return None if self.last is None else (now - self.last).total_seconds() / 86400

    def status(self, now: datetime) -> str:
        """``active``, ``quiet`` (no post for more than ``QUIET_FACTOR`` usual intervals) or ``unknown``."""
        if self.last is None or self.usual_interval is None:
            return "unknown"
        return "quiet" if now - self.last > QUIET_FACTOR * self.usual_interval else "active"


def cadence(published: Sequence[datetime | None]) -> Cadence:
    """Summarise an author's publication dates (undated posts count as articles only)."""
    dates = sorted(d for d in published if d is not None)
    mean = (dates[-1] - dates[0]) / (len(dates) - 1) if len(dates) > 1 else None
    return Cadence(len(published), dates[0] if dates else None, dates[-1] if dates else None, mean,
                   usual_interval(dates))


def revisit_interval(
    usual: timedelta | None, default: timedelta, minimum: timedelta, maximum: timedelta, quiet: bool = False
) -> timedelta:
    """When to look at an author again: half their usual gap between posts, within [minimum, maximum].

    With no usual gap yet (fewer than two dated posts), ``default``; an author gone quiet is
    checked at ``maximum``.
    """
    if quiet:
        return maximum
    wanted = default if usual is None else usual * REVISIT_SHARE
    return max(minimum, min(maximum, wanted))
