"""A real Ghost (the ``ghost`` package from the npm registry, ``make ghost``) on loopback, on MariaDB.

``ghost_site(workdir, sock, posts)`` creates a database on the tests' ``mariadbd``, starts Ghost's own server
(``node index.js``, production mode, its two bundled themes Source and Casper), sets up the owner through
Ghost's Admin API and imports the authors and their posts as a Ghost export file, the way a blog moved to
Ghost arrives. What the tests know of the site (every post's URL and authors) is read back from Ghost's
Admin API, not assumed. Ghost also publishes a welcome post of its own, by the owner.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.static_blog import author_slug, npm_app_missing
from tests.wordpress import free_port, stop_group

ROOT = Path(__file__).resolve().parents[1]
#: Where ``make ghost`` installs Ghost (its version is the Makefile's ``GHOST_VERSION``).
GHOST_DIR = Path(os.environ.get("GHOST_DIR") or ROOT / ".cache" / "ghost")
THEMES = ("source", "casper")
_OWNER = {"name": "Site Owner", "email": "owner@example.test", "password": "loopback-owner-pass-1"}


def available() -> str | None:
    """Why a real Ghost cannot run here, or None when it can."""
    return npm_app_missing(GHOST_DIR, GHOST_DIR / ".installed", "ghost")


@dataclass
class GhostSite:
    base_url: str
    #: author name -> the URLs of their posts (co-authored ones under each author), as Ghost gives them
    posts: dict[str, set[str]]
    #: post URL -> its authors' names, in Ghost's order
    authors: dict[str, list[str]]
    admin: _Admin

    def first_own_post(self, name: str) -> str:
        """The first in URL order of the posts ``name`` wrote alone: where a crawl of them starts."""
        return sorted(url for url in self.posts[name] if self.authors[url] == [name])[0]

    def activate(self, theme: str) -> None:
        """Switch the site to one of Ghost's bundled themes."""
        self.admin.call("PUT", f"/ghost/api/admin/themes/{theme}/activate/", {})


class _Admin:
    """Ghost's Admin API with a staff session (a cookie), as Ghost's own admin client uses it."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method: str, path: str, body: dict | None = None, upload: bytes | None = None) -> dict:
        headers = {"Origin": self.base, "Accept-Version": "v5.0"}
        data = None
        if upload is not None:
            headers["Content-Type"] = "multipart/form-data; boundary=loopbackboundary"
            data = (b'--loopbackboundary\r\nContent-Disposition: form-data; name="importfile"; filename="import.json"'
                    b"\r\nContent-Type: application/json\r\n\r\n" + upload + b"\r\n--loopbackboundary--\r\n")
        elif body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        with self._opener.open(request, timeout=60) as response:
            text = response.read()
        return json.loads(text) if text.startswith(b"{") else {}


def _export(posts: list[dict]) -> bytes:
    """A Ghost export file of ``posts`` (title, slug, date, paragraphs, and ``author`` or ``authors``) and their
    authors, each post's body a Mobiledoc of its paragraphs."""
    names = list(dict.fromkeys(name for post in posts for name in post.get("authors") or [post["author"]]))
    users = {name: f"{n + 1:024x}" for n, name in enumerate(names)}
    data: dict[str, list] = {"users": [], "posts": [], "posts_authors": [], "roles": [{"id": "1", "name": "Author"}],
                             "roles_users": []}
    for name, user_id in users.items():
        slug = author_slug(name)
        data["users"].append({"id": user_id, "name": name, "slug": slug, "email": f"{slug}@example.test",
                              "status": "active", "created_at": "2024-01-01T00:00:00.000Z"})
        data["roles_users"].append({"user_id": user_id, "role_id": "1"})
    for n, post in enumerate(posts):
        post_id = f"{0x1000 + n:024x}"
        day = f"{post['date'][:10]}T{post['date'][11:16] or '09:00'}:00.000Z"
        sections = [[1, "p", [[0, [], 0, paragraph]]] for paragraph in post["paragraphs"]]
        mobiledoc = {"version": "0.3.1", "atoms": [], "cards": [], "markups": [], "sections": sections}
        data["posts"].append({"id": post_id, "title": post["title"], "slug": post["slug"], "status": "published",
                              "type": "post", "visibility": "public", "mobiledoc": json.dumps(mobiledoc),
                              "published_at": day, "created_at": day, "updated_at": day})
        for order, name in enumerate(post.get("authors") or [post["author"]]):
            data["posts_authors"].append({"post_id": post_id, "author_id": users[name], "sort_order": order})
    meta = {"exported_on": int(time.time() * 1000), "version": "5.0.0"}
    return json.dumps({"db": [{"meta": meta, "data": data}]}).encode()


def _env(base: str, port: int, sock: Path, database: str, content: Path) -> dict[str, str]:
    """Ghost's configuration as environment variables (nconf's ``a__b`` for ``a.b``)."""
    return os.environ | {
        "NODE_ENV": "production", "url": f"{base}/", "server__host": "127.0.0.1", "server__port": str(port),
        "database__client": "mysql", "database__connection__socketPath": str(sock),
        "database__connection__user": "root", "database__connection__password": "",
        "database__connection__database": database, "paths__contentPath": str(content),
        "logging__transports": '["stdout"]', "logging__level": "warn",
        # No mail here: a new staff device would otherwise be asked for an emailed code.
        "security__staffDeviceVerification": "false",
        "privacy__useUpdateCheck": "false", "privacy__useGravatar": "false", "privacy__useRpcPing": "false",
    }


def _wait_ready(base: str, server: subprocess.Popen, log: Path) -> None:
    """Wait until Ghost answers its Admin API (it answers 503 while it migrates its database and boots)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{base}/ghost/api/admin/site/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Ghost did not start: {log.read_text(errors='replace')[-2000:]}")


def _imported(admin: _Admin, count: int) -> dict[str, list[str]]:
    """Each imported post's URL and authors' names, once Ghost's import (a background job) has put ``count`` posts
    beside its own welcome post."""
    deadline = time.monotonic() + 120
    while True:
        listed = admin.call("GET", "/ghost/api/admin/posts/?limit=all&include=authors&filter=status:published")
        authors = {post["url"]: [a["name"] for a in post["authors"]] for post in listed["posts"]}
        if len(authors) > count or time.monotonic() > deadline:
            return authors
        time.sleep(0.5)


@contextmanager
def ghost_site(workdir: Path, sock: Path, posts: list[dict], name: str = "ghost") -> Iterator[GhostSite]:
    """A running Ghost holding ``posts``, on a database of its own on the ``mariadbd`` at ``sock``."""
    subprocess.run(["mariadb", "--no-defaults", "-S", str(sock), "-u", "root", "-e", f"CREATE DATABASE {name}"],
                   check=True)
    content = workdir / f"{name}-content"
    shutil.copytree(GHOST_DIR / "content", content)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = workdir / f"{name}.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(["node", "index.js"], cwd=GHOST_DIR, env=_env(base, port, sock, name, content),
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_ready(base, server, log)
        admin = _Admin(base)
        admin.call("POST", "/ghost/api/admin/authentication/setup/",
                   {"setup": [{"name": _OWNER["name"], "email": _OWNER["email"], "password": _OWNER["password"],
                               "blogTitle": "Harbour Ghost"}]})
        admin.call("POST", "/ghost/api/admin/session/", {"username": _OWNER["email"], "password": _OWNER["password"]})
        admin.call("POST", "/ghost/api/admin/db/", upload=_export(posts))
        authors = _imported(admin, len(posts))
        by_author: dict[str, set[str]] = {}
        for url, names in authors.items():
            for author in names:
                by_author.setdefault(author, set()).add(url)
        yield GhostSite(base, by_author, authors, admin)
    finally:
        stop_group(server)
