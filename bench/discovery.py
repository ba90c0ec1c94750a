"""Discovery benchmark: per-theme recall and precision of each seeded author's articles, and requests per article.

Serves the fixture web (six theme markups, ``tests/site/``) on loopback at a larger scale than the
tests use, crawls from one article of every author with a fresh corpus each time, and compares
what was stored with what each site holds. Writes ``bench/results/discovery.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import write_result
from crawler.urls import normalize_url
from tests.site.content import Article, Author, Site, fixture_sites
from tests.site.server import serve
from tests.site.themes import article_url

ROOT = Path(__file__).resolve().parent.parent
#: Themes whose sites offer an author feed or the REST API: the requests-per-article target applies.
FEED_OR_REST = {"wpfree", "tagdiv", "twenty", "jetpack", "headless"}
TARGET_REQUESTS = 1.5


def truth(site: Site, author: Author) -> dict[str, Article]:
    """Every URL at which one of ``author``'s articles is served, mapped to the article."""
    urls = {}
    for article in site.by(author):
        urls[normalize_url(article_url(site, article))] = article
        if article.repost_slug:
            urls[normalize_url(article_url(site, article, article.repost_slug))] = article
    return urls


def reachable(site: Site, author: Author) -> list[Article]:
    """The author's articles a crawl can reach: on a site with no archive, only those the API lists as theirs."""
    if site.theme == "headless":
        return site.primary(author)
    return site.by(author)


def crawl(seed: str, workdir: Path) -> tuple[dict, list[dict]]:
    """One real crawl from ``seed`` into a fresh corpus; return its stats and items."""
    feed, stats_out = workdir / "items.jsonl", workdir / "stats.json"
    settings = {
        "CORPUS_DB": str(workdir / "corpus.sqlite3"),
        "FEEDS": {str(feed): {"format": "jsonlines", "encoding": "utf8"}},
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "SUMMARY_ENABLED": False,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(settings),
         "--spargs", json.dumps({"url": seed}), "--stats-out", str(stats_out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"crawl of {seed} failed:\n{proc.stderr[-2000:]}")
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()] if feed.exists() else []
    return json.loads(stats_out.read_text()), items


def score(site: Site, author: Author, items: list[dict], requests: int) -> dict:
    """Recall and precision of the stored records against the author's articles on ``site``."""
    urls = truth(site, author)
    wanted = reachable(site, author)
    found_articles = {id(urls[item["canonical_url"]]) for item in items if item["canonical_url"] in urls}
    correct = sum(1 for item in items if item["canonical_url"] in urls and author.name in item["authors"])
    return {
        "author": author.name,
        "articles": len(wanted),
        "found": len(items),
        "recall": sum(1 for a in wanted if id(a) in found_articles) / len(wanted),
        "precision": correct / len(items) if items else 0.0,
        "duplicates_stored": len(items) - len(found_articles),
        "requests": requests,
        "requests_per_article": requests / max(1, len(items)),
    }


def solo(site: Site, author: Author) -> Article:
    return next(a for a in site.primary(author) if a.authors == [author])


def crawl_themes(sites: list[Site]) -> dict[str, dict]:
    """One crawl per author of every fixture site, seeded with one of their solo posts: each theme's row."""
    themes: dict[str, dict] = {}
    with serve(sites) as served, tempfile.TemporaryDirectory() as tmp:
        for n, holder in enumerate(served.values()):
            site = holder.site
            rows = []
            for m, author in enumerate(site.authors):
                workdir = Path(tmp) / f"{n}-{m}"
                workdir.mkdir()
                stats, items = crawl(article_url(site, solo(site, author)), workdir)
                rows.append(score(site, author, items, int(stats.get("downloader/request_count", 0))))
            found = sum(r["found"] for r in rows)
            themes[site.theme] = {
                "site": site.name,
                "per_page": site.per_page,
                "feed_or_rest": site.theme in FEED_OR_REST,
                "authors": rows,
                "recall": min(r["recall"] for r in rows),
                "precision": min(r["precision"] for r in rows),
                "requests_per_article": sum(r["requests"] for r in rows) / max(1, found),
            }
    return themes


def show(themes: dict[str, dict]) -> bool:
    """Print each author's and each theme's figures; whether every theme met its target."""
    print(
        f"{'theme':<10} {'author':<14} {'articles':>8} {'found':>6} {'recall':>7} {'precision':>9} {'requests':>8} "
        f"{'req/article':>11}"
    )
    ok = True
    for theme, row in themes.items():
        for r in row["authors"]:
            print(
                f"{theme:<10} {r['author']:<14} {r['articles']:>8} {r['found']:>6} {r['recall']:>7.3f} "
                f"{r['precision']:>9.3f} {r['requests']:>8} {r['requests_per_article']:>11.2f}"
            )
        limit = TARGET_REQUESTS if row["feed_or_rest"] else None
        cheap = limit is None or row["requests_per_article"] <= limit
        met = row["recall"] == 1.0 and row["precision"] == 1.0 and cheap
        ok &= met
        print(
            f"{theme:<10} {'(theme)':<14} {'':>8} {'':>6} {row['recall']:>7.3f} {row['precision']:>9.3f} {'':>8} "
            f"{row['requests_per_article']:>11.2f}  {'target met' if met else 'TARGET MISSED'}"
            f" ({row['per_page']} posts per archive page{', feed or REST' if row['feed_or_rest'] else ''})"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=3, help="multiplies each author's solo posts (default 3)")
    args = parser.parse_args(argv)
    sites = fixture_sites(args.scale)
    for site in sites:
        if site.theme == "wpfree":
            # The tests page this theme four posts at a time to reach page 3 with few posts; here it
            # pages as WordPress does out of the box (Settings > Reading: 10 posts per page).
            site.per_page = 10
    report: dict = {"scale": args.scale, "themes": crawl_themes(sites)}
    print(f"discovery on the fixture web (scale {args.scale}): one crawl per author, seeded with one of their articles")
    ok = show(report["themes"])
    report["cores"] = os.cpu_count()
    write_result("discovery", report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
