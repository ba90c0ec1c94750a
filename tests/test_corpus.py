"""The SQLite corpus: schema, atomic writes, persistence across opens."""

from __future__ import annotations

import sqlite3

import pytest

from pipelines.corpus.database import Corpus, CorpusError
from pipelines.corpus.integrity import corpus_damage
from tests.conftest import record


def test_add_lookup_and_reopen(tmp_path) -> None:
    path = tmp_path / "sub" / "corpus.sqlite3"
    corpus = Corpus(path)
    assert corpus.add(record(1)) and corpus.add(record(2))
    assert not corpus.add(record(1, content_hash="other"))  # same canonical URL
    assert corpus.has_url("https://example.com/1") and not corpus.has_url("https://example.com/3")
    assert corpus.has_content("hash2") and not corpus.has_content("hash3")
    corpus.close()

    again = Corpus(path)
    assert again.count() == 2
    assert [r["authors"] for r in again.articles()] == [["Jane Doe", "John Roe"], ["Jane Doe"]]
    assert next(again.articles()) == record(1)
    assert again.integrity_ok()
    again.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT author, position FROM article_authors ORDER BY article_id, position").fetchall() == [
            ("Jane Doe", 0),
            ("John Roe", 1),
            ("Jane Doe", 0),
        ]


def test_failed_write_leaves_nothing_half_written(tmp_path) -> None:
    corpus = Corpus(tmp_path / "c.sqlite3")
    with pytest.raises(CorpusError):
        corpus.add(record(1, text=None))  # NOT NULL violation inside the transaction
    assert corpus.count() == 0
    assert corpus._db.execute("SELECT COUNT(*) FROM article_authors").fetchone()[0] == 0
    assert corpus.add(record(1))


def test_unopenable_path_is_a_clear_error(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CorpusError, match="cannot open corpus"):
        Corpus(blocker / "corpus.sqlite3")


def test_newer_schema_is_refused(tmp_path) -> None:
    path = tmp_path / "c.sqlite3"
    Corpus(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(CorpusError, match="schema v99"):
        Corpus(path)


def test_processes_opening_a_new_corpus_at_once_migrate_it_once(tmp_path) -> None:
    # A cluster's workers and store-worker start together against a corpus that does not exist yet.
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    path = tmp_path / "corpus.sqlite3"
    start = time.time() + 2
    code = (f"import time\nfrom pipelines.corpus.database import Corpus\ntime.sleep(max(0, {start} - time.time()))\n"
            f"Corpus({str(path)!r}).close()\n")
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(8)]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [e[-300:] for e in errors if e]
    corpus = Corpus(path)
    assert corpus.count() == 0
    corpus.close()


def test_a_corpus_another_process_holds_is_not_called_damaged(tmp_path) -> None:
    db = tmp_path / "corpus.sqlite3"
    Corpus(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # nobody else may read it now
    try:
        assert corpus_damage(db, seconds=10) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert corpus_damage(db, seconds=10) is None
    db.write_bytes(b"not a database at all, but long enough to have a header" * 100)
    assert corpus_damage(db, seconds=10) == "file is not a database"
