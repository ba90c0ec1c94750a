"""Scrapy settings for the author crawler. Every project setting is read from here."""

import os
from pathlib import Path

from crawler.items import RECORD_FIELDS

BOT_NAME = "author-crawler"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

#: Where the corpus, the default feed, the watch's job folders and the HTTP cache go: ``data/`` in the
#: working directory, or the folder named by the AUTHOR_CRAWLER_DATA environment variable. Never the
#: package's own folder, which is read-only, or inside a zipped egg, when deployed on Scrapyd. Each path
#: below is a setting of its own (``-s CORPUS_DB=…``).
DATA_DIR = Path(os.environ.get("AUTHOR_CRAWLER_DATA") or "data").resolve()

# -- politeness ------------------------------------------------------------------------------
USER_AGENT = "author-crawler/0.1 (+https://github.com/author-crawler/author-crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2

# -- discovery -------------------------------------------------------------------------------
#: Archive pages read per followed author, at most (guards against endless or branching pagination);
#: 0 means no limit, as do the other limits below.
AUTHOR_MAX_ARCHIVE_PAGES = 100
#: Links taken from any one archive page, feed, REST answer or author block, at most; the rest are
#: dropped and counted (``discovery/page_link_cap_reached``).
AUTHOR_MAX_LINKS_PER_PAGE = 2000

# -- extraction ------------------------------------------------------------------------------
#: Extraction worker processes; 0 means one per core.
EXTRACTION_WORKERS = 0
#: multiprocessing start method of the extraction pool.
EXTRACTION_MP_START = "spawn"
#: Memory (address space, MB) an extraction worker may use; a page that needs more is dropped and
#: counted as ``extract/dropped/too_large``, and the worker lives on. 0: no limit.
EXTRACTION_WORKER_MEMORY_MB = 512

# -- pipelines -------------------------------------------------------------------------------
#: Scrapy starts this many tasks for the output of every response (default 100). A page here yields
#: one item and a few requests; 100 idle tasks per response in flight made thousands of objects that
#: each full garbage collection walked, holding the reactor 50-100 ms every few seconds.
CONCURRENT_ITEMS = 8
#: Records with fewer body words than this are dropped as "too_short".
VALIDATE_MIN_WORDS = 50
#: Site-level template learning: a body line of at least TEMPLATE_MIN_WORDS words seen on at least
#: TEMPLATE_MIN_PAGES distinct pages of a site is that site's boilerplate and is dropped from its
#: bodies (stored ones are cleaned at the end of the run). TEMPLATE_MIN_PAGES = 0 switches it off.
TEMPLATE_MIN_PAGES = 5
TEMPLATE_MIN_WORDS = 4
#: Near-duplicate detection (MinHash LSH, see README): bands x rows MinHash values over word shingles
#: of NEAR_DUP_SHINGLE words; an LSH candidate is a duplicate when at least NEAR_DUP_THRESHOLD of the
#: smaller body's shingles are in the other body. NEAR_DUP_ENABLED = False keeps only the exact checks.
NEAR_DUP_ENABLED = True
NEAR_DUP_BANDS = 20
NEAR_DUP_ROWS = 2
NEAR_DUP_SHINGLE = 3
NEAR_DUP_THRESHOLD = 0.7
#: Do not fetch article URLs the corpus already holds; seeds and author archives are always fetched.
SKIP_KNOWN_ARTICLES = True
DOWNLOADER_MIDDLEWARES = {
    # Before everything else (robots.txt included): never even ask a private address for robots.txt.
    "crawler.downloadermiddlewares.privateaddresses.PrivateAddressMiddleware": 40,
    "crawler.downloadermiddlewares.skipknown.SkipKnownArticlesMiddleware": 50,
    "crawler.downloadermiddlewares.politeness.CrawlDelayMiddleware": 60,
    # After Scrapy's RetryMiddleware (550) in request order, so it sees responses first.
    "crawler.downloadermiddlewares.politeness.RetryAfterMiddleware": 560,
    # After Scrapy's RedirectMiddleware (600) in request order, so it sees a redirect before it is followed.
    "crawler.downloadermiddlewares.trailingslash.TrailingSlashMiddleware": 610,
}
#: Requests to private, loopback, link-local and metadata addresses are refused (seeds' own hosts excepted).
ALLOW_PRIVATE_ADDRESSES = False
#: The resolver connections go through: it fails any lookup whose answer is not public (DNS rebinding).
TWISTED_DNS_RESOLVER = "crawler.downloadermiddlewares.resolver.PublicOnlyResolver"
#: Honour Retry-After on 429/503 up to this many seconds; a longer wait gives the page up.
RETRY_AFTER_MAX = 120
#: robots.txt Crawl-delay is applied per host, up to this many seconds.
CRAWL_DELAY_MAX = 30
#: After this many permanent redirects from a host that only add a page address's trailing slash, its addresses
#: are asked with the slash (one request a page, not two); 0 switches it off.
TRAILING_SLASH_AFTER_REDIRECTS = 2
#: A page whose extraction takes longer than this (seconds, in the worker) is dropped as `timeout`.
EXTRACTION_TIME_LIMIT = 30
#: Redirect chains longer than this are given up (loops end here).
REDIRECT_MAX_TIMES = 5
#: Keep each article's fetched HTML (zstd) in the corpus, so `scrapy reextract` can rebuild records.
STORE_RAW_HTML = True
#: The SQLite corpus (WAL mode). Deduplication checks it, so repeat runs add only new articles.
CORPUS_DB = str(DATA_DIR / "corpus.sqlite3")
#: Before a crawl, SQLite's quick_check reads the corpus for damage, for up to this many seconds
#: (about 2 GB a second from the page cache); 0 skips it.
CORPUS_CHECK_SECONDS = 10.0

ITEM_PIPELINES = {
    "pipelines.extract.ExtractionPipeline": 100,
    "pipelines.template.TemplatePipeline": 150,
    "pipelines.validate.ValidationPipeline": 200,
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.store.StorePipeline": 400,
}

#: The JSON Lines export: each run appends its new articles; `-o`/`-O FILE` on the command line replaces it.
FEEDS = {
    str(DATA_DIR / "articles.jsonl"): {
        "format": "jsonlines",
        "encoding": "utf8",
        "overwrite": False,
        "item_classes": ["crawler.items.ArticleItem"],
    },
}
FEED_EXPORT_ENCODING = "utf-8"
#: Local feed files: written line by line, unbuffered, and a line torn by a killed crawl is cut off.
FEED_STORAGES = {"": "crawler.feedstorage.SafeFileFeedStorage", "file": "crawler.feedstorage.SafeFileFeedStorage"}
#: The exported record: every ArticleItem field except the stored raw HTML.
FEED_EXPORT_FIELDS = RECORD_FIELDS

EXTENSIONS = {
    # The extraction process pool, shared by the spider and the extraction stage.
    "crawler.extraction.pool.PagePool": 0,
    "crawler.extensions.summary.CrawlSummary": 500,
    "crawler.extensions.jobdir.JobdirGuard": 0,
    # GcFreeze's one collection at spider open comes before the loop watch starts: no request waits on it.
    "crawler.extensions.gcfreeze.GcFreeze": 0,
    "crawler.extensions.loopwatch.LoopWatch": 1,
    "crawler.extensions.onelineerrors.OneLineErrors": 0,
}
#: Log a host that cannot be reached (robots.txt's download error) as one line, without a traceback.
ONE_LINE_NETWORK_ERRORS = True
#: Warn (and count in `reactor/blocked`) when something holds the reactor longer than this; 0 turns it off.
LOOP_BLOCK_WARN_MS = 50
#: Freeze the start-up heap out of Python's full garbage collections (each one held the reactor ~100 ms).
GC_FREEZE = True
#: Print a short summary (new articles per author, duplicates dropped, time) when the crawl ends.
SUMMARY_ENABLED = True

LOG_FORMATTER = "crawler.logformatter.QuietDropLogFormatter"
LOG_LEVEL = "INFO"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_STORE_EMPTY = True

# -- scrapy watch ---------------------------------------------------------------------------------
#: The watchlist: targets to follow, intervals, webhooks (see the README).
WATCHLIST = "watch.toml"
#: Revisit bounds for adaptive targets (the watchlist may override them) and the first interval.
WATCH_MIN_INTERVAL = "1h"
WATCH_MAX_INTERVAL = "7d"
WATCH_DEFAULT_INTERVAL = "1d"
#: A watcher's lock on a target expires after this long (a crash on another host cannot block it forever).
WATCH_LOCK_TIMEOUT = "6h"
#: How often `scrapy watch` wakes up at most to look for due targets.
WATCH_POLL_SECONDS = 60
#: JOBDIR of each target's crawl, so a killed crawl resumes where it stopped.
WATCH_JOBS_DIR = str(DATA_DIR / "jobs")
#: Webhook alerts: attempts per alert, timeout per attempt (s), first retry delay (s; doubles each time).
WEBHOOK_ATTEMPTS = 3
WEBHOOK_TIMEOUT = 10
WEBHOOK_BACKOFF = 1.0
#: Under `scrapy watch`, hubs and feeds are revalidated through this HTTP cache (RFC 2616 policy).
HTTPCACHE_DIR = str(DATA_DIR / "httpcache")

# -- cluster mode (scrapy-redis) ----------------------------------------------------------------------
# Set CLUSTER_REDIS_URL (or REDIS_URL) and every `scrapy crawl author` using it shares one crawl; run
# one `scrapy store-worker` beside them to deduplicate, store and export (see the README).
ADDONS = {"crawler.cluster.addon.ClusterAddon": 0}
#: Cluster mode: this Redis (or REDIS_URL) shares one crawl between workers; empty is off.
CLUSTER_REDIS_URL = ""
#: Prefix of the cluster's Redis keys: crawls with different keys share a Redis server without meeting.
CLUSTER_KEY = "author"
#: A worker silent this long (seconds) is dead; its in-flight requests go back to the shared queue.
CLUSTER_WORKER_TIMEOUT = 30
#: Heartbeat and shared-queue poll period of a worker, and the store-worker's poll period (seconds).
CLUSTER_POLL_INTERVAL = 1.0
#: Workers and the store-worker stop after the shared crawl has had nothing to do this long (seconds).
CLUSTER_IDLE_TIMEOUT = 30
#: Set by the store-worker spider; crawl workers are "worker".
CLUSTER_ROLE = "worker"
