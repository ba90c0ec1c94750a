"""A real static blog built by Jekyll (Debian's ``jekyll`` package) with its Minima theme, served on loopback.

``jekyll_site(workdir, posts)`` writes one Markdown post per article, each with its author in the front matter
(as multi-author Jekyll blogs do), builds the site with Jekyll's own command (Minima, jekyll-feed and
jekyll-seo-tag from Debian's packages), and serves the output folder with the standard library's HTTP server.
Minima has no author pages: the byline names the author and links nowhere, and the only list of posts
besides the home page is the site's Atom feed. The truth (each post's URL) is read back from what Jekyll wrote.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import posts_by_author, served

_CONFIG = """title: Harbour Notes
description: Notes from the harbour, by several writers
url: "{base}"
theme: minima
plugins:
  - jekyll-feed
  - jekyll-seo-tag
"""


@dataclass
class JekyllSite:
    base_url: str
    #: author name -> URLs of their posts
    posts: dict[str, set[str]]


def jekyll_binary() -> str | None:
    """The ``jekyll`` command, when Debian's packages are installed."""
    return shutil.which("jekyll")


def _write_posts(source: Path, posts: list[dict]) -> None:
    (source / "_posts").mkdir(parents=True)
    (source / "index.md").write_text("---\nlayout: home\n---\n", encoding="utf-8")
    for post in posts:
        body = "\n\n".join(post["paragraphs"])
        (source / "_posts" / f"{post['date']}-{post['slug']}.md").write_text(
            f'---\nlayout: post\ntitle: "{post["title"]}"\nauthor: {post["author"]}\n---\n{body}\n', encoding="utf-8"
        )


@contextmanager
def jekyll_site(workdir: Path, posts: list[dict]) -> Iterator[JekyllSite]:
    """Build and serve one Jekyll site; ``posts`` are dicts of title, slug, author, date (YYYY-MM-DD), paragraphs."""
    source, output = workdir / "jekyll", workdir / "jekyll" / "_site"
    _write_posts(source, posts)
    with served(output) as base:
        (source / "_config.yml").write_text(_CONFIG.format(base=base), encoding="utf-8")
        done = subprocess.run(
            [jekyll_binary() or "jekyll", "build", "--quiet", "--source", str(source), "--destination", str(output)],
            capture_output=True, text=True, check=False, cwd=source,
        )
        if done.returncode != 0:
            raise RuntimeError(f"jekyll failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
        yield JekyllSite(base, posts_by_author(output, base, posts))
