"""Near-duplicate fingerprints of article bodies: word shingles, MinHash signatures, LSH band keys, containment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import xxhash
from datasketch import MinHash

_WORD = re.compile(r"\w+")
#: Band hashes keep this many bits; the rest of a 64-bit index entry holds the band number and the id.
BAND_HASH_BITS = 31


@dataclass(frozen=True)
class Fingerprinter:
    """How bodies are fingerprinted: ``shingle`` words a shingle, ``bands`` x ``rows`` MinHash values.

    A pair of bodies with Jaccard similarity ``j`` shares at least one band key with probability
    ``1 - (1 - j**rows) ** bands``; candidates are then confirmed by :func:`containment` on the texts.
    """

    bands: int = 20
    rows: int = 2
    shingle: int = 3
    seed: int = 1

    @property
    def params(self) -> str:
        """A short string naming the parameters, stored with the index so a change is noticed."""
        return f"minhash-b{self.bands}-r{self.rows}-k{self.shingle}-s{self.seed}"

    @cached_property
    def _template(self) -> MinHash:
        return MinHash(num_perm=self.bands * self.rows, seed=self.seed, hashfunc=xxhash.xxh32_intdigest)

    def signature(self, text: str) -> np.ndarray:
        """The MinHash values (uint32) of the shingle set of ``text``."""
        template = self._template
        minhash = MinHash(
            num_perm=template.num_perm,
            seed=self.seed,
            hashfunc=xxhash.xxh32_intdigest,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        minhash.update_batch([" ".join(s).encode() for s in shingles(text, self.shingle)])
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def band_keys(self, text: str) -> list[int]:
        """One ``BAND_HASH_BITS``-bit key per band of the signature of ``text``."""
        signature = self.signature(text)
        mask = (1 << BAND_HASH_BITS) - 1
        return [
            xxhash.xxh64_intdigest(signature[band * self.rows : (band + 1) * self.rows].tobytes(), seed=band) & mask
            for band in range(self.bands)
        ]


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    """The set of ``size``-word shingles of ``text``, case-folded (one shorter shingle for a shorter text)."""
    words = [word.casefold() for word in _WORD.findall(text or "")]
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))} if words else set()


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Share of the smaller shingle set found in the larger: 1.0 for a truncated or wrapped copy."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
