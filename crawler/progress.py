"""Progress of a long command (``dump``, ``extract -``, ``reextract``) on stderr, when stderr is a terminal.

A terminal gets one line rewritten in place, at most a few times a second: the count, the rate and,
when the total is known, the time left. A file or a pipe gets nothing until the command's own final
line, so logs and scripts stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds between two updates of the line.
UPDATE_EVERY = 0.25


class Progress:
    """Count done items and show the count on a terminal: ``Re-extracting: 1,204 of 5,000 (310/s, 12 s left)``."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.count = 0
        self.started = self._shown = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if self.live and now - self._shown >= UPDATE_EVERY:
            self._shown = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """The progress line: count, rate, and the time left when the total is known."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.count / elapsed
        text = f"{self.label}: {self.count:,}" + (f" of {self.total:,}" if self.total else "") + f" ({rate:,.0f}/s"
        if self.total and rate > 0:
            text += f", {max(0.0, (self.total - self.count) / rate):,.0f} s left"
        return text + ")"

    def close(self) -> None:
        """Clear the line, so that the command's own final line stands alone."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
