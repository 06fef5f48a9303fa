"""Events: who did what to whom, when and where, coded in CAMEO from the dependency parse.

Every sentence of the body is coded, not just the lede. A trigger is a verb of the lexicon
("signed" + "memorandum" -> 057) or an event noun carried by a light verb ("held a
videoconference", "negotiations were being conducted"). Verbs that only report or wrap another
coded event ("said", "was considering") give way to it; the reported event carries the reporter
as its attribution and the wrapper as its modality.

Coordination: "Russia and China have signed" yields one event per coordinated actor (the dyadic
convention of CAMEO coders); when the code is symmetric (meet, sign, cooperate) and the text
names no other target, each side is the other's target.

Each event also keeps the other words of its article that tell its happening, the light verb
beside an event noun or a later "the quake" (:mod:`pipeline.extract.event_words`).

Dates come from the trigger's own clause, else, for what was going on as it was said, from the
clause reporting it ("said in July that negotiations were being conducted"). Never from another
clause otherwise ("said on Friday they had agreed ..." dates the statement, not the agreement),
nor from another report of a like act in the article (an article may tell of two hostings of
one show, or two signings), nor from the dateline alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from pipeline.extract import (
    attribution,
    cameo,
    columns,
    coreference,
    event_words,
    lexicon,
    modality,
    occasions,
    senses,
)
from pipeline.extract.arguments import (
    CLAUSE_BREAKS,
    SUBJECTS,
    Argument,
    MentionIndex,
    called_on,
    implicit_subject,
    is_passive,
    named_head,
    noun_actors,
    noun_makers,
    place_heads,
    prep_objects,
    sides,
    subjects,
    targets,
    with_conjuncts,
)
from pipeline.extract.dates import DateMention, ResolvedDate, Tense, find_dates, reference_date
from pipeline.extract.dates import resolve as resolve_date
from pipeline.extract.entities import FoundEntities
from pipeline.schemas import Article, DatePrecision, EntityKind, EventRecord, Modality

VERSION = "36"

# Clauses below these links are other events: their dates and places are theirs.
_OTHER_CLAUSES = CLAUSE_BREAKS | {"xcomp", "advcl", "csubj"}
# Verbs whose subject receives the act of the event noun they carry ("received an offer").
_RECEIVING = frozenset({"receive"})
_FROM = frozenset({"from"})
_BY = frozenset({"by"})
_GIVERS = _FROM | _BY
_FACING = frozenset({"face", "suffer"})
# Acts one faces as their receiver: criticism, threats, sanctions, coercion, assault, force,
# trials and rulings; not a violation one is charged with (128), an injury or a death.
_DONE_TO = ("11", "13", "16", "17", "18", "19", "20", "W61", "W62")
# Verbs that tell of an assault, a disaster, an accident, deaths or injuries as their witness
# ("reported an attack", "acknowledged the deaths"), not their doer; a party confirms its own
# assaults, and reports its own arrests, deals and operations.
_WITNESSING = frozenset({"report", "acknowledge"})
_CONFIRMING = frozenset({"confirm"})
_DISASTERS = ("W41", "W42", "W43", "W44")
_WITNESSED = ("18", *_DISASTERS)
# Prepositions that name the target of some codes only: a bid or an offer "for" a company.
_CODE_TARGET_PREPS = {"W11": frozenset({"for"})}
# What a party says or counts, which copy makes the subject for the party: "Obasanjo's
# comments appeared to confirm", "AMP's profit sank".
_SAID_OR_COUNTED = frozenset(
    {"comment", "remark", "statement", "word", "letter", "speech", "report", "announcement",
     "profit", "earnings", "revenue", "sale", "loss", "share", "stock", "output", "export",
     "import", "economy", "budget", "figure", "result", "policy", "plan", "decision", "move"}
)  # fmt: skip
# Names the model reads as a party even where the tagger takes them for common nouns.
_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Roots whose receiver may come after "on": appeals ("called on India to"), sanctions eased or
# imposed ("lift a ban on the rebels", "sanctions on Iran"), coercion ("a crackdown on
# militants"), assaults and force ("strikes on Gaza", "an attack on the base").
_ROOT_TARGET_PREPS = dict.fromkeys(("02", "08", "16", "17", "18", "19"), frozenset({"on"}))
# Words that count a part of the people after their "of" ("many of his fighters", "dozens of
# protesters"): the people are the receiver.
_PART_WORDS = frozenset(
    {"many", "some", "most", "all", "several", "few", "dozens", "hundreds", "thousands",
     "scores", "none", "each", "both", "one", "two", "three", "four", "five"}
)  # fmt: skip
# A person's arrival, departure or stay: what it goes to or leaves is a place, no receiver.
_DESTINATION_CODES = frozenset({"W71"})
# A person's journeys and visits: what one goes for is theirs, at the journey's time.
_MOVEMENTS = frozenset({"W71", "042"})
_PROTESTS = "14"
_TOPIC_PREPS = frozenset({"on", "about", "regarding", "concerning", "over"})
# Event nouns whose owner is the one the act was done to ("her arrest", "his trial").
_OWNER_UNDERGOES = frozenset(
    {"arrest", "sentence", "conviction", "indictment", "trial", "hearing", "murder",
     "assassination", "kidnapping", "rape", "shooting", "stabbing", "appointment",
     "nomination", "release", "treatment", "surgery", "hospitalization", "injury"}
)  # fmt: skip
# Nouns that count or last what follows their "of" ("a couple of minutes", "a number of
# shares", "her course of treatment", "30 days' worth of treatment", "a round of talks", "most
# of the charges").
_QUANTITIES = frozenset(
    {"couple", "number", "lot", "few", "dozen", "pair", "handful", "series", "total", "majority",
     "portion", "share", "part", "rest", "bulk", "block", "string", "course", "round", "worth",
     "stint", "spell", "hour", "day", "week", "month", "year", "most", "many", "half",
     "several", "much"}
)  # fmt: skip
# Codes of going somewhere: their prepositional objects are places, not other happenings.
_PLACE_OBJECT_CODES = frozenset({"W71", "W53", "042"})
_DIRECTIONS = frozenset({"back", "out", "away", "off", "home", "down", "up", "over"})
_PLACE_ADVERBS = frozenset({"there", "here", "home"})
_PLACE_PREPS = frozenset({"in", "into", "to", "at", "from", "out", "onto", "toward", "towards"})
# Where a particular event noun tells a happening of its own: not as the object of a verb,
# which may have stopped it ("blocked the merger", "avoided a crash").
_NOMINAL_LINKS = frozenset({"nsubj", "nsubjpass", "attr", "pobj", "appos"})
# A happening after these is where an act took place: the act's time is its own ("killed in
# the attack"); not after verbs by which "in" names what the act is about ("charged in the
# killing", "arrested in the shooting").
_SETTING_PREPS = frozenset({"in", "during"})
_REGARDING = frozenset(
    {"charge", "arraign", "convict", "indict", "acquit", "sentence", "arrest", "detain",
     "question", "implicate", "suspect", "try", "investigate", "jail", "imprison", "plead",
     "testify", "name", "identify", "sue", "cite", "blame"}
)  # fmt: skip
# Openers of a clause that goes on at the time of the clause it is hung on.
_MEANWHILE = frozenset({"as", "while", "whilst", "when"})
# Prepositions that place a happening in time ("after the crash", "during a hearing").
_TIME_PREPS = frozenset(
    {"after", "before", "during", "since", "following", "amid", "amidst", "despite", "until",
     "pending", "prior", "ahead"}
)  # fmt: skip


# Parts of a reporting verb's clause that are no part of what it reports: its speaker, a
# clause set beside it ("although ...", "... and argued that"), when and how it was said.
# Comment verbs and refusals: a comment declined is CAMEO's 011, no statement (010).
_COMMENTS = frozenset({"comment", "elaborate"})
_REFUSALS = frozenset({"decline", "refuse"})
_NO_COMMENT = "011"
_TIMES = frozenset({"DATE", "TIME"})
# Relative words of a clause told within a happening ("the crash, where ...").
_SETTINGS = frozenset({"where", "when"})
# An event noun told as under way when it is reported ("the current visit").
_UNDER_WAY = frozenset({"current", "ongoing", "continuing", "present"})
# Commitments whose negated complement is what they rule out, not a denied act of its own.
_UNREAL = frozenset({"would", "could", "might", "should", "'d"})
_COMMITMENTS = frozenset({"agree", "promise", "pledge", "vow", "undertake"})
_BESIDE_THE_REPORT = SUBJECTS | {"advcl", "conj", "cc", "npadvmod", "advmod", "mark"}


@dataclass(frozen=True)
class Candidate:
    """A coded trigger before its arguments are read: the clause verb carries them."""

    trigger: Token
    clause: Token
    code: str
    nominal: bool
    # An event noun standing alone ("after her arrest"): no verb carries it, so it has no doer
    # but its owner, and its own words give its date and place.
    free: bool = False


@dataclass(frozen=True)
class _Dated:
    value: ResolvedDate
    text: str


class _Context:
    """What every event of one article needs: mentions, dates and the reference day."""

    def __init__(self, doc: Doc, article: Article, found: FoundEntities):
        self.index = MentionIndex(doc, found.mentions, found.entities)
        self.reference = reference_date(article)
        self.sentence_of = {sent.start: number for number, sent in enumerate(doc.sents)}
        self.dates: dict[int, DateMention] = {}
        for mention in find_dates(columns.text_of(doc)):
            for token in doc.char_span(mention.start, mention.end, alignment_mode="expand") or ():
                self.dates.setdefault(token.i, mention)


def find_events(doc: Doc, article: Article, found: FoundEntities) -> list[EventRecord]:
    """Every coded event of the article; none for a language the English lexicon cannot read."""
    if article.language and not article.language.lower().startswith("en"):
        return []
    context = _Context(doc, article, found)
    kept = candidates(doc, lambda c: _doer_fits(c, context.index))
    told = [list(_records(c, context)) for c in kept]
    told = occasions.dated_by_the_same_remarks(told, context.reference)
    told = occasions.dated_by_the_same_happening(told, context.reference)
    happenings = [_happening(c, records) for c, records in zip(kept, told, strict=True)]
    setting = event_words.Setting(context.dates, context.reference, context.index)
    words = event_words.find_words(doc, happenings, setting)
    return [
        record.model_copy(update={"words": found_words})
        for records, found_words in zip(told, words, strict=True)
        for record in records
    ]


def _happening(candidate: Candidate, records: list[EventRecord]) -> event_words.Happening:
    """The event as the event-word rules read it; its dyads share date, place and cues."""
    first = records[0]
    days = (first.date, first.date_end or first.date) if first.date else None
    cues = {first.attribution_trigger_start, first.modality_trigger_start} - {None}
    kept = {candidate.trigger.i} | {token.i for token in _tokens_at(candidate.trigger.doc, cues)}
    return event_words.Happening(
        candidate.trigger, candidate.clause, candidate.code, candidate.free, days,
        first.location_key, frozenset(kept),
    )  # fmt: skip


def _tokens_at(doc: Doc, starts: Iterable[int | None]) -> Iterator[Token]:
    """The tokens that start at these character offsets (found by spaCy's search, not a walk
    of the text)."""
    for start in starts:
        span = None if start is None else doc.char_span(start, start + 1, alignment_mode="expand")
        if span is not None and span[0].idx == start:
            yield span[0]


def _doer_fits(candidate: Candidate, index: MentionIndex) -> bool:
    """Codes of a person's movement or show need a person as subject; a person buying
    anything but a business, a stake or shares is shopping, no acquisition."""
    if candidate.nominal:
        return True
    if senses.needs_person(candidate.trigger, candidate.code):
        return _personal_doer(candidate.clause, index)
    if senses.is_purchase(candidate.trigger, candidate.code):
        return senses.buys_a_business(candidate.trigger) or not _personal_doer(
            candidate.clause, index
        )
    if senses.needs_agent(candidate.trigger, candidate.code):
        return _agent_doer(candidate.clause, index)
    return True


def _agent_doer(clause: Token, index: MentionIndex) -> bool:
    """ "The R7610 supports ...", "the technology helps ...": a product or a technology
    neither supports nor helps as a party does. A subject that names an entity of the article
    (a person, an organisation, a place) or a pronoun is a party; so is a missing one."""
    # A passive's doer is its agent, if named ("was threatened by rebels"), not its subject.
    heads = subjects(clause) if is_passive(clause) else senses.subject_heads(clause)
    for head in heads:
        named = named_head(head)
        if named.pos_ == "NOUN" and not index.names(named) and not _party_noun(named):
            continue  # "the absence of the president": a thing, whoever it names
        found = coreference.participant(head, index)
        if found is not None and found.key is not None:
            if not found.key.startswith(f"{EntityKind.MISC.value}:"):
                return True
        elif senses.party(named):
            return True
    return not heads


def _party_noun(noun: Token) -> bool:
    """A common noun that may stand for a party: a body, a group, people, a nominal of a named
    organisation ("the company")."""
    return senses.party(noun) or coreference.names_people(noun)


def _personal_doer(clause: Token, index: MentionIndex) -> bool:
    """A person as subject: an entity of the article when the subject names one ("Jensen",
    "she" resolved), else the words' own cue ("the actress")."""
    for head in senses.subject_heads(clause):
        found = coreference.participant(head, index)
        if found is not None and found.key is not None:
            if _is_person(found):
                return True
        elif senses.personal(head):
            return True
    return False


def candidates(doc: Doc, fits: Callable[[Candidate], bool]) -> list[Candidate]:
    """Coded triggers of the whole text whose doer ``fits`` the code, wrappers of another
    coded event left out. The doer is checked first: a report of shopping ("told the judge
    she was buying gadgets") is a bare statement, not a wrapper of an acquisition."""
    tags = columns.pos_tags(doc)
    verbs = (doc[i] for i, pos in enumerate(tags) if pos == "VERB")
    found = [c for c in map(_candidate, verbs) if c is not None and fits(c)]
    # "agreed not to buy": the agreement happened, the buying is what it rules out.
    refrained = {verb.i for c in found for verb in _refrained(c)}
    found = [c for c in found if c.clause.i not in refrained]
    clauses = {c.clause.i for c in found}
    kept = [c for c in found if not _wraps_event(c, clauses) and not _aside(c, clauses)]
    taken = {c.trigger.i for c in found} | {t.i for c in found for t in _arguments(c)}
    nouns = (doc[i] for i, pos in enumerate(tags) if pos == "NOUN" and i not in taken)
    return kept + [c for c in map(_free_nominal, nouns) if c is not None]


def _refrained(candidate: Candidate) -> list[Token]:
    """The acts a commitment rules out ("agreed not to buy", "pledged never to attack"): a
    negated complement of an agreement or promise, which is the event told, not a denial."""
    verb = candidate.trigger
    if candidate.nominal or verb.lemma_.lower() not in _COMMITMENTS:
        return []
    return [c for c in verb.children if c.dep_ == "xcomp" and _negated_here(c)]


def _negated_here(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _free_nominal(noun: Token) -> Candidate | None:
    """An event noun no verb carries, told as a happening of its own: owned ("her arrest",
    "Jensen's placement"), naming a time ("after the crash", "during a hearing"), or a
    particular one standing as a subject, an attribute or a prepositional object ("the quake
    measured 6.1", "it was the worst crash", "injured in the shooting")."""
    if noun.dep_ in senses.MODIFIER_LINKS or senses.figurative(noun):
        return None
    owned = any(child.dep_ == "poss" for child in noun.children)
    prep = noun.head
    # "prior to the hearing", "ahead of the ceremony"
    prep = prep.head if prep.lower_ in ("to", "of") and prep.head.lower_ in _TIME_PREPS else prep
    timed = noun.dep_ == "pobj" and prep.lower_ in _TIME_PREPS
    told = noun.dep_ in _NOMINAL_LINKS and senses.particular(noun) and not senses.record(noun)
    code = cameo.noun_code(senses.noun_lemma(noun), alone=True) if owned or timed or told else None
    if code is None:
        return None
    return Candidate(noun, noun, senses.noun_sense(noun, code), nominal=True, free=True)


def _arguments(candidate: Candidate) -> list[Token]:
    """Nouns a coded verb has as subject or object ("its acquisition was completed"): parts
    of its event, not events of their own. A prepositional object may be another happening
    ("sued her for the assault", "complied with her sentence")."""
    verb = candidate.clause
    found = [c for c in verb.children if c.dep_ in (*SUBJECTS, "dobj", "attr", "oprd")]
    if candidate.code in _PLACE_OBJECT_CODES:
        # "checked into a rehab", "fled from the hearing": where one goes or comes from
        # ("arrived for his trial" is no place).
        found += prep_objects(verb, _PLACE_PREPS)
    return found


def _candidate(token: Token) -> Candidate | None:
    if token.pos_ != "VERB" or _is_topic(token) or _left_undone(token):
        return None
    if _counterfactual(token):
        return None
    if senses.linked_state(token):
        return None
    lemma = token.lemma_.lower()
    # "is considering sanctions": the sanctions are the event, considered; "announced a
    # merger": the merger is the event, announced.
    if lemma in modality.NOUN_WRAPPERS or lemma in attribution.REPORTING_VERBS:
        wrapped = _nominal(token)
        if wrapped is not None:
            return wrapped
    if lemma in _COMMENTS and _refused(token):
        # "declined to comment": the refusal carries it; "would not comment": no comment made,
        # a comment declined (011), which happened.
        return None if token.dep_ == "xcomp" else Candidate(token, token, _NO_COMMENT, False)
    code = cameo.verb_code(
        lemma, _object_lemmas(token), _prep_lemmas(token), _subject_lemmas(token),
        _cause_codes(token),
    )  # fmt: skip
    if code is not None and senses.heads_clause(token) and not senses.wrong_sense(token, code):
        return Candidate(token, token, code, nominal=False)
    # A light verb may modify its event noun ("a videoconference held on March 9").
    return _nominal(token) if lemma in cameo.LIGHT_VERBS else None


def _refused(comment: Token) -> bool:
    """A comment not made: negated ("would not comment") or the complement of a refusal
    ("declined to comment", "refused to comment further")."""
    if _negated_here(comment):
        return True
    return comment.dep_ == "xcomp" and comment.head.lemma_.lower() in _REFUSALS


def _nominal(verb: Token) -> Candidate | None:
    for noun in _carried_nouns(verb):
        code = cameo.noun_code(senses.noun_lemma(noun))
        if code is not None and not senses.figurative(noun):
            return Candidate(noun, verb, senses.noun_sense(noun, code), nominal=True)
    return None


def _is_topic(verb: Token) -> bool:
    """A gerund naming what something is about ("memorandum on cooperating", "negotiations on
    building", "signed ... on cooperating") is that thing's content, not an event of its own."""
    prep = verb.head
    return verb.dep_ == "pcomp" and prep.lower_ in _TOPIC_PREPS


def _left_undone(verb: Token) -> bool:
    """ "acted without consulting the council", "left without paying": a gerund after
    "without" tells what was not done, no happening."""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without" and verb.tag_ == "VBG"


def _counterfactual(verb: Token) -> bool:
    """ "would have captured", "could have been avoided": what would or might have been is
    a condition, no happening; "will have finished" and "has captured" are."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and "have" in auxiliaries and bool(auxiliaries & _UNREAL)


def _object_lemmas(verb: Token) -> set[str]:
    # An adjective complement counts too: "pleaded guilty".
    complements = [c for c in verb.children if c.dep_ == "acomp"]
    objects = _objects(verb)
    found = {token.lemma_.lower() for token in objects + complements}
    if verb.lemma_.lower() in _REFUSALS:
        # "declined to comment": what is refused is its object.
        found |= {c.lemma_.lower() for c in verb.children if c.dep_ == "xcomp"}
    if any(map(_names_award, objects)):
        found.add(cameo.NAMED_AWARD)
    return found


def _names_award(head: Token) -> bool:
    """A name of the award list ends at the object ("the Tony Awards", "an Emmy") or, before a
    common noun, at a word modifying it ("the BAFTAs telecast"; "Oscar Smith" is a person)."""
    ends = [head]
    if head.pos_ == "NOUN":
        ends += [c for c in head.children if c.dep_ == "compound"]
    names = _award_names()
    longest = max(map(len, names))
    return any(
        tuple(t.text for t in head.doc[max(end.i + 1 - size, 0) : end.i + 1]) in names
        for end in ends
        for size in range(1, longest + 1)
    )


@cache
def _award_names() -> frozenset[tuple[str, ...]]:
    return frozenset(
        lexicon.name_words(name)
        for canonical, aliases in lexicon.AWARDS.items()
        for name in (canonical, *aliases)
    )


def _subject_lemmas(verb: Token) -> set[str]:
    """Heads of the subject ("prices rose", "a quake struck"), conjuncts included, or of the
    understood one ("a quake struck, killing three people")."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = own or implicit_subject(verb)
    return {token.lemma_.lower() for token in own + [c for t in own for c in t.conjuncts]}


def _cause_codes(verb: Token) -> set[str]:
    """Codes of the happening a passive with no doer named came in: an event noun its
    preposition governs ("were killed in the crash", "killed by the blast"), or that of a
    participle sharing its auxiliary when it names none ("were killed and three injured in the
    crash"), or a coded clause beside it ("when the building collapsed", "after his car hit a
    tree"). An agent that is no happening is a doer ("killed by rebels"), and so is an active
    verb's subject: none then."""
    if not is_passive(verb):
        return set()
    nouns = _prepositional_happenings(verb)
    if any(code is None and noun.head.dep_ == "agent" for noun, code in nouns.items()):
        return set()
    if not any(nouns.values()):
        nouns = {
            n: c
            for told in _elided_passives(verb)
            for n, c in _prepositional_happenings(told).items()
        }
    clauses = (_candidate(child) for child in verb.children if child.dep_ == "advcl")
    found = {code for code in nouns.values() if code is not None}
    return found | {clause.code for clause in clauses if clause is not None}


def _prepositional_happenings(verb: Token) -> dict[Token, str | None]:
    """The verb's prepositional objects, with their code as a happening when they are one."""
    return {
        pobj: _happening_code(pobj)
        for prep in verb.children
        if prep.dep_ in ("prep", "agent")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    }


def _elided_passives(verb: Token) -> list[Token]:
    """Passive participles coordinated with the verb where one of the two shares the other's
    auxiliary, and so its clause: "were killed and three injured in the crash", "were injured
    in the fire and two killed" tell one happening, whichever participle the parser hangs it
    on; "were killed ... and two were wounded by gunmen" are two clauses."""
    return [
        token
        for token in verb.conjuncts
        if token.tag_ == "VBN" and not (_own_auxiliary(token) and _own_auxiliary(verb))
    ]


def _own_auxiliary(verb: Token) -> bool:
    return any(child.dep_ in ("aux", "auxpass") for child in verb.children)


def _happening_code(noun: Token) -> str | None:
    """The code of an event noun told as a happening: a noun that names one alone ("in
    flooding", "in the crash"), or a particular one of a noun that may name a thing ("in a
    fire"; "by Israeli fire" is shooting)."""
    if senses.figurative(noun):
        return None
    code = cameo.noun_code(senses.noun_lemma(noun), alone=not senses.particular(noun))
    return senses.noun_sense(noun, code) if code is not None else None


def _objects(verb: Token) -> list[Token]:
    """What the verb acts on: its object, a passive subject, or the noun a participle modifies."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    # "named John Smith president": the post stands beside the person.
    found += [c for token in found for c in token.children if c.dep_ in ("conj", "appos")]
    # "captured all four of their games", "spent a couple of minutes": a quantity's "of"
    # object is what is acted on.
    found += [
        pobj
        for token in found
        if token.pos_ in ("NUM", "DET", "PRON") or token.lemma_.lower() in _QUANTITIES
        for pobj in prep_objects(token, frozenset({"of"}))
    ]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.append(verb.head)
    elif verb.dep_ == "relcl" and not found and _relative_object(verb):
        # "the treatment she received", "the prize she won": the noun the clause modifies.
        found.append(verb.head)
    return found


def _relative_object(verb: Token) -> bool:
    """A relative clause whose subject is its own ("she received"), not the relative
    pronoun ("the treatment that helped her"), nor one of place or time ("a hearing where
    her lawyer said"): what it relates to is its object."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    adverbial = any(c.tag_ == "WRB" for c in verb.children)
    return bool(subjects) and not adverbial and all(s.tag_ not in ("WDT", "WP") for s in subjects)


def _prep_lemmas(verb: Token) -> set[str]:
    """Prepositions of the verb, of its object ("build a base with China") and of an adverb
    of direction ("walked back into the clinic")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    heads += [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in _DIRECTIONS]
    # A particle may be parsed as an adverb ("passed away"): its tag still says particle.
    found = {
        c.lemma_.lower()
        for head in heads
        for c in head.children
        if c.dep_ in ("prep", "prt", "agent") or c.tag_ == "RP"
    }
    # An adverb of place stands for its preposition: "will remain there", "returned home".
    found |= {c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in _PLACE_ADVERBS}
    if any(c.dep_ == "ccomp" for c in verb.children):
        found.add("that")
    return found


def _carried_nouns(verb: Token) -> list[Token]:
    """Nouns a light verb may carry: its object, its subject ("talks began"), or its head noun."""
    carried = _objects(verb) + [c for c in verb.children if c.dep_ in SUBJECTS]
    return [token for token in carried if token.pos_ in ("NOUN", "PROPN")]


def _wraps_event(candidate: Candidate, clauses: set[int]) -> bool:
    """A reporting or wrapping verb ("said", "plans") whose complement is itself coded."""
    lemma = candidate.trigger.lemma_.lower()
    if candidate.nominal or not (
        lemma in attribution.REPORTING_VERBS or lemma in modality.WRAPPERS
    ):
        return False
    verb = candidate.trigger
    if lemma in attribution.REPORTING_VERBS:
        return any(token.i in clauses for token in _said(verb))
    # A wrapper is read over its whole clause: one with nothing coded in it is mostly another
    # sense ("is considered close to ..., and the opposition has accused ...").
    speakers = {t.i for c in verb.children if c.dep_ in SUBJECTS for t in c.subtree}
    inner = (t for t in verb.subtree if t.i != verb.i)
    return any(token.i in clauses and token.i not in speakers for token in inner)


def _said(verb: Token) -> Iterator[Token]:
    """What a report says, not who says it nor what is told beside it: "said the father, whose
    baby was wounded", "although the agent would not say why she left the clinic, a source
    said ...", "told a judge that ... and argued that ..." (the argument is a report of its
    own), "told the Herald after a hearing where her lawyer said ..."."""
    for child in verb.children:
        timing = child.dep_ == "prep" and child.lower_ in _TIME_PREPS
        if child.dep_ not in _BESIDE_THE_REPORT and not timing:
            yield from child.subtree


def _aside(candidate: Candidate, clauses: set[int]) -> bool:
    """A report set as an aside in a coded clause ("she checked in, the Herald reports"): the
    clause's attribution, not an event of its own."""
    trigger = candidate.trigger
    return (
        not candidate.nominal
        and trigger.head.i in clauses
        and attribution.reporting_aside(trigger.head) is trigger
    )


def _records(candidate: Candidate, context: _Context) -> Iterator[EventRecord]:
    """One record per (actor, target) pair; everything else is shared by the pairs."""
    mood, cue = modality.modality_and_cue(candidate.trigger, candidate.clause)
    if candidate.code == _NO_COMMENT and candidate.trigger.lemma_.lower() in _COMMENTS:
        # "will not comment": its "not" is the act, a comment declined now.
        mood, cue = Modality.HAPPENED, None
    dated = _event_date(candidate, mood, context)
    shared = _shared_fields(candidate, context, mood, dated)
    shared["modality_trigger"] = cue.text if cue is not None else None
    shared["modality_trigger_start"] = cue.idx if cue is not None else None
    yield from dyad_records(
        shared, _dyads(candidate, context.index), candidate.nominal, dated is not None
    )


def dyad_records(
    shared: dict[str, Any],
    dyads: list[tuple[Argument | None, Argument | None]],
    nominal: bool,
    dated: bool,
) -> Iterator[EventRecord]:
    """One record per (actor, target) pair, with the fields the pairs share."""
    for actor, target in dyads:
        yield EventRecord(
            **shared,
            actor_key=actor.key if actor else None,
            actor_text=actor.text if actor else None,
            target_key=target.key if target else None,
            target_text=target.text if target else None,
            confidence=_confidence(nominal, actor, target, dated),
        )


def _shared_fields(
    candidate: Candidate, context: _Context, mood: Modality, dated: _Dated | None
) -> dict[str, Any]:
    trigger, sentence = candidate.trigger, candidate.trigger.sent
    reported = _reported_clause(candidate)
    # A noun split at its hyphen is told whole ("cave-in"), not by its last part.
    named = (senses.hyphenated(trigger) if candidate.nominal else None) or trigger.doc[
        trigger.i : trigger.i + 1
    ]
    fields = {
        **cameo.code_fields(candidate.code),
        "trigger": named.text,
        "trigger_start": named.start_char,
        "sentence_index": context.sentence_of[sentence.start],
        "start": sentence.start_char,
        "end": _sentence_end(sentence),
        "date": dated.value.start if dated else None,
        "date_end": dated.value.end if dated else None,
        "date_precision": dated.value.precision if dated else None,
        "date_text": dated.text if dated else None,
        "location_key": _location(candidate.clause, context) or _destination(candidate, context),
        "attribution": _attribution(reported, context) if reported else None,
        **_attribution_trigger(reported),
        "modality": mood,
    }
    if _reports_its_noun(candidate):
        # "Moss confirmed the actress's stay", "Texaco announced a merger": the verb that
        # carries the event is its report, and its subject the source.
        verb = candidate.clause
        fields["attribution"] = _attribution_by(attribution.subject_speaker(verb), context)
        fields["attribution_trigger"] = verb.text
        fields["attribution_trigger_start"] = verb.idx
    return fields


def _reports_its_noun(candidate: Candidate) -> bool:
    return _carried_by_another_verb(candidate) and attribution.is_reporting(candidate.clause)


def _carried_by_another_verb(candidate: Candidate) -> bool:
    """An event noun a verb of its clause carries ("reported an attack", "received an offer")."""
    return candidate.nominal and not candidate.free and candidate.clause.i != candidate.trigger.i


def _dyads(
    candidate: Candidate, index: MentionIndex
) -> list[tuple[Argument | None, Argument | None]]:
    """One (actor, target) pair per coordinated actor; symmetric codes pair the sides."""
    clause, trigger = candidate.clause, candidate.trigger
    if _received(candidate):
        return _received_sides(candidate, index)
    if candidate.free:
        owners = with_conjuncts([c for c in trigger.children if c.dep_ == "poss"])
        if trigger.lemma_.lower() in _OWNER_UNDERGOES:
            # "her arrest", "Kennedy's assassination": the owner is the one it was done to.
            return [(None, _first_participant(owners, index))]
        # "the visit to Cairo by the French president", "a G20 summit", "talks between France
        # and Germany": its words name them; not "the Westminster attack", done to its name.
        between = sides(trigger)
        journey = _journey(trigger)
        heads = (
            noun_makers(trigger, not candidate.code.startswith(_DONE_TO))
            or (between if len(between) > 1 else [])
            # "flew to Florida for a trip": the one who went for it
            or (subjects(journey) if journey is not None else [])
        )
    elif _told_by_a_witness(candidate):
        # "the ministry reported an attack", "Rimi acknowledged the deaths": who tells of the
        # happening is its source, not its doer; "an attack by gunmen" names one.
        heads = with_conjuncts(prep_objects(trigger, _BY))
    else:
        heads = noun_actors(trigger, clause) if candidate.nominal else subjects(clause)
    # "injured by the blast", "a car bombing killed three": a happening is no doer.
    heads = [_owner_of_thing(head) for head in heads if _happening_code(head) is None]
    # "Sears Roebuck and Co": a coordination inside one name is one actor.
    found = [actor for head in heads for actor in coreference.participants(head, index)]
    actors = [a for n, a in enumerate(found) if a.key is None or a.key not in _keys(found[:n])]
    preps = _CODE_TARGET_PREPS.get(candidate.code) or _ROOT_TARGET_PREPS.get(
        candidate.code[:2], frozenset()
    )
    explicit = _explicit_target(clause, trigger, index, {a.key for a in actors if a.key}, preps)
    if explicit is None and candidate.code.startswith(_PROTESTS):
        # "rallies calling for the government to resign": whom a protest calls on.
        explicit = _first_participant(called_on(trigger) or called_on(clause), index)
    if candidate.code in _DESTINATION_CODES and not _is_person(explicit):
        explicit = None  # "checked into the Pine Lodge Center": a place, kept as the place
    return pair_sides(actors, explicit, candidate.code)


def _told_by_a_witness(candidate: Candidate) -> bool:
    """An assault, disaster, death or injury a verb of witness carries with no owner
    ("reported an attack", "acknowledged the deaths", "confirmed the deaths"): the subject
    tells of it. "Police reported the arrest", "Acme confirmed the merger" keep theirs."""
    if not _reports_its_noun(candidate) or any(
        child.dep_ == "poss" for child in candidate.trigger.children
    ):
        return False
    lemma = candidate.clause.lemma_.lower()
    code = candidate.code
    return (lemma in _WITNESSING and code.startswith(_WITNESSED)) or (
        lemma in _CONFIRMING and code.startswith(_DISASTERS)
    )


def _received(candidate: Candidate) -> bool:
    """ "Harbor Corp received a takeover offer from Kestrel": the act is the noun's, carried
    by a verb of receiving (its subject is the one the act was done to). Only an act between
    parties (a CAMEO code): who receives treatment or a prize undergoes a happening of the
    wire codes, its doer as the wire codes count it ("Anna Berg is receiving treatment").
    One faces or suffers an act done to them, of either scheme ("will face trial", "faced an
    attack by the army"), but not a violation, an injury or a death, which are theirs."""
    if not _carried_by_another_verb(candidate) or is_passive(candidate.clause):
        return False
    lemma, code = candidate.clause.lemma_.lower(), candidate.code
    if lemma in _FACING:
        return code.startswith(_DONE_TO)
    return cameo.scheme(code) == cameo.CAMEO and lemma in _RECEIVING


def _received_sides(
    candidate: Candidate, index: MentionIndex
) -> list[tuple[Argument | None, Argument | None]]:
    """The one the act came from ("from Kestrel", "by the army", on the noun or on the verb)
    did it, or no one named; the receiver, the verb's subject, is its target."""
    clause, trigger = candidate.clause, candidate.trigger
    givers = with_conjuncts(prep_objects(trigger, _GIVERS) or prep_objects(clause, _GIVERS))
    found = [actor for head in givers for actor in coreference.participants(head, index)]
    actors = [a for n, a in enumerate(found) if a.key is None or a.key not in _keys(found[:n])]
    receivers = (coreference.participant(head, index) for head in subjects(clause))
    receiver = next((found for found in receivers if found is not None), None)
    if receiver is not None and receiver.key is not None and receiver.key in _keys(actors):
        receiver = None
    return pair_sides(actors, receiver, candidate.code)


def _owner_of_thing(head: Token) -> Token:
    """ "Obasanjo's comments appeared to confirm", "AMP's half-year profit sank": what a
    named party says or counts stands for the party as doer ("America's favourite grill" is
    described, not owned; "Israel's army" is a party of its own)."""
    owners = [c for c in head.children if c.dep_ == "poss" and _named(c)]
    return owners[0] if owners and head.lemma_.lower() in _SAID_OR_COUNTED else head


def _named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in _PARTY_ENTITIES


def pair_sides(
    actors: list[Argument], target: Argument | None, code: str
) -> list[tuple[Argument | None, Argument | None]]:
    """One (actor, target) pair per actor; without a target, a symmetric code makes each of
    two actors the other's target ("Russia and China signed"). Three or more are co-signers
    of one act, each a doer and none the others' receiver ("Britain, France and Italy signed
    an accord with Iran")."""
    if not actors:
        return [(None, target)]
    pairs: list[tuple[Argument | None, Argument | None]] = []
    for actor in actors:
        partner = next((other for other in actors if other != actor), None)
        symmetric = partner if cameo.is_symmetric(code) and len(actors) == 2 else None
        pairs.append((actor, target or symmetric))
    return pairs


def _is_person(found: Argument | None) -> bool:
    return found is not None and (found.key or "").startswith(f"{EntityKind.PERSON.value}:")


def _destination(candidate: Candidate, context: _Context) -> str | None:
    """Where a person goes, stays or leaves ("checked into the Pine Lodge Center", "went to
    Seaview", "left Oakdale"): the named place or body the movement's object names."""
    if candidate.code not in _DESTINATION_CODES:
        return None
    index = context.index
    for head in targets(candidate.clause, candidate.trigger, frozenset({"into"})):
        found = coreference.participant(head, index)
        if found is not None and found.key is not None and not _is_person(found):
            return found.key
    return None


def _first_participant(heads: list[Token], index: MentionIndex) -> Argument | None:
    found = (coreference.participant(head, index) for head in heads)
    return next((argument for argument in found if argument is not None), None)


def _keys(arguments: list[Argument]) -> set[str | None]:
    return {argument.key for argument in arguments}


def _explicit_target(
    clause: Token,
    trigger: Token,
    index: MentionIndex,
    actor_keys: set[str],
    preps: frozenset[str],
) -> Argument | None:
    for head in targets(clause, trigger, preps):
        head = _owner_of_thing(head)  # "blamed Mr Mugabe's policies": Mugabe
        named = named_head(head)
        if _thing(named, index):
            # "sold 110,000 Acme shares", "its commitment to the OPEC accord": a thing, whoever
            # it names, receives nothing.
            continue
        found = coreference.participant(head, index)
        if found is None:
            continue
        if found.key is not None and found.key not in actor_keys:
            return found
        # Unnamed people are a receiver too ("killing a Lebanese protester", "many of his
        # fighters"); things are not.
        if found.key is None and any(map(coreference.names_people, _people_heads(head))):
            return found
    return None


def _thing(noun: Token, index: MentionIndex) -> bool:
    """A common noun that names no party nor stands for one, nor is owned by one: "110,000
    Acme shares", "last December's OPEC accord"; not "the magazine" told before,
    "protesters", "Roscosmos' proposal" nor "the home of the leader"."""
    if noun.pos_ != "NOUN" or index.names(noun) or _party_noun(noun):
        return False
    owners = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in _TIMES]
    if owners or prep_objects(noun, frozenset({"of"})):
        return False
    return coreference.referents(noun, index) is None


def _people_heads(head: Token) -> list[Token]:
    """The head (the noun a relative pronoun stands for), or the people a part word counts
    ("many of his fighters")."""
    head = named_head(head)
    if head.lower_ in _PART_WORDS:
        return [head, *prep_objects(head, frozenset({"of"}))]
    return [head]


def _event_date(candidate: Candidate, mood: Modality, context: _Context) -> _Dated | None:
    """The date of the trigger's own clause. A date of the clause that reports it dates the
    report, not this event ("said on Friday they had agreed ..."), except for what was going on
    as it was said ("said in July that negotiations were being conducted")."""
    clause = candidate.clause
    found = _date_mention(candidate, mood, context)
    if found is None:
        return None
    mention, tense = found
    value = resolve_date(mention.text, context.reference, tense)
    if value is None:
        return None
    if _after_since(clause.doc, mention) and context.reference and value.start < context.reference:
        # "killed 10 people since Monday": from that day to the story's day, not on Monday.
        value = ResolvedDate(value.start, context.reference, DatePrecision.RANGE)
    return _Dated(value, mention.text)


def _date_mention(
    candidate: Candidate, mood: Modality, context: _Context
) -> tuple[DateMention, Tense] | None:
    """The date words of the event and the tense to read them in."""
    clause = candidate.clause
    mention = _nearest_date(clause, context)
    reporter = attribution.reporting_verb(clause)
    if mention is None and reporter is not None and _ongoing(clause, reporter):
        # "While speaking at the Forum in June 2019, Rogozin said ...": the whole report.
        mention = _nearest_date(reporter, context, CLAUSE_BREAKS)
    if mention is None:
        # "When the board met in March, the chairman said ...": said then.
        mention = next(
            (m for c in _when_clauses(clause) if (m := _nearest_date(c, context)) is not None),
            None,
        )
    if mention is None and modality.purpose_clause(clause):
        # "would return next year to host": a purpose is dated by what it is the purpose of.
        mention = _nearest_date(clause.head, context)
    setting = _setting(clause) if mention is None else None
    if setting is not None:
        # "a bombing in May 2016, in which a car was used to kill ten": told within it.
        mention = _nearest_date(setting, context)
    timed_by = _timed_by(clause) if mention is None else None
    if timed_by is not None and (found := _nearest_date(timed_by, context)) is not None:
        return found, _tense(timed_by, mood)
    if mention is not None:
        return mention, _tense(clause, mood)
    return _occasion_date(candidate, mood, context) if candidate.nominal else None


def _occasion_date(
    candidate: Candidate, mood: Modality, context: _Context
) -> tuple[DateMention, Tense] | None:
    """An event noun with no date of its own takes that of the journey it is for ("will fly
    to Florida this weekend for a trip"), or, told as under way, that of its report ("said on
    Monday he hopes the current visit will ...", also where the parser hangs the day on a
    clause between)."""
    clause, trigger = candidate.clause, candidate.trigger
    journey = _journey(trigger) if candidate.free else None
    if journey is not None:
        mention = _nearest_date(journey, context)
        return (mention, _tense(journey, mood)) if mention is not None else None
    reporter = attribution.reporting_verb(clause.head if candidate.free else clause)
    if reporter is None or not _under_way(trigger):
        return None
    dates = (_nearest_date(verb, context, CLAUSE_BREAKS) for verb in _above(clause, reporter))
    mention = next((found for found in dates if found is not None), None)
    return (mention, _tense(reporter, Modality.HAPPENED)) if mention is not None else None


def _journey(noun: Token) -> Token | None:
    """The movement an event noun standing alone is what it is for ("flew to Florida this
    weekend for a trip", "arrived on Monday for talks")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.pos_ != "VERB":
        return None
    found = _candidate(prep.head)
    return prep.head if found is not None and found.code in _MOVEMENTS else None


def _setting(clause: Token) -> Token | None:
    """The event noun whose relative clause of place or time ("in which", "during which",
    "where", "when") tells the clause, or its infinitive or coordinated verbs."""
    token = clause
    while token.dep_ in ("xcomp", "conj"):
        token = token.head
    noun = token.head
    if token.dep_ != "relcl" or noun.pos_ != "NOUN":
        return None
    if cameo.noun_code(senses.noun_lemma(noun)) is None:
        return None
    which = any(
        c.dep_ == "prep" and any(o.tag_ == "WDT" for o in c.children) for c in token.children
    )
    where = any(c.tag_ == "WRB" and c.lower_ in _SETTINGS for c in token.children)
    return noun if which or where else None


def _timed_by(clause: Token) -> Token | None:
    """The verb whose date is this event's too: the act an unmarked participle clause tells
    the outcome of ("struck a courthouse on Wednesday, killing 20 and injuring others"), and
    the act a happening is the setting of ("were killed in two attacks in Kabul on Wednesday",
    "died in the crash"), and the act a clause opened by "as", "while" or "when" went on
    with ("scrapped the ordinance on Sunday as 500,000 people protested"). A clause marked
    otherwise ("after meeting", "before leaving") or a participle with its own subject is
    timed apart."""
    if clause.dep_ == "advcl" and clause.head.pos_ == "VERB" and _meanwhile(clause):
        return clause.head
    first = clause
    while first.dep_ == "conj" and first.tag_ == "VBG" and not _has_subject_or_mark(first):
        first = first.head  # "killing 20 and injuring others": one outcome after another
    if first.dep_ == "advcl" and first.tag_ == "VBG" and first.head.pos_ == "VERB":
        return None if _has_subject_or_mark(first) else first.head
    prep = clause.head
    if clause.pos_ != "NOUN" or clause.dep_ != "pobj" or prep.lower_ not in _SETTING_PREPS:
        return None
    verb = prep.head
    if prep.dep_ != "prep" or verb.pos_ != "VERB" or verb.lemma_.lower() in _REGARDING:
        return None
    return verb


def _meanwhile(clause: Token) -> bool:
    """Opened by "as", "while" or "when" (not "as well" after the verb)."""
    return any(c.lower_ in _MEANWHILE and c.i < clause.i for c in _openers(clause))


def _openers(clause: Token) -> Iterator[Token]:
    """The words that may open a clause: its adverbs and markers ("when", "as", "after")."""
    return (c for c in clause.children if c.dep_ in ("advmod", "mark"))


def _has_subject_or_mark(verb: Token) -> bool:
    return any(c.dep_ in ("mark", *SUBJECTS) for c in verb.children)


def _when_clauses(clause: Token) -> Iterator[Token]:
    """Adverbial clauses opened by "when" that time the clause ("When X announced it in
    December, Y said": Y said in December)."""
    for child in clause.children:
        if child.dep_ == "advcl" and any(c.lower_ == "when" for c in _openers(child)):
            yield child


def _after_since(doc: Doc, mention: DateMention) -> bool:
    before = columns.text_of(doc)[max(0, mention.start - 6) : mention.start]
    return before.casefold().split()[-1:] == ["since"]


def _tense(clause: Token, mood: Modality) -> Tense:
    """Future for plans, past for a verb in a past form ("signed", "had signed", "was held"),
    else untold ("holders of record March 18", "talks on March 18")."""
    if mood is Modality.PLANNED:
        return Tense.FUTURE
    forms = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
    return Tense.PAST if any(t.tag_ == "VBD" for t in forms) else Tense.NEAREST


def _ongoing(clause: Token, reporter: Token) -> bool:
    """A progressive verb between the clause and its reporter ("were being conducted", "was
    considering the possibility of building")."""
    token = clause
    while token.i != reporter.i:
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        forms = [token, *auxiliaries]
        if any(t.tag_ == "VBG" for t in forms) and any(t.lemma_ == "be" for t in auxiliaries):
            return True
        token = token.head
    return False


def _under_way(noun: Token) -> bool:
    """An event noun told as going on ("the current visit", "the ongoing talks")."""
    return any(c.dep_ == "amod" and c.lower_ in _UNDER_WAY for c in noun.children)


def _above(clause: Token, reporter: Token) -> Iterator[Token]:
    """The heads from the clause up to its reporter, the reporter last; not a verb the clause
    is coordinated with, which tells another event."""
    token = clause
    while token.i != reporter.i:
        below, token = token, token.head
        if below.dep_ != "conj":
            yield token


def _nearest_date(
    head: Token, context: _Context, breaks: frozenset[str] = _OTHER_CLAUSES
) -> DateMention | None:
    """The first date of the head's clause. A verb coordinated with it is another event with
    its own date ("saw both sides trade fire and killed 10 people since Monday": the trading
    is not dated by the killing)."""
    for token in clause_tokens(head, breaks, verbs_apart=True):
        if token.i in context.dates and not _dates_a_thing(token, head):
            return context.dates[token.i]
    return None


def _dates_a_thing(token: Token, head: Token) -> bool:
    """ "last December's accord", "Sunday's agreement": a date owning a noun tells when that
    thing was made, not when the clause's event happened, unless that noun is the event
    ("Sunday's assault")."""
    owner = token.head if token.dep_ == "poss" else token.head.head
    owns = token.dep_ == "poss" or (token.head.dep_ == "poss" and token.head.i > token.i)
    return owns and owner.i != head.i


def clause_tokens(
    head: Token,
    breaks: frozenset[str] = _OTHER_CLAUSES,
    verbs_apart: bool = False,
    subjects: frozenset[str] = SUBJECTS,
) -> Iterator[Token]:
    """The head's own clause, breadth first: by default reported, relative, complement and
    adverbial clauses left out (their dates and places are their own events'), and so is a
    coordinated clause with its own subject (labelled one of ``subjects``: the parser's
    labels, French's differ); with ``verbs_apart``, every coordinated verb too."""
    level = [head]
    while level:
        yield from level
        level = [
            child
            for token in level
            for child in token.children
            if child.dep_ not in breaks
            and not _own_finite_clause(child, subjects)
            and not (verbs_apart and _coordinated_verb(child))
        ]


def _coordinated_verb(token: Token) -> bool:
    return token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")


def _own_finite_clause(token: Token, subjects: frozenset[str]) -> bool:
    """A coordinated clause with its own subject tells another event ("X signed and Y left")."""
    return token.dep_ == "conj" and any(c.dep_ in subjects for c in token.children)


def _location(clause: Token, context: _Context) -> str | None:
    for head in place_heads(clause_tokens(clause)):
        mention = context.index.nearest(head, places_only=True)
        if mention is not None:
            return mention.entity_key
    return None


def _attribution(clause: Token, context: _Context) -> str | None:
    return _attribution_by(attribution.source(clause), context)


def _attribution_by(speaker: Token | None, context: _Context) -> str | None:
    if speaker is None:
        return None
    found = [
        source
        for head in with_conjuncts([speaker])
        for source in coreference.participants(head, context.index)
    ]
    return " and ".join(dict.fromkeys(source.text for source in found)) or None


def _reported_clause(candidate: Candidate) -> Token | None:
    """The clause whose report is the event's attribution. A lone event noun that only times
    a report ("told a judge during a hearing") is not what was reported."""
    if candidate.free:
        verb = next((t for t in candidate.trigger.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None and attribution.is_reporting(verb):
            return None
    return candidate.clause


def _attribution_trigger(clause: Token | None) -> dict[str, Any]:
    """The reporting word, kept with its offset: a report that became an attribution is still
    an act the text tells of ("her rep *told* People she had checked in")."""
    cue = attribution.cue(clause) if clause is not None else None
    return {
        "attribution_trigger": cue.text if cue is not None else None,
        "attribution_trigger_start": cue.idx if cue is not None else None,
    }


def _confidence(
    nominal: bool, actor: Argument | None, target: Argument | None, dated: bool
) -> float:
    """A heuristic score: resolved participants and a date raise it; nominal lowers it."""
    score = 0.5
    score += 0.2 if actor and actor.key else 0.0
    score += 0.1 if target and target.key else 0.0
    score += 0.1 if dated else 0.0
    score -= 0.1 if nominal else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _sentence_end(sentence: Span) -> int:
    words = [token for token in sentence if not token.is_space]
    return words[-1].idx + len(words[-1].text) if words else sentence.end_char
