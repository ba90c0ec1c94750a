"""A real Docusaurus blog (``create-docusaurus``'s classic template from the npm registry, ``make docusaurus``), built
and served on loopback.

``docusaurus_site(workdir, posts)`` copies the template (its configuration, docs and pages as ``create-docusaurus``
wrote them; its ``node_modules`` linked), replaces the template's blog posts and ``authors.yml`` with the given
posts and their authors (each with an author page, as the template's own first author has), sets the site's
``url``, builds it with Docusaurus's own command and serves the output folder with the standard library's HTTP
server. That server answers a folder's address without its trailing slash with a redirect, as static hosts
do, and Docusaurus links its pages without one. The truth is read back from the pages Docusaurus wrote.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import author_slug, npm_app_missing, posts_by_author, served

ROOT = Path(__file__).resolve().parents[1]
#: Where ``make docusaurus`` writes the template and installs its packages.
DOCUSAURUS_DIR = Path(os.environ.get("DOCUSAURUS_DIR") or ROOT / ".cache" / "docusaurus")


def available() -> str | None:
    """Why a real Docusaurus cannot run here, or None when it can."""
    return npm_app_missing(DOCUSAURUS_DIR, DOCUSAURUS_DIR / "node_modules" / ".bin" / "docusaurus", "docusaurus")


@dataclass
class DocusaurusSite:
    base_url: str
    #: author name -> URLs of their posts, as Docusaurus names them
    posts: dict[str, set[str]]
    output: Path


def _write_blog(blog: Path, posts: list[dict]) -> None:
    shutil.rmtree(blog)
    blog.mkdir()
    names = dict.fromkeys(post["author"] for post in posts)
    (blog / "authors.yml").write_text(
        # As the template's own authors: a profile elsewhere (the JSON-LD's ``url``) beside the page on the site.
        "".join(f"{author_slug(name)}:\n  name: {name}\n  title: Harbour correspondent\n"
                f"  url: https://www.linkedin.com/in/{author_slug(name)}\n  page: true\n" for name in names),
        encoding="utf-8",
    )
    for post in posts:
        body = "\n\n".join(post["paragraphs"])
        (blog / f"{post['date'][:10]}-{post['slug']}.md").write_text(
            f"---\ntitle: {post['title']}\nslug: {post['slug']}\ndate: {post['date'][:10]}\n"
            f"authors: [{author_slug(post['author'])}]\n---\n\n{body}\n",
            encoding="utf-8",
        )


def _copy_template(site: Path) -> None:
    shutil.copytree(DOCUSAURUS_DIR, site, ignore=shutil.ignore_patterns("node_modules", "build", ".docusaurus"))
    (site / "node_modules").symlink_to(DOCUSAURUS_DIR / "node_modules")


@contextmanager
def docusaurus_site(workdir: Path, posts: list[dict]) -> Iterator[DocusaurusSite]:
    """Build and serve a Docusaurus site whose blog holds ``posts`` (title, slug, author, date, paragraphs)."""
    site, output = workdir / "docusaurus", workdir / "docusaurus-build"
    _copy_template(site)
    _write_blog(site / "blog", posts)
    with served(output) as base:
        config = site / "docusaurus.config.js"
        text = re.sub(r"url: '[^']*'", f"url: '{base}'", config.read_text(encoding="utf-8"), count=1)
        config.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [str(site / "node_modules" / ".bin" / "docusaurus"), "build", "--out-dir", str(output)],
            cwd=site, capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"docusaurus build failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
        written = posts_by_author(output / "blog", f"{base}/blog", posts, folders=True)
        # Docusaurus names a post by its folder's address without the slash (its links and its canonical URL).
        yield DocusaurusSite(base, {name: {url.rstrip("/") for url in urls} for name, urls in written.items()}, output)
