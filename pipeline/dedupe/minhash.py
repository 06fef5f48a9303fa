"""MinHash signatures over word shingles, LSH band hashes, and the exact check of a candidate.

A text's shingles are kept as the sorted 64-bit hashes of its word runs (the values the
signature is made from): stored beside the signature, they let a candidate be verified without
reading and shingling its text again, and two sorted arrays intersect in a few microseconds.
Two distinct shingles of a pair share a hash with odds of about 1 in 10^13, so the scores are
those of the word sets.

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

from pipeline.dedupe.fingerprints import hash64, hash64_packed, normalise_text

_EMPTY = np.iinfo(np.uint64).max
_MIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_SHIFT = np.uint64(33)
_SEED = 20261123  # changing it invalidates every stored band hash
Signature = npt.NDArray[np.uint64]
Shingles = npt.NDArray[np.uint64]  # sorted, distinct shingle hashes


def _shingle_texts(text: str, words: int) -> frozenset[str]:
    """Overlapping runs of ``words`` normalised words; a shorter text is one shingle."""
    tokens = normalise_text(text).split()
    if len(tokens) <= words:
        return frozenset([" ".join(tokens)]) if tokens else frozenset()
    # The runs zipped from the tokens shifted by 0 to words - 1, up to the shortest (the last
    # run): each joined in C, with no slice per run.
    shifted = (tokens[i:] for i in range(words))
    return frozenset(map(" ".join, zip(*shifted, strict=False)))


def shingles(text: str, words: int) -> Shingles:
    """The text's shingles as their hashes (what signatures and verification work on)."""
    packed = hash64_packed(map(str.encode, _shingle_texts(text, words)))
    return np.unique(np.frombuffer(packed, dtype="<u8").astype(np.uint64))


def shingles_from_bytes(data: bytes) -> Shingles:
    """Stored shingles (:func:`to_bytes` of :func:`shingles`) back as an array."""
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def signature(shingle_hashes: Shingles, permutations: int) -> Signature:
    """The MinHash signature; all-max for an empty set (such a text matches nothing)."""
    if not len(shingle_hashes):
        return np.full(permutations, _EMPTY, dtype=np.uint64)
    mixed = _finalise(shingle_hashes[:, np.newaxis] ^ _seeds(permutations)[np.newaxis, :])
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


def similarity(later: Shingles, earlier: Shingles) -> Similarity:
    """Jaccard, and containment of the later text in the earlier (a trimmed re-send scores 1)."""
    if not len(later) or not len(earlier):
        return Similarity(0.0, 0.0)
    common = len(np.intersect1d(later, earlier, assume_unique=True))
    return Similarity(common / (len(later) + len(earlier) - common), common / len(later))


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
