"""MinHash signatures, LSH bands and the exact verification, without a database."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.dedupe import minhash
from tests.support.stories import STORY, UNRELATED, copy_of_story

WORDS, PERMUTATIONS, BANDS = 5, 128, 32


def _bands(paragraphs: list[str]) -> list[int]:
    sig = minhash.signature(minhash.shingles(" ".join(paragraphs), WORDS), PERMUTATIONS)
    return minhash.band_hashes(sig, BANDS)


def _shared(first: list[int], second: list[int]) -> int:
    return sum(a == b for a, b in zip(first, second, strict=True))


def test_shingles_fold_case_and_punctuation():
    assert minhash.shingles("The Moon, the MOON!", 2) == {"the moon", "moon the"}
    assert minhash.shingles("Too short", 5) == {"too short"}
    assert minhash.shingles(" ,; ", 5) == frozenset()


def test_signature_is_the_same_in_every_process():
    sig = minhash.signature(frozenset({"a b c", "b c d"}), 4)
    assert (
        minhash.to_bytes(sig).hex()
        == minhash.to_bytes(minhash.signature(frozenset({"b c d", "a b c"}), 4)).hex()
    )
    assert sig.dtype == np.uint64


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


def test_empty_text_is_similar_to_nothing():
    assert minhash.similarity(frozenset(), minhash.shingles("a b c", 2)).score == 0.0
