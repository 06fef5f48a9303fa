"""Did it happen? Negation, plans and possibilities read off the words governing a trigger.

We walk from the trigger up through complement links ("was considering the possibility of
building", "plans to sign") and stop at a reporting verb, so that "Rogozin said" does not colour
what he reported. Negation anywhere on that path wins, then the nearest cue.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from pipeline.extract.attribution import in_quote, is_reporting
from pipeline.extract.cameo import LIGHT_VERBS
from pipeline.extract.coreference import NOMINAL_SUBJECTS, no_one
from pipeline.schemas import Modality

# Links that keep us inside the same proposition as the trigger.
_COMPLEMENT_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "conj"})
_DENIAL_VERBS = frozenset({"deny", "refute", "dismiss", "fail"})
# What one is asked or urged to do is not done yet: "asked the Ombudsman to investigate",
# "urging Afghans to launch a holy war", "called on both sides to withdraw".
_REQUEST_WORDS = frozenset(
    {"ask", "urge", "request", "press", "encourage", "invite", "appeal", "call"}
)
# "the ideal choice to host", "the favourite to win": one weighed for the part, not one in it.
_CONSIDER_WORDS = frozenset(
    {"consider", "mull", "weigh", "contemplate", "explore", "study", "discuss", "possibility",
     "option", "idea", "prospect", "proposal", "propose", "suggest", "could", "might", "may",
     "if", "whether", "choice", "candidate", "favourite", "favorite", "frontrunner",
     "contender", "faith"} | _REQUEST_WORDS
)  # fmt: skip
_PLAN_WORDS = frozenset(
    {"plan", "intend", "expect", "schedule", "aim", "prepare", "want", "seek", "hope", "agree",
     "decide", "promise", "pledge", "vow", "will", "shall", "would", "'ll", "wo", "due",
     "intention", "going", "set", "ready", "offer"}
)  # fmt: skip
# "were feared dead", "were feared killed": a death feared is not told as one that happened.
# Only what is feared itself: in "feared killed in the avalanche" the avalanche happened.
_FEAR = "fear"
# A cue word is kept with the event only when it is an act of its own ("decided", "plans",
# "denied"), not a function word ("will", "going to", "set to") nor a noun ("the prospect of").
_CUE_WORD_TAGS = frozenset({"VERB"})
_EMPTY_CUES = frozenset({"going", "set", "go"})
# Verbs whose object noun names the event they weigh ("considering sanctions", "plans talks").
NOUN_WRAPPERS = frozenset({"consider", "mull", "weigh", "contemplate", "plan", "propose"})
# Verbs that only wrap another event: when their complement is coded, they are not events.
WRAPPERS = frozenset(
    {"consider", "mull", "weigh", "contemplate", "plan", "intend", "hope", "propose", "decide",
     "want", "seek", "agree", "deny", "help", "offer", "promise", "pledge", "vow"}
)  # fmt: skip


def modality_and_cue(trigger: Token, clause: Token) -> tuple[Modality, Token | None]:
    """The modality, and the verb that gives it when one does ("*decided* to check in",
    "*denied* meeting"; not an auxiliary or a "not")."""
    # A light verb is part of the event it carries ("held talks"); any other carrier is a cue.
    own = [trigger, clause] if clause.lemma_.lower() in LIGHT_VERBS else [trigger]
    carrier = [clause] if clause != trigger else []
    path = [trigger, *carrier, *_governors(clause)]
    if any(map(_negated, path)) or _done_to_or_by_no_one(own):
        return Modality.DENIED, None
    if clause.lemma_.lower() == _FEAR:
        return Modality.CONSIDERED, None
    if clause.dep_ == "xcomp" and clause.head.lemma_.lower() == _FEAR:
        return Modality.CONSIDERED, clause.head
    for token in path:
        # The event's own words ("agreed", "discussed") name it; only their auxiliaries are cues.
        lexical = token not in own
        cue = _cue(token, lexical=lexical)
        if cue is not None:
            word = lexical and token.pos_ in _CUE_WORD_TAGS and _cue(token, lexical=False) is None
            return cue, token if word and token.lemma_.lower() not in _EMPTY_CUES else None
    return Modality.HAPPENED, None


def _cue(token: Token, lexical: bool) -> Modality | None:
    # "without saying if he was killed", "asked whether talks would resume": an open question.
    words = {c.lower_ for c in token.children if c.dep_ in ("aux", "mark")}
    if lexical:
        words.add(token.lemma_.lower())
    if words & _DENIAL_VERBS:
        return Modality.DENIED
    if words & _CONSIDER_WORDS:
        return Modality.CONSIDERED
    if words & _PLAN_WORDS:
        return Modality.PLANNED
    return None


def _negated(token: Token) -> bool:
    # A "not" inside quotation marks that the word is outside of is what was said, not how:
    # '"Absolutely not," the minister said' is a statement made, not denied.
    quoted = in_quote(token)
    return any(c.dep_ == "neg" and in_quote(c) == quoted for c in token.children)


def _done_to_or_by_no_one(own: list[Token]) -> bool:
    """ "No one was injured", "Nobody wants to sign", "Police arrested no one", "No talks were
    held": a happening done by no one, to no one, or named under "no" did not happen. Only its
    own words (the trigger, a light verb carrying it) and the verbs whose subject they share
    count: in "no one was hurt in the crash", the crash happened."""
    trigger, verb = own[0], own[-1]
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    verbs = [*own, *_sharing_the_subject(verb)]
    subjects = [c for token in verbs for c in token.children if c.dep_ in NOMINAL_SUBJECTS]
    return any(map(no_one, [trigger, *objects, *subjects]))


def _sharing_the_subject(clause: Token) -> Iterator[Token]:
    """The verbs an open complement hangs from ("Nobody *wants* to sign"), up to a report."""
    token = clause
    while token.dep_ == "xcomp" and not is_reporting(token.head):
        token = token.head
        yield token


def _governors(clause: Token) -> Iterator[Token]:
    """The words governing the clause, up to the first reporting verb. A purpose clause is
    governed by the verb it is the purpose of ("would return next year to host": planned)."""
    token = clause
    while _governed(token) and token.head.i != token.i:
        token = token.head
        if is_reporting(token):
            return
        yield token


def _governed(token: Token) -> bool:
    """Inside the proposition of the word above: a complement, a purpose, or an infinitive
    relative ("the ideal choice to host": the choice's weighing is the hosting's)."""
    relative = token.dep_ == "relcl" and _infinitive(token)
    return token.dep_ in _COMPLEMENT_LINKS or purpose_clause(token) or relative


def purpose_clause(token: Token) -> bool:
    """An infinitive adverbial clause: "(came) to host", "(left early) to catch a flight"."""
    return token.dep_ == "advcl" and _infinitive(token)


def _infinitive(token: Token) -> bool:
    return any(child.dep_ == "aux" and child.tag_ == "TO" for child in token.children)
