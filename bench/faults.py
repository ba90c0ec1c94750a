"""Fault benchmark: crawls killed with SIGKILL at random points, bad inputs, hostile archives.

Prints kills survived, records lost and duplicated, torn JSONL lines, the corpus integrity check,
the bad-input cases (hostile pages, bad command lines) tried and passed, and each hostile archive
against its targets. Everything runs on loopback. Writes bench/results/faults.json; exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import write_result
from bench.archives import hostile_archives, print_archives
from bench.bad_inputs import command_cases, site_cases
from crawler.urls import normalize_url
from tests.site.content import Article, Site
from tests.site.server import serve
from tests.site.themes import article_url

ROOT = Path(__file__).resolve().parent.parent


def crawl_command(workdir: Path, seeds: list[str], extra: dict[str, str] | None = None) -> list[str]:
    settings = {
        "CORPUS_DB": str(workdir / "corpus.sqlite3"), "JOBDIR": str(workdir / "job"),
        "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.02", "CONCURRENT_REQUESTS": "4",
        "EXTRACTION_WORKERS": "1", "LOG_LEVEL": "ERROR", "SUMMARY_ENABLED": "False",
        "FEEDS": json.dumps({str(workdir / "items.jsonl"): {"format": "jsonlines", "encoding": "utf8"}}),
        **(extra or {}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "author", "-a", f"urls={','.join(seeds)}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def urls_of(site: Site, article: Article) -> set[str]:
    """The URLs ``article`` is served at: its own, and its reposted copy's if it has one."""
    urls = {normalize_url(article_url(site, article))}
    if article.repost_slug:
        urls.add(normalize_url(article_url(site, article, article.repost_slug)))
    return urls


def solo(site: Site) -> Article:
    return next(a for a in site.primary(site.authors[0]) if a.authors == [site.authors[0]])


def kill_loop(kills: int, seed: int) -> dict:
    """Crawl the fixture web, SIGKILL it ``kills`` times at random points, finish it; count the damage."""
    rng = random.Random(seed)
    with serve() as served, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        sites = [holder.site for holder in served.values()]
        groups = [urls_of(s, a) for s in sites for a in s.by(s.authors[0])]
        command = crawl_command(workdir, [article_url(s, solo(s)) for s in sites])
        survived = attempts = 0
        while survived < kills and attempts < 4 * kills:  # a run may finish before its kill comes
            attempts += 1
            proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            time.sleep(rng.uniform(0.3, 2.5))
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                survived += 1
            proc.wait(timeout=60)
        final = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
        with sqlite3.connect(workdir / "corpus.sqlite3") as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            stored = [row[0] for row in db.execute("SELECT canonical_url FROM articles")]
        torn, lines = 0, []
        for line in (workdir / "items.jsonl").read_text(encoding="utf-8").splitlines():
            try:
                lines.append(json.loads(line)["canonical_url"])
            except ValueError:
                torn += 1
    present = set(stored)
    return {
        "kills": survived,
        "final_run_ok": final.returncode == 0,
        "articles": len(groups),
        "records_lost": sum(1 for g in groups if not g & present),
        "records_duplicated": sum(max(0, len(g & present) - 1) for g in groups) + len(stored) - len(present),
        "stored_not_the_authors": len(present - set().union(*groups)),
        "jsonl_torn_lines": torn,
        "jsonl_duplicated_lines": len(lines) - len(set(lines)),
        "jsonl_lines_not_in_corpus": len(set(lines) - present),
        "jsonl_records_missing": len(present - set(lines)),
        "integrity_check": integrity,
    }


def bad_inputs() -> dict:
    """The hostile site's pages and the bad command lines; each must end as expected."""
    cases = site_cases(crawl_command) | command_cases()
    failed = sorted(name for name, ok in cases.items() if not ok)
    return {"tried": len(cases), "passed": sum(cases.values()), "failed": failed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nested", type=int, default=2000, help="entries of the nested archive")
    parser.add_argument("--huge", type=int, default=250_000, help="links of the huge archive page")
    parser.add_argument("--links", type=int, default=550_000, help="links on the article of links (15 MB)")
    parser.add_argument("--stop-after", type=float, default=3.0, help="seconds before the SIGTERM")
    args = parser.parse_args(argv)
    archives = hostile_archives(args.nested, args.huge, args.links, args.stop_after)
    report = {"kill_loop": kill_loop(args.kills, args.seed), "bad_inputs": bad_inputs(), "archives": archives,
              "cores": os.cpu_count()}
    k, b, a = report["kill_loop"], report["bad_inputs"], report["archives"]
    print(f"kills survived: {k['kills']} (crawls cut by SIGKILL, then resumed with the same JOBDIR and store)")
    print(f"records lost: {k['records_lost']} of {k['articles']}; records duplicated: {k['records_duplicated']}")
    print(f"JSONL: torn lines {k['jsonl_torn_lines']}, duplicated lines {k['jsonl_duplicated_lines']}, "
          f"lines not in the corpus {k['jsonl_lines_not_in_corpus']}, corpus records missing from it "
          f"{k['jsonl_records_missing']}")
    print(f"SQLite integrity_check: {k['integrity_check']}")
    failed = f" (failed: {b['failed']})" if b["failed"] else ""
    print(f"bad-input cases: {b['passed']} of {b['tried']} passed{failed}")
    print_archives(a)
    write_result("faults", report)
    ok = (k["records_lost"] == k["records_duplicated"] == k["jsonl_torn_lines"] == k["jsonl_duplicated_lines"] == 0
          and k["integrity_check"] == "ok" and not b["failed"] and a["ok"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
