"""A real blog built by Sphinx with ABlog (both from PyPI), served on loopback.

``ablog_site(workdir, posts)`` writes a Sphinx project with ABlog's extension and the default theme
(Alabaster), one reStructuredText post per article (ABlog's ``post`` directive, its author among the
blog's authors), builds it with Sphinx's own command and serves the output folder. ABlog names a post's
author in the theme's side column ("Author: <a>"), writes a page per author listing their posts
(``blog/author/x.html``) and an Atom feed per author beside it (``blog/author/x/atom.xml``). Every
heading of Sphinx carries its permalink ("¶"). The truth (each post's URL) is read back from what Sphinx
wrote.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import author_slug, posts_by_author, served

_CONF = """project = "Harbour Notes"
extensions = ["ablog"]
blog_title = "Harbour Notes"
blog_baseurl = "{base}/"
blog_path = "blog"
blog_post_pattern = "posts/*"
blog_authors = {authors!r}
blog_feed_archives = True
html_theme = "alabaster"
html_sidebars = {{"**": ["ablog/postcard.html", "ablog/recentposts.html", "ablog/authors.html"]}}
"""


@dataclass
class AblogSite:
    base_url: str
    #: author name -> URLs of their posts
    posts: dict[str, set[str]]
    #: the folder Sphinx wrote
    output: Path


def _write_project(source: Path, base: str, posts: list[dict]) -> None:
    (source / "posts").mkdir(parents=True)
    authors = {author_slug(post["author"]): (post["author"], None) for post in posts}
    (source / "conf.py").write_text(_CONF.format(base=base, authors=authors), encoding="utf-8")
    (source / "index.rst").write_text("Harbour Notes\n=============\n\n.. postlist:: 10\n", encoding="utf-8")
    for post in posts:
        body = "\n\n".join(post["paragraphs"])
        (source / "posts" / f"{post['slug']}.rst").write_text(
            f".. post:: {post['date']}\n   :author: {author_slug(post['author'])}\n\n"
            f"{post['title']}\n{'=' * len(post['title'])}\n\n{body}\n",
            encoding="utf-8",
        )


@contextmanager
def ablog_site(workdir: Path, posts: list[dict]) -> Iterator[AblogSite]:
    """Build and serve one ABlog site; ``posts`` are dicts of title, slug, author, date (YYYY-MM-DD), paragraphs."""
    source = workdir / "ablog"
    output = source / "_build" / "html"
    with served(output) as base:
        _write_project(source, base, posts)
        done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(output)],
                              capture_output=True, text=True, check=False, cwd=source)
        if done.returncode != 0:
            raise RuntimeError(f"sphinx-build failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
        yield AblogSite(base, posts_by_author(output / "posts", f"{base}/posts", posts), output)
