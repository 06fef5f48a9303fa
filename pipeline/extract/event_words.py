"""Event words: the other words of an article that tell the same happening as an event's trigger.

An event stores one trigger; the text often names its happening more than once. Two kinds of
word are kept beside it (within one article, never across articles):

- companion: the coded word beside the trigger that the trigger rules did not pick. The light
  verb that carries an event noun ("*completed* her course of treatment", "is *receiving*
  treatment", "*continue* with her rehab"), an event noun of the trigger's code that it says
  or acts on ("an *earthquake* struck", "postponed the *hearing*"), and the event noun a
  movement goes into ("checked into *rehab*", "heads to *rehab*"; not "into *a* rehab" nor
  "into California rehab", places);
- repeat: a later event noun of the lexicon that names the happening again: the word of the
  trigger, of a companion or of what the movement went into ("she is in *rehab*" after
  "checked into California rehab"), or a definite noun of the event's code that names a
  happening alone ("*the quake*" after "an earthquake struck"). Only in a sentence that gave
  no event of that code, told as a happening (not a modifier, a bare plural, a new or denied
  one: "a quake", "no injuries"), and not dated or placed otherwise than the event ("her stay
  there in 2010" is another stay). It joins the nearest event before it that it may repeat.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract import attribution, cameo, headlines, senses
from pipeline.extract.arguments import MentionIndex, place_heads, prep_objects
from pipeline.extract.dates import DateMention, Tense, resolve
from pipeline.schemas import EventWord, EventWordKind

# Codes of going somewhere: what one goes into may be the happening itself ("into rehab").
_MOVEMENT_CODES = frozenset({"W71", "042"})
_INTO_PREPS = frozenset({"in", "into", "to", "at"})
# Where an event noun of the trigger's own code stands beside it: "an earthquake struck",
# "postponed the hearing".
_OWN_CODE_LINKS = frozenset({"nsubj", "dobj", "nsubjpass", "attr", "oprd"})
# Determiners of one place among others: "checked into a rehab", "another facility".
_ONE_OF = frozenset({"a", "an", "another"})
# Modifiers of another happening of the kind: "her first stay", "the previous arrest".
_OTHER_ONE = frozenset(
    {"first", "last", "previous", "next", "earlier", "prior", "second", "third", "new",
     "former", "past", "later", "future"}
)  # fmt: skip
_YEAR = re.compile(r"(19|20)\d\d")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Determiners that deny or generalise the noun: "no injuries", "any arrest", "every stay".
_NOT_ONE = frozenset({"no", "any", "every", "each", "all", "other"})


@dataclass(frozen=True)
class Happening:
    """An extracted event as these rules read it: its trigger and the clause verb carrying
    it, its code, and the date range and place it was given."""

    trigger: Token
    clause: Token
    code: str
    free: bool
    dates: tuple[dt.date, dt.date] | None
    place: str | None
    # Words the event keeps already (its trigger, its report and modality cues).
    kept: frozenset[int]


@dataclass(frozen=True)
class Setting:
    """What the consistency check reads: the article's dates by token, its reference day,
    and its mentions."""

    dates: Mapping[int, DateMention]
    reference: dt.date | None
    index: MentionIndex

    def dates_of(self, noun: Token) -> tuple[dt.date, dt.date] | None:
        """The days a date in the noun's own words gives ("her stay there in 2010"), or the
        year that modifies it ("the 2009 quake")."""
        mention = next((self.dates[t.i] for t in noun.subtree if t.i in self.dates), None)
        value = resolve(mention.text, self.reference, Tense.NEAREST) if mention else None
        if value is not None:
            return value.start, value.end or value.start
        years = [int(c.text) for c in noun.children if c.tag_ == "CD" and _YEAR.fullmatch(c.text)]
        return (dt.date(years[0], 1, 1), dt.date(years[0], 12, 31)) if years else None

    def place_of(self, noun: Token) -> str | None:
        """The place its own words name ("her stay at Seaview")."""
        for head in place_heads(noun.subtree):
            mention = self.index.nearest(head, places_only=True)
            if mention is not None:
                return mention.entity_key
        return None


def find_words(
    doc: Doc, happenings: Sequence[Happening], setting: Setting
) -> list[list[EventWord]]:
    """The words of each happening, in order: its companions, then its repeats."""
    taken = {i for h in happenings for i in h.kept}
    destinations = [_destinations(h, setting.index) for h in happenings]
    companions = [
        _companions(h, [t for t in there if not _a_place(t)], taken)
        for h, there in zip(happenings, destinations, strict=True)
    ]
    taken |= {t.i for found in [*companions, *destinations] for t in found}
    # A repeat may name again what the event goes into, told as a place or not ("checked
    # into California rehab" ... "she's in rehab right now").
    named = [[*c, *d] for c, d in zip(companions, destinations, strict=True)]
    repeats = _repeats(doc, happenings, named, taken, setting)
    return [
        [_word(t, EventWordKind.COMPANION) for t in found]
        + [_word(t, EventWordKind.REPEAT) for t in again]
        for found, again in zip(companions, repeats, strict=True)
    ]


def _word(token: Token, kind: EventWordKind) -> EventWord:
    return EventWord(text=token.text, start=token.idx, end=token.idx + len(token.text), kind=kind)


def _companions(happening: Happening, destinations: list[Token], taken: set[int]) -> list[Token]:
    found = [*_carrier(happening), *_own_code_objects(happening), *destinations]
    unique = {t.i: t for t in found if t.i not in taken and t.i not in happening.kept}
    return [unique[i] for i in sorted(unique)]


def _carrier(happening: Happening) -> list[Token]:
    """The light verb that carries an event noun ("completed her course of treatment",
    "treatment she received"), or that a lone event noun follows through a preposition
    ("continue with her rehab"). A report that carries it is its attribution already."""
    trigger, clause = happening.trigger, happening.clause
    if happening.free:
        prep = trigger.head
        verb = prep.head if trigger.dep_ == "pobj" and prep.dep_ == "prep" else None
        return [verb] if verb is not None and _light(verb) else []
    if clause.i != trigger.i and _light(clause) and not attribution.is_reporting(clause):
        return [clause]
    return []


def _light(verb: Token) -> bool:
    return verb.pos_ == "VERB" and verb.lemma_.lower() in cameo.LIGHT_VERBS


def _own_code_objects(happening: Happening) -> list[Token]:
    """Event nouns of the trigger's own code that it says or acts on ("an earthquake
    struck", "postponed the hearing")."""
    trigger = happening.trigger
    found = [c for c in trigger.children if c.dep_ in _OWN_CODE_LINKS and _event_noun(c)]
    return [t for t in found if cameo.noun_code(t.lemma_) == happening.code]


def _destinations(happening: Happening, index: MentionIndex) -> list[Token]:
    """Event nouns a movement goes into ("checked into rehab", "heads to rehab", "a stay in
    rehab"). Where one leaves ("left rehab") is the place left, not the happening; a name
    ("went to Seaview") is a place."""
    if happening.code not in _MOVEMENT_CODES:
        return []
    found = prep_objects(happening.trigger, _INTO_PREPS)
    found = [t for t in found if _event_noun(t) and cameo.noun_code(t.lemma_) is not None]
    return [t for t in found if not index.names(t)]


def _event_noun(token: Token) -> bool:
    return _common(token) and not token.ent_type_ and not senses.figurative(token)


def _common(token: Token) -> bool:
    """A common noun, also where the tagger took a lower-case word for a name ("she is in
    rehab"); not a word capitalised inside a sentence of prose, a name ("went to Seaview")."""
    noun = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.lemma_.islower())
    return noun and not _capitalised_in_prose(token)


def _capitalised_in_prose(token: Token) -> bool:
    sentence = token.sent
    inside = token.i != sentence.start and token.text[:1].isupper()
    return inside and not headlines.title_case(sentence.text)


def _a_place(noun: Token) -> bool:
    """A destination told as a place, not a happening: one of many ("a rehab", "a different
    rehab") or one named by its place or owner ("Ohio rehab", "Pine Lodge Rehab")."""
    one_of = any(c.dep_ == "det" and c.lower_ in _ONE_OF for c in noun.children)
    named = any(c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_) for c in noun.children)
    return one_of or named


def _repeats(
    doc: Doc,
    happenings: Sequence[Happening],
    named: Sequence[list[Token]],
    taken: set[int],
    setting: Setting,
) -> list[list[Token]]:
    found: list[list[Token]] = [[] for _ in happenings]
    coded_sentences = {(h.trigger.sent.start, h.code) for h in happenings}
    for noun in doc:
        if noun.i in taken or not _told_as_happening(noun):
            continue
        code = cameo.noun_code(noun.lemma_)
        if code is None or (noun.sent.start, code) in coded_sentences:
            continue
        # The nearest event told with the noun's own word, else the nearest of its code.
        earlier = [
            (match, h.trigger.i, n)
            for n, h in enumerate(happenings)
            if h.trigger.i < noun.i and (match := _match(noun, code, h, named[n]))
        ]
        if earlier:
            *_, best = max(earlier)
            if _consistent(noun, happenings[best], setting):
                found[best].append(noun)
    return found


def _told_as_happening(noun: Token) -> bool:
    """An event noun naming a happening told before: not a modifier ("a rehab facility"), a
    bare plural ("earthquakes are common"), a denied or any one ("no injuries"), a new or
    another one ("a quake", "another stay", "her first stay"), a word of a name or another
    sense ("a stay of execution")."""
    if not _common(noun) or _link(noun) in senses.MODIFIER_LINKS or noun.ent_type_:
        return False
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod")}
    if determiners & (_NOT_ONE | _ONE_OF | _OTHER_ONE):
        return False
    bare_plural = noun.tag_ == "NNS" and not senses.particular(noun)
    return not bare_plural and not senses.figurative(noun)


def _link(token: Token) -> str:
    """The dependency of a word, or of the first of its conjuncts ("personal life and
    plastic-surgery travails": a modifier too)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_


def _match(noun: Token, code: str, happening: Happening, named: list[Token]) -> int:
    """2 where the noun is the word of the trigger noun or of a named noun again ("she is in
    rehab"), or a noun that names a happening alone and is the trigger verb's word
    ("arrested" ... "the arrest"); 1 where it names a happening alone, definite, with the
    event's code ("the quake" after "an earthquake struck"; not "at war" after "traded fire",
    nor "their call" after "called for"); else 0."""
    lemma = noun.lemma_.lower()
    nouns = [t for t in (happening.trigger, *named) if t.pos_ in ("NOUN", "PROPN")]
    if lemma in {t.lemma_.lower() for t in nouns}:
        return 2
    if cameo.noun_code(lemma, alone=True) is None:
        return 0
    if lemma == happening.trigger.lemma_.lower():
        return 2
    return int(code == happening.code and _definite(noun))


def _definite(noun: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in noun.children
    )


def _consistent(noun: Token, happening: Happening, setting: Setting) -> bool:
    """No date or place in the noun's own words that the event does not have."""
    dates = setting.dates_of(noun)
    if dates is not None:
        if happening.dates is None:
            return False
        if dates[0] > happening.dates[1] or happening.dates[0] > dates[1]:
            return False
    place = setting.place_of(noun)
    return place is None or happening.place is None or place == happening.place
