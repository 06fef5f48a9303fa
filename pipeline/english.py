"""A cheap guess whether a text is English, for items whose format does not say."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+")
_COMMON = frozenset({"the", "and", "of", "to", "in", "a", "said", "on", "for", "with"})
_SAMPLE_CHARS = 3000


def looks_english(text: str) -> bool:
    """True when common English function words make up more than 8% of the first words.

    English wire copy sits around 20-25%; German, Norwegian or Spanish copy near 0-3%.
    """
    words = _WORD.findall(text[:_SAMPLE_CHARS].casefold())
    return bool(words) and sum(word in _COMMON for word in words) / len(words) > 0.08
