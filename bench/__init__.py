"""Benchmark scripts (run by `make bench-*`); never timed tests."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
#: ``../shared``'s wcxb-dev set, or ``WCXB_BENCH_DATA``: the real pages with author, date, title and body.
WCXB_DATA = ROOT.parent / "shared" / "benchmarks" / "wcxb-dev"


def write_result(name: str, result: dict) -> Path:
    """Write a benchmark's result to ``bench/results/<name>.json`` (what docs/figures.md is made from)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return out


def wcxb_parser(doc: str) -> argparse.ArgumentParser:
    """A benchmark's command line over wcxb-dev: ``--data`` and ``--limit`` (``doc``'s first line describes it)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("WCXB_BENCH_DATA", WCXB_DATA)))
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    return parser


def wcxb_missing(name: str, data: Path) -> bool:
    """Whether ``data`` holds no wcxb-dev set; if so, say so in one line on stderr (``name`` is the benchmark's)."""
    if (data / "ground-truth").is_dir():
        return False
    print(f"bench/{name}: no benchmark data at {data} (set --data or WCXB_BENCH_DATA)", file=sys.stderr)
    return True
