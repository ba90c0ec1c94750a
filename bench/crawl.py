"""Speed benchmark: fetch bound, extraction bound, the project's crawl, and trafilatura's own, on one web.

Builds a static web of ``--pages`` article pages from the shared benchmark's real pages (bench/web.py),
serves it with Twisted's static file server on loopback, and measures in one run:
(a) fetch only (a bare Scrapy spider), (b) extraction only (trafilatura in a pool of all cores),
(c) the project's full crawl with 1 and with all extraction workers, (d) trafilatura's CLI
(``--input-file --parallel``, its per-host sleep set to 0 like ours). (c) with all workers and (d) run
``ROUNDS`` times, alternately, since the machine's speed drifts: their medians, and the median of each
round's c/d, are reported. Writes bench/results/crawl.json.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from bench import write_result
from bench.web import article_path, bench_setup, build_web
from crawler.extraction.body import NoArticle
from crawler.extraction.worker import extract_page

ROOT = Path(__file__).resolve().parent.parent

# Runs a command and prints its CPU seconds and the peak RSS of its largest process, as JSON.
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter(); rc = subprocess.run(sys.argv[1:]).returncode; wall = time.perf_counter() - t\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': rc, 'wall': wall, 'cpu': u.ru_utime + u.ru_stime, 'peak_rss_kib': u.ru_maxrss}))\n"
)


def measured(command: list[str], cwd: Path = ROOT) -> dict:
    """Run ``command``; return its wall time, CPU seconds (itself and its children) and peak RSS."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                          check=False)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise RuntimeError(f"{command[:4]} failed:\n{proc.stderr[-2000:]}")
    return result


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _extract_file(path: str) -> bool:
    try:
        extract_page(Path(path).read_text(encoding="utf-8"), "http://bench.example/", "seed", False)
    except NoArticle:
        return False
    return True


def extraction_only(paths: list[str], workers: int) -> dict:
    """Extract every page in a process pool of ``workers``; pages per second and CPU seconds."""
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_extract_file, paths[: workers * 4]))  # warm the workers up
        pids = [p.pid for p in pool._processes.values()]
        cpu_before = sum(process_cpu(pid) for pid in pids)
        began = time.perf_counter()
        ok = sum(pool.map(_extract_file, paths, chunksize=8))
        wall = time.perf_counter() - began
        cpu = sum(process_cpu(pid) for pid in pids) - cpu_before
    return {"pages": len(paths), "extracted": ok, "wall": wall, "pages_per_s": len(paths) / wall, "cpu": cpu}


def full_crawl(base: str, seeds: list[str], workdir: Path, workers: int, run_id: str = "") -> dict:
    """The project's crawl of every author (a fresh corpus per ``run_id``), with ``workers`` extraction processes."""
    name = f"{workers}{run_id}"
    stats_out = workdir / f"stats-{name}.json"
    settings = {
        "CORPUS_DB": str(workdir / f"corpus-{name}.sqlite3"),
        "FEEDS": {str(workdir / f"items-{name}.jsonl"): {"format": "jsonlines"}},
        "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "EXTRACTION_WORKERS": workers, "LOG_LEVEL": "ERROR", "AUTHOR_MAX_ARCHIVE_PAGES": 1000,
        "ALLOW_PRIVATE_ADDRESSES": True,
    }
    run = measured([sys.executable, "-m", "tests.crawl_runner", "--settings", json.dumps(settings),
                    "--spargs", json.dumps({"urls": ",".join(base + s for s in seeds)}),
                    "--stats-out", str(stats_out)])
    stats = json.loads(stats_out.read_text())
    pages = stats.get("extract/ok", 0) + sum(v for k, v in stats.items() if k.startswith("extract/dropped/"))
    return {**run, "pages": pages, "stored": stats.get("store/inserted", 0),
            "requests": stats.get("downloader/request_count", 0), "pages_per_s": pages / run["wall"],
            "reactor_blocked": stats.get("reactor/blocked", 0), "max_block_ms": stats.get("reactor/max_block_ms", 0)}


def trafilatura_cli(urls_file: Path, workdir: Path, parallel: int, run_id: str = "") -> dict:
    """trafilatura's own downloader and extractor over the same article URLs (fresh output per ``run_id``)."""
    config = workdir / "trafilatura.cfg"
    config.write_text("[DEFAULT]\nDOWNLOAD_TIMEOUT = 30\nSLEEP_TIME = 0\nSSRF_PROTECTION = off\n", encoding="utf-8")
    out = workdir / f"trafilatura-out{run_id}"
    run = measured([str(Path(sys.executable).parent / "trafilatura"), "--input-file", str(urls_file),
                    "--parallel", str(parallel), "--output-dir", str(out), "--config-file", str(config)])
    written = sum(1 for _ in out.rglob("*") if _.is_file()) if out.exists() else 0
    pages = len(urls_file.read_text().splitlines())
    return {**run, "pages": pages, "written": written, "pages_per_s": pages / run["wall"]}


#: Alternated runs of (c) with all workers and (d): one run of each swings by a quarter on a shared machine.
ROUNDS = 3


def median_run(runs: list[dict]) -> dict:
    """The run with the median pages per second (the lower middle one of an even count)."""
    return sorted(runs, key=lambda run: run["pages_per_s"])[(len(runs) - 1) // 2]


@contextmanager
def served(web: Path) -> Iterator[tuple[str, int]]:
    """Serve ``web`` with twisted.web.static on a free loopback port; yield its base URL and the server's pid."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "twisted", "web", "--listen",
                               f"tcp:{port}:interface=127.0.0.1", "--path", str(web)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch_only(base: str, seeds_file: Path, workdir: Path, server_pid: int) -> dict:
    """(a): the crawl's downloads alone, with the server's CPU they cost."""
    out = workdir / "fetch.json"
    server_cpu = process_cpu(server_pid)
    fetch = measured([sys.executable, "-m", "bench.fetch_only", base, str(seeds_file), str(out)])
    fetch["server_cpu"] = process_cpu(server_pid) - server_cpu
    fetch.update(json.loads(out.read_text()))
    fetch["pages_per_s"] = fetch["articles"] / fetch["wall"]
    return fetch


def measure(report: dict, workdir: Path, real: list, cores: int) -> None:
    """Run (a) to (d) on a web built from ``real`` pages, into ``report``."""
    web = workdir / "web"
    by_author = build_web(web, real, report["pages"], report["authors"])
    seeds = [article_path(pages[0]) for pages in by_author.values()]
    (workdir / "seeds.txt").write_text("\n".join(seeds), encoding="utf-8")
    with served(web) as (base, server_pid):
        urls = "\n".join(base + article_path(i) for i in range(report["pages"]))
        (workdir / "urls.txt").write_text(urls, encoding="utf-8")
        report["a_fetch_only"] = fetch_only(base, workdir / "seeds.txt", workdir, server_pid)
        paths = [str(web / "a" / f"{i}.html") for i in range(report["pages"])]
        report["b_extraction_only"] = extraction_only(paths, cores)
        report["b_extraction_only_1_worker"] = extraction_only(paths[: max(200, report["pages"] // 10)], 1)
        report["c_crawl_1_worker"] = full_crawl(base, seeds, workdir, 1)
        rounds = [(full_crawl(base, seeds, workdir, cores, f"-{i}"),
                   trafilatura_cli(workdir / "urls.txt", workdir, cores, f"-{i}")) for i in range(ROUNDS)]
    report["c_crawl"] = median_run([c for c, _ in rounds])
    report["d_trafilatura_cli"] = median_run([d for _, d in rounds])
    report["rounds"] = [{"c_pages_per_s": c["pages_per_s"], "d_pages_per_s": d["pages_per_s"],
                         "c_over_d": c["pages_per_s"] / d["pages_per_s"]} for c, d in rounds]


def derive(report: dict, cores: int) -> None:
    """The ceiling this machine allows and the ratios between the runs, into ``report``."""
    a, b, c, c1, d = (report[k] for k in ("a_fetch_only", "b_extraction_only", "c_crawl", "c_crawl_1_worker",
                                          "d_trafilatura_cli"))
    # What this machine allows at best. Every article costs the server and Scrapy's downloads (a's CPU,
    # server included, per article: archive pages are part of the price) plus its extraction (b's CPU);
    # the cores share both. One extraction process can do no better than b's CPU per page allows.
    fetch_cpu = (a["cpu"] + a["server_cpu"]) / a["articles"]
    extract_cpu = b["cpu"] / b["pages"]
    best = cores / (fetch_cpu + extract_cpu)
    report["ceiling"] = {
        "fetch_cpu_ms_per_page": fetch_cpu * 1000, "extraction_cpu_ms_per_page": extract_cpu * 1000,
        "best_c_pages_per_s": best, "best_c_over_b": best / b["pages_per_s"],
        "best_c_cores_over_c_1_worker": best / min(best, 1 / extract_cpu),
        "c_over_best": c["pages_per_s"] / best,
    }
    report["ratios"] = {
        "c_over_b": c["pages_per_s"] / b["pages_per_s"],
        "c_over_d": c["pages_per_s"] / d["pages_per_s"],
        "c_over_d_median_of_rounds": statistics.median(x["c_over_d"] for x in report["rounds"]),
        "c_cores_over_c_1_worker": c["pages_per_s"] / c1["pages_per_s"],
        "c_cpu_utilisation": c["cpu"] / (c["wall"] * cores),
    }


def show(report: dict, real: list, cores: int) -> None:
    """Print the runs, their ratios and the ceiling."""
    a, b, c, c1, d = (report[k] for k in ("a_fetch_only", "b_extraction_only", "c_crawl", "c_crawl_1_worker",
                                          "d_trafilatura_cli"))
    r, ce = report["ratios"], report["ceiling"]
    print(f"speed on {report['pages']} pages from {len(real)} real ones, {cores} cores, served by twisted.web.static")
    print(f"(a) fetch only            {a['pages_per_s']:8.1f} pages/s  ({a['articles']} articles,"
          f" {a['pages']} responses)")
    print(f"(b) extraction only       {b['pages_per_s']:8.1f} pages/s  (pool of {cores})")
    print(f"(c) project crawl, 1 worker {c1['pages_per_s']:6.1f} pages/s  peak RSS {c1['peak_rss_kib'] / 1024:.0f} MiB")
    print(f"(c) project crawl, {cores} workers {c['pages_per_s']:5.1f} pages/s  CPU {r['c_cpu_utilisation']:.0%} of"
          f" {cores} cores, peak RSS {c['peak_rss_kib'] / 1024:.0f} MiB, reactor blocked {c['reactor_blocked']}x"
          f" (max {c['max_block_ms']} ms), stored {c['stored']}")
    print(f"(d) trafilatura CLI       {d['pages_per_s']:8.1f} pages/s  (--parallel {cores}, {d['written']} files)")
    print("rounds of (c) and (d), alternated: " + ", ".join(
        f"{x['c_pages_per_s']:.1f}/{x['d_pages_per_s']:.1f} = {x['c_over_d']:.2f}" for x in report["rounds"]))
    print(f"c/b = {r['c_over_b']:.2f}   c/d = {r['c_over_d']:.2f} (medians; median of the rounds' c/d"
          f" {r['c_over_d_median_of_rounds']:.2f})"
          f"   c({cores})/c(1) = {r['c_cores_over_c_1_worker']:.2f}")
    print(f"ceiling on this machine: fetching costs {ce['fetch_cpu_ms_per_page']:.1f} ms CPU an article"
          f" (server included), extraction {ce['extraction_cpu_ms_per_page']:.1f} ms;"
          f" so at best c = {ce['best_c_pages_per_s']:.1f} pages/s, c/b = {ce['best_c_over_b']:.2f},"
          f" c({cores})/c(1) = {ce['best_c_cores_over_c_1_worker']:.2f};"
          f" the crawl reaches {ce['c_over_best']:.0%} of it")


def main(argv: list[str] | None = None) -> int:
    args, real = bench_setup(argv, __doc__, pages=5000, authors=50)
    cores = os.cpu_count() or 1
    report: dict = {"pages": args.pages, "authors": args.authors, "cores": cores, "server": "twisted.web.static"}
    with tempfile.TemporaryDirectory() as tmp:
        measure(report, Path(tmp), real, cores)
    derive(report, cores)
    show(report, real, cores)
    write_result("crawl", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
