"""Event codes, labels and quad classes, and the verb and noun lexicon that maps words to codes.

Two schemes: CAMEO for political interaction, and the wire scheme (codes ``W..``) for the
business, disaster, crime, legal and personal-life happenings CAMEO has no code for. The data
lives in TSV files shipped in the package (``data/``) so that the lexicon can grow without code
changes; the rules of both schemes compete, the most specific wins, CAMEO first on a tie. Codes
are strings: their leading zeros matter.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_DATA = files("pipeline.extract") / "data"
# The lexicon files of each language, verbs and nouns; both schemes' codes and labels are shared.
_VERB_FILES = {"en": ("verbs.tsv", "wire_verbs.tsv"), "fr": ("verbs_fr.tsv",)}
_NOUN_FILES = {"en": ("nouns.tsv", "wire_nouns.tsv"), "fr": ("nouns_fr.tsv",)}
CAMEO = "cameo"
WIRE = "wire"
_WIRE_PREFIX = "W"

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
     "organize", "organise", "join", "attend", "complete", "finish", "finalize", "finalise",
     "suffer", "sustain", "undergo", "cause", "announce", "break", "spark", "receive",
     "face", "enter"}
)  # fmt: skip


# An object class of the verb rules ("host obj=show|@award"): the object is a name of the list
# of award ceremonies, prizes and festivals (lexicon.AWARDS), not a word of the rule.
NAMED_AWARD = "@award"

# Codes whose two sides act together ("Russia and China signed"): each side is the other's target.
_SYMMETRIC = ("04", "050", "057", "06", "W12", "W13")


def scheme(code: str) -> str:
    return WIRE if code.startswith(_WIRE_PREFIX) else CAMEO


def is_symmetric(code: str) -> bool:
    return code.startswith(_SYMMETRIC)


def root_code(code: str) -> str:
    return code[:2]


def quad_class(code: str) -> int | None:
    """CAMEO's quad class; a wire happening (a merger, an earthquake) is neither cooperation
    nor conflict between actors, so it has none."""
    return _QUAD.get(root_code(code))


def label(code: str) -> str:
    return _labels()[code]


def code_fields(code: str) -> dict[str, str | int | None]:
    """What an event record says of its code: the code, its codebook, label, root and class."""
    return {
        "code": code,
        "scheme": scheme(code),
        "label": label(code),
        "root_code": root_code(code),
        "quad_class": quad_class(code),
    }


def roots() -> list[str]:
    return sorted(_QUAD)


@dataclass(frozen=True)
class VerbRule:
    """One lexicon row: a verb lemma, the conditions it needs, and the code it gives."""

    lemma: str
    objects: frozenset[str]
    preps: frozenset[str]
    code: str
    subjects: frozenset[str] = frozenset()
    # Codes, not lemmas: the happening a verb with no doer named came in (``cause=``).
    causes: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return bool(self.objects) + bool(self.preps) + bool(self.subjects) + bool(self.causes)

    def matches(
        self,
        objects: Iterable[str],
        preps: Iterable[str],
        subjects: Iterable[str] = (),
        causes: Iterable[str] = (),
    ) -> bool:
        wanted = (
            (self.objects, objects), (self.preps, preps), (self.subjects, subjects),
            (self.causes, causes),
        )  # fmt: skip
        return all(not needed or not needed.isdisjoint(given) for needed, given in wanted)


def verb_code(
    lemma: str,
    objects: Iterable[str] = (),
    preps: Iterable[str] = (),
    subjects: Iterable[str] = (),
    causes: Iterable[str] = (),
    language: str = "en",
) -> str | None:
    """The code of the most specific rule for this verb use, or None when it is no event.
    ``causes`` are the codes of the happening the use came in ("were killed in the crash")."""
    found = set(objects), set(preps), set(subjects), set(causes)
    rules = [rule for rule in _verb_rules(language).get(lemma.lower(), ()) if rule.matches(*found)]
    if not rules:
        return None
    # max() keeps the first of equals: CAMEO's rows come first.
    return max(rules, key=lambda rule: rule.specificity).code


def noun_code(lemma: str, alone: bool = False, language: str = "en") -> str | None:
    """The code of an event noun; ``alone``: only of nouns that name a happening without a
    verb to carry them ("after the earthquake", "her arrest"), not those that may name a
    thing ("her phone", "the film's release")."""
    lemma = lemma.lower()
    if alone and lemma not in _alone_nouns(language):
        return None
    return _nouns(language).get(lemma)


def lexicon_words() -> set[str]:
    """Every verb and noun of the English lexicons."""
    return set(_verb_rules("en")) | set(_nouns("en"))


def lexicon_codes() -> set[str]:
    """Every code the English lexicon can produce (for coverage checks)."""
    verbs = {rule.code for rules in _verb_rules("en").values() for rule in rules}
    return verbs | set(_nouns("en").values())


def _rows(name: str) -> Iterator[list[str]]:
    """Data rows of a shipped TSV: comments and the header skipped."""
    with (_DATA / name).open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)
        yield from (row for row in rows if row)


@cache
def _labels() -> dict[str, str]:
    return {row[0]: row[1] for name in ("cameo_codes.tsv", "wire_codes.tsv") for row in _rows(name)}


@cache
def _verb_rules(language: str) -> dict[str, list[VerbRule]]:
    rules: dict[str, list[VerbRule]] = {}
    for name in _VERB_FILES[language]:
        for lemma, condition, code in _rows(name):
            if code not in _labels():
                raise ValueError(f"{name}: unknown code {code} for {lemma}")
            slots = _conditions(condition)
            empty: frozenset[str] = frozenset()
            causes = slots.get("cause", empty)
            if not causes <= _labels().keys():
                raise ValueError(f"{name}: unknown cause code in {condition} for {lemma}")
            rule = VerbRule(
                lemma, slots.get("obj", empty), slots.get("prep", empty), code,
                slots.get("subj", empty), causes,
            )  # fmt: skip
            rules.setdefault(lemma, []).append(rule)
    return rules


def _conditions(text: str) -> dict[str, frozenset[str]]:
    if text == "*":
        return {}
    slots = dict(part.split("=", 1) for part in text.split("&"))
    return {slot: frozenset(values.split("|")) for slot, values in slots.items()}


@cache
def _nouns(language: str) -> dict[str, str]:
    nouns: dict[str, str] = {}
    for name in _NOUN_FILES[language]:
        for lemma, code, *_ in _rows(name):
            nouns.setdefault(lemma, code)
    unknown = set(nouns.values()) - set(_labels())
    if unknown:
        raise ValueError(f"event nouns: unknown codes {sorted(unknown)}")
    return nouns


@cache
def _alone_nouns(language: str) -> frozenset[str]:
    """Nouns marked ``alone`` in the third column of the noun lists."""
    return frozenset(
        row[0] for name in _NOUN_FILES[language] for row in _rows(name) if row[2:3] == ["alone"]
    )
