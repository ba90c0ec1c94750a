"""Benchmark scripts (run by `make bench-*`); never timed tests."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def write_result(name: str, result: dict) -> Path:
    """Write a benchmark's result to ``bench/results/<name>.json`` (what docs/figures.md is made from)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return out
