"""Content fingerprints: pure functions over article text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import partial
from operator import methodcaller

_NON_WORD = re.compile(r"[\W_]+")
_BLAKE2B_64 = partial(hashlib.blake2b, digest_size=8)


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
    return int.from_bytes(_BLAKE2B_64(data).digest(), "little", signed=signed)


def hash64_packed(items: Iterable[bytes]) -> bytes:
    """:func:`hash64` of each item as 8 little-endian bytes, one after another (to be read as
    unsigned 64-bit integers): many at once, hashed in C with no Python call per item."""
    return b"".join(map(methodcaller("digest"), map(_BLAKE2B_64, items)))
