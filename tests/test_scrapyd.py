"""Deployed where Scrapy users deploy: a real Scrapyd (from PyPI) on loopback, the egg scrapyd-deploy builds.

The job runs from the zipped egg, with no setting given: the corpus must land in Scrapyd's working
directory (``data/``), never inside the egg.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, expected, solo
from tests.site.content import BOB
from tests.site.server import ServedSite
from tests.site.themes import article_url
from tests.wordpress import free_port

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent
PROJECT = "author-crawler"


def _call(base: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> dict:
    request = urllib.request.Request(base + path, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        reply = json.loads(answer.read())
    assert reply.get("status") == "ok", reply
    return reply


def _multipart(fields: dict[str, str], egg: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in
             fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="egg"; filename="project.egg"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + egg + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A Scrapyd on a free loopback port, working in its own folder; yields (URL, that folder)."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\nmax_proc = 1\npoll_interval = 0.5\n"
        "eggs_dir = eggs\nlogs_dir = logs\nitems_dir =\ndbs_dir = dbs\n", encoding="utf-8")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                _call(base, "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.2)
        yield base, home
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_deployed_egg_crawls_into_the_working_directory(scrapyd, web: dict[str, ServedSite], tmp_path: Path) -> None:
    base, home = scrapyd
    egg = tmp_path / "project.egg"
    build = subprocess.run([str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=ROOT, capture_output=True,
                           text=True, timeout=300, check=False)
    assert build.returncode == 0, build.stderr[-2000:]
    body, kind = _multipart({"project": PROJECT, "version": "1"}, egg.read_bytes())
    _call(base, "addversion.json", body, {"Content-Type": kind})
    blog = web["blog"]
    seed = article_url(blog.site, solo(blog.site, BOB))
    form = urllib.parse.urlencode({"project": PROJECT, "spider": "author", "url": seed,
                                   "setting": "AUTOTHROTTLE_ENABLED=False"}).encode()
    job = _call(base, "schedule.json", form)["jobid"]
    for _ in range(600):
        jobs = _call(base, f"listjobs.json?project={PROJECT}")
        if any(j["id"] == job for j in jobs["finished"]):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the Scrapyd job did not finish in 120 s")
    log = next((home / "logs" / PROJECT / "author").glob(f"{job}.log")).read_text(encoding="utf-8")
    assert "Traceback" not in log and "Spider closed (finished)" in log
    with sqlite3.connect(home / "data" / "corpus.sqlite3") as db:
        stored = {row[0] for row in db.execute("SELECT canonical_url FROM articles")}
    must, either = expected(blog.site, BOB)
    assert must <= stored and stored <= must | either
