"""The corpus's SQLite schema: one migration per version, applied in order to upgrade in place."""

from __future__ import annotations

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
    """
CREATE TABLE IF NOT EXISTS site_pages (
    site TEXT NOT NULL,
    url  TEXT NOT NULL,
    PRIMARY KEY (site, url)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_blocks (
    site  TEXT NOT NULL,
    key   INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    PRIMARY KEY (site, key)
) WITHOUT ROWID;
""",
    # Pages are stored zstd-compressed from here on; rows written before stay gzip (told apart by magic bytes).
    """
ALTER TABLE raw_pages RENAME COLUMN html_gz TO html_z;
""",
]
SCHEMA_VERSION = len(_MIGRATIONS)
