"""What an article itself tells of a person's gender, so that "she" never resolves to a man.

Only the text's own words count, never a guess from the name: a gendered title or noun next
to a mention ("actress Maria Jensen", "Mr. Zhang", "Mark Lund, her lawyer" does not count:
"her" is someone else), the mention's role, and a reflexive the person is the subject of
("Anna Berg has checked herself into ..."). A person the text says nothing of, or says both
of, stays unknown and fits either pronoun.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from pipeline.extract.lexicon import words
from pipeline.schemas import Mention

FEMALE = "f"
MALE = "m"
_FEMALE_WORDS = words(
    "actress chairwoman congresswoman spokeswoman businesswoman sportswoman policewoman "
    "anchorwoman hostess comedienne "
    "councilwoman heiress starlet mrs ms miss madam mme dame lady queen princess duchess "
    "empress countess baroness sister daughter mother wife widow grandmother aunt niece girl "
    "woman herself"
)
_MALE_WORDS = words(
    "actor chairman congressman spokesman businessman sportsman policeman councilman mr "
    "anchorman "
    "sir lord king prince duke emperor count baron brother son father husband widower "
    "grandfather uncle nephew boy man himself"
)
_PRONOUNS = {
    "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE,
    "he": MALE, "him": MALE, "his": MALE, "himself": MALE,
}  # fmt: skip


def of_pronoun(word: str) -> str | None:
    return _PRONOUNS.get(word.casefold())


def of_word(word: str) -> str | None:
    """The gender a pronoun or a noun for a person says ("she", "actress"), if any."""
    return of_pronoun(word) or _gender_of(word.casefold())


def genders(doc: Doc, mentions: Iterable[Mention]) -> dict[str, str]:
    """Entity key -> gender the text tells, for the people it tells it of unambiguously."""
    told: dict[str, set[str]] = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        before = [_cue_before(doc[span.start - 1])] if span.start else []
        cues = before + (mention.role or "").casefold().split()
        cues += [t.lower_ for t in _reflexives(span.root)]
        found = {_gender_of(word) for word in cues} - {None}
        if found:
            told.setdefault(mention.entity_key, set()).update(g for g in found if g)
    return {key: next(iter(found)) for key, found in told.items() if len(found) == 1}


def _cue_before(token: Token) -> str:
    """The word before a name as a cue ("actress", "Mrs."), not a verb ("fans will miss
    Zlatan Ibrahimovic", "count Smith among")."""
    return "" if token.pos_ in ("VERB", "AUX") else token.lower_.rstrip(".")


def _gender_of(word: str) -> str | None:
    if word in _FEMALE_WORDS:
        return FEMALE
    return MALE if word in _MALE_WORDS else None


def _reflexives(root: Token) -> list[Token]:
    """ "herself" or "himself" as the object of the verb the mention is the subject of."""
    if root.dep_ != "nsubj":
        return []
    return [c for c in root.head.children if c.lower_ in ("herself", "himself")]
