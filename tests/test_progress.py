"""Progress lines on a terminal, silence on a pipe."""

from __future__ import annotations

import io

from crawler import progress
from crawler.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_line_rewritten_and_cleared(monkeypatch) -> None:
    monkeypatch.setattr(progress, "UPDATE_EVERY", 0.0)
    out = Terminal()
    counter = Progress("Re-extracting", 4, out)
    for _ in range(2):
        counter.advance()
    counter.close()
    text = out.getvalue()
    assert text.startswith("\rRe-extracting: 1 of 4 (") and "\rRe-extracting: 2 of 4 (" in text and "s left)" in text
    assert text.endswith("\r\x1b[K") and "\n" not in text
    assert counter.line().startswith("Re-extracting: 2 of 4")


def test_a_pipe_gets_nothing() -> None:
    out = io.StringIO()
    counter = Progress("Dumping", stream=out)
    for _ in range(1000):
        counter.advance()
    counter.close()
    assert out.getvalue() == "" and counter.count == 1000
