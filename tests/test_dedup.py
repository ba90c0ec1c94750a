"""Near-duplicates and versions: fingerprints, the LSH index, and the dedup stage across runs."""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter

import numpy as np
import pytest
from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from pipelines.corpus.database import Corpus
from pipelines.dedup import DedupPipeline
from pipelines.fingerprint import Fingerprinter, containment, shingles
from pipelines.lsh import MAX_ID, BandIndex
from pipelines.neardup import NearDuplicates
from pipelines.store import StorePipeline
from tests.conftest import crawler_with, record
from tests.site.content import paragraphs


def body(seed: str, count: int = 8) -> str:
    return "\n\n".join(paragraphs(seed, count))


def test_shingles_and_containment() -> None:
    assert shingles("One two, THREE four", 3) == {("one", "two", "three"), ("two", "three", "four")}
    assert shingles("short", 3) == {("short",)}
    assert shingles("", 3) == set()
    text = body("a")
    head = text[: text.index(" ", len(text) // 2)]
    assert containment(shingles(head), shingles(text)) == 1.0
    assert containment(shingles(text), shingles(body("b"))) < 0.2
    assert containment(set(), shingles(text)) == 0.0


def test_band_keys_are_stable_and_bounded() -> None:
    fingerprinter = Fingerprinter(bands=8, rows=2)
    keys = fingerprinter.band_keys(body("a"))
    assert len(keys) == 8
    assert keys == Fingerprinter(bands=8, rows=2).band_keys(body("a"))
    assert all(0 <= key < 2**31 for key in keys)
    assert keys != fingerprinter.band_keys(body("b"))
    assert Fingerprinter(bands=8, rows=2, seed=2).params != fingerprinter.params


@pytest.mark.parametrize("flush_every", [1, 3, 1000])
def test_band_index_finds_documents_sharing_a_band(flush_every: int) -> None:
    index = BandIndex(bands=4, flush_every=flush_every)
    index.add(1, [10, 20, 30, 40])
    index.add(2, [11, 20, 31, 41])  # shares band 1 with doc 1
    index.add(3, [20, 10, 40, 30])  # same values, other bands: no match
    index.add(4, [10, 99, 99, 99])  # shares band 0 with doc 1
    assert set(index.candidates([10, 0, 0, 0])) == {1, 4}
    assert set(index.candidates([0, 20, 0, 0])) == {1, 2}
    assert set(index.candidates([0, 0, 0, 0])) == set()
    assert set(index.candidates([20, 10, 0, 0])) == {3}
    assert index.candidates([10, 20, 0, 0]) == Counter({1: 2, 2: 1, 4: 1})  # how many bands each shares
    index.flush()
    assert set(index.candidates([10, 20, 0, 0])) == {1, 2, 4}
    assert index.candidates([10, 20, 0, 0]) == Counter({1: 2, 2: 1, 4: 1})
    assert len(index) == 4


def test_band_index_bulk_load_matches_one_by_one() -> None:
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 2**31, size=(500, 6))
    one = BandIndex(bands=6, flush_every=64)
    for doc_id, row in enumerate(keys.tolist()):
        one.add(doc_id, row)
    bulk = BandIndex(bands=6)
    bulk.add_many(np.arange(500), keys)
    for row in keys[::37].tolist():
        assert one.candidates(row) == bulk.candidates(row)
    assert set(bulk.candidates(keys[123].tolist())) == {123}
    assert 500 * 6 * 8 <= bulk.nbytes <= 500 * 6 * 9  # entries, and a directory of one offset per ~8


def test_band_index_finds_every_document_under_a_crowded_key() -> None:
    # More documents under one key than the lookup window holds, in both sorted levels and at the array's end.
    index = BandIndex(bands=2, flush_every=8)
    for doc_id in range(30):
        index.add(doc_id, [5, doc_id])
    index.add(30, [6, 0])
    index.flush()
    assert index.candidates([5, 999]) == Counter(dict.fromkeys(range(30), 1))  # each once, not once per lookup
    assert set(index.candidates([6, 999])) == {30}
    assert set(index.candidates([7, 29])) == {29}
    assert set(index.candidates([7, 30])) == set()


def test_band_index_rejects_bad_input() -> None:
    index = BandIndex(bands=3)
    with pytest.raises(ValueError, match="band keys"):
        index.add(1, [1, 2])
    with pytest.raises(ValueError, match="out of range"):
        index.add(MAX_ID + 1, [1, 2, 3])
    with pytest.raises(ValueError, match="bands"):
        BandIndex(bands=0)


def test_near_duplicates_are_confirmed_on_the_text() -> None:
    texts = {i: body(f"doc{i}") for i in range(20)}
    detector = NearDuplicates(texts.get)
    for doc_id, text in texts.items():
        detector.add(doc_id, detector.keys(text))
    original = texts[7]
    teaser = original[: int(len(original) * 0.6)] + " ... read the full analysis in my latest blog"
    match = detector.find(teaser)
    assert match is not None and match.doc_id == 7 and match.containment > 0.9
    wrapped = "Home | News | Sign in\n\n" + original + "\n\nShare this: Twitter Facebook"
    assert detector.find(wrapped).doc_id == 7
    assert detector.find(body("unrelated")) is None
    assert detector.find(original, exclude=7) is None
    # A candidate whose text is gone cannot be confirmed.
    del texts[7]
    assert detector.find(teaser) is None


def test_many_look_alikes_cost_a_bounded_number_of_checks() -> None:
    # Forty pages of one template: each shares half its text with the others, so they are LSH candidates
    # of one another; the copy of one of them shares nearly all its bands with it, and is checked first.
    template = body("template", 6)
    texts = {i: template + "\n\n" + body(f"own{i}", 6) for i in range(40)}
    looked_up: list[int] = []
    detector = NearDuplicates(lambda doc_id: looked_up.append(doc_id) or texts.get(doc_id))
    for doc_id, text in texts.items():
        detector.add(doc_id, detector.keys(text))
    copy = texts[33].replace("\n\n", "\n\nUpdated: ", 1)
    assert len(detector.index.candidates(detector.keys(copy))) > NearDuplicates.MAX_CONFIRMED
    match = detector.find(copy)
    assert match is not None and match.doc_id == 33
    assert looked_up[0] == 33 and len(looked_up) <= NearDuplicates.MAX_CONFIRMED


def _pipelines(db: str, **settings):
    crawler = crawler_with(CORPUS_DB=db, **settings)
    dedup, store = DedupPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    dedup.open_spider()
    store.open_spider()
    return crawler, dedup, store


def _close(dedup, store) -> None:
    asyncio.run(dedup.close_spider())
    asyncio.run(store.close_spider())


def _article(n: int, text: str, **overrides) -> ArticleItem:
    return ArticleItem(**record(n, text=text, content_hash=f"h-{hash(text)}", **overrides))


def test_near_duplicate_dropped_recorded_and_remembered_across_runs(tmp_path) -> None:
    db = str(tmp_path / "corpus.sqlite3")
    original = body("syndicated", 10)
    crawler, dedup, store = _pipelines(db)
    store.add(dedup.check(_article(1, original)))
    store.add(dedup.check(_article(2, body("other", 10))))
    copy = "Originally published elsewhere.\n\n" + original + "\n\nSubscribe to our newsletter."
    with pytest.raises(DropItem, match=r"duplicate \(near\).*example.com/1"):
        dedup.check(_article(3, copy))
    _close(dedup, store)
    assert crawler.stats.get_value("dedup/dropped/near") == 1
    corpus = Corpus(db)
    assert [d["url"] for d in corpus.duplicates_of("https://example.com/1")] == ["https://example.com/3"]
    corpus.close()

    # A later run loads the index from the store: a teaser of the same article is caught too.
    later, dedup, store = _pipelines(db)
    assert later.stats.get_value("dedup/index_size") == 2
    with pytest.raises(DropItem, match="near"):
        dedup.check(_article(4, original[: len(original) * 2 // 3]))
    assert dedup.check(_article(5, body("fresh", 10))) is not None
    _close(dedup, store)


def test_a_duplicate_dropped_before_its_original_is_stored_is_tied_to_it(tmp_path) -> None:
    # In a crawl the store writes in its own thread: a copy can be dropped before the record it
    # repeats is committed. The duplicate is tied to that record once it is there.
    db = str(tmp_path / "corpus.sqlite3")
    original = body("early", 10)
    _, dedup, store = _pipelines(db)
    kept = dedup.check(_article(1, original))
    with pytest.raises(DropItem, match="near"):
        dedup.check(_article(2, original + "\n\nShare this article."))
    with pytest.raises(DropItem, match="content"):
        dedup.check(_article(3, original))  # the same body
    store.add(kept)
    assert dedup.check(_article(4, body("later", 10))) is not None  # the next check ties what it can
    corpus = Corpus(db)
    assert sorted(d["url"] for d in corpus.duplicates_of("https://example.com/1")) == [
        "https://example.com/2", "https://example.com/3"]
    corpus.close()
    _close(dedup, store)


def test_disabled_near_dup_keeps_only_exact_checks(tmp_path) -> None:
    db = str(tmp_path / "corpus.sqlite3")
    original = body("x", 10)
    _, dedup, store = _pipelines(db, NEAR_DUP_ENABLED=False)
    store.add(dedup.check(_article(1, original)))
    assert dedup.check(_article(2, original + "\n\nOne more line here.")) is not None
    _close(dedup, store)


def test_changed_parameters_or_text_are_fingerprinted_again(tmp_path) -> None:
    db = str(tmp_path / "corpus.sqlite3")
    original = body("p", 10)
    _, dedup, store = _pipelines(db)
    store.add(dedup.check(_article(1, original)))
    _close(dedup, store)
    # Other band settings: the stored fingerprints no longer fit and are rebuilt from the texts.
    _, dedup, store = _pipelines(db, NEAR_DUP_BANDS=12)
    with pytest.raises(DropItem, match="near"):
        dedup.check(_article(2, original[: len(original) // 2]))
    _close(dedup, store)
    with sqlite3.connect(db) as con:
        assert len(con.execute("SELECT keys FROM fingerprints").fetchone()[0]) == 12 * 4
    # `scrapy reextract` replaces a text: its stale fingerprint is dropped and recomputed on the next open.
    corpus = Corpus(db)
    corpus.update_extraction(1, record(1, text=body("q", 10)))
    assert corpus.fingerprint_id("https://example.com/1") is None
    corpus.close()
    _, dedup, store = _pipelines(db, NEAR_DUP_BANDS=12)
    with pytest.raises(DropItem, match="near"):
        dedup.check(_article(3, body("q", 10) + "\n\nShare this"))
    _close(dedup, store)


def test_changed_text_at_a_stored_url_is_a_new_version(tmp_path) -> None:
    db = str(tmp_path / "corpus.sqlite3")
    first = body("v", 10)
    _, dedup, store = _pipelines(db)
    store.add(dedup.check(_article(1, first)))
    _close(dedup, store)

    edited = first.replace(".", ", as corrected.", 3)
    crawler, dedup, store = _pipelines(db)
    # The unchanged text is a plain URL duplicate; the edited one is version 2, not a near-duplicate of itself.
    with pytest.raises(DropItem, match="url"):
        dedup.check(_article(1, first))
    item = store.add(dedup.check(_article(1, edited, crawled_at="2026-02-01T00:00:00+00:00")))
    assert (item.version, item.updated) == (2, "2026-02-01T00:00:00+00:00")
    assert crawler.stats.get_value("dedup/new_version") == 1
    # Within the run the URL is then taken.
    with pytest.raises(DropItem, match="url"):
        dedup.check(_article(1, edited + " more"))
    _close(dedup, store)
    corpus = Corpus(db)
    assert corpus.count() == 1
    stored = corpus.record(1)
    assert (stored["text"], stored["version"], stored["updated"]) == (edited, 2, "2026-02-01T00:00:00+00:00")
    assert [(v["version"], v["crawled_at"]) for v in corpus.versions_of("https://example.com/1")] == [
        (1, "2026-01-01T00:00:00+00:00")
    ]
    corpus.close()


def test_pending_band_entries_add_nothing_to_full_collections() -> None:
    import gc

    from pipelines.lsh import BandIndex

    index = BandIndex(4, flush_every=10_000)
    for doc in range(500):
        index.add(doc, [doc % 7, doc % 11, doc, doc + 1])
    gc.collect()
    assert index.candidates([3, 3, 3, 4])[3] == 4
    assert not any(gc.is_tracked(docs) for docs in index._pending.values())
