"""MinHash signatures, LSH bands and the exact verification, without a database."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.dedupe import minhash
from pipeline.dedupe.fingerprints import hash64
from tests.support.stories import STORY, UNRELATED, copy_of_story

WORDS, PERMUTATIONS, BANDS = 5, 128, 32


def _bands(paragraphs: list[str]) -> list[int]:
    sig = minhash.signature(minhash.shingles(" ".join(paragraphs), WORDS), PERMUTATIONS)
    return minhash.band_hashes(sig, BANDS)


def _shared(first: list[int], second: list[int]) -> int:
    return sum(a == b for a, b in zip(first, second, strict=True))


def _hashed(*shingles: str) -> list[int]:
    return sorted(hash64(shingle.encode()) for shingle in shingles)


def test_shingles_fold_case_and_punctuation():
    assert minhash.shingles("The Moon, the MOON!", 2).tolist() == _hashed("the moon", "moon the")
    assert minhash.shingles("Too short", 5).tolist() == _hashed("too short")
    assert minhash.shingles(" ,; ", 5).tolist() == []
    assert minhash.shingles("a b a b a b", 2).tolist() == _hashed("a b", "b a")
    assert minhash.shingles("a b c", 2).dtype == np.uint64


def test_signature_is_the_same_in_every_process():
    sig = minhash.signature(minhash.shingles("a b c d", 3), 4)
    assert sig.dtype == np.uint64
    assert minhash.signature(minhash.shingles("A b, c d.", 3), 4).tolist() == sig.tolist()


def test_stored_band_hashes_never_change():
    """Rows deduped years ago are matched by their stored bands: a change of shingling,
    hashing or seeds would silently stop every old article from being a candidate."""
    sig = minhash.signature(minhash.shingles(" ".join(STORY), WORDS), PERMUTATIONS)
    assert minhash.to_bytes(sig).hex()[:64] == (
        "811981c50f06f100dac4b07b2aac7e00d40089b810d343010fe3ef4681a31201"
    )
    first_bands = [-909530762687434859, 7359906958995551486, -503349445461157742]
    assert minhash.band_hashes(sig, BANDS)[:3] == first_bands


def test_stored_shingles_read_back_equal():
    found = minhash.shingles(" ".join(STORY), WORDS)
    assert minhash.shingles_from_bytes(minhash.to_bytes(found)).tolist() == found.tolist()


def test_signature_agreement_estimates_jaccard():
    first = minhash.shingles(" ".join(STORY), WORDS)
    second = minhash.shingles(" ".join(copy_of_story(3)), WORDS)
    exact = minhash.similarity(second, first).jaccard
    agreement = float(np.mean(minhash.signature(first, 256) == minhash.signature(second, 256)))
    assert abs(agreement - exact) < 0.12


def test_small_edit_shares_lsh_buckets_unrelated_text_does_not():
    original = _bands(STORY)
    assert _shared(original, _bands(copy_of_story(1))) >= 4
    assert _shared(original, _bands(UNRELATED)) == 0


def test_band_hashes_fit_postgres_bigint():
    assert all(-(2**63) <= value < 2**63 for value in _bands(STORY))
    with pytest.raises(ValueError, match="do not split"):
        minhash.band_hashes(np.zeros(10, dtype=np.uint64), 3)


def test_containment_of_a_trimmed_resend():
    full = minhash.shingles(" ".join(STORY), WORDS)
    trimmed = minhash.shingles(" ".join(STORY[:2]), WORDS)
    found = minhash.similarity(trimmed, full)
    assert found.containment == 1.0
    assert found.jaccard < 0.6
    assert found.score == 1.0
    assert minhash.similarity(full, trimmed).score < 0.6  # the longer text adds news


def test_scores_are_those_of_the_word_sets():
    later, earlier = minhash.shingles("a b c d", 2), minhash.shingles("b c d e f", 2)
    found = minhash.similarity(later, earlier)  # {ab, bc, cd} and {bc, cd, de, ef}
    assert (found.jaccard, found.containment) == (2 / 5, 2 / 3)


def test_empty_text_is_similar_to_nothing():
    empty = minhash.shingles("", 2)
    assert minhash.similarity(empty, minhash.shingles("a b c", 2)).score == 0.0
    assert minhash.similarity(minhash.shingles("a b c", 2), empty).score == 0.0
