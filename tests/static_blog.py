"""What the real static blog engines of the tests share (Pelican, Jekyll, MkDocs, Nikola, ABlog): the posts they are
fed, the loopback server of their output folder, the truth read back from what they wrote, a crawl per author."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crawler.urls import normalize_url
from tests.conftest import CrawlResult, run_crawl


def author_slug(name: str) -> str:
    """The address part the engines make of an author's name ("Ada Okafor" -> "ada-okafor")."""
    return name.lower().replace(" ", "-")


def npm_app_missing(folder: Path, installed: Path, target: str) -> str | None:
    """Why an app from the npm registry (``make <target>`` installs it in ``folder``) cannot run, or None."""
    if shutil.which("node") is None:
        return "node is missing (apt-get install nodejs npm)"
    if not installed.exists():
        return f"{folder.name} is not installed in {folder} (make {target})"
    return None


def tide_posts(authors: dict[str, int], with_time: bool = True) -> list[dict]:
    """Posts of each author (name -> how many): title, slug, author, date (with a time of day, or a day only)
    and five paragraphs, dated apart so that no two authors' posts sort together."""
    posts = []
    for n, (name, count) in enumerate(authors.items()):
        first = name.split()[0]
        for i in range(count):
            day = f"2024-{1 + (i + n) % 12:02d}-{1 + (3 * i + n) % 27:02d}"
            posts.append({
                "title": f"{first} on the tide tables, part {i}", "slug": f"{first.lower()}-tides-{i}", "author": name,
                "date": f"{day} 10:{i:02d}" if with_time else day,
                "paragraphs": [f"{first} writes about tide table {i}, paragraph {k}: harbours, ledgers and the slow"
                               f" arithmetic of freight, noted on day {i}-{k} of the survey." for k in range(5)],
            })
    return posts


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` (which the engine may build after this opens) on loopback; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def posts_by_author(
    output: Path, base: str, posts: list[dict], is_post: Callable[[Path], bool] = lambda page: True,
    folders: bool = False,
) -> dict[str, set[str]]:
    """Each author's post URLs: the one page the engine wrote for each slug (checked to exist), ``slug.html`` or,
    with ``folders``, ``slug/index.html`` served as ``slug/``."""
    found: dict[str, set[str]] = {}
    for post in posts:
        pattern = f"{post['slug']}/index.html" if folders else f"{post['slug']}.html"
        [page] = [page for page in output.rglob(pattern) if is_post(page)]
        path = f"{page.parent.relative_to(output).as_posix()}/" if folders else page.relative_to(output).as_posix()
        found.setdefault(post["author"], set()).add(f"{base}/{path}")
    return found


def crawl_each_author(
    posts: dict[str, set[str]], workdir: Callable[[], Path], last: bool = False
) -> dict[str, CrawlResult]:
    """One crawl per author, seeded with their first post in URL order (or their last)."""
    results = {}
    for name, urls in posts.items():
        seed = sorted(urls)[-1 if last else 0]
        results[name] = run_crawl(workdir(), 0, {"DOWNLOAD_DELAY": 0}, url=seed)
    return results


def crawled_site(
    build: Callable, posts: list[dict], workdir: Callable[[], Path], last: bool = False
) -> Iterator[dict[str, tuple]]:
    """An engine's site built from ``posts`` (``build``: its site context manager) in a temporary folder and
    served, then crawled once per author (``crawl_each_author``): yields author -> (site, result)."""
    with tempfile.TemporaryDirectory() as tmp, build(Path(tmp), posts) as site:
        results = crawl_each_author(site.posts, workdir, last)
        yield {name: (site, result) for name, result in results.items()}


def found_exactly(posts: dict[str, set[str]], name: str, result: CrawlResult, written: list[dict]) -> set[str]:
    """Check that the crawl stored exactly ``name``'s posts, each naming them, titled with its headline, dated the
    day it was written and holding its paragraphs and nothing else (``written``: the posts the site was built
    from); return the posts' normalised URLs."""
    want = {normalize_url(url) for url in posts[name]}
    got = {normalize_url(item["canonical_url"]) for item in result.items}
    assert got == want, f"missing {sorted(want - got)}, extra {sorted(got - want)}"
    by_title = {post["title"]: post for post in written}
    for item in result.items:
        assert item["authors"] == [name]
        assert item["title"].startswith(name.split()[0] + " on the tide tables"), item["title"]
        post = by_title[item["title"]]
        assert (item["published"] or "")[:10] == post["date"][:10], (item["title"], item["published"])
        assert item["text"] == "\n".join(post["paragraphs"]), (item["title"], item["text"][-200:])
    return want
