"""Is this verb an act at all? Checks a lexicon match must pass before it is coded.

A word of the lexicon is an event only as the verb of a clause with a subject of its own or
an understood one ("they plan to *form* a venture"). A participle modifying a noun ("a tower
*supporting* power lines"), a word inside a name ("London Interbank *Offered* Rates") or a
noun-like use is no act. Some verbs have senses the lexicon's conditions cannot tell apart;
their checks live here ("charged with elaborating measures" is a task, not a charge; "flames
shot into the sky" is no shooting; "the product offers reliability" is no offer to cooperate,
"meets the needs of users" no meeting).
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.arguments import SUBJECTS, implicit_subject

# Links under which a verb only modifies a noun or sits in a name.
_MODIFIER_LINKS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss", "appos"})
_CLAUSE_MARKS = SUBJECTS | {"csubjpass", "expl", "agent", "aux", "auxpass"}
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Links whose verb shares the subject of the clause above it.
_SHARED_SUBJECT_LINKS = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "relcl"})
# "meets the needs of": meeting a requirement is no meeting of parties.
_REQUIREMENTS = frozenset(
    {"need", "demand", "requirement", "target", "standard", "expectation", "deadline",
     "criterion", "criteria", "goal", "obligation", "condition", "challenge", "cost", "payment"}
)  # fmt: skip
# "charged with the task of ...", "charged with elaborating ...": a duty, not an indictment.
_DUTY_NOUNS = frozenset({"task", "responsibility", "duty", "job", "mission", "role", "work"})


def heads_clause(verb: Token) -> bool:
    """True when the verb heads a clause with a real subject (its own or an understood one)."""
    if verb.dep_ in _MODIFIER_LINKS or verb.ent_type_:
        return False
    if verb.dep_ == "acl":
        # "the agreement signed by Russia": a reduced relative with its agent is a report.
        return any(child.dep_ == "agent" for child in verb.children)
    return _has_subject(verb)


def _has_subject(verb: Token) -> bool:
    """A subject of its own, a finite form or an auxiliary (a finite clause whose subject the
    parser lost: "..., Adani was charged"), or the subject of the clause it hangs from."""
    if verb.tag_ in _FINITE or any(child.dep_ in _CLAUSE_MARKS for child in verb.children):
        return True
    if verb.dep_ in _SHARED_SUBJECT_LINKS and verb.head.i != verb.i:
        return bool(implicit_subject(verb)) or _has_subject(verb.head)
    return False


def wrong_sense(verb: Token, code: str) -> bool:
    """True when the lexicon's reading of the verb is not the one the sentence uses."""
    lemma = verb.lemma_.lower()
    if lemma == "charge" and code == "173":
        return _charged_with_a_duty(verb)
    if lemma == "offer" and code == "030":
        # "offered to mediate" is an intent; "the product offers reliability", "offered 20
        # dlrs a share" are no promise of cooperation.
        return not any(child.dep_ == "xcomp" for child in verb.children)
    if lemma == "meet" and code == "040":
        return bool(_object_lemmas(verb) & _REQUIREMENTS)
    if lemma == "shoot" and code == "W51":
        # "balls of fire shot into the sky", "net worth shot up": only shooting someone is.
        links = {child.dep_ for child in verb.children}
        return "prt" in links or not links & {"dobj", "nsubjpass"}
    return False


def _object_lemmas(verb: Token) -> set[str]:
    return {child.lemma_.lower() for child in verb.children if child.dep_ == "dobj"}


def _charged_with_a_duty(verb: Token) -> bool:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            objects = list(prep.subtree)[1:]
            gerund = any(t.tag_ == "VBG" for t in objects)
            duty = any(t.lemma_.lower() in _DUTY_NOUNS for t in objects)
            return gerund or duty
    return False
