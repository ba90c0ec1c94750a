"""The SQLite corpus: schema, reads and writes of article records. No Scrapy here."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

# Each entry upgrades the schema by one version; a new database runs them all.
_MIGRATIONS = [
    """
CREATE TABLE IF NOT EXISTS articles (
    id             INTEGER PRIMARY KEY,
    canonical_url  TEXT NOT NULL UNIQUE,
    url            TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    site           TEXT NOT NULL,
    title          TEXT,
    authors        TEXT NOT NULL,
    author_url     TEXT,
    published      TEXT,
    language       TEXT,
    text           TEXT NOT NULL,
    word_count     INTEGER NOT NULL,
    discovered_via TEXT NOT NULL,
    crawled_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_site ON articles (site);
CREATE TABLE IF NOT EXISTS article_authors (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX IF NOT EXISTS article_authors_author ON article_authors (author);
""",
    """
CREATE TABLE IF NOT EXISTS raw_pages (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    html_gz    BLOB NOT NULL
);
""",
    """
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE TABLE IF NOT EXISTS duplicates (
    url           TEXT PRIMARY KEY,
    canonical_url TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    reason        TEXT NOT NULL,
    article_id    INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    seen_at       TEXT NOT NULL
);
""",
    """
CREATE INDEX IF NOT EXISTS duplicates_article ON duplicates (article_id);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
""",
    """
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN updated TEXT;
CREATE TABLE IF NOT EXISTS article_versions (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    url          TEXT NOT NULL,
    title        TEXT,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    crawled_at   TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);
CREATE TABLE IF NOT EXISTS fingerprints (
    id            INTEGER PRIMARY KEY,
    canonical_url TEXT NOT NULL UNIQUE,
    keys          BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
""",
    """
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,
    finished TEXT,
    reason   TEXT,
    seeds    TEXT,
    stored   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS watch_targets (
    url         TEXT PRIMARY KEY,
    label       TEXT,
    author_key  TEXT,
    last_run    TEXT,
    next_due    TEXT,
    last_result TEXT,
    lock_owner  TEXT,
    lock_until  TEXT
);
CREATE TABLE IF NOT EXISTS alerts_sent (
    kind       TEXT NOT NULL,
    author_key TEXT NOT NULL,
    ref        TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (kind, author_key, ref)
);
""",
]
SCHEMA_VERSION = len(_MIGRATIONS)

FIELDS = (
    "url",
    "canonical_url",
    "title",
    "authors",
    "author_url",
    "site",
    "published",
    "language",
    "text",
    "word_count",
    "content_hash",
    "discovered_via",
    "crawled_at",
    "version",
    "updated",
)


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


class CorpusError(RuntimeError):
    """The corpus file cannot be opened or written; the message is fit for the user."""


class Corpus:
    """An article corpus in one SQLite file (WAL mode, so readers never block the writer)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise CorpusError(f"cannot open corpus {self.path}: {exc}") from None

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
            with self._transaction():
                for migration in _MIGRATIONS[version:]:
                    for statement in migration.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def transaction(self) -> _Transaction:
        """``with corpus.transaction():`` runs the statements of ``corpus.db`` in one write transaction."""
        return _Transaction(self._db)

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, for the modules that keep their own tables in the corpus (watch state)."""
        return self._db

    def start_run(self, started: str, seeds: str = "") -> int:
        """Record that a crawl of ``seeds`` (a canonical string of them) started; return its run id."""
        try:
            with self._transaction():
                cursor = self._db.execute("INSERT INTO runs (started, seeds) VALUES (?, ?)", (started, seeds))
                return cursor.lastrowid or 0
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None

    def finish_run(self, run_id: int, finished: str, stored: int, reason: str) -> None:
        """Record that the crawl ``run_id`` ended (Scrapy's finish ``reason``), having stored ``stored`` articles.

        A crawl that finished redoes the earlier interrupted crawls of the same seeds: they count as done.
        """
        try:
            with self._transaction():
                self._db.execute(
                    "UPDATE runs SET finished = ?, stored = ?, reason = ? WHERE id = ?",
                    (finished, stored, reason, run_id),
                )
                if reason == "finished":
                    self._db.execute(
                        "UPDATE runs SET finished = ?, reason = 'redone' WHERE finished IS NULL AND id < ?"
                        " AND seeds = (SELECT seeds FROM runs WHERE id = ?)",
                        (finished, run_id, run_id),
                    )
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None

    def interrupted_since(self) -> str | None:
        """Start of the earliest earlier crawl that was cut short and not redone (None when there is none)."""
        row = self._db.execute(
            "SELECT MIN(started) FROM runs WHERE finished IS NULL AND id < (SELECT MAX(id) FROM runs)"
        ).fetchone()
        return row[0] if row else None

    def last_run_started(self) -> str | None:
        """Start time of the latest crawl run, or None when no run was recorded."""
        row = self._db.execute("SELECT started FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

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

    def add_duplicate(
        self, url: str, canonical_url: str, content_hash: str, reason: str, seen_at: str, kept_url: str | None = None
    ) -> None:
        """Record that ``url`` was dropped as a duplicate (``reason``) of a stored article, when it is known.

        The kept article is the one at ``kept_url`` when given, else the one with the same canonical URL
        (reason ``url``) or the same body (other reasons).
        """
        if kept_url is not None or reason == "url":
            column, key = "canonical_url", kept_url or canonical_url
        else:
            column, key = "content_hash", content_hash
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT INTO duplicates (url, canonical_url, content_hash, reason, article_id, seen_at)"
                    f" VALUES (?, ?, ?, ?, (SELECT id FROM articles WHERE {column} = ? ORDER BY id LIMIT 1), ?)"
                    " ON CONFLICT (url) DO UPDATE SET seen_at = excluded.seen_at,"
                    " article_id = COALESCE(excluded.article_id, duplicates.article_id)",
                    (url, canonical_url, content_hash, reason, key, seen_at),
                )
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None

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
        try:
            with self._transaction():
                cursor = self._db.execute(
                    f"INSERT INTO articles ({columns}) VALUES ({placeholders}) ON CONFLICT (canonical_url) DO NOTHING",
                    values,
                )
                if cursor.rowcount == 0:
                    return False
                article_id = cursor.lastrowid
                self._set_authors(article_id, record.get("authors") or [])
                self._set_raw_page(article_id, record.get("html_gz"))
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None
        return True

    def _add_version(self, record: Mapping[str, Any]) -> bool:
        values = _encode(record, FIELDS)
        assignments = ", ".join(f"{name} = :{name}" for name in FIELDS if name != "canonical_url")
        try:
            with self._transaction():
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
                self._set_raw_page(article_id, record.get("html_gz"))
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None
        return True

    def _set_raw_page(self, article_id: int, html_gz: bytes | None) -> None:
        if html_gz:
            self._db.execute(
                "INSERT OR REPLACE INTO raw_pages (article_id, html_gz) VALUES (?, ?)", (article_id, html_gz)
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

    # -- near-duplicate fingerprints (kept by the dedup stage, one row per canonical URL) ------

    def get_meta(self, key: str) -> str | None:
        """A value of the ``meta`` table."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the ``meta`` table."""
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def put_fingerprint(self, canonical_url: str, keys: bytes) -> int:
        """Store the band keys of the article at ``canonical_url``; return its fingerprint id."""
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT INTO fingerprints (canonical_url, keys) VALUES (?, ?)"
                    " ON CONFLICT (canonical_url) DO UPDATE SET keys = excluded.keys",
                    (canonical_url, keys),
                )
                return self._db.execute(
                    "SELECT id FROM fingerprints WHERE canonical_url = ?", (canonical_url,)
                ).fetchone()[0]
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None

    def fingerprint_id(self, canonical_url: str) -> int | None:
        """The fingerprint id of the article at ``canonical_url``, if it has one."""
        row = self._db.execute("SELECT id FROM fingerprints WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return row[0] if row else None

    def fingerprints(self, chunk: int = 50_000) -> Iterator[list[tuple[int, bytes]]]:
        """All ``(fingerprint id, keys)`` rows, in chunks."""
        cursor = self._db.execute("SELECT id, keys FROM fingerprints ORDER BY id")
        while rows := cursor.fetchmany(chunk):
            yield rows

    def unfingerprinted(self) -> Iterator[tuple[str, str]]:
        """``(canonical URL, text)`` of the stored articles without a fingerprint."""
        yield from self._db.execute(
            "SELECT a.canonical_url, a.text FROM articles a"
            " WHERE NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.canonical_url = a.canonical_url) ORDER BY a.id"
        ).fetchall()

    def clear_fingerprints(self) -> None:
        """Forget every fingerprint (the parameters changed; they are recomputed)."""
        with self._transaction():
            self._db.execute("DELETE FROM fingerprints")

    def fingerprint_text(self, fingerprint_id: int) -> tuple[str, str] | None:
        """``(canonical URL, text)`` of the stored article behind a fingerprint, or None."""
        return self._db.execute(
            "SELECT a.canonical_url, a.text FROM fingerprints f JOIN articles a ON a.canonical_url = f.canonical_url"
            " WHERE f.id = ?",
            (fingerprint_id,),
        ).fetchone()

    def _set_authors(self, article_id: int, authors: list[str]) -> None:
        self._db.execute("DELETE FROM article_authors WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT INTO article_authors (article_id, author, position) VALUES (?, ?, ?)",
            [(article_id, name, pos) for pos, name in enumerate(authors)],
        )

    def raw_pages(self) -> Iterator[tuple[int, str, str, bytes]]:
        """Yield ``(article id, url, discovered_via, gzipped HTML)`` of every article with its page kept."""
        yield from self._db.execute(
            "SELECT a.id, a.url, a.discovered_via, r.html_gz FROM articles a JOIN raw_pages r ON r.article_id = a.id"
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
        try:
            with self._transaction():
                self._db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**values, "id": article_id})
                self._set_authors(article_id, list(record.get("authors") or []))
                # The text changed: the dedup stage fingerprints it again when it next opens.
                self._db.execute(
                    "DELETE FROM fingerprints WHERE canonical_url = (SELECT canonical_url FROM articles WHERE id = ?)",
                    (article_id,),
                )
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot write to corpus {self.path}: {exc}") from None

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

    def duplicates_of(self, canonical_url: str) -> list[dict[str, str]]:
        """Return the URLs merged into the article with this canonical URL, as duplicates, oldest first."""
        rows = self._db.execute(
            "SELECT d.url, d.reason, d.seen_at FROM duplicates d JOIN articles a ON a.id = d.article_id"
            " WHERE a.canonical_url = ? ORDER BY d.seen_at, d.url",
            (canonical_url,),
        )
        return [{"url": url, "reason": reason, "seen_at": seen_at} for url, reason, seen_at in rows]

    def integrity_ok(self) -> bool:
        """Return True when SQLite's ``PRAGMA integrity_check`` passes."""
        return self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on error (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
