"""Acronyms defined in the text: "international lunar research station (ILRS)" and
"CNSA [China National Space Administration]". A definition counts only when the initials of the
long form spell the acronym, so a bracketed aside is never mistaken for one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.extract import columns

_OPEN = {"(": ")", "[": "]"}
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "&"})
_MAX_LETTERS = 10


@dataclass(frozen=True)
class Definition:
    short: Span
    long: Span


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= _MAX_LETTERS and letters.isalnum() and letters.isupper()


def find_definitions(doc: Doc) -> list[Definition]:
    found: list[Definition] = []
    for bracket in columns.positions(doc, _OPEN):
        close = _closing(doc, bracket)
        if close is None:
            continue
        inside = doc[bracket + 1 : close]
        definition = _long_then_short(doc, bracket, inside)
        definition = definition or _short_then_long(doc, bracket, inside)
        if definition is not None:
            found.append(definition)
    return found


def _closing(doc: Doc, i: int) -> int | None:
    closer = _OPEN[doc[i].text]
    for j in range(i + 1, min(len(doc), i + 12)):
        if doc[j].text == closer:
            return j
    return None


def _long_then_short(doc: Doc, bracket: int, inside: Span) -> Definition | None:
    if len(inside) != 1 or not is_acronym(inside.text):
        return None
    letters = _letters(inside.text)
    floor = max(doc[bracket].sent.start, bracket - 2 * len(letters))
    for start in range(bracket - 1, floor - 1, -1):
        candidate = doc[start:bracket]
        if doc[start].lower_ not in _FUNCTION_WORDS and spells(candidate, letters):
            return Definition(short=inside, long=candidate)
    return None


def _short_then_long(doc: Doc, bracket: int, inside: Span) -> Definition | None:
    if bracket == 0 or not is_acronym(doc[bracket - 1].text) or len(inside) < 2:
        return None
    if not spells(inside, _letters(doc[bracket - 1].text)):
        return None
    return Definition(short=doc[bracket - 1 : bracket], long=inside)


def spells(words: Span, letters: str) -> bool:
    """True when the initials of the content words (or of all words) spell the acronym."""
    alphabetic = [t.text for t in words if t.text[:1].isalnum()]
    if len(alphabetic) != len(words):
        return False
    content = "".join(w[0] for w in alphabetic if w.casefold() not in _FUNCTION_WORDS)
    every = "".join(w[0] for w in alphabetic)
    return letters in {content.upper(), every.upper()}


def _letters(acronym: str) -> str:
    return acronym.replace(".", "").replace("-", "").upper()
