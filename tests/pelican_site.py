"""A real static blog built by Pelican (from PyPI) with its bundled themes, served on loopback.

``pelican_site(workdir, theme, ...)`` writes one reStructuredText post per article, builds the site with
Pelican's own command (author pages paginated, per-author Atom feeds), and serves the output folder with
the standard library's HTTP server. The truth (each post's URL and author) is read back from what Pelican
wrote, not assumed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import posts_by_author, served

THEMES = ("notmyidea", "simple")

_CONFIG = """
AUTHOR = "{first}"
SITENAME = "Harbour Notes"
SITEURL = "{base}"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "{theme}"
DEFAULT_PAGINATION = 4
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
AUTHOR_FEED_ATOM = "feeds/{{slug}}.atom.xml"
AUTHOR_FEED_RSS = None
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
ARTICLE_URL = ARTICLE_SAVE_AS = "{{date:%Y}}/{{slug}}.html"
"""


@dataclass
class PelicanSite:
    base_url: str
    theme: str
    #: author name -> URLs of their posts
    posts: dict[str, set[str]]


def _write_posts(content: Path, posts: list[dict]) -> None:
    content.mkdir(parents=True)
    for i, post in enumerate(posts):
        body = "\n\n".join(post["paragraphs"])
        (content / f"post-{i}.rst").write_text(
            f"{post['title']}\n{'#' * len(post['title'])}\n\n:date: {post['date']}\n:author: {post['author']}\n"
            f":category: Harbour\n:slug: {post['slug']}\n\n{body}\n",
            encoding="utf-8",
        )


@contextmanager
def pelican_site(workdir: Path, theme: str, posts: list[dict]) -> Iterator[PelicanSite]:
    """Build and serve one Pelican site; ``posts`` are dicts of title, slug, author, date, paragraphs."""
    root = workdir / theme
    _write_posts(root / "content", posts)
    with served(root / "output") as base:
        (root / "pelicanconf.py").write_text(_CONFIG.format(first=posts[0]["author"], base=base, theme=theme))
        done = subprocess.run(
            [sys.executable, "-m", "pelican", str(root / "content"), "-o", str(root / "output"), "-s",
             str(root / "pelicanconf.py"), "-q"],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pelican failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
        yield PelicanSite(base, theme, posts_by_author(root / "output", base, posts, _in_year))


def _in_year(page: Path) -> bool:
    """A post's own page (``2024/slug.html``), not a page of the same name elsewhere."""
    return re.fullmatch(r"\d{4}", page.parent.name) is not None
