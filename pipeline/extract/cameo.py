"""CAMEO codes, labels and quad classes, and the verb and noun lexicon that maps words to codes.

The data lives in TSV files shipped in the package (``data/``) so that the lexicon can grow
without code changes. Codes are strings: their leading zeros matter.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_DATA = files("pipeline.extract") / "data"

# Quad classes after Phoenix (openeventdata): statements and appeals count as verbal cooperation
# here because our quad class is 1-4; reducing relations (16) is verbal conflict.
_QUAD = {
    **dict.fromkeys(("01", "02", "03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}

# Verbs that carry an event noun rather than name an event themselves ("hold talks",
# "talks began", "negotiations were conducted"): the noun gives the code.
LIGHT_VERBS = frozenset(
    {"hold", "conduct", "have", "make", "pay", "take", "give", "launch", "stage", "carry",
     "begin", "start", "continue", "resume", "open", "host", "end", "occur", "happen",
     "organize", "organise", "join", "attend"}
)  # fmt: skip


# Codes whose two sides act together ("Russia and China signed"): each side is the other's target.
_SYMMETRIC = ("04", "050", "057", "06")


def is_symmetric(code: str) -> bool:
    return code.startswith(_SYMMETRIC)


def root_code(code: str) -> str:
    return code[:2]


def quad_class(code: str) -> int:
    return _QUAD[root_code(code)]


def label(code: str) -> str:
    return _labels()[code]


def roots() -> list[str]:
    return sorted(_QUAD)


@dataclass(frozen=True)
class VerbRule:
    """One lexicon row: a verb lemma, the conditions it needs, and the code it gives."""

    lemma: str
    objects: frozenset[str]
    preps: frozenset[str]
    code: str

    @property
    def specificity(self) -> int:
        return bool(self.objects) + bool(self.preps)

    def matches(self, objects: Iterable[str], preps: Iterable[str]) -> bool:
        if self.objects and self.objects.isdisjoint(objects):
            return False
        return not (self.preps and self.preps.isdisjoint(preps))


def verb_code(lemma: str, objects: Iterable[str] = (), preps: Iterable[str] = ()) -> str | None:
    """The code of the most specific rule for this verb use, or None when it is no event."""
    found = set(objects), set(preps)
    rules = [rule for rule in _verb_rules().get(lemma.lower(), ()) if rule.matches(*found)]
    if not rules:
        return None
    return max(rules, key=lambda rule: rule.specificity).code


def noun_code(lemma: str) -> str | None:
    return _nouns().get(lemma.lower())


def lexicon_codes() -> set[str]:
    """Every code the lexicon can produce (for coverage checks)."""
    verbs = {rule.code for rules in _verb_rules().values() for rule in rules}
    return verbs | set(_nouns().values())


def _rows(name: str) -> Iterator[list[str]]:
    """Data rows of a shipped TSV: comments and the header skipped."""
    with (_DATA / name).open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)
        yield from (row for row in rows if row)


@cache
def _labels() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("cameo_codes.tsv")}


@cache
def _verb_rules() -> dict[str, list[VerbRule]]:
    rules: dict[str, list[VerbRule]] = {}
    for lemma, condition, code in _rows("verbs.tsv"):
        if code not in _labels():
            raise ValueError(f"verbs.tsv: unknown CAMEO code {code} for {lemma}")
        slots = _conditions(condition)
        rule = VerbRule(lemma, slots.get("obj", frozenset()), slots.get("prep", frozenset()), code)
        rules.setdefault(lemma, []).append(rule)
    return rules


def _conditions(text: str) -> dict[str, frozenset[str]]:
    if text == "*":
        return {}
    slots = dict(part.split("=", 1) for part in text.split("&"))
    return {slot: frozenset(values.split("|")) for slot, values in slots.items()}


@cache
def _nouns() -> dict[str, str]:
    nouns = {row[0]: row[1] for row in _rows("nouns.tsv")}
    unknown = set(nouns.values()) - set(_labels())
    if unknown:
        raise ValueError(f"nouns.tsv: unknown CAMEO codes {sorted(unknown)}")
    return nouns
