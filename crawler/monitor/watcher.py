"""The watch loop: crawl each due target (a locked, resumable, incremental crawl), schedule its next visit, alert."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from crawler.monitor.cadence import cadence, format_duration, parse_duration, parse_time, revisit_interval
from crawler.monitor.queries import author_of_seed, corpus_author_key
from crawler.monitor.watchlist import Target, Watchlist, load_watchlist
from crawler.monitor.webhooks import deliver
from pipelines.corpus.database import Corpus
from pipelines.corpus.watchstate import WatchState, lock_owner

logger = logging.getLogger(__name__)

#: Scrapy's HTTP cache with the RFC 2616 policy: hubs and feeds are revalidated (ETag, Last-Modified).
HTTP_CACHE = {
    "HTTPCACHE_ENABLED": "True",
    "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
}


#: Crawl logs kept per target (the newest).
LOGS_KEPT = 20


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _stored_urls(corpus: Corpus, seed: str) -> set[str] | None:
    """The canonical URLs of the seed's author's stored articles, before a visit; None while the seed is unknown."""
    author = author_of_seed(corpus, seed)
    return {r["canonical_url"] for r in corpus.articles(site=author[0], author=author[1])} if author else None


def _new_articles(records: list[dict[str, Any]], known: set[str] | None, started: datetime) -> list[dict[str, Any]]:
    """The author's articles this visit stored: those not stored before it. On a first visit (the seed unknown
    before it), those crawled since it started; crawl times are kept to the second, so a visit made within
    the second a previous one stored its articles would take those for new, were they compared by time."""
    if known is None:
        return [r for r in records if r["crawled_at"] >= _iso(started)]
    return [r for r in records if r["canonical_url"] not in known]


@dataclass(frozen=True)
class WatchConfig:
    """The watch settings, read once from the Scrapy settings."""

    watchlist: Path
    corpus: Path
    project_dir: Path
    jobs_dir: Path
    default_interval: timedelta
    min_interval: str
    max_interval: str
    lock_timeout: timedelta
    poll_seconds: float
    webhook_attempts: int
    webhook_timeout: float
    webhook_backoff: float
    crawl_settings: dict[str, str]

    @classmethod
    def from_settings(cls, settings: Any, project_dir: Path, crawl_settings: dict[str, str]) -> WatchConfig:
        return cls(
            watchlist=Path(settings.get("WATCHLIST")),
            corpus=Path(settings.get("CORPUS_DB")),
            project_dir=project_dir,
            jobs_dir=Path(settings.get("WATCH_JOBS_DIR")),
            default_interval=parse_duration(settings.get("WATCH_DEFAULT_INTERVAL")),
            min_interval=settings.get("WATCH_MIN_INTERVAL"),
            max_interval=settings.get("WATCH_MAX_INTERVAL"),
            lock_timeout=parse_duration(settings.get("WATCH_LOCK_TIMEOUT")),
            poll_seconds=settings.getfloat("WATCH_POLL_SECONDS"),
            webhook_attempts=settings.getint("WEBHOOK_ATTEMPTS"),
            webhook_timeout=settings.getfloat("WEBHOOK_TIMEOUT"),
            webhook_backoff=settings.getfloat("WEBHOOK_BACKOFF"),
            crawl_settings=crawl_settings,
        )

    def load(self) -> Watchlist:
        return load_watchlist(self.watchlist, {"min_interval": self.min_interval, "max_interval": self.max_interval})


class Watcher:
    """Run the due targets of a watchlist, one crawl at a time; several watchers may share a corpus."""

    def __init__(self, config: WatchConfig) -> None:
        self.config = config
        self.owner = lock_owner()

    def run_due(self, watchlist: Watchlist, now: datetime | None = None) -> list[dict[str, Any]]:
        """Crawl every target due now (skipping those another watcher holds); return their results."""
        results = []
        corpus = Corpus(self.config.corpus)
        try:
            state = WatchState(corpus)
            moment = _iso(now or datetime.now(UTC))
            state.sync(((t.url, t.label) for t in watchlist.targets), moment)
            by_url = {t.url: t for t in watchlist.targets}
            for url in state.due(by_url, moment):
                started = datetime.now(UTC)
                if not state.acquire(url, self.owner, _iso(started), _iso(started + self.config.lock_timeout)):
                    logger.info("Skipping %s: another watcher is crawling it", url)
                    continue
                try:
                    results.append(self._visit(corpus, state, by_url[url], watchlist, started))
                except BaseException:
                    state.release(url, self.owner)
                    raise
        finally:
            corpus.close()
        return results

    def seconds_to_next(self, watchlist: Watchlist) -> float:
        """Seconds until the next target is due (0 when one is due now)."""
        corpus = Corpus(self.config.corpus)
        try:
            nxt = parse_time(WatchState(corpus).next_due(t.url for t in watchlist.targets))
        finally:
            corpus.close()
        if nxt is None:
            return 0.0
        return max(0.0, (nxt - datetime.now(UTC)).total_seconds())

    def run_forever(self) -> None:
        """Reload the watchlist and run what is due, until interrupted; a bad edit keeps the last good list."""
        watchlist = self.config.load()
        while True:
            try:
                watchlist = self.config.load()
            except ValueError as exc:
                logger.error("%s; keeping the previous watchlist", exc)
            self.run_due(watchlist)
            time.sleep(min(self.config.poll_seconds, max(1.0, self.seconds_to_next(watchlist))))

    # -- one target ------------------------------------------------------------------------------

    def _visit(
        self, corpus: Corpus, state: WatchState, target: Target, watchlist: Watchlist, started: datetime
    ) -> dict[str, Any]:
        previous = state.get(target.url)
        first_run = previous is None or previous.last_run is None
        known = _stored_urls(corpus, target.url)
        returncode, log = self._crawl(target, started)
        finished = datetime.now(UTC)
        result: dict[str, Any] = {"url": target.url, "label": target.label, "started": _iso(started),
                                  "finished": _iso(finished), "ok": returncode == 0, "returncode": returncode,
                                  "log": str(log)}
        if returncode != 0:
            logger.warning("The crawl of %s failed (exit status %s); its log: %s", target.url, returncode, log)
        author = author_of_seed(corpus, target.url)
        key = corpus_author_key(*author) if author else None
        interval = watchlist.min_interval
        if returncode == 0 and author is not None:
            site, name = author
            records = list(corpus.articles(site=site, author=name))
            stats = cadence([parse_time(r["published"]) for r in records])
            status = stats.status(finished)
            new = _new_articles(records, known, started)
            interval = target.interval or revisit_interval(
                stats.usual_interval, self.config.default_interval, watchlist.min_interval,
                watchlist.max_interval, quiet=status == "quiet",
            )
            result.update(author=key, author_name=name, site=site, new_articles=len(new), status=status)
            if target.webhooks:
                result["alerts"] = self._alert(state, target, key or "", name, site, new, stats, status, first_run)
        elif returncode == 0:
            result["author"] = None
            result["new_articles"] = 0
        result["next_visit_in"] = format_duration(interval)
        state.finish(target.url, self.owner, _iso(finished), _iso(finished + interval), result, key)
        logger.info("Watched %s: %s new, next visit in %s", target.url, result.get("new_articles", "?"),
                    result["next_visit_in"])
        return result

    def _jobdir(self, target: Target) -> Path:
        return self.config.jobs_dir / hashlib.sha1(target.url.encode()).hexdigest()[:16]

    def _crawl(self, target: Target, started: datetime) -> tuple[int, Path]:
        """One incremental crawl of ``target`` in a child process; its JOBDIR lets a killed crawl resume.

        The child's whole output goes to a log file of its own (returned with the exit status), the last
        ``LOGS_KEPT`` of each target kept: the console gets one line per visit.
        """
        jobdir = self._jobdir(target)
        logs = self.config.jobs_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        log = logs / f"{jobdir.name}-{started:%Y%m%dT%H%M%S}.log"
        settings = {**self.config.crawl_settings, **HTTP_CACHE, "CORPUS_DB": str(self.config.corpus),
                    "JOBDIR": str(jobdir), **{k: str(v) for k, v in target.politeness.items()}}
        command = [sys.executable, "-m", "scrapy", "crawl", "author", "-a", f"url={target.url}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        logger.info("Crawling %s (log: %s)", target.url, log)
        with log.open("wb") as out:
            returncode = subprocess.run(
                command, cwd=self.config.project_dir, stdout=out, stderr=subprocess.STDOUT, check=False
            ).returncode
        for old in sorted(logs.glob(f"{jobdir.name}-*.log"))[:-LOGS_KEPT]:
            old.unlink(missing_ok=True)
        if returncode == 0:
            # A finished crawl's JOBDIR would make the next one skip every hub as already seen.
            shutil.rmtree(jobdir, ignore_errors=True)
        return returncode, log

    def _alert(
        self, state: WatchState, target: Target, key: str, name: str, site: str, new: list[dict[str, Any]],
        stats: Any, status: str, first_run: bool,
    ) -> int:
        """Send the new-articles and gone-quiet alerts of one visit; each alert is sent once."""
        now = _iso(datetime.now(UTC))
        author = {"key": key, "name": name, "site": site}
        payloads = []
        # The first visit is the baseline: everything is "new" then, and none of it is news.
        fresh = [] if first_run else [r for r in new if state.claim_alert("new_article", key, r["canonical_url"], now)]
        if fresh:
            payloads.append({
                "event": "new_articles", "target": target.url, "label": target.label, "author": author,
                "articles": [{"url": r["canonical_url"], "title": r["title"], "published": r["published"]}
                             for r in fresh],
                "sent_at": now,
            })
        if status == "quiet" and stats.last and state.claim_alert("author_quiet", key, stats.last.isoformat(), now):
            payloads.append({
                "event": "author_quiet", "target": target.url, "label": target.label, "author": author,
                "last_published": stats.last.isoformat(),
                "usual_interval_days": round(stats.usual_interval.total_seconds() / 86400, 2),
                "days_since_last_post": round((datetime.now(UTC) - stats.last).total_seconds() / 86400, 1),
                "sent_at": now,
            })
        sent = 0
        for payload in payloads:
            for url in target.webhooks:
                sent += deliver(url, payload, self.config.webhook_attempts, self.config.webhook_timeout,
                                self.config.webhook_backoff)
        return sent
