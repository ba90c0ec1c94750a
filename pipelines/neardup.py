"""Near-duplicate detection: MinHash LSH candidates, confirmed by shingle containment on the texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from pipelines.fingerprint import Fingerprinter, containment, shingles
from pipelines.lsh import BandIndex


@dataclass(frozen=True)
class Match:
    """A stored document the checked text duplicates, and how much of the smaller one the other holds."""

    doc_id: int
    containment: float


class NearDuplicates:
    """Find the stored document a text nearly duplicates.

    ``text_of(doc_id)`` returns a stored document's text (None when it is gone); only LSH candidates
    are looked up, so the texts themselves stay in the store, not in memory.
    """

    DEFAULT_THRESHOLD = 0.7
    #: Candidates confirmed per text at most, those sharing the most bands first. A copy shares most of
    #: its bands with the original; without a bound, a text with hundreds of look-alikes (one template
    #: syndicated everywhere) would cost hundreds of containment checks.
    MAX_CONFIRMED = 16

    def __init__(
        self,
        text_of: Callable[[int], str | None],
        fingerprinter: Fingerprinter | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.fingerprinter = fingerprinter or Fingerprinter()
        self.threshold = threshold
        self.text_of = text_of
        self.index = BandIndex(self.fingerprinter.bands)

    def keys(self, text: str) -> list[int]:
        """The band keys of ``text``."""
        return self.fingerprinter.band_keys(text)

    def find(self, text: str, keys: Sequence[int] | None = None, exclude: int | None = None) -> Match | None:
        """The best confirmed match of ``text`` at or above the threshold, or None."""
        candidates = self.index.candidates(keys if keys is not None else self.keys(text))
        candidates.pop(exclude, None)  # type: ignore[arg-type]
        if not candidates:
            return None
        mine = shingles(text, self.fingerprinter.shingle)
        best: Match | None = None
        ranked = sorted(candidates, key=lambda doc_id: (-candidates[doc_id], doc_id))[: self.MAX_CONFIRMED]
        for doc_id in ranked:
            other = self.text_of(doc_id)
            if other is None:
                continue
            score = containment(mine, shingles(other, self.fingerprinter.shingle))
            if score >= self.threshold and (best is None or score > best.containment):
                best = Match(doc_id, score)
        return best

    def add(self, doc_id: int, keys: Sequence[int]) -> None:
        """Index a document that was kept."""
        self.index.add(doc_id, keys)

    def load(self, doc_ids: np.ndarray, keys: np.ndarray) -> None:
        """Index stored documents in bulk (``keys`` has one row of band keys per id)."""
        self.index.add_many(doc_ids, keys)
