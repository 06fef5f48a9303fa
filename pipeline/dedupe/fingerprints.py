"""Content fingerprints: pure functions over article text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """Case, accents' composition, punctuation and white space folded away."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def body_hash(body: str) -> str:
    """Equal for texts that differ only in case, punctuation or white space."""
    return hashlib.sha256(normalise_text(body).encode()).hexdigest()


def hash64(data: bytes, signed: bool = False) -> int:
    """A 64-bit hash that never changes across hosts, processes or library upgrades (it is
    stored)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=signed)
