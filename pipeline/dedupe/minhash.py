"""MinHash signatures over word shingles, LSH band hashes, and the exact check of a candidate.

Our own few lines of numpy rather than ``datasketch.MinHash``: the band hashes are stored in
Postgres for years, so the hash functions must never change under us with a library upgrade, and
a vectorised min over (shingles x hash functions) is all a signature needs. Hash function ``i``
is the murmur3 64-bit finaliser of ``x XOR seed_i`` over 64-bit shingle hashes: wrapping uint64
arithmetic, identical on every host. (A linear ``a*x + b mod p`` with small coefficients is
nearly monotone in ``x``, so every permutation picks the same minimum; the finaliser avalanches.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from pipeline.dedupe.fingerprints import hash64, normalise_text

_EMPTY = np.iinfo(np.uint64).max
_MIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_SHIFT = np.uint64(33)
_SEED = 20261123  # changing it invalidates every stored band hash
Signature = npt.NDArray[np.uint64]


def shingles(text: str, words: int) -> frozenset[str]:
    """Overlapping runs of ``words`` normalised words; a shorter text is one shingle."""
    tokens = normalise_text(text).split()
    if len(tokens) <= words:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + words]) for i in range(len(tokens) - words + 1))


def signature(shingle_set: frozenset[str], permutations: int) -> Signature:
    """The MinHash signature; all-max for an empty set (such a text matches nothing)."""
    if not shingle_set:
        return np.full(permutations, _EMPTY, dtype=np.uint64)
    hashes = np.fromiter((hash64(s.encode()) for s in shingle_set), dtype=np.uint64, count=-1)
    mixed = _finalise(hashes[:, np.newaxis] ^ _seeds(permutations)[np.newaxis, :])
    return np.asarray(mixed.min(axis=0), dtype=np.uint64)


def band_hashes(sig: Signature, bands: int) -> list[int]:
    """One signed 64-bit hash per band of ``len(sig) // bands`` rows (fits a Postgres bigint)."""
    if len(sig) % bands:
        raise ValueError(f"{len(sig)} permutations do not split into {bands} bands")
    rows = len(sig) // bands
    return [
        hash64(to_bytes(sig[band * rows : (band + 1) * rows]), signed=True) for band in range(bands)
    ]


def to_bytes(sig: Signature) -> bytes:
    return sig.astype("<u8").tobytes()


@dataclass(frozen=True)
class Similarity:
    """How much of the later text the earlier one already holds, by exact shingle sets."""

    jaccard: float
    containment: float

    @property
    def score(self) -> float:
        return max(self.jaccard, self.containment)

    def describe(self, words: int) -> str:
        return (
            f"{words}-word shingles: jaccard {self.jaccard:.3f}, containment {self.containment:.3f}"
        )


def similarity(later: frozenset[str], earlier: frozenset[str]) -> Similarity:
    """Jaccard, and containment of the later text in the earlier (a trimmed re-send scores 1)."""
    if not later or not earlier:
        return Similarity(0.0, 0.0)
    common = len(later & earlier)
    return Similarity(common / len(later | earlier), common / len(later))


@lru_cache(maxsize=8)
def _seeds(permutations: int) -> Signature:
    generator = np.random.default_rng(_SEED)
    return generator.integers(0, _EMPTY, size=permutations, dtype=np.uint64, endpoint=True)


def _finalise(values: Signature) -> Signature:
    """murmur3 fmix64, element-wise; uint64 array products wrap silently, as intended."""
    values = values ^ (values >> _SHIFT)
    values = values * _MIX[0]
    values = values ^ (values >> _SHIFT)
    values = values * _MIX[1]
    return values ^ (values >> _SHIFT)
