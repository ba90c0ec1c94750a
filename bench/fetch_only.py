"""The fetch bound: a bare Scrapy spider that downloads the benchmark web and follows its links, no extraction.

Run as ``python -m bench.fetch_only BASE_URL SEEDS_FILE STATS_OUT``; writes {"pages": N, "articles": M}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess


class FetchOnly(scrapy.Spider):
    """Follow every same-site article and author link; parse nothing else."""

    name = "fetch_only"

    def __init__(self, seeds: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.seeds = seeds
        self.articles = 0

    async def start(self):
        for seed in self.seeds:
            yield scrapy.Request(seed)

    def parse(self, response):
        if urlsplit(response.url).path.startswith("/a/"):
            self.articles += 1
        for href in response.css("a::attr(href)").getall():
            if href.startswith(("/a/", "/author/")):
                yield response.follow(href)


def main() -> int:
    base, seeds_file, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    seeds = [base + line.strip() for line in seeds_file.read_text().splitlines() if line.strip()]
    process = CrawlerProcess({
        "ROBOTSTXT_OBEY": False, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    })
    crawler = process.create_crawler(FetchOnly)
    process.crawl(crawler, seeds=seeds)
    process.start()
    pages = crawler.stats.get_value("response_received_count", 0)
    out.write_text(json.dumps({"pages": pages, "articles": crawler.spider.articles}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
