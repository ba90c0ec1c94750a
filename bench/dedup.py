"""Deduplication benchmark: near-duplicate quality on real article bodies, and index scale on synthetic keys.

Quality: the 181 ground-truth bodies of ``../shared/benchmarks/article-extraction/`` are indexed; four
variants of each (other boilerplate wrapped around it, 5% of words edited, the first 60% only,
paragraphs reordered) must be found as duplicates of their original; every original checked against
all the others must not be; nor may distinct bodies wrapped in one shared theme template (the
template trap). A 64-bit SimHash at Hamming distance <= 3 (Manku et al., WWW 2007) is scored on the
same pairs for comparison.

Scale: ``--scale`` synthetic documents (default 1,000,000) with random band keys go through
check-then-insert on one core, as the pipeline does; then a second pass of pure checks. Resident
memory of the index is the process's RSS growth divided by the documents.

Usage: ``make bench-dedup`` or ``python -m bench.dedup [--data DIR] [--scale N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import xxhash

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import write_result  # noqa: E402
from pipelines.fingerprint import Fingerprinter, shingles  # noqa: E402
from pipelines.neardup import NearDuplicates  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction"

HEADER = (
    "Home | World | Business | Tech | Opinion\nSubscribe to our newsletter\n"
    "This story originally appeared on the partner network and is republished with permission."
)
FOOTER = (
    "Share this article: Facebook Twitter LinkedIn Email\n"
    "Sign up for the morning briefing, the stories you need to start your day, delivered to your inbox.\n"
    "Trending now: Markets slide as rates rise; The ten best gadgets of the year; Why cities are banning cars"
)
TEMPLATE_BIO = (
    "About the author: Jane Doe covers technology and business for the site. She has written for many "
    "publications and lives in Lisbon with two cats. Follow her on social media for daily updates.\n"
    "Enjoyed this post? Subscribe to the newsletter and get every new article by email, free, once a week.\n"
    "Read the full analysis in my latest blog."
)
_FILLER = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]


def wrapped(text: str, rng: random.Random) -> str:
    """The body inside another site's header and footer."""
    return f"{HEADER}\n\n{text}\n\n{FOOTER}"


def edited(text: str, rng: random.Random) -> str:
    """The body with 5% of its words replaced."""
    parts = re.split(r"(\s+)", text)
    words = [i for i, part in enumerate(parts) if part and not part.isspace()]
    for i in rng.sample(words, max(1, len(words) // 20)):
        parts[i] = rng.choice(_FILLER)
    return "".join(parts)


def truncated(text: str, rng: random.Random) -> str:
    """The first 60% of the body's words (a teaser)."""
    parts = re.split(r"(\s+)", text)
    words = [i for i, part in enumerate(parts) if part and not part.isspace()]
    return "".join(parts[: words[int(len(words) * 0.6)]]).rstrip()


def reordered(text: str, rng: random.Random) -> str:
    """The body's paragraphs in another order."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    shuffled = paragraphs[:]
    while len(paragraphs) > 1 and shuffled == paragraphs:
        rng.shuffle(shuffled)
    return "\n\n".join(shuffled)


VARIANTS: dict[str, Callable[[str, random.Random], str]] = {
    "wrapped": wrapped,
    "edited 5%": edited,
    "first 60%": truncated,
    "reordered": reordered,
}


def simhash(text: str, size: int = 3) -> int:
    """64-bit SimHash of the shingles of ``text`` (the reference method)."""
    hashes = np.array([xxhash.xxh64_intdigest(" ".join(s).encode()) for s in shingles(text, size)], dtype=np.uint64)
    if not len(hashes):
        return 0
    bits = (hashes[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    votes = bits.sum(axis=0) * 2 > len(hashes)
    return int(sum(1 << i for i, v in enumerate(votes) if v))


class _SimHashes:
    """SimHash near-duplicate lookup over a set of bodies: within 3 bits of another's fingerprint."""

    def __init__(self, bodies: list[str]) -> None:
        self.sims = [simhash(body) for body in bodies]

    def match(self, text: str, exclude: int | None = None) -> int | None:
        mine = simhash(text)
        near = [i for i, other in enumerate(self.sims) if i != exclude and (mine ^ other).bit_count() <= 3]
        return near[0] if near else None


def _variants_found(store: dict[int, str], detector: NearDuplicates, sims: _SimHashes) -> tuple[dict, dict, dict]:
    """Each variant of each body looked up: per variant, the share found; per method, true and false matches."""
    rng = random.Random(181)
    results: dict[str, dict] = {}
    tp = {"minhash": 0, "simhash": 0}
    fp = {"minhash": 0, "simhash": 0}
    for name, make in VARIANTS.items():
        found = {"minhash": 0, "simhash": 0}
        for doc_id, body in store.items():
            variant = make(body, rng)
            match = detector.find(variant)
            got = {"minhash": match.doc_id if match else None, "simhash": sims.match(variant)}
            for method, other in got.items():
                if other == doc_id:
                    found[method] += 1
                    tp[method] += 1
                elif other is not None:
                    fp[method] += 1
        results[name] = {method: found[method] / len(store) for method in found}
    return results, tp, fp


def _template_trap(store: dict[int, str], fingerprinter: Fingerprinter, threshold: float) -> dict[str, int]:
    """Distinct bodies, one shared template around each: how many each method merges."""
    themed = {doc_id: f"{body}\n\n{TEMPLATE_BIO}" for doc_id, body in store.items()}
    trap = NearDuplicates(themed.get, fingerprinter, threshold)
    for doc_id, body in themed.items():
        trap.add(doc_id, trap.keys(body))
    themed_sims = _SimHashes(list(themed.values())).sims
    return {
        "minhash": sum(trap.find(body, exclude=doc_id) is not None for doc_id, body in themed.items()),
        "simhash": sum(any(i != j and (a ^ b).bit_count() <= 3 for j, b in enumerate(themed_sims))
                       for i, a in enumerate(themed_sims)),
    }


def quality(bodies: list[str], fingerprinter: Fingerprinter, threshold: float) -> dict:
    """Precision and recall of "is a duplicate" on the labelled set, for MinHash LSH and for SimHash."""
    store = dict(enumerate(bodies))
    detector = NearDuplicates(store.get, fingerprinter, threshold)
    for doc_id, body in store.items():
        detector.add(doc_id, detector.keys(body))
    sims = _SimHashes(bodies)
    results, tp, fp = _variants_found(store, detector, sims)
    positives = len(VARIANTS) * len(store)
    for doc_id, body in store.items():  # every original against all the others
        fp["minhash"] += detector.find(body, exclude=doc_id) is not None
        fp["simhash"] += sims.match(body, exclude=doc_id) is not None
    trapped = _template_trap(store, fingerprinter, threshold)
    for method in fp:
        fp[method] += trapped[method]
    summary = {}
    for method in ("minhash", "simhash"):
        flagged = tp[method] + fp[method]
        summary[method] = {
            "precision": tp[method] / flagged if flagged else 1.0,
            "recall": tp[method] / positives,
            "false_merges": fp[method],
        }
    return {
        "variants": results,
        "summary": summary,
        "template_trap_merged": trapped,
        "positives": positives,
        "negatives": 2 * len(store),
    }


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def scale(n: int, fingerprinter: Fingerprinter) -> dict:
    """Insert and check throughput, and bytes per document, for ``n`` synthetic documents.

    Every document is checked, then inserted (the pipeline's path), timed apart; then 100,000
    checks of keys taken from indexed documents (each a hit) are timed on the full index.
    """
    detector = NearDuplicates(lambda _doc: None, fingerprinter)
    index = detector.index
    rng = np.random.default_rng(7)
    batch = 100_000
    gc.collect()
    before = _rss()
    checking = inserting = 0.0
    clock = time.perf_counter
    for start in range(0, n, batch):
        keys = rng.integers(0, 1 << 31, size=(min(batch, n - start), fingerprinter.bands), dtype=np.int64)
        for offset in range(len(keys)):
            row = keys[offset].tolist()
            began = clock()
            index.candidates(row)
            checked = clock()
            index.add(start + offset, row)
            inserting += clock() - checked
            checking += checked - began
        del keys
    index.flush()
    gc.collect()
    grown = _rss() - before
    rng = np.random.default_rng(7)  # the same keys again: every query finds its document
    queries = rng.integers(0, 1 << 31, size=(min(n, 100_000), fingerprinter.bands), dtype=np.int64).tolist()
    began = clock()
    hits = sum(len(index.candidates(row)) > 0 for row in queries)
    hit_checks = len(queries) / (clock() - began)
    return {
        "documents": n,
        "inserts_per_s": n / inserting,
        "checks_per_s": n / checking,
        "hit_checks_per_s": hit_checks,
        "hits": hits,
        "rss_bytes_per_document": grown / n,
        "array_bytes_per_document": index.nbytes / n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--threshold", type=float, default=None, help="containment threshold (default: settings)")
    args = parser.parse_args(argv)
    from crawler import settings

    truth = args.data / "ground-truth.json"
    if not truth.is_file():
        print(f"error: no ground truth at {truth}", file=sys.stderr)
        return 2
    bodies = [entry["articleBody"] for entry in json.loads(truth.read_text()).values()]
    fingerprinter = Fingerprinter(settings.NEAR_DUP_BANDS, settings.NEAR_DUP_ROWS, settings.NEAR_DUP_SHINGLE)
    threshold = args.threshold if args.threshold is not None else settings.NEAR_DUP_THRESHOLD
    report = {"fingerprinter": fingerprinter.params, "threshold": threshold, "cores": os.cpu_count()}
    report["quality"] = quality(bodies, fingerprinter, threshold)
    q = report["quality"]
    print(f"near-duplicates on {len(bodies)} real bodies ({fingerprinter.params}, containment >= {threshold})")
    print(f"{'variant':<12} {'minhash':>8} {'simhash':>8}   (recall)")
    for name, row in q["variants"].items():
        print(f"{name:<12} {row['minhash']:>8.3f} {row['simhash']:>8.3f}")
    for method, row in q["summary"].items():
        print(
            f"{method}: precision {row['precision']:.4f}  recall {row['recall']:.4f}  false merges "
            f"{row['false_merges']} (template trap: {q['template_trap_merged'][method]})"
        )
    report["scale"] = scale(args.scale, fingerprinter)
    s = report["scale"]
    print(
        f"index of {s['documents']:,} synthetic documents, one core: {s['inserts_per_s']:,.0f} inserts/s, "
        f"{s['checks_per_s']:,.0f} checks/s while growing, {s['hit_checks_per_s']:,.0f} checks/s on the full "
        f"index ({s['hits']:,} hits); {s['rss_bytes_per_document']:.0f} B/doc resident "
        f"({s['array_bytes_per_document']:.0f} B/doc in the arrays)"
    )
    write_result("dedup", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
