"""Deterministic identities for items whose format carries no id (plain text, 7901, ANPA)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Agency prefixes that mark a re-send of the same item, not a new one.
_UPDATE_PREFIX = re.compile(
    r"^\s*(?:(?P<corr>CORRECTED|CORRECTION|CORRECTS?|REFILE|REPEAT|URGENT|FLASH|BULLETIN)"
    r"|(?P<upd>UPDATE|WRAPUP|NEWSALERT)(?:\s+(?P<num>\d+))?)\s*[-:—–]?\s*",
    re.IGNORECASE,
)


def stable_key(namespace: str, *parts: str | None) -> str:
    """``namespace:`` plus a short hash of the parts, identical for identical parts."""
    joined = "\x1f".join(_fold(part or "") for part in parts)
    return f"{namespace}:{hashlib.sha256(joined.encode()).hexdigest()[:24]}"


def _fold(text: str) -> str:
    # Not dedupe's normalise_text: keys keep "_" ("nsb_n1" is not "nsb n1"), and both are stored.
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\W+", " ", text).strip()


def strip_update_prefix(headline: str) -> tuple[str, str | None, bool, int]:
    """Headline without 'UPDATE 2-'/'CORRECTED-' prefixes, the marker, is_correction, version."""
    marker = None
    is_correction = False
    version = 1
    while match := _UPDATE_PREFIX.match(headline):
        if not match.group(0).strip():
            break
        marker = match.group(0).strip(" -:—–")
        is_correction = is_correction or bool(match["corr"] and "CORR" in match["corr"].upper())
        if match["num"]:
            version = int(match["num"]) + 1
        headline = headline[match.end() :]
    return headline.strip(), marker, is_correction, version
