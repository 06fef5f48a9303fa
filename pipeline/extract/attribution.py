"""Who says so: the source of a reported event ("Roscosmos said", "according to ...")."""

from __future__ import annotations

from spacy.tokens import Token

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
    """The verb that reports this clause ("said" in "X said that Y signed ..."), if any."""
    token = clause
    while token.dep_ in _REPORTED_LINKS and token.head.i != token.i:
        token = token.head
        if is_reporting(token):
            return token
    return None


def source(clause: Token) -> Token | None:
    """The head of the source's noun phrase: the reporter's subject or "according to" object."""
    according = _according_to(clause)
    if according is not None:
        return according
    reporter = reporting_verb(clause)
    if reporter is None:
        return None
    speakers = [c for c in reporter.children if c.dep_ == "nsubj"]
    speakers += [o for c in reporter.children if c.dep_ == "agent" for o in _pobjs(c)]
    named = [s for s in speakers if s.lower_ not in _IMPERSONAL]
    return named[0] if named else None


def _according_to(clause: Token) -> Token | None:
    for token in clause.subtree:
        if token.lower_ == "according" and token.head.i == clause.i:
            for prep in token.children:
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _pobjs(agent: Token) -> list[Token]:
    return [c for c in agent.children if c.dep_ == "pobj"]
