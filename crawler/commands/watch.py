"""``scrapy watch``: crawl the watchlist's targets when due, forever, or once (``--once``, for cron)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import arglist_to_dict, closest_scrapy_cfg

from crawler.cli import one_line_errors
from crawler.monitor.watcher import WatchConfig, Watcher
from crawler.monitor.watchlist import WatchlistError


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Command(ScrapyCommand):
    """Run the watchlist (``WATCHLIST``): each target's incremental crawl when it is due."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[--once] [-w watch.toml]"

    def short_desc(self) -> str:
        return "Crawl the watchlist's targets when due: forever, or once (--once) for cron and timers"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--once", action="store_true", help="run what is due now, then exit")
        parser.add_argument("-w", "--watchlist", help="the watchlist file (default the WATCHLIST setting)")

    @one_line_errors
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected argument {args[0]!r}", print_help=False)
        if opts.watchlist:
            self.settings.set("WATCHLIST", opts.watchlist, priority="cmdline")
        cfg = closest_scrapy_cfg()
        project_dir = Path(cfg).parent if cfg else Path.cwd()
        # Settings given to `scrapy watch` with -s reach every crawl it starts.
        passed = {name: str(value) for name, value in arglist_to_dict(opts.set or []).items()}
        try:
            config = WatchConfig.from_settings(self.settings, project_dir, passed)
            watchlist = config.load()
        except (WatchlistError, ValueError) as exc:
            raise UsageError(str(exc), print_help=False) from None
        watcher = Watcher(config)
        if opts.once:
            results = watcher.run_due(watchlist)
            for result in results:
                failed = "" if result["ok"] else f" (log: {result['log']})"
                print(
                    f"{result['url']}: {'ok' if result['ok'] else 'FAILED'}, {result.get('new_articles', 0)} new,"
                    f" next visit in {result['next_visit_in']}{failed}",
                    file=sys.stderr,
                )
            if not results:
                print("Nothing due.", file=sys.stderr)
            self.exitcode = 0 if all(r["ok"] for r in results) else 1
            return
        # Scrapy sets up no logging for a command that runs no crawl: the watcher's lines need a handler.
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s: %(message)s", "%Y-%m-%d %H:%M:%S"))
        watch_log = logging.getLogger("crawler")
        watch_log.addHandler(handler)
        watch_log.setLevel(logging.INFO)
        watch_log.propagate = False
        # Stop on Ctrl-C and on a service manager's SIGTERM alike, even when started with SIGINT ignored
        # (a background job of a script): the target being crawled gets its lock back.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            watcher.run_forever()
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
