"""JOBDIR after a kill: a crawl that did not stop cleanly leaves a queue and a seen-set that cannot be trusted.

Scrapy writes the request queue's index and the seen-set's buffer when the crawl closes; after a
SIGKILL (or a power cut) they are stale, and a resumed crawl could skip hubs it never read. So a
marker is written on a clean close; without it, the next crawl drops the queue and the seen-set
and walks discovery again from its seeds. The corpus makes that walk cheap: articles already
stored are not fetched again.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

MARKER = "clean-stop"
_UNTRUSTED = ("requests.queue", "requests.seen")


def discard_unclean_state(jobdir: str | Path) -> bool:
    """Drop the queue and seen-set of a JOBDIR whose last crawl did not close cleanly; True if it did."""
    jobdir = Path(jobdir)
    stale = [jobdir / name for name in _UNTRUSTED if (jobdir / name).exists()]
    if not stale or (jobdir / MARKER).exists():
        return False
    for path in stale:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    logger.warning("%s: the last crawl did not stop cleanly; its queue is dropped, discovery starts again", jobdir)
    return True


class JobdirGuard:
    """Remove the clean-stop marker when a crawl opens, write it when the crawl closes."""

    def __init__(self, jobdir: str) -> None:
        self.jobdir = Path(jobdir)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobdirGuard:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        # Extensions are built before the scheduler opens the JOBDIR queue: the last moment to drop it.
        discard_unclean_state(jobdir)
        guard = cls(jobdir)
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def spider_opened(self) -> None:
        (self.jobdir / MARKER).unlink(missing_ok=True)

    def spider_closed(self) -> None:
        self.jobdir.mkdir(parents=True, exist_ok=True)
        (self.jobdir / MARKER).write_text("the crawl that used this JOBDIR closed cleanly\n")
