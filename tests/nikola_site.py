"""A real static blog built by Nikola (from PyPI) with its default theme, served on loopback.

``nikola_site(workdir, posts)`` makes a site with ``nikola init`` (its own default configuration and theme,
bootblog4), writes one Markdown post per article with its author in the post's metadata, builds the site
with Nikola's own command and serves the output folder with the standard library's HTTP server. Nikola
writes a page per author, a plain list of their posts (a date and a title each, no headings), and an RSS
feed per author beside it (``/authors/x.xml``). The truth (each post's URL) is read back from what Nikola
wrote.
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


@dataclass
class NikolaSite:
    base_url: str
    #: author name -> URLs of their posts
    posts: dict[str, set[str]]
    #: the folder Nikola wrote
    output: Path


def _nikola(*args: str, cwd: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "nikola", *args], capture_output=True, text=True, check=False,
                          cwd=cwd)
    if done.returncode != 0:
        raise RuntimeError(f"nikola {args[0]} failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")


def _write_posts(folder: Path, posts: list[dict]) -> None:
    for post in posts:
        body = "\n\n".join(post["paragraphs"])
        (folder / f"{post['slug']}.md").write_text(
            f"<!--\n.. title: {post['title']}\n.. slug: {post['slug']}\n.. date: {post['date']}:00 UTC\n"
            f".. author: {post['author']}\n-->\n\n{body}\n",
            encoding="utf-8",
        )


@contextmanager
def nikola_site(workdir: Path, posts: list[dict]) -> Iterator[NikolaSite]:
    """Build and serve one Nikola site; ``posts`` are dicts of title, slug, author, date (with a time), paragraphs."""
    root = workdir / "nikola"
    _nikola("init", "--quiet", str(root), cwd=workdir)
    _write_posts(root / "posts", posts)
    with served(root / "output") as base:
        conf = root / "conf.py"
        conf.write_text(re.sub(r'(?m)^SITE_URL = .*$', f'SITE_URL = "{base}/"', conf.read_text(encoding="utf-8")),
                        encoding="utf-8")
        _nikola("build", cwd=root)
        yield NikolaSite(base, posts_by_author(root / "output", base, posts, folders=True), root / "output")
