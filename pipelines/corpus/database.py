"""The SQLite corpus: schema, reads and writes of article records. No Scrapy here."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from crawler.items import RECORD_FIELDS
from pipelines.corpus.duplicates import DuplicateLog
from pipelines.corpus.errors import CorpusError
from pipelines.corpus.fingerprints import FingerprintStore
from pipelines.corpus.runs import RunLog
from pipelines.corpus.schema import _MIGRATIONS, SCHEMA_VERSION
from pipelines.corpus.siteblocks import SiteBlockStore
from pipelines.corpus.writes import transaction, write

__all__ = ["EXTRACTED_FIELDS", "FIELDS", "SCHEMA_VERSION", "_MIGRATIONS", "Corpus", "CorpusError"]

#: The record's fields, in the ``articles`` table's column order (the item's own list).
FIELDS = tuple(RECORD_FIELDS)


#: The fields extraction produces: what ``update_extraction`` replaces (URLs, discovery, crawl time stay).
_AS_CRAWLED = {"url", "canonical_url", "discovered_via", "crawled_at", "version", "updated"}
EXTRACTED_FIELDS = tuple(name for name in FIELDS if name not in _AS_CRAWLED)


def _encode(record: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """Column values of ``record`` for ``fields`` (authors as a JSON list)."""
    values = {name: record.get(name) for name in fields}
    if "version" in values:
        values["version"] = values["version"] or 1
    if "authors" in values:
        values["authors"] = json.dumps(list(values["authors"] or []), ensure_ascii=False)
    return values


def _decode(row: tuple[Any, ...]) -> dict[str, Any]:
    """The record of an ``articles`` row selected as ``FIELDS``."""
    record = dict(zip(FIELDS, row, strict=True))
    record["authors"] = json.loads(record["authors"])
    return record


class Corpus(RunLog, DuplicateLog, FingerprintStore, SiteBlockStore):
    """An article corpus in one SQLite file (WAL mode, so readers never block the writer)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One thread at a time uses a Corpus, but not always the one that opened it (the dedup stage
            # checks in its own thread).
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._wal()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise CorpusError(f"cannot open corpus {self.path}: {exc}") from None

    def _wal(self) -> None:
        """Switch the file to WAL mode, waiting for processes that open it at the same moment."""
        # On a new file this takes an exclusive lock that SQLite's busy timeout does not wait for:
        # processes creating the corpus at once (a cluster starting) take turns here.
        for attempt in range(200):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 199:
                    raise
                time.sleep(0.05)

    @classmethod
    def open_existing(cls, path: str | Path) -> Corpus:
        """Open a corpus that must already exist (commands that read it); raise ``CorpusError`` otherwise."""
        if not Path(path).is_file():
            raise CorpusError(f"no corpus at {path} (set CORPUS_DB)")
        return cls(path)

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise CorpusError(f"{self.path} has schema v{version}; this version reads up to v{SCHEMA_VERSION}")
        if version < SCHEMA_VERSION:
            # executescript() would commit early; run the statements inside one transaction.
            with transaction(self._db):
                # Read again under the write lock: processes opening a new corpus at once (a cluster's
                # workers and store-worker) would otherwise each apply the same migrations.
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                for migration in _MIGRATIONS[version:]:
                    for statement in migration.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _write(self) -> AbstractContextManager[None]:
        """One write transaction whose SQLite errors become ``CorpusError`` (how every table writes)."""
        return write(self._db, self.path)

    def transaction(self) -> AbstractContextManager[None]:
        """``with corpus.transaction():`` runs the statements of ``corpus.db`` in one write transaction."""
        return transaction(self._db)

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, for the corpus package's modules that keep their own tables (``watchstate``)."""
        return self._db

    def author_posts(self) -> Iterator[tuple[str, str, str | None, str]]:
        """Yield (site, author, published, crawled_at) for every byline author of every article, by site and author."""
        yield from self._db.execute(
            "SELECT a.site, aa.author, a.published, a.crawled_at FROM article_authors aa"
            " JOIN articles a ON a.id = aa.article_id ORDER BY a.site, aa.author, a.published"
        )

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def has_url(self, canonical_url: str) -> bool:
        """Return True when an article with this canonical URL is stored."""
        row = self._db.execute("SELECT 1 FROM articles WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return row is not None

    def knows_url(self, url: str, before: str = "~") -> bool:
        """Return True when ``url`` was fetched before ``before`` (ISO time; default: ever).

        Known means stored as an article, as its canonical URL, or dropped as a duplicate.
        """
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE (canonical_url = ?1 OR url = ?1) AND crawled_at < ?2"
            " UNION ALL SELECT 1 FROM duplicates WHERE url = ?1 AND seen_at < ?2 LIMIT 1",
            (url, before),
        ).fetchone()
        return row is not None

    def has_content(self, content_hash: str) -> bool:
        """Return True when an article with this body hash is stored."""
        row = self._db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def add(self, record: Mapping[str, Any]) -> bool:
        """Store one article record atomically; return False when its canonical URL is already stored.

        A record with ``version`` > 1 replaces the stored article instead; the text it replaces is kept
        in ``article_versions``.
        """
        if (record.get("version") or 1) > 1:
            return self._add_version(record)
        values = _encode(record, FIELDS)
        columns = ", ".join(FIELDS)
        placeholders = ", ".join(f":{name}" for name in FIELDS)
        with self._write():
            cursor = self._db.execute(
                f"INSERT INTO articles ({columns}) VALUES ({placeholders}) ON CONFLICT (canonical_url) DO NOTHING",
                values,
            )
            if cursor.rowcount == 0:
                return False
            article_id = cursor.lastrowid
            self._set_authors(article_id, record.get("authors") or [])
            self._set_raw_page(article_id, record.get("html_z"))
        return True

    def _add_version(self, record: Mapping[str, Any]) -> bool:
        values = _encode(record, FIELDS)
        assignments = ", ".join(f"{name} = :{name}" for name in FIELDS if name != "canonical_url")
        with self._write():
            row = self._db.execute(
                "SELECT id, version FROM articles WHERE canonical_url = ?", (record["canonical_url"],)
            ).fetchone()
            if row is None or row[1] >= record["version"]:
                return False  # gone, or another worker stored this version first
            article_id = row[0]
            self._db.execute(
                "INSERT OR IGNORE INTO article_versions (article_id, version, url, title, text, content_hash,"
                " crawled_at) SELECT id, version, url, title, text, content_hash, crawled_at FROM articles"
                " WHERE id = ?",
                (article_id,),
            )
            self._db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**values, "id": article_id})
            self._set_authors(article_id, record.get("authors") or [])
            self._set_raw_page(article_id, record.get("html_z"))
        return True

    def _set_raw_page(self, article_id: int, html_z: bytes | None) -> None:
        if html_z:
            self._db.execute(
                "INSERT OR REPLACE INTO raw_pages (article_id, html_z) VALUES (?, ?)", (article_id, html_z)
            )

    def stored(self, canonical_url: str) -> tuple[int, int, str] | None:
        """``(article id, version, content hash)`` of the article stored at ``canonical_url``, or None."""
        return self._db.execute(
            "SELECT id, version, content_hash FROM articles WHERE canonical_url = ?", (canonical_url,)
        ).fetchone()

    def versions_of(self, canonical_url: str) -> list[dict[str, Any]]:
        """Earlier versions of the article at ``canonical_url``, oldest first (the current one is the article)."""
        rows = self._db.execute(
            "SELECT v.version, v.url, v.title, v.content_hash, v.crawled_at FROM article_versions v"
            " JOIN articles a ON a.id = v.article_id WHERE a.canonical_url = ? ORDER BY v.version",
            (canonical_url,),
        )
        names = ("version", "url", "title", "content_hash", "crawled_at")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _set_authors(self, article_id: int, authors: list[str]) -> None:
        self._db.execute("DELETE FROM article_authors WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT INTO article_authors (article_id, author, position) VALUES (?, ?, ?)",
            [(article_id, name, pos) for pos, name in enumerate(authors)],
        )

    def raw_pages(self) -> Iterator[tuple[int, str, str, bytes]]:
        """Yield ``(article id, url, discovered_via, compressed HTML)`` of every article with its page kept."""
        yield from self._db.execute(
            "SELECT a.id, a.url, a.discovered_via, r.html_z FROM articles a JOIN raw_pages r ON r.article_id = a.id"
            " ORDER BY a.id"
        )

    def record(self, article_id: int) -> dict[str, Any]:
        """Return the stored record of one article."""
        row = self._db.execute(f"SELECT {', '.join(FIELDS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _decode(row)

    def update_extraction(self, article_id: int, record: Mapping[str, Any]) -> None:
        """Replace an article's extracted fields (all but its URLs, discovery and crawl time)."""
        values = _encode(record, EXTRACTED_FIELDS)
        assignments = ", ".join(f"{name} = :{name}" for name in EXTRACTED_FIELDS)
        with self._write():
            self._db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**values, "id": article_id})
            self._set_authors(article_id, list(record.get("authors") or []))
            # The text changed: the dedup stage fingerprints it again when it next opens.
            self._db.execute(
                "DELETE FROM fingerprints WHERE canonical_url = (SELECT canonical_url FROM articles WHERE id = ?)",
                (article_id,),
            )

    def site_and_authors(self, url: str) -> tuple[str, list[str]] | None:
        """(site, authors) of the article stored at ``url``, or of the first whose author page ``url`` is."""
        row = self._db.execute(
            "SELECT site, authors FROM articles WHERE canonical_url = ?1 OR url = ?1"
            " UNION ALL SELECT site, authors FROM articles WHERE author_url = ?2 OR author_url = ?1 LIMIT 1",
            (url, url.rstrip("/") + "/"),
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def count(self) -> int:
        """Return the number of stored articles."""
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def articles(
        self,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        author: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield stored records in insertion order, one row at a time (constant memory).

        ``site`` and ``author`` (a byline name) match exactly; ``since``/``until`` are ISO dates,
        inclusive, on ``published``. ``newest_first`` orders by publication date instead.
        """
        where: list[str] = []
        args: list[Any] = []
        if site is not None:
            where.append("site = ?")
            args.append(site)
        if author is not None:
            where.append("id IN (SELECT article_id FROM article_authors WHERE author = ?)")
            args.append(author)
        if since is not None:
            where.append("published >= ?")
            args.append(since)
        if until is not None:
            where.append("published < ?")  # until is inclusive: everything before the next day
            args.append(until + "\uffff")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        order = "COALESCE(published, crawled_at) DESC, id DESC" if newest_first else "id"
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        cursor = self._db.execute(f"SELECT {', '.join(FIELDS)} FROM articles{clause} ORDER BY {order}{tail}", args)
        for row in cursor:
            yield _decode(row)

    def integrity_ok(self) -> bool:
        """Return True when SQLite's ``PRAGMA integrity_check`` passes."""
        return self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
