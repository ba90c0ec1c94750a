"""Deduplication stage: drops a record already in the corpus or this run (same URL, same body, or nearly the same body).

A stored canonical URL whose text changed is not a duplicate: the record goes on as the article's next
``version``.

The check (MinHash keys, candidate confirmation, corpus lookups) runs in the pipeline's own thread,
one item at a time in arrival order, so that it never holds the reactor.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from contextlib import suppress
from typing import Any

import numpy as np
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.urls import normalize_url
from pipelines.corpus.database import CorpusError
from pipelines.corpusstage import CorpusStage
from pipelines.fingerprint import Fingerprinter
from pipelines.neardup import NearDuplicates

logger = logging.getLogger(__name__)

_META_KEY = "near_dup_params"
#: Texts of the last records let through, for confirming near-duplicates before the store has them.
_RECENT = 512


class DedupPipeline(CorpusStage):
    """Check canonical URL, body hash and near-duplicate fingerprint against the corpus and this run's items."""

    stage = "dedup"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.near_enabled = settings.getbool("NEAR_DUP_ENABLED")
        self.fingerprinter = Fingerprinter(
            bands=settings.getint("NEAR_DUP_BANDS"),
            rows=settings.getint("NEAR_DUP_ROWS"),
            shingle=settings.getint("NEAR_DUP_SHINGLE"),
        )
        self.threshold = settings.getfloat("NEAR_DUP_THRESHOLD")
        self.near: NearDuplicates | None = None
        # Items accepted in this run but maybe not committed yet (the store runs after us).
        self._urls: set[str] = set()
        self._hashes: set[str] = set()
        self._recent: OrderedDict[int, tuple[str, str]] = OrderedDict()
        # Duplicates recorded before the record they were merged into reached the store (it is written by
        # the next stage, in its own thread): tied to it as soon as it is there.
        self._untied: list[tuple[str, str, str, str, str | None]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        super().open_spider()
        if self.near_enabled:
            self.near = NearDuplicates(self._text_of, self.fingerprinter, self.threshold)
            self._load_index()

    def _close(self) -> None:
        """Wait for the stage's thread, tie the duplicates left untied, close the corpus (off the reactor)."""
        super()._close()
        if self.corpus is not None:
            with suppress(CorpusError):
                self._tie_duplicates()
            if self._untied:
                logger.info("%d duplicates whose kept record was not stored stay untied", len(self._untied))
            self.corpus.close()

    def _keys_blob(self, keys: list[int]) -> bytes:
        return np.asarray(keys, dtype="<u4").tobytes()

    def _load_index(self) -> None:
        """Read the stored fingerprints into memory, fingerprinting stored articles that have none."""
        assert self.corpus is not None and self.near is not None
        params = self.fingerprinter.params
        if self.corpus.get_meta(_META_KEY) != params:
            self.corpus.clear_fingerprints()
            self.corpus.set_meta(_META_KEY, params)
        added = 0
        for canonical_url, text in self.corpus.unfingerprinted():
            self.corpus.put_fingerprint(canonical_url, self._keys_blob(self.near.keys(text)))
            added += 1
        if added:
            logger.info("Fingerprinted %d stored articles for near-duplicate detection (%s)", added, params)
        for rows in self.corpus.fingerprints():
            ids = np.fromiter((row[0] for row in rows), dtype=np.uint64, count=len(rows))
            keys = np.frombuffer(b"".join(row[1] for row in rows), dtype="<u4").reshape(len(rows), -1)
            self.near.load(ids, keys)
        self.stats.set_value("dedup/index_size", len(self.near.index))

    def _lookup(self, fingerprint_id: int) -> tuple[str, str] | None:
        assert self.corpus is not None
        return self._recent.get(fingerprint_id) or self.corpus.fingerprint_text(fingerprint_id)

    def _text_of(self, fingerprint_id: int) -> str | None:
        found = self._lookup(fingerprint_id)
        return found[1] if found else None

    def _drop(self, adapter: ItemAdapter, reason: str, detail: str, kept_url: str | None = None) -> DropItem:
        assert self.corpus is not None
        self.thread.inc(f"dedup/dropped/{reason}")
        self.thread.inc("dedup/dropped")
        # Remembered, so a later run need not fetch this URL again (see SkipKnownArticlesMiddleware).
        duplicate = (normalize_url(adapter["url"]), adapter["canonical_url"], adapter["content_hash"], reason, kept_url)
        if not self.corpus.add_duplicate(*duplicate[:4], adapter["crawled_at"], kept_url):
            self._untied.append(duplicate)
        return DropItem(f"duplicate ({reason}): {detail}")

    def _tie_duplicates(self) -> None:
        """Tie the duplicates recorded ahead of their kept record to it, now that it may be stored."""
        assert self.corpus is not None
        self._untied = [dup for dup in self._untied if not self.corpus.link_duplicate(*dup)]

    async def process_item(self, item: Any) -> Any:
        try:
            return await self.thread.run(self.check, item)
        except CorpusError as exc:  # the corpus cannot be written (a full disk, say)
            raise self.stopper.stop(exc) from None

    def check(self, item: Any) -> Any:
        """Return the item if it is new (or a new version); raise ``DropItem`` for a duplicate. Synchronous."""
        assert self.corpus is not None, "pipeline not opened"
        if self._untied:
            self._tie_duplicates()
        adapter = ItemAdapter(item)
        url, digest = adapter["canonical_url"], adapter["content_hash"]
        # One item at a time (one thread): concurrent items cannot both pass between check and reservation.
        if url in self._urls:
            raise self._drop(adapter, "url", url)
        stored = self.corpus.stored(url)
        own_fingerprint = None
        if stored is not None:
            _, version, stored_digest = stored
            if stored_digest == digest:
                raise self._drop(adapter, "url", url)
            # Same article, changed text: its next version, checked for near-duplicates of other articles only.
            adapter["version"] = version + 1
            adapter["updated"] = adapter["crawled_at"]
            own_fingerprint = self.corpus.fingerprint_id(url)
            self.thread.inc("dedup/new_version")
        elif digest in self._hashes or self.corpus.has_content(digest):
            raise self._drop(adapter, "content", f"{adapter['url']} has the body of a stored article")
        if self.near is not None:
            self._check_near(adapter, own_fingerprint)
        self._urls.add(url)
        self._hashes.add(digest)
        return item

    def _check_near(self, adapter: ItemAdapter, own_fingerprint: int | None) -> None:
        assert self.corpus is not None and self.near is not None
        text, url = adapter["text"], adapter["canonical_url"]
        keys = self.near.keys(text)
        match = self.near.find(text, keys, exclude=own_fingerprint)
        if match is not None:
            kept = self._lookup(match.doc_id)
            kept_url = kept[0] if kept else None
            raise self._drop(
                adapter, "near", f"{adapter['url']} repeats {match.containment:.0%} of {kept_url}", kept_url
            )
        fingerprint = self.corpus.put_fingerprint(url, self._keys_blob(keys))
        self.near.add(fingerprint, keys)
        self._recent[fingerprint] = (url, text)
        if len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
