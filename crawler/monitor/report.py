"""The static HTML report: a weekly chart of each author's articles (matplotlib, embedded) and the authors table."""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: render to PNG bytes
import matplotlib.pyplot as plt  # after use(): the backend must be chosen first
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

#: Authors drawn in the chart (the most prolific in the window); the table lists everyone.
MAX_CHARTED = 12

_COLUMNS = (
    ("author", "Author"),
    ("site", "Site"),
    ("articles", "Articles"),
    ("first_published", "First published"),
    ("last_published", "Last published"),
    ("new_since_last_run", "New since last run"),
    ("mean_interval_days", "Mean interval (days)"),
    ("days_since_last_post", "Days since last post"),
    ("status", "Status"),
)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def weekly_counts(
    posts: Iterable[tuple[str, datetime]], end: date, weeks: int
) -> tuple[list[date], dict[str, list[int]]]:
    """Articles per week for each author key over the ``weeks`` weeks ending with ``end``'s week."""
    last = week_start(end)
    starts = [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    first = starts[0]
    counts: dict[str, Counter[date]] = {}
    for key, published in posts:
        week = week_start(published.date())
        if first <= week <= last:
            counts.setdefault(key, Counter())[week] += 1
    return starts, {key: [c[s] for s in starts] for key, c in counts.items()}


def chart_png(starts: list[date], series: Mapping[str, list[int]], labels: Mapping[str, str]) -> bytes:
    """Small multiples, one panel per author (shared axes), as PNG bytes."""
    fig = chart_figure(starts, series, labels)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100)
    plt.close(fig)
    return out.getvalue()


def chart_figure(starts: list[date], series: Mapping[str, list[int]], labels: Mapping[str, str]) -> Figure:
    """The chart's matplotlib figure: a panel per author, each with its own date labels and whole-number counts."""
    keys = sorted(series, key=lambda k: (-sum(series[k]), labels.get(k, k)))[:MAX_CHARTED]
    cols = 2 if len(keys) > 1 else 1
    rows = max(1, -(-len(keys) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(6 * cols, 1.9 * rows + 0.6), sharex=True, sharey=True,
                             squeeze=False)
    for ax in axes.flat:
        ax.set_visible(False)
    for ax, key in zip(axes.flat, keys, strict=False):
        ax.set_visible(True)
        ax.bar(starts, series[key], width=6, align="edge", color="#3b6ea5")
        ax.set_title(labels.get(key, key), fontsize=10, loc="left")
        ax.grid(axis="y", alpha=0.3)
        # Every panel shows its dates (shared axes would label only the bottom row, and a right column
        # whose last panel is empty would have none); counts of articles are whole numbers.
        ax.tick_params(labelsize=8, labelbottom=True)
        ax.tick_params(axis="x", labelrotation=30)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if not keys:
        axes.flat[0].set_visible(True)
        axes.flat[0].text(0.5, 0.5, "No dated articles in this window", ha="center", va="center")
        axes.flat[0].set_axis_off()
    fig.suptitle("Articles per week", fontsize=12)
    fig.tight_layout()
    return fig


def _cell(name: str, value: Any) -> str:
    if value is None:
        return "<td>&ndash;</td>"
    text = value[:10] if name.endswith("_published") else str(value)
    css = f' class="{escape(str(value))}"' if name == "status" else ""
    return f"<td{css}>{escape(text)}</td>"


def render_report(rows: list[dict[str, Any]], png: bytes, generated: datetime, window: str) -> str:
    """The whole report page; every value from the corpus is HTML-escaped."""
    head = "".join(f"<th>{escape(title)}</th>" for _, title in _COLUMNS)
    body = "\n".join(
        "<tr>" + "".join(_cell(name, row.get(name)) for name, _ in _COLUMNS) + "</tr>" for row in rows
    )
    image = base64.b64encode(png).decode("ascii")
    quiet = sum(1 for r in rows if r.get("status") == "quiet")
    stamp = escape(generated.isoformat(timespec="seconds"))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Authors report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
table {{ border-collapse: collapse; margin-top: 1.5rem; font-size: 0.9rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.35rem 0.7rem; text-align: left; }}
th {{ background: #f3f5f8; }}
td.quiet {{ color: #b4441f; font-weight: 600; }}
td.active {{ color: #2c7a3f; }}
img {{ max-width: 100%; border: 1px solid #eee; }}
</style>
</head>
<body>
<h1>Authors report</h1>
<p>{len(rows)} authors, {quiet} quiet. Generated {stamp}; chart: {escape(window)}.</p>
<img alt="Articles per week for each author" src="data:image/png;base64,{image}">
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""
