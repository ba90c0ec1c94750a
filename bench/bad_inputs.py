"""The fault benchmark's bad inputs: the hostile site's pages, and bad command lines of every kind.

Each case passes when it ends as it must: a page kept or counted and dropped; a command line with
one line on stderr, the right exit status, no traceback, no secret printed, nothing written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pipelines.corpus.database import Corpus
from tests.corpora import damage_pages, record
from tests.site.hostile import BAD, GOOD, serve_hostile

ROOT = Path(__file__).resolve().parent.parent
SECRET = "hunter2"


def scrapy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def site_cases(crawl_command) -> dict[str, bool]:
    """Crawl the hostile site once; each bad page must end as expected (kept, or counted and not kept)."""
    with serve_hostile() as hostile, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        limits = {"DOWNLOAD_MAXSIZE": str(1024 * 1024), "DOWNLOAD_WARNSIZE": str(256 * 1024),
                  "DOWNLOAD_TIMEOUT": "3", "RETRY_TIMES": "1", "JOBDIR": ""}
        proc = subprocess.run(crawl_command(workdir, [hostile.base_url + "/seed"], limits), cwd=ROOT,
                              capture_output=True, text=True, timeout=600, check=False)
        items = (workdir / "items.jsonl").read_text(encoding="utf-8").splitlines()
        kept = {json.loads(line)["url"].removeprefix(hostile.base_url) for line in items}
        cases = {path: path in kept for path in GOOD} | {path: path not in kept for path in BAD}
        cases["robots.txt obeyed"] = hostile.hits["/private/secret"] == 0
        cases["no private address reached"] = not hostile.other_hits
        cases["404/410 not retried"] = hostile.hits["/gone404"] == 1 and hostile.hits["/gone410"] == 1
        cases["crawl exit status 0, no traceback"] = proc.returncode == 0 and "Traceback" not in proc.stderr
    return cases


def _damaged_corpus(path: Path) -> Path:
    corpus = Corpus(path)
    for n in range(400):
        corpus.add(record(n))
    corpus.close()  # the last connection: the WAL is written back into the file
    damage_pages(path)
    return path


def _command_lines(tmp: Path) -> dict[str, tuple[list[str], int]]:
    """Each bad command line, and the exit status it must end with."""
    seed, db = ["-a", "url=http://127.0.0.1:9/x"], ["-s", f"CORPUS_DB={tmp / 'corpus.sqlite3'}"]
    damaged = ["-s", f"CORPUS_DB={_damaged_corpus(tmp / 'damaged.sqlite3')}"]
    watchlist = tmp / "watch.toml"
    watchlist.write_text('[[target]]\nurl = "http://a.example/"\n[target.politeness]\nDOWNLOAD_DELAY = "abc"\n')
    (tmp / "blocker").write_text("a file, not a folder")
    crawl = ["crawl", "author"]
    return {
        "no seed": ([*crawl, *db], 2),
        "seed without a scheme": ([*crawl, "-a", "url=example.com/post", *db], 2),
        "seed that is not a URL": ([*crawl, "-a", "url=http://[::1", *db], 2),
        "seed host with a space": ([*crawl, "-a", "url=https://exa mple.com/", *db], 2),
        "seed with a password": ([*crawl, "-a", f"url=http://user:{SECRET}@127.0.0.1:9/x", *db], 2),
        "seed of 10 KB": ([*crawl, "-a", "url=http://a.example/" + "x" * 10_000, *db], 2),
        "urls_file /dev/zero": ([*crawl, "-a", "urls_file=/dev/zero", *db], 2),
        "urls_file missing": ([*crawl, "-a", f"urls_file={tmp / 'nope.txt'}", *db], 2),
        "negative time limit": ([*crawl, *seed, *db, "-s", "EXTRACTION_TIME_LIMIT=-5"], 2),
        "delay not a number": ([*crawl, *seed, *db, "-s", "DOWNLOAD_DELAY=abc"], 2),
        "switch not true/false": ([*crawl, *seed, *db, "-s", "GC_FREEZE=maybe"], 2),
        "feed that cannot be written": ([*crawl, *seed, *db, "-O", str(tmp / "blocker" / "out.jsonl")], 2),
        "crawl on a damaged corpus": ([*crawl, *seed, *damaged], 1),
        "dump of a damaged corpus": (["dump", *damaged, "-o", str(tmp / "dump.jsonl")], 1),
        "authors of a damaged corpus": (["authors", *damaged], 1),
        "dump of no corpus": (["dump", "-s", f"CORPUS_DB={tmp / 'none.sqlite3'}", "-o", str(tmp / "dump.jsonl")], 2),
        "watch.toml with a bad politeness value": (["watch", "-w", str(watchlist), *db], 2),
        # The crawl runs (its log is more than one line), finds that no seed answers, and says so.
        "every seed refused": ([*crawl, *seed, *db, "-s", "RETRY_TIMES=0", "-s", "LOG_LEVEL=ERROR"], 1),
    }


def command_cases() -> dict[str, bool]:
    """Run each bad command line; it passes with one line on stderr, its exit status, nothing written."""
    cases = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (args, status) in _command_lines(Path(tmp)).items():
            result = scrapy(*args)
            said = ("No seed could be read" in result.stderr if name == "every seed refused"
                    else result.stderr.count("\n") == 1)
            cases[name] = (result.returncode == status and said and "Traceback" not in result.stderr
                           and SECRET not in result.stderr + result.stdout and not (Path(tmp) / "dump.jsonl").exists())
    return cases
