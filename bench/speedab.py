"""Extraction speed of two commits, paired page by page: is a change faster, beyond the run-to-run noise?

``make bench-extraction``'s ratio to trafilatura moves by 0.02 or so between runs on one machine, as much
as a change worth a few per cent. Here the base commit (checked out in a temporary git worktree) and
the working tree each run in a worker process of their own, both held to one core; every page goes to
both, one after the other, the order turning page by page, so both see the same machine at nearly the
same moment. Each worker times its project extractor and plain trafilatura on the page. Printed: each
side's median ratio to trafilatura, and the median of the paired per-page ratios (this tree's time over
the base's), for the project and, as a control, for trafilatura (which should be about 1.00).

Usage: ``python -m bench.speedab --base COMMIT [--data DIR] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.extraction import DEFAULT_DATA, ROOT

# The worker: reads page numbers on stdin, answers each with its two timings on stdout.
_WORKER = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
if hasattr(os, "sched_setaffinity"):
    # Both sides on one core: not one core's speed against another's.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from pathlib import Path
import trafilatura
from bench.extraction import load
from crawler.extraction.body import NoArticle
from crawler.extraction.record import extract_article

pages = load(Path(sys.argv[2]), int(sys.argv[3]) if sys.argv[3] != "all" else None)

def project(html, url):
    try:
        extract_article(html, url)
    except NoArticle:
        pass

def plain(html, url):
    trafilatura.extract(html, url=url)

for _, url, html, _ in pages[:3]:
    project(html, url), plain(html, url)
print(len(pages), flush=True)
for line in sys.stdin:
    index, project_first = map(int, line.split())
    _, url, html, _ = pages[index]
    timed = {}
    for name, func in (("project", project), ("plain", plain))[:: 1 if project_first else -1]:
        started = time.perf_counter()
        func(html, url)
        timed[name] = time.perf_counter() - started
    print(json.dumps(timed), flush=True)
"""


def _timings(roots: dict[str, Path], data: Path, limit: int | None) -> dict[str, list[dict[str, float]]]:
    """Each side's (project, plain) timings of every page, the sides and the extractors taking turns."""
    workers = {
        side: subprocess.Popen([sys.executable, "-c", _WORKER, str(root), str(data), str(limit or "all")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for side, root in roots.items()
    }
    started = {side: worker.stdout.readline().strip() for side, worker in workers.items()}
    if failed := [side for side, line in started.items() if not line.isdigit()]:
        for worker in workers.values():
            worker.kill()
        raise SystemExit(f"bench/speedab: the {failed[0]} side's worker did not start (its error is above)")
    counts = {side: int(line) for side, line in started.items()}
    timings: dict[str, list[dict[str, float]]] = {side: [] for side in workers}
    sides = list(workers)
    for index in range(min(counts.values())):
        for side in sides[index % 2 :] + sides[: index % 2]:
            workers[side].stdin.write(f"{index} {(index // 2) % 2}\n")
            workers[side].stdin.flush()
            timings[side].append(json.loads(workers[side].stdout.readline()))
    for worker in workers.values():
        worker.stdin.close()
        worker.wait()
    return timings


def report(timings: dict[str, list[dict[str, float]]]) -> str:
    lines = [f"{len(timings['base'])} pages"]
    for side, rows in timings.items():
        ratio = statistics.median(row["project"] / row["plain"] for row in rows)
        project_ms = statistics.median(row["project"] for row in rows) * 1000
        lines.append(f"{side:5} project / trafilatura, median of per-page ratios: {ratio:.3f} "
                     f"(project {project_ms:.1f} ms median)")
    for name in ("project", "plain"):
        paired = statistics.median(
            new[name] / old[name] for old, new in zip(timings["base"], timings["tree"], strict=True))
        lines.append(f"{name:7} time, this tree / base, median of per-page ratios: {paired:.3f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare the working tree with")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file() and not (args.data / "ground-truth").is_dir():
        print(f"bench/speedab: no benchmark data at {args.data} (set --data)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "base"
        added = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), args.base],
                               capture_output=True, text=True)
        if added.returncode:
            print(f"bench/speedab: cannot check out {args.base}: {added.stderr.strip()}", file=sys.stderr)
            return 2
        try:
            print(report(_timings({"base": base, "tree": ROOT}, args.data, args.limit)))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
