"""A compact in-memory LSH index: band keys to document ids, 8 bytes per band per document."""

from __future__ import annotations

import ctypes
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from pipelines.fingerprint import BAND_HASH_BITS

_ID_BITS = 64 - 5 - BAND_HASH_BITS  # 5 bits of band number, then the band hash, then the id
MAX_ID = (1 << _ID_BITS) - 1
MAX_BANDS = 32
_ID_MASK = np.uint64(MAX_ID)
_SHIFT = np.uint64(_ID_BITS)


class BandIndex:
    """Which stored documents share a band key with a query.

    Each (band, key, id) is one uint64 ``band | key | id`` in a sorted array; a query is one
    vectorised binary search per array. New entries wait in a dict of at most ``flush_every``
    documents, are merged into a small sorted array, and that into the large one once it holds a
    sixteenth as much (a two-level log-structured merge): an insert costs O(1) amortised copies.
    """

    def __init__(self, bands: int, flush_every: int = 4096) -> None:
        if not 0 < bands <= MAX_BANDS:
            raise ValueError(f"bands must be 1..{MAX_BANDS}")
        self.bands = bands
        self.flush_every = flush_every
        self._large = _Level()
        self._small = _Level()
        # Tuples, not lists: the garbage collector stops tracking a tuple of ints, so a full pending
        # dict (tens of thousands of entries) adds nothing to each full collection's walk.
        self._pending: dict[int, tuple[int, ...]] = {}
        self._pending_docs = 0
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def _prefixes(self, keys: Sequence[int]) -> list[int]:
        if len(keys) != self.bands:
            raise ValueError(f"expected {self.bands} band keys, got {len(keys)}")
        return [(band << BAND_HASH_BITS) | key for band, key in enumerate(keys)]

    def add(self, doc_id: int, keys: Sequence[int]) -> None:
        """Index a document's band keys under ``doc_id`` (0..MAX_ID)."""
        if not 0 <= doc_id <= MAX_ID:
            raise ValueError(f"document id {doc_id} out of range")
        for prefix in self._prefixes(keys):
            self._pending[prefix] = (*self._pending.get(prefix, ()), doc_id)
        self._count += 1
        self._pending_docs += 1
        if self._pending_docs >= self.flush_every:
            self.flush()

    def add_many(self, doc_ids: np.ndarray, keys: np.ndarray) -> None:
        """Index many documents at once: ``doc_ids`` of shape (n,), ``keys`` of shape (n, bands)."""
        doc_ids = np.asarray(doc_ids, dtype=np.uint64)
        keys = np.asarray(keys, dtype=np.uint64)
        if keys.shape != (len(doc_ids), self.bands):
            raise ValueError(f"expected keys of shape ({len(doc_ids)}, {self.bands}), got {keys.shape}")
        if len(doc_ids) and int(doc_ids.max()) > MAX_ID:
            raise ValueError("document id out of range")
        bands = np.arange(self.bands, dtype=np.uint64) << np.uint64(BAND_HASH_BITS)
        entries = ((keys | bands) << _SHIFT) | doc_ids[:, None]
        self._count += len(doc_ids)
        self._large = self._large.merged(np.sort(entries.ravel()))

    def flush(self) -> None:
        """Merge the pending entries into the sorted arrays."""
        if self._pending:
            entries = [(prefix << _ID_BITS) | doc for prefix, docs in self._pending.items() for doc in docs]
            self._pending.clear()
            self._pending_docs = 0
            self._small = self._small.merged(np.sort(np.array(entries, dtype=np.uint64)))
        if len(self._small) * 16 >= len(self._large):
            self._large = self._large.merged(self._small.entries)
            self._small = _Level()
        _release_freed_memory()

    def candidates(self, keys: Sequence[int]) -> Counter[int]:
        """Ids of the indexed documents that share a band key with ``keys``, with how many bands they share."""
        prefixes = self._prefixes(keys)
        found: Counter[int] = Counter()
        pending = self._pending
        for prefix in prefixes:
            if prefix in pending:
                found.update(set(pending[prefix]))
        query = np.array(prefixes, dtype=np.uint64)
        for level in (self._large, self._small):
            found.update(level.ids_under(query))
        return found

    @property
    def nbytes(self) -> int:
        """Bytes held by the sorted arrays (the pending dict is bounded by ``flush_every``)."""
        return self._large.nbytes + self._small.nbytes


def _release_freed_memory() -> None:
    """Hand freed heap pages back to the OS (glibc only).

    The small level's arrays and the merge temporaries are below glibc's mmap threshold, so they
    live on the heap; once freed, that memory stays resident unless trimmed, and the index would
    hold about half as much again as its arrays.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


def _find_malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc
        return None


_malloc_trim = _find_malloc_trim()


class _Level:
    """One sorted array of entries, with a directory of where each run of leading bits starts.

    Keys are uniform hashes, so the directory (one offset per ~8 entries) puts a query within a
    few cache lines of its entries: one lookup and a small window replace a binary search over
    the whole array, which at a million documents is twenty-odd cache misses per key.
    """

    _PER_BUCKET = 8
    _WINDOW = np.arange(32)

    def __init__(self, entries: np.ndarray | None = None) -> None:
        self.entries = np.empty(0, dtype=np.uint64) if entries is None else entries
        bits = min(64 - _ID_BITS, max(1, int(np.log2(max(len(self.entries), 1) / self._PER_BUCKET) + 0.5)))
        self._shift = np.uint64(64 - bits)
        counts = np.zeros(1 << bits, dtype=np.int64)
        for chunk in range(0, len(self.entries), 1 << 20):  # chunked: no full-size temporary
            counts += np.bincount(self.entries[chunk : chunk + (1 << 20)] >> self._shift, minlength=1 << bits)
        self._starts = np.zeros((1 << bits) + 1, dtype=np.uint32 if len(self.entries) < 2**32 else np.uint64)
        np.cumsum(counts, out=self._starts[1:])

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def nbytes(self) -> int:
        return int(self.entries.nbytes + self._starts.nbytes)

    def merged(self, entries: np.ndarray) -> _Level:
        """A new level holding these entries and the sorted ``entries``, merged in one linear pass."""
        if not len(self.entries):
            return _Level(entries)
        return _Level(np.insert(self.entries, self.entries.searchsorted(entries), entries))

    def ids_under(self, query: np.ndarray) -> list[int]:
        """Ids of the entries whose prefix is one of ``query`` (band | key values), once per matching prefix."""
        entries = self.entries
        if not len(entries):
            return []
        keys = query << _SHIFT
        buckets = keys >> self._shift
        starts = self._starts[buckets].astype(np.int64)
        window = starts[:, None] + self._WINDOW
        np.minimum(window, len(entries) - 1, out=window)
        seen = entries[window]
        same = (seen >> _SHIFT) == query[:, None]
        crowded = self._starts[buckets + np.uint64(1)].astype(np.int64) - starts > len(self._WINDOW)
        same[crowded] = False  # searched whole below
        found = (seen[same] & _ID_MASK).tolist()
        for row in np.flatnonzero(crowded).tolist():  # a bucket larger than the window: search it whole
            first, end = entries.searchsorted([keys[row], (query[row] + np.uint64(1)) << _SHIFT])
            found.extend((entries[first:end] & _ID_MASK).tolist())
        return found
