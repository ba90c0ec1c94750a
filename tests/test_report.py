"""`scrapy report`: the HTML page, checked as a person would see it, in headless Chromium."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from datetime import date, timedelta

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest

from crawler.monitor.report import chart_figure
from pipelines.corpus.database import Corpus
from tests.conftest import record, scrapy_on

BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")


def screenshot(html_path, png_path, width: int = 1300, height: int = 1800) -> None:
    browser = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if browser is None:
        pytest.fail("headless Chromium is missing: `make test` installs Debian's chromium-headless-shell")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--window-size={width},{height}", f"--screenshot={png_path}", f"file://{html_path}"],
        capture_output=True, timeout=120, check=True,
    )


def test_report_renders_chart_and_escaped_table(two_runs, tmp_path) -> None:
    wp, _, db = two_runs
    corpus = Corpus(db)  # a byline that carries markup must stay text
    corpus.add(record(7, site=wp.base_url.removeprefix("http://"), authors=["<img src=x onerror=alert(1)>"],
                      published="2024-05-20T00:00:00+00:00"))
    corpus.close()
    out = tmp_path / "report.html"
    result = scrapy_on(db, "report", "-o", str(out), "--as-of", "2024-06-10", "--weeks", "40")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<tr>") == 1 + 5  # header, and Jane, John, Bob, Carla and the odd byline
    assert re.search(r"<td>Jane Doe</td>.*?<td class=\"active\">active</td>", html)
    # The chart is a real PNG with a panel per author: decode it and find the bars' colour.
    chart = mpimg.imread(io.BytesIO(base64.b64decode(re.search(r"base64,([^\"]+)\"", html).group(1))), format="png")
    bars = np.all(np.abs(chart[..., :3] - np.array([0x3B, 0x6E, 0xA5]) / 255) < 0.02, axis=-1)
    assert bars.sum() > 500

    shot = tmp_path / "report.png"
    screenshot(out, shot)
    page = mpimg.imread(shot)
    assert page.shape[:2] == (1800, 1300)
    ink = np.mean(page[..., :3] < 0.5)  # dark pixels: text and axes
    blue = np.all(np.abs(page[..., :3] - np.array([0x3B, 0x6E, 0xA5]) / 255) < 0.03, axis=-1).sum()
    assert ink > 0.005 and blue > 300  # the page shows text, and the chart's bars made it to the screen


def test_report_refuses_bad_options(two_runs, tmp_path) -> None:
    *_, db = two_runs
    for args, message in ((["report"], "-o FILE is required"), (["report", "-o", "x.html", "--weeks", "0"], "--weeks"),
                          (["report", "-o", str(tmp_path / "no" / "r.html")], "cannot write")):
        result = scrapy_on(db, *args)
        assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr
    # "-" is stdout, as for `dump` and `feed`: no file named "-".
    result = scrapy_on(db, "report", "-o", "-")
    assert result.returncode == 0 and result.stdout.startswith("<!doctype html>") and "to stdout" in result.stderr


def test_every_chart_panel_has_dates_and_whole_number_counts() -> None:
    starts = [date(2024, 1, 1) + timedelta(weeks=i) for i in range(12)]
    series = {"a": [0, 1] * 6, "b": [1] * 12, "c": [0] * 11 + [1]}  # three panels: the right column's last is empty
    fig = chart_figure(starts, series, {})
    fig.canvas.draw()
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 3
    for ax in panels:
        assert any(label.get_visible() and label.get_text() for label in ax.get_xticklabels())
        assert all(float(tick).is_integer() for tick in ax.get_yticks())
    plt.close(fig)
