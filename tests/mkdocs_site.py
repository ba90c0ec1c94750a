"""A real blog built by MkDocs with Material for MkDocs' blog plugin (both from PyPI), served on loopback.

``mkdocs_site(workdir, posts)`` writes one Markdown post per article with its author's id in the front matter
and the authors in ``.authors.yml``, as Material's blogs do, builds the site with MkDocs' own command (author
profile pages on, paginated), and serves the output folder with the standard library's HTTP server. Material
sets a post's author and date in a side column of the page, not in the article; its author pages are numbered
("1 2 3") and carry no next link of their own. The truth (each post's URL) is read back from what MkDocs wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import posts_by_author, served

#: Posts an author page lists before it turns to a second page.
PER_PAGE = 5

_CONFIG = """site_name: Harbour Notes
site_url: "{base}/"
theme:
  name: material
plugins:
  - blog:
      authors_profiles: true
      pagination_per_page: {per_page}
"""


@dataclass
class MkDocsSite:
    base_url: str
    #: author name -> URLs of their posts
    posts: dict[str, set[str]]


def _author_id(name: str) -> str:
    return name.split()[0].lower()


def _write_posts(docs: Path, posts: list[dict]) -> None:
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("# Harbour Notes\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    people = sorted({post["author"] for post in posts})
    (docs / "blog" / ".authors.yml").write_text(
        "authors:\n" + "".join(f"  {_author_id(name)}:\n    name: {name}\n    description: Writer\n"
                               f"    avatar: /avatars/{_author_id(name)}.png\n" for name in people),
        encoding="utf-8",
    )
    for post in posts:
        first, *rest = post["paragraphs"]
        body = "\n\n".join([first, "<!-- more -->", *rest])
        (docs / "blog" / "posts" / f"{post['slug']}.md").write_text(
            f"---\ndate: {post['date']}\nslug: {post['slug']}\nauthors:\n  - {_author_id(post['author'])}\n---\n\n"
            f"# {post['title']}\n\n{body}\n",
            encoding="utf-8",
        )


@contextmanager
def mkdocs_site(workdir: Path, posts: list[dict]) -> Iterator[MkDocsSite]:
    """Build and serve one Material blog; ``posts`` are dicts of title, slug, author, date (YYYY-MM-DD), paragraphs."""
    source, output = workdir / "mkdocs", workdir / "mkdocs" / "site"
    _write_posts(source / "docs", posts)
    with served(output) as base:
        (source / "mkdocs.yml").write_text(_CONFIG.format(base=base, per_page=PER_PAGE), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(source / "mkdocs.yml"),
             "--site-dir", str(output)],
            capture_output=True, text=True, check=False, cwd=source, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if done.returncode != 0:
            raise RuntimeError(f"mkdocs failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
        yield MkDocsSite(base, posts_by_author(output / "blog", f"{base}/blog", posts, folders=True))
