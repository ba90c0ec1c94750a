"""Run one real crawl in this process and write its Scrapy stats as JSON (used by tests in a subprocess)."""

from __future__ import annotations

import argparse
import json
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settings", default="{}", help="JSON object of setting overrides")
    parser.add_argument("--spargs", default="{}", help="JSON object of spider arguments")
    parser.add_argument("--stats-out", required=True)
    args = parser.parse_args()

    settings = get_project_settings()
    settings.setdict(json.loads(args.settings), priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("author")
    process.crawl(crawler, **json.loads(args.spargs))
    process.start()
    stats = {key: value if isinstance(value, int | float | str) else str(value)
             for key, value in crawler.stats.get_stats().items()}
    with open(args.stats_out, "w", encoding="utf-8") as fh:
        json.dump(stats, fh, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
