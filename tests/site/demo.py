"""`make demo`: serve the bundled sample sites on loopback and crawl each from one article URL."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.site.content import fixture_sites
from tests.site.server import serve
from tests.site.themes import article_url

ROOT = Path(__file__).resolve().parents[2]
DEMO_PORTS = [8741, 8742, 8743, 8744, 8745, 8746]
#: Every post of the 'twenty' site ends with its author's sign-off: site-level template learning drops it.
SIGNOFF = "Nina Park writes the Winter Markets column every Monday; tips go to the news desk."


def main() -> int:
    # Stable ports when free, so a second `make demo` sees the same URLs and finds nothing new.
    sites = fixture_sites()
    for site in sites:
        if site.name == "twenty":
            for article in site.articles:
                article.body = [*article.body, SIGNOFF]
    with serve(sites, ports=DEMO_PORTS) as served:
        seeds = []
        for holder in served.values():
            site = holder.site
            seed = article_url(site, site.primary(site.authors[0])[0])
            seeds.append(seed)
            print(f"Sample site {site.name!r} ({site.theme} theme) on {site.base_url}/ ; seed: {seed}")
        print("Crawling every article by each seed's author ...", flush=True)
        started = time.monotonic()
        # The real command a user runs, against the loopback sites.
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "author", "-a", f"urls={','.join(seeds)}",
             "-s", "LOG_LEVEL=WARNING"],
            cwd=ROOT,
            check=False,
        )
        print(f"Output: {ROOT / 'data' / 'articles.jsonl'} and {ROOT / 'data' / 'corpus.sqlite3'}"
              f" ({time.monotonic() - started:.1f} s in all)")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
