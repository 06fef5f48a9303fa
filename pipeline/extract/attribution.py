"""Who says so: the source of a reported event ("Roscosmos said", "according to ...")."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.columns import text_of

REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "state", "declare", "add", "note", "claim", "confirm",
     "reveal", "write", "tweet", "insist", "argue", "explain", "stress", "emphasize", "emphasise",
     "warn", "quote", "assert", "acknowledge", "allege", "comment", "remark", "reiterate",
     "inform", "post"}
)  # fmt: skip
# Links through which a clause, or a phrase inside it, reports to the verb above it.
_REPORTED_LINKS = frozenset(
    {"ccomp", "parataxis", "xcomp", "conj", "pcomp", "pobj", "prep", "dobj", "acl", "advcl"}
)
_IMPERSONAL = frozenset({"it", "there"})


def is_reporting(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_VERBS


def reporting_verb(clause: Token) -> Token | None:
    """The verb above this clause that reports it ("said" in "X said that Y signed ..."), if
    any."""
    token = clause
    while token.dep_ in _REPORTED_LINKS and token.head.i != token.i:
        token = token.head
        if is_reporting(token):
            return token
    return None


def reporting_aside(clause: Token) -> Token | None:
    """A reporting verb with a subject of its own set in the clause as an aside ("she checked
    in, the Herald reports"): the parser hangs it from the clause it reports."""
    for child in clause.children:
        if child.dep_ == "parataxis" and is_reporting(child) and _subject(child) is not None:
            return child
    return None


def cue(clause: Token) -> Token | None:
    """The word that says the clause is reported: "according" of "according to", else the
    reporting verb ("told" in "her agent told the Herald she had checked in")."""
    according = _according(clause)
    return according if according is not None else _reporter(clause)


def _reporter(clause: Token) -> Token | None:
    return reporting_verb(clause) or reporting_aside(clause)


def source(clause: Token) -> Token | None:
    """The head of the source's noun phrase: the reporter's subject or "according to" object."""
    according = _according_to(clause)
    if according is not None:
        return according
    reporter = _reporter(clause)
    if reporter is None:
        return None
    subject = subject_speaker(reporter)
    if subject is not None:
        return subject
    agents = (o for c in reporter.children if c.dep_ == "agent" for o in _pobjs(c))
    return next((o for o in agents if _named(o)), None)


def subject_speaker(reporter: Token) -> Token | None:
    """The reporting verb's subject, unless an impersonal "it" or "there"."""
    return next((c for c in reporter.children if c.dep_ == "nsubj" and _named(c)), None)


def _named(speaker: Token) -> bool:
    return speaker.lower_ not in _IMPERSONAL


def _according_to(clause: Token) -> Token | None:
    according = _according(clause)
    for prep in according.children if according is not None else ():
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return None


def _according(clause: Token) -> Token | None:
    """The "according" of an "according to X" hanging from the clause."""
    for token in clause.subtree:
        to = any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
        if token.lower_ == "according" and token.head.i == clause.i and to:
            return token
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _pobjs(agent: Token) -> list[Token]:
    return [c for c in agent.children if c.dep_ == "pobj"]


def in_quote(token: Token) -> bool:
    """Inside quotation marks opened earlier in its paragraph (an odd number of marks before
    it); a single quote counts only where the tagger reads it as one."""
    return marks_before(token.doc, token.idx) % 2 == 1


def marks_before(doc: Doc, end: int) -> int:
    """Quotation marks from the start of the paragraph up to a character offset (each mark
    wholly before it)."""
    quotes = _quotes(doc)
    start = text_of(doc).rfind("\n", 0, end) + 1
    return max(0, bisect_right(quotes.ends, end) - bisect_left(quotes.starts, start))


@dataclass(frozen=True)
class _Quotes:
    starts: list[int]  # character offsets of the marks, in order
    ends: list[int]


_QUOTES = "wire_quote_marks"


def _quotes(doc: Doc) -> _Quotes:
    """The doc's quotation marks, found once per doc (the layers ask about quotes a few times
    per event)."""
    found = doc.user_data.get(_QUOTES)
    if found is None:
        marks = [token for token in doc if quote_mark(token)]
        found = _Quotes([t.idx for t in marks], [t.idx + len(t) for t in marks])
        doc.user_data[_QUOTES] = found
    return found


def quote_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "``", "''") or (
        token.text in ("'", "‘", "’") and token.tag_ in ("``", "''")
    )
