"""A compact in-memory LSH index: band keys to document ids, 8 bytes per band per document."""

from __future__ import annotations

from collections.abc import Sequence

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
        self._large = np.empty(0, dtype=np.uint64)
        self._small = np.empty(0, dtype=np.uint64)
        self._pending: dict[int, list[int]] = {}
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
            self._pending.setdefault(prefix, []).append(doc_id)
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
        self._large = _merged(self._large, np.sort(entries.ravel()))

    def flush(self) -> None:
        """Merge the pending entries into the sorted arrays."""
        if self._pending:
            entries = [(prefix << _ID_BITS) | doc for prefix, docs in self._pending.items() for doc in docs]
            self._pending.clear()
            self._pending_docs = 0
            self._small = _merged(self._small, np.sort(np.array(entries, dtype=np.uint64)))
        if len(self._small) * 16 >= len(self._large):
            self._large = _merged(self._large, self._small)
            self._small = np.empty(0, dtype=np.uint64)

    def candidates(self, keys: Sequence[int]) -> set[int]:
        """Ids of the indexed documents that share at least one band key with ``keys``."""
        prefixes = self._prefixes(keys)
        found: set[int] = set()
        pending = self._pending
        for prefix in prefixes:
            if prefix in pending:
                found.update(pending[prefix])
        query = None
        for level in (self._large, self._small):
            if not len(level):
                continue
            if query is None:
                query = np.array(prefixes, dtype=np.uint64)
            starts = level.searchsorted(query << _SHIFT)
            heads = level[np.minimum(starts, len(level) - 1)] >> _SHIFT
            hit = np.flatnonzero(heads == query)
            if not len(hit):
                continue
            firsts = starts[hit]
            ends = level.searchsorted((query[hit] + np.uint64(1)) << _SHIFT)
            found.update((level[firsts] & _ID_MASK).tolist())
            for start, end in zip((firsts + 1).tolist(), ends.tolist(), strict=True):
                if end > start:  # more documents under the same key
                    found.update((level[start:end] & _ID_MASK).tolist())
        return found

    @property
    def nbytes(self) -> int:
        """Bytes held by the sorted arrays (the pending dict is bounded by ``flush_every``)."""
        return int(self._large.nbytes + self._small.nbytes)


def _merged(into: np.ndarray, entries: np.ndarray) -> np.ndarray:
    """``into`` with the sorted ``entries`` merged in, in one linear pass."""
    if not len(into):
        return entries
    return np.insert(into, into.searchsorted(entries), entries)
