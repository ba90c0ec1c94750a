"""Shared fixtures: the fixture web on loopback and a helper that runs real crawls against it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler, get_reactor_settings

from crawler.urls import normalize_url
from tests.corpora import damage_pages, record  # noqa: F401 (helpers of the test modules)
from tests.site.content import BOB, JANE, Article, Author, Site, blog_site, wordpress_site
from tests.site.server import ServedSite, serve
from tests.site.themes import article_url, render

ROOT = Path(__file__).resolve().parents[1]

# `make test` replays the same examples every run (a landing must not hinge on a lucky draw);
# HYPOTHESIS_PROFILE=explore draws new ones each run, to look for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def web() -> Iterator[dict[str, ServedSite]]:
    """The fixture sites, each served by a real HTTP server on a free loopback port (fresh request logs)."""
    with serve() as served:
        yield served


@dataclass
class CrawlResult:
    stats: dict[str, Any]
    items: list[dict[str, Any]]
    db: Path
    log: str

    def urls_by(self, author: str) -> set[str]:
        return {item["canonical_url"] for item in self.items if author in item["authors"]}


def run_crawl(workdir: Path, n: int, settings: dict[str, Any] | None = None, **spargs: str) -> CrawlResult:
    """A real ``author`` crawl in a subprocess, into ``workdir``'s store and run ``n``'s JSONL feed."""
    feed, stats_out, db = workdir / f"run{n}.jsonl", workdir / f"stats{n}.json", workdir / "corpus.sqlite3"
    overrides = {
        "CORPUS_DB": str(db),
        "FEEDS": {str(feed): {"format": "jsonlines", "encoding": "utf8"}},
        "AUTOTHROTTLE_ENABLED": False,
        "EXTRACTION_WORKERS": 2,
        "LOG_LEVEL": "INFO",
        **(settings or {}),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(overrides),
         "--spargs", json.dumps(spargs), "--stats-out", str(stats_out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()] if feed.exists() else []
    return CrawlResult(json.loads(stats_out.read_text()), items, db, proc.stderr)


def _runner(workdir: Path):
    runs = iter(range(1000))

    def run(settings: dict[str, Any] | None = None, **spargs: str) -> CrawlResult:
        return run_crawl(workdir, next(runs), settings, **spargs)

    return run


@pytest.fixture
def crawl(tmp_path: Path):
    """Return ``run(**spider_args)``: a real ``author`` crawl into tmp_path's store and JSONL feed."""
    return _runner(tmp_path)


@pytest.fixture(scope="module")
def module_web() -> Iterator[dict[str, ServedSite]]:
    """The fixture sites served once for a module, for crawls shared by its tests (request logs shared too)."""
    with serve() as served:
        yield served


@pytest.fixture(scope="module")
def module_crawl(tmp_path_factory: pytest.TempPathFactory):
    """``crawl`` for a module-scoped fixture: crawls whose corpus and feed the module's tests only read."""
    return _runner(tmp_path_factory.mktemp("crawl"))


def corpus_copy(db: Path, folder: Path) -> Path:
    """A copy of a shared crawl's corpus in ``folder``, for a test that writes to it."""
    copy = folder / db.name
    source, target = sqlite3.connect(db), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return copy


# -- helpers shared by the test modules -------------------------------------------------------

def expected(site: Site, author: Author) -> tuple[set[str], set[str]]:
    """(URLs that must be found, URLs of which exactly one must be found: a post and its repost)."""
    must, either = set(), set()
    for article in site.by(author):
        url = normalize_url(article_url(site, article))
        if article.repost_slug:
            either |= {url, normalize_url(article_url(site, article, article.repost_slug))}
        else:
            must.add(url)
    return must, either


def assert_exactly_author(result, site: Site, author: Author) -> None:
    must, either = expected(site, author)
    found = result.urls_by(author.name)
    assert must <= found, f"missing: {sorted(must - found)}"
    assert len(found & either) == (1 if either else 0)
    assert found <= must | either, f"not the author's: {sorted(found - must - either)}"
    # Nothing else was stored: every record is one of the author's articles.
    assert all(author.name in item["authors"] for item in result.items)
    assert len(result.items) == len(must) + (1 if either else 0)


def theme_pages(base_url: str, count: int) -> list[str]:
    """The first ``count`` article and archive pages of the WordPress and hand-written blog themes, rendered at
    ``base_url``."""
    pages = []
    for site in (wordpress_site(), blog_site()):
        site.base_url = base_url
        pages += [page.body for path, page in sorted(render(site).items()) if path.endswith(".html") or "/20" in path]
    return pages[:count]


def solo(site: Site, author: Author) -> Article:
    return next(a for a in site.primary(author) if a.authors == [author])


def crawler_with(**settings):
    """A Scrapy crawler with the project's settings, ``settings`` over them (stats open); no reactor is
    asked for (these tests call components directly)."""
    project = get_project_settings().copy_to_dict()
    for name in ("TWISTED_REACTOR", *get_reactor_settings()):  # Scrapy's test settings decide those
        project.pop(name, None)
    crawler = get_crawler(settings_dict={**project, **settings})
    crawler.stats.open_spider()
    return crawler


def scrapy_on(db: Path, *args: str) -> subprocess.CompletedProcess:
    """A project command, ``scrapy ARGS``, run on the corpus at ``db``."""
    command = [sys.executable, "-m", "scrapy", *args, "-s", f"CORPUS_DB={db}"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def two_runs(module_web, module_crawl):
    """Jane's site crawled, then Bob's: the latest run is Bob's (read, never written, by the tests)."""
    wp, blog = module_web["wp"], module_web["blog"]
    module_crawl(url=article_url(wp.site, solo(wp.site, JANE)))
    result = module_crawl(url=article_url(blog.site, solo(blog.site, BOB)))
    return wp.site, blog.site, result.db


#: Fixtures that start real servers or run real crawls: a test using one is end-to-end.
E2E_FIXTURES = {"web", "module_web", "crawl", "module_crawl", "two_runs", "crawled", "hostile", "wordpress",
                "crawls", "scrapyd", "redis_url", "reference", "traps"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as ``e2e`` every test that uses a real-server or real-crawl fixture (``-m "not e2e"``: the fast part)."""
    for item in items:
        if E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
