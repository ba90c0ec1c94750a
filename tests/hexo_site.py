"""A real Hexo blog (from the npm registry, ``make hexo``) in Chinese with the NexT theme, built and served on loopback.

``hexo_site(workdir, author, posts)`` writes a Hexo site of one author (Hexo's own ``_config.yml`` keys: the site's
``author``, ``language: zh-CN``, ``theme: next``, five posts a page), one Markdown post per article, builds it with
Hexo's own command and serves the output folder. NexT names the author only in the page's metadata
(``article:author``) and in the side column's site overview; the home page and the archive are paginated, and the
site's Atom feed holds the latest twenty posts. The truth is read back from the pages Hexo wrote.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import npm_app_missing, posts_by_author, served

ROOT = Path(__file__).resolve().parents[1]
#: Where ``make hexo`` installs Hexo, NexT and the plugins.
HEXO_DIR = Path(os.environ.get("HEXO_DIR") or ROOT / ".cache" / "hexo")

_CONFIG = """title: 潮汐笔记
author: {author}
language: zh-CN
timezone: UTC
url: {base}
permalink: :year/:month/:day/:title/
theme: next
per_page: 5
archive_generator:
  per_page: 5
  yearly: true
  monthly: false
feed:
  type: atom
  path: atom.xml
  limit: 20
"""


def available() -> str | None:
    """Why a real Hexo cannot run here, or None when it can."""
    return npm_app_missing(HEXO_DIR, HEXO_DIR / ".installed", "hexo")


@dataclass
class HexoSite:
    base_url: str
    #: author name -> URLs of their posts
    posts: dict[str, set[str]]


def chinese_posts(author: str, count: int) -> list[dict]:
    """``count`` posts of ``author``, in Chinese: title, slug, author, date and five paragraphs."""
    colon, comma = "\uff1a", "\uff0c"  # full-width, as Chinese is written
    return [{
        "title": f"潮汐表 第{i}篇", "slug": f"tide-{i}", "author": author,
        "date": f"2024-{1 + i % 12:02d}-{1 + i:02d} 10:00",
        "paragraphs": [f"{author}写第{i}篇潮汐表的第{k}段{colon}港口、账簿和货运的缓慢算术{comma}"
                       f"记录于调查的第{i}-{k}天。码头上的起重机和等待装船的货物{comma}都写在这一段里。"
                       for k in range(5)],
    } for i in range(count)]


@contextmanager
def hexo_site(workdir: Path, posts: list[dict]) -> Iterator[HexoSite]:
    """Build and serve a Hexo site whose one author (the first post's) wrote ``posts``."""
    site, output = workdir / "hexo", workdir / "hexo" / "public"
    (site / "source" / "_posts").mkdir(parents=True)
    shutil.copy(HEXO_DIR / "package.json", site / "package.json")
    (site / "node_modules").symlink_to(HEXO_DIR / "node_modules")
    for post in posts:
        body = "\n\n".join(post["paragraphs"])
        (site / "source" / "_posts" / f"{post['slug']}.md").write_text(
            f"---\ntitle: {post['title']}\ndate: {post['date']}:00\n---\n\n{body}\n", encoding="utf-8")
    with served(output) as base:
        (site / "_config.yml").write_text(_CONFIG.format(author=posts[0]["author"], base=base), encoding="utf-8")
        done = subprocess.run([str(site / "node_modules" / ".bin" / "hexo"), "generate", "--silent"], cwd=site,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"hexo generate failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
        yield HexoSite(base, posts_by_author(output, base, posts, folders=True))
