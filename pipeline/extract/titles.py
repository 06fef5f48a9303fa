"""Titles and honorifics: stripped from people's names and kept as the mention's role.

"Roscosmos State Corporation General Director Dmitry Rogozin" gives the name "Dmitry Rogozin",
the role "General Director" and the affiliation "Roscosmos State Corporation". The role is the
block of title words nearest the name; the affiliation is a named span before it, or after an
"of" inside the title phrase ("head of the CNSA"). "Ambassador to Russia" names the posting, not
the employer, so a complement after "to" is never the affiliation.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.extract import people
from pipeline.extract.lexicon import words

HONORIFICS = words("dame dr frau herr m madam miss mme mr mrs ms prof sir ")
# Words that may continue a title phrase without being titles themselves.
_LINKS = frozenset({"of", "the", "to", "for", "'s", "’s"})
_BRACKETS = {"]": "[", ")": "("}
_WINDOW = 16
_STOPS = frozenset({"the", "to", "'s", "’s"})  # "Ambassador to Russia": the posting, not the role
_JOINERS = frozenset({"of", "-"})  # "Secretary of State", "Secretary-General"


@dataclass(frozen=True)
class RoleContext:
    role: str | None
    affiliation: Span | None


def is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in people.TITLES


def is_honorific(word: str) -> bool:
    return word.casefold().rstrip(".") in HONORIFICS


def strip_titles(span: Span) -> Span:
    """The name without leading honorifics and titles ("Mr. Zhang Kejian" -> "Zhang Kejian")."""
    start = span.start
    while start < span.end - 1 and (
        is_honorific(span.doc[start].text) or is_title(span.doc[start].text)
    ):
        start += 1
    return span.doc[start : span.end]


def role_context(name: Span, named: list[Span]) -> RoleContext:
    """Role and affiliation from the title phrase written right before a person's name."""
    phrase = _title_phrase(name)
    block = _title_block(phrase, name.doc, named) if phrase else None
    if block is None:
        return _appositive(name, named)
    role = name.doc[block[0] : block[1]].text
    return RoleContext(role, _affiliation(name.doc, phrase, block, named))


def _appositive(name: Span, named: list[Span]) -> RoleContext:
    """ "Yahya Sinwar, head of Hamas' political wing": the role written after the name."""
    doc, i = name.doc, name.end + 1
    if i >= len(doc) or doc[i - 1].text != ",":
        return RoleContext(None, None)
    while i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    start = i
    while i < len(doc) and (is_title(doc[i].text) or _joins_titles(doc, i)):
        i += 1
    if i == start:
        return RoleContext(None, None)
    of_body = [s for s in named if doc[i].lower_ == "of" and s.start in (i + 1, i + 2)]
    return RoleContext(doc[start:i].text, of_body[0] if of_body else None)


def _joins_titles(doc: Doc, i: int) -> bool:
    return doc[i].lower_ in _JOINERS and i + 1 < len(doc) and is_title(doc[i + 1].text)


def _title_phrase(name: Span) -> list[int]:
    """Token indices before the name that read as one title phrase, nearest last."""
    doc, i = name.doc, name.start - 1
    floor = max(0, name.start - _WINDOW)  # not the sentence: parsers split at "[" and "Mr."
    while i >= floor and is_honorific(doc[i].text):
        i -= 1
    phrase: list[int] = []
    while i >= floor and _continues_phrase(doc, i):
        if doc[i].text in _BRACKETS:
            i = _skip_bracket(doc, i, floor)
            continue
        phrase.insert(0, i)
        i -= 1
    while phrase and doc[phrase[0]].lower_ in _LINKS:
        phrase.pop(0)
    return phrase


def _continues_phrase(doc: Doc, i: int) -> bool:
    token = doc[i]
    return (
        token.text in _BRACKETS
        or (token.text == "-" and not token.whitespace_)  # "Secretary-General"
        or is_title(token.text)
        or token.lower_ in _LINKS
        or (token.text[:1].isupper() and token.pos_ in {"PROPN", "ADJ", "NOUN"})
    )


def _skip_bracket(doc: Doc, i: int, floor: int) -> int:
    """Jump over "[China National Space Administration]": a gloss, not part of the title."""
    opener = _BRACKETS[doc[i].text]
    j = i - 1
    while j >= floor and doc[j].text != opener:
        j -= 1
    return j - 1 if j >= floor else floor - 1


def _title_block(phrase: list[int], doc: Doc, named: list[Span]) -> tuple[int, int] | None:
    """The run of title words nearest the name ("General Director"), as a token range."""
    titles = [i for i in phrase if is_title(doc[i].text)]
    if not titles:
        return None
    start = end = titles[-1]
    while start - 1 in phrase and (
        is_title(doc[start - 1].text)
        or (doc[start - 1].lower_ in _JOINERS and is_title(doc[start - 2].text))
    ):
        start -= 1
    return start, _extend_of(doc, end + 1, phrase, named)


def _extend_of(doc: Doc, end: int, phrase: list[int], named: list[Span]) -> int:
    """Take in "of Foreign Affairs" but not "of the CNSA": a named body is the affiliation."""
    covered = {i for span in named for i in range(span.start, span.end)}
    stop = end
    while stop in phrase and stop not in covered and doc[stop].lower_ not in _STOPS:
        stop += 1
    while stop > end and doc[stop - 1].lower_ in _LINKS:
        stop -= 1
    return stop


def _affiliation(
    doc: Doc, phrase: list[int], block: tuple[int, int], named: list[Span]
) -> Span | None:
    before = [s for s in named if phrase[0] <= s.start and s.end <= block[0]]
    if before:
        return before[-1]
    after_of = [
        s
        for s in named
        if block[1] <= s.start and s.end <= phrase[-1] + 1 and _preceded_by_of(doc, s)
    ]
    return after_of[0] if after_of else None


def _preceded_by_of(doc: Doc, span: Span) -> bool:
    i = span.start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ == "of"
