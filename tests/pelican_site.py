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
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "output")))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "pelicanconf.py").write_text(_CONFIG.format(first=posts[0]["author"], base=base, theme=theme))
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(root / "content"), "-o", str(root / "output"), "-s",
         str(root / "pelicanconf.py"), "-q"],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pelican failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield PelicanSite(base, theme, _truth(root / "output", base, posts))
    finally:
        server.shutdown()
        server.server_close()


def _truth(output: Path, base: str, posts: list[dict]) -> dict[str, set[str]]:
    """Each author's post URLs: the pages Pelican wrote for their slugs (checked to exist)."""
    found: dict[str, set[str]] = {}
    for post in posts:
        [page] = [p for p in output.rglob(f"{post['slug']}.html") if re.fullmatch(r"\d{4}", p.parent.name)]
        found.setdefault(post["author"], set()).add(f"{base}/{page.relative_to(output).as_posix()}")
    return found
