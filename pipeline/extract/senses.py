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

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from pipeline.extract import cameo, people
from pipeline.extract.arguments import (
    SUBJECTS,
    elided_passive,
    headline_passive,
    implicit_subject,
    prep_objects,
)
from pipeline.extract.lexicon import ORG_HEADS, STATE_NOUNS, words

# Happenings that also name a great quantity: "a storm of protest", "a wave of orders".
_MASS_NOUNS = words(
    "storm flood avalanche wave tsunami torrent landslide hurricane explosion eruption blizzard "
    "demonstration clash"
)
# Nouns naming an act and also what it leaves (a text, a product) or another sense: a
# happening of their own only when owned or timing something ("her statement", "after the
# ruling", "his treatment"), not as "in a statement" beside the saying it records, "the
# charges in the indictment", "450 failed launches" of rockets, "the treatment of data" or
# "a rehab" one checks into.
_RECORDS = words("statement announcement indictment lawsuit ruling verdict launch treatment rehab")
# Trials that test something: "a clinical trial", "a free trial".
_TESTS = words("clinical drug free field human vaccine pilot phase")
# A war of rivals in a market or a quarrel, fought with no force ("a bidding war", "a price
# war", "a war of words").
_CONTESTS = words("bid bidding price pricing trade tariff turf rating ratings fare takeover")
_SEIZURES = words("heart panic asthma anxiety")
_ILLNESS = "W44"
# "a bomb blast", "a car bomb explosion", "a suicide blast": a bombing, no accident.
_EXPLOSIONS = words("blast explosion")
_BOMBS = words("bomb grenade rocket missile mortar suicide ied")
_BOMBING = "183"
# Strikes, bombings and raids from the air or by a state's forces: "air strikes", "warplanes
# launched strikes on Gaza", "the US bombing", "a US-British air raid"; not a labour strike ("a
# strike on Monday", "a strike at the plant"), a militant's bombing ("a car bombing") or a
# police raid.
_AIR_RAIDS = words("strike bombing raid")
_AIR_MODIFIERS = words("air aerial missile drone rocket artillery military naval carpet")
_AIRCRAFT = words("warplane plane jet aircraft helicopter drone bomber gunship fighter")
_STATES = frozenset({"GPE", "NORP"})
_AERIAL = "195"
# A collapse is an accident when what collapses would make the verb one ("the building
# collapsed"): "the collapse of a bridge", "a mine collapse", not "a collapse in prices".
_ACCIDENT = "W42"
# What erupts besides volcanoes: strife and feeling ("fighting erupted", "the crowd erupted").
_UNREST = words(
    "fight fighting violence clash protest riot row dispute war battle brawl scuffle unrest "
    "anger outrage fury controversy scandal argument feud gunfire crowd audience stadium "
    "applause laughter cheer chaos panic"
)
# What one fights that is a fire, no party: "fighting the blaze".
_FIRES = words("fire blaze wildfire bushfire flame inferno")
# Ills one fights by a campaign, no force ("fighting racism", "to fight poverty").
_ILLS = words(
    "poverty corruption crime disease cancer hunger discrimination injustice inequality "
    "illness addiction unemployment inflation hatred prejudice bigotry epidemic"
)
# A contest's prizes one defends by playing: "defend their crown", "defended her title".
_PRIZES = words("crown title championship trophy cup belt record medal")
# Activities one goes back to without a journey: "return to the campaign", "returned to work".
_ACTIVITIES = words(
    "campaign work duty job power politics action play training fight struggle talks "
    "negotiation table normal normality normalcy business form strike operation effort task"
)
_PARTICULAR_DETERMINERS = words("the a an this that these those")
_NAMED_WORKS = frozenset({"WORK_OF_ART", "ORG", "PRODUCT", "LAW", "FAC"})
# Links under which a verb only modifies a noun or sits in a name.
MODIFIER_LINKS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss", "appos"})
_CLAUSE_MARKS = SUBJECTS | {"csubjpass", "expl", "agent", "aux", "auxpass"}
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OWN_CLAUSE_MARKS = frozenset({"agent", "nsubj", "nsubjpass"})
# Links whose verb shares the subject of the clause above it.
_SHARED_SUBJECT_LINKS = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "relcl"})
# "meets the needs of": meeting a requirement is no meeting of parties.
_REQUIREMENTS = frozenset(
    {"need", "demand", "requirement", "target", "standard", "expectation", "deadline",
     "criterion", "criteria", "goal", "obligation", "condition", "challenge", "cost", "payment"}
)  # fmt: skip
# "charged with the task of ...", "charged with elaborating ...": a duty, not an indictment.
_DUTY_NOUNS = frozenset({"task", "responsibility", "duty", "job", "mission", "role", "work"})
# Verbs that code a person's movement or show only with a person as subject.
_PERSONAL_VERBS = frozenset(
    {
        "go",
        "fly",
        "walk",
        "show",
        "arrive",
        "remain",
        "spend",
        "make",
        "star",
        "appear",
        "enter",
        "recover",
        "split",
        "diagnose",
        "leave",
        "board",
        "drive",
        "relocate",
        "separate",
        "hop",
        "rush",
        "storm",
        "sail",
        "collapse",
        "hole",
        "pull",
        "settle",
        "stay",
        "return",
        "move",
        "head",
        "depart",
    }
)
# What a person enters that is no place: a plea, a race, a market.
_ENTERED_NON_PLACES = frozenset(
    {"plea", "race", "contest", "competition", "politics", "market", "talks", "negotiation",
     "agreement", "deal", "partnership", "name", "data", "phase", "stage", "year", "season"}
)  # fmt: skip
_TASKS = frozenset(
    {"surgery", "operation", "treatment", "procedure", "test", "task", "duty", "service",
     "function", "analysis", "check", "inspection", "transplant", "autopsy", "abortion", "type",
     "work", "job", "role", "calculation", "maintenance", "audit"}
)  # fmt: skip
# What a person buys as a business deal, not as a customer.
_BUSINESSES = words(
    "company business firm stake share stock unit subsidiary division bank group holding "
    "team club franchise newspaper station network chain brand operation interest asset "
    "percent pct"
)
# Where one "shoots" or rises to without shooting anyone: "shot to fame", "shot to the top".
_RISES = frozenset(
    {"fame", "stardom", "prominence", "celebrity", "notoriety", "top", "success", "number",
     "power", "glory", "lead", "record", "high"}
)  # fmt: skip
# Works one writes that are no statement: "wrote a biography on Adani" says nothing to anyone.
_CARE_PLACES = frozenset(
    {"hospital", "clinic", "facility", "center", "centre", "ward", "unit", "rehab", "care",
     "infirmary", "sanatorium", "hospice", "icu", "treatment", "emergency"}
)  # fmt: skip
_WORKS = frozenset(
    {"book", "biography", "autobiography", "memoir", "novel", "song", "album", "script",
     "screenplay", "play", "poem", "music", "lyric", "thesis", "dissertation", "opera",
     "musical", "episode", "chapter", "code", "software", "program", "history"}
)  # fmt: skip
# Cooperation codes (meet, support, help, demand) that a thing cannot do.
_AGENT_VERBS = frozenset({"support", "back", "help", "meet", "demand"})
_AGENT_CODES = ("04", "05", "07", "10")
# Threats and protests are made only by parties; revealing and showing are said of anything.
_PARTY_ONLY_CODES = ("13", "14")
_CROWDS = frozenset({"dozens", "hundreds", "thousands", "millions", "scores", "tens"})
_LINKING_VERBS = frozenset({"feel", "seem", "look", "appear", "sound", "become", "remain"})
_REVEALING_VERBS = frozenset({"reveal", "show", "indicate", "suggest"})
# A model number ("R7610", "T1700", "A320"): a product, not a party.
_MODEL = re.compile(r"^[A-Za-z]{1,3}-?\d{3,}[A-Za-z]*$")
_PEOPLE_ENTITIES = frozenset({"PERSON", "NORP"})
_GROUPS = words(
    "country nation state firm bank group side body alliance bloc coalition regime rebel "
    "militant protester union organisation organization agency company team member "
    "investor shareholder creditor lender supporter opposition"
)
# Names of parties, not property: who is harmed by a "damaging" decision.
_PARTY_NAMES = frozenset({"PERSON", "ORG", "NORP"})
_PERSONAL_CODES = frozenset({"W71", "W73", "W44", "W74"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "who"})
# Entity types of spaCy's model that are no person.
_THING_TYPES = frozenset(
    {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP", "MONEY",
     "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME"}
)  # fmt: skip


def needs_person(verb: Token, code: str) -> bool:
    """ "the contract went to Boeing", "prices remain at", "the report appeared on Friday":
    only a person goes, flies, stays or appears on a show. The caller checks the subject,
    with what the article knows of its entities."""
    return verb.lemma_.lower() in _PERSONAL_VERBS and code in _PERSONAL_CODES


def is_purchase(verb: Token, code: str) -> bool:
    return code == "W11" and verb.lemma_.lower() in ("buy", "purchase")


def buys_a_business(verb: Token) -> bool:
    """ "bought a 10 pct stake", "bought the team": what a person may buy as an acquisition
    (what a company buys is one whatever it is)."""
    return any(
        token.lemma_.lower() in _BUSINESSES or token.pos_ == "PROPN"
        for head in _acted_on(verb)
        for token in (head, *head.children)
    )


def linked_state(verb: Token) -> bool:
    """A participle after a linking verb is a state, no act: "shouldn't feel threatened",
    "seemed determined", "looked relieved"."""
    return verb.dep_ in ("acomp", "oprd") and verb.head.lemma_.lower() in _LINKING_VERBS


def needs_agent(verb: Token, code: str) -> bool:
    """Acts of parties toward each other that product and technology copy borrows ("supports
    4K displays", "helps users", "meets demanding needs"), threats and protests that anything
    may be said to make ("the absence threatened to overshadow the summit"), and a statement
    a thing is said to reveal ("the river receded, revealing the damage")."""
    lemma = verb.lemma_.lower()
    if code.startswith(_AGENT_CODES) and lemma in _AGENT_VERBS:
        return True
    return code.startswith(_PARTY_ONLY_CODES) or lemma in _REVEALING_VERBS


def party(head: Token) -> bool:
    """A subject that may act as a party: a pronoun, a name the model does not read as a
    product, a noun for people, groups or states."""
    if head.pos_ == "PRON" or _crowd(head):
        return True
    if head.pos_ == "PROPN":
        return head.ent_type_ not in ("PRODUCT", "WORK_OF_ART") and not _MODEL.match(head.text)
    lemma = head.lemma_.lower()
    return personal(head) or lemma in ORG_HEADS or lemma in STATE_NOUNS or lemma in _GROUPS


def _crowd(head: Token) -> bool:
    """ "Thousands demonstrated", "hundreds of students": a number of people."""
    return head.lower_ in _CROWDS


def subject_heads(verb: Token) -> list[Token]:
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return heads or implicit_subject(verb)


def personal(head: Token) -> bool:
    """A personal pronoun, a name the model does not read as a thing, or a noun for people
    (for subjects the article's entities say nothing of)."""
    if head.pos_ == "PRON":
        return head.lower_ in _PERSONAL_PRONOUNS
    if head.pos_ == "PROPN":
        return head.ent_type_ not in _THING_TYPES
    return head.ent_type_ == "PERSON" or head.lemma_.lower() in people.PERSONS


def _in_court(verb: Token) -> bool:
    """ "appeared in court": a hearing, no show."""
    return any(
        obj.lemma_.lower() in ("court", "courtroom", "tribunal")
        for prep in verb.children
        if prep.dep_ == "prep"
        for obj in prep.children
    )


def heads_clause(verb: Token) -> bool:
    """True when the verb heads a clause with a real subject (its own or an understood one)."""
    if verb.dep_ in MODIFIER_LINKS or verb.ent_type_:
        return False
    if verb.dep_ == "acl":
        # "the agreement signed by Russia": a reduced relative with its agent is a report; a
        # clause with a subject of its own is one the parser hung on a noun ("received
        # confirmation that Jensen has checked in"); so is a participle a headline hangs on
        # the number or noun it tells of ("Three killed in bus crash", "and three injured").
        return any(child.dep_ in _OWN_CLAUSE_MARKS for child in verb.children) or (
            headline_passive(verb) or elided_passive(verb)
        )
    return _has_subject(verb) and not _order(verb)


def _order(verb: Token) -> bool:
    """A bare verb opening its sentence is an order ("Go home, the police told them", '"Stay
    there," she said'), no act; "To go there, ..." and "Going home, ..." are no such verbs."""
    if verb.tag_ != "VB" or any(child.dep_ in _CLAUSE_MARKS | {"mark"} for child in verb.children):
        return False
    before = verb.doc[verb.sent.start : verb.i]
    return all(token.is_punct or token.is_space for token in before)


def _has_subject(verb: Token) -> bool:
    """A subject of its own, a finite form or an auxiliary (a finite clause whose subject the
    parser lost: "..., Adani was charged"), or the subject of the clause it hangs from."""
    if verb.tag_ in _FINITE or any(child.dep_ in _CLAUSE_MARKS for child in verb.children):
        return True
    if verb.dep_ in _SHARED_SUBJECT_LINKS and verb.head.i != verb.i:
        head = verb.head
        # "arrested after fleeing the scene": the gerund shares the subject of the clause
        # its preposition belongs to, passive or not.
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            head = head.head
        return bool(implicit_subject(verb)) or _has_subject(head)
    return False


def wrong_sense(verb: Token, code: str) -> bool:
    """True when the lexicon's reading of the verb is not the one the sentence uses."""
    lemma = verb.lemma_.lower()
    if lemma == "write" and code.startswith("01"):
        return bool(_object_lemmas(verb) & _WORKS)
    check = _SENSE_CHECKS.get((lemma, code))
    return check is not None and check(verb)


def _entered_no_place(verb: Token) -> bool:
    return bool(_object_lemmas(verb) & _ENTERED_NON_PLACES)


def _performed_a_task(verb: Token) -> bool:
    """ "performed surgery", "unlicensed to perform the treatment": a task, no show."""
    return bool(_object_lemmas(verb) & _TASKS)


def _offered_no_help(verb: Token) -> bool:
    """ "offered to mediate" is an intent; "the product offers reliability", "offered 20 dlrs
    a share" are no promise of cooperation."""
    return not any(child.dep_ == "xcomp" for child in verb.children)


def _met_a_requirement(verb: Token) -> bool:
    return bool(_object_lemmas(verb) & _REQUIREMENTS)


def _shot_no_one(verb: Token) -> bool:
    """ "balls of fire shot into the sky", "net worth shot up": only shooting someone is."""
    links = {child.dep_ for child in verb.children}
    return "prt" in links or not links & {"dobj", "nsubjpass"} or _rises(verb)


def _nothing_to_speak_of(verb: Token) -> bool:
    """ "nothing to speak of": a preposition left without its object."""
    return any(child.dep_ == "prep" and not list(child.children) for child in verb.children)


def _moved_a_thing(verb: Token) -> bool:
    """ "drove to the clinic", "pulled up to the clinic" are journeys; "drove the company into
    bankruptcy", "pulled up the records" are not."""
    return bool(_object_lemmas(verb))


def _settled_no_stay(verb: Token) -> bool:
    """ "was settling in at the clinic"; "settled in court", "settled in 2010" are no stay."""
    return not any(child.dep_ == "prt" and child.lower_ == "in" for child in verb.children)


def _wound_as_wind(verb: Token) -> bool:
    """ "talks wound down", "wound up in court": the past of "wind", no wounding."""
    return any(child.dep_ == "prt" for child in verb.children)


def _admitted_no_care(verb: Token) -> bool:
    """ "admitted to insider trading", "admitted to lying": a confession, no treatment."""
    return not _admitted_for_care(verb)


def _admitted_for_care(verb: Token) -> bool:
    """ "admitted to hospital", "admitted herself to a clinic", "was admitted to Cedars-Sinai"
    (a name, passive)."""
    passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)
    return any(
        pobj.lemma_.lower() in _CARE_PLACES or (passive and pobj.pos_ == "PROPN")
        for pobj in prep_objects(verb, frozenset({"to", "into"}))
    )


def _rises(verb: Token) -> bool:
    """ "shot to fame in Summer Road" (the parser may take the film for an object)."""
    return any(pobj.lemma_.lower() in _RISES for pobj in prep_objects(verb, frozenset({"to"})))


def _showed_a_thing(verb: Token) -> bool:
    """ "demonstrated an unhealthy fixation", "demonstrated its strength": shown, no protest."""
    return bool(_object_lemmas(verb))


def _erupted_no_disaster(verb: Token) -> bool:
    """ "fighting erupted", "the crowd erupted": only a volcano's eruption is a disaster."""
    return any(s.lemma_.lower() in _UNREST for s in subject_heads(verb))


def _fought_no_party(verb: Token) -> bool:
    """ "fighting the blaze", "a lifetime of fighting racism": a fire or an ill fought is no
    force; a party fought is ("fought the rebels"), and so is a fight with no object."""
    return any(_fire_or_ill(head.lemma_.lower()) for head in _acted_on(verb))


def _fire_or_ill(lemma: str) -> bool:
    return lemma in _FIRES or lemma in _ILLS or (lemma.endswith("ism") and len(lemma) > 5)


def _defended_a_title(verb: Token) -> bool:
    """ "defend their crown", "defended her title": a contest's prize kept, no words said."""
    return bool(_object_lemmas(verb) & _PRIZES)


def _returned_to_no_place(verb: Token) -> bool:
    """ "will return to the campaign", "returned to work": an activity taken up again, no
    journey ("returned to Paris", "returned home")."""
    to = prep_objects(verb, frozenset({"to"}))
    return bool(to) and all(head.lemma_.lower() in _ACTIVITIES for head in to)


def _damaged_a_party(verb: Token) -> bool:
    """ "the team was damaged by the referee's decisions", "the scandal damaged the
    senator": harm to a person or body is a figure of speech, and so is harm to a place done
    by no party; damage to property is not ("damaged the bridge", "the embassy was damaged",
    "rebels damaged the town")."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + [
        pobj for agent in verb.children if agent.dep_ == "agent" for pobj in agent.children
    ]
    # "by the referee's decisions", not "by rebels" nor "by shelling" (a happening).
    by_no_party = bool(doers) and not any(
        party(doer) or cameo.noun_code(doer.lemma_.lower()) is not None for doer in doers
    )
    return any(
        head.ent_type_ in _PARTY_NAMES
        or (head.pos_ != "PRON" and personal(head))
        or (head.ent_type_ == "GPE" and by_no_party)
        for head in _acted_on(verb)
    )


def _acted_on(verb: Token) -> list[Token]:
    """What the verb acts on: its object, or its subject where it is passive."""
    return [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass")]


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


def _wondered(verb: Token) -> bool:
    """ "many questioned why he never won": a doubt voiced, no questioning of anyone."""
    return any(child.dep_ == "ccomp" for child in verb.children)


def _to_blame(verb: Token) -> bool:
    """ "rising prices are to blame": a cause named, no one accused."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "be" and not _object_lemmas(verb)


def _beat_a_side(verb: Token) -> bool:
    """ "Arsenal beat Chelsea on penalties": a side beaten in a match is a name that is no
    person or people; "police beat Ahmed", "beat the protesters" are assaults."""
    return any(b.pos_ == "PROPN" and b.ent_type_ not in _PEOPLE_ENTITIES for b in _acted_on(verb))


# (lemma, code) -> whether the sentence uses the verb in another sense than the code's.
_SENSE_CHECKS: dict[tuple[str, str], Callable[[Token], bool]] = {
    ("enter", "W71"): _entered_no_place,
    ("appear", "W73"): _in_court,
    ("perform", "W73"): _performed_a_task,
    ("charge", "173"): _charged_with_a_duty,
    ("offer", "030"): _offered_no_help,
    ("meet", "040"): _met_a_requirement,
    ("shoot", "W51"): _shot_no_one,
    ("speak", "010"): _nothing_to_speak_of,
    ("drive", "W71"): _moved_a_thing,
    ("pull", "W71"): _moved_a_thing,
    ("settle", "W71"): _settled_no_stay,
    ("wound", "W44"): _wound_as_wind,
    ("erupt", "W41"): _erupted_no_disaster,
    ("demonstrate", "141"): _showed_a_thing,
    ("admit", "W44"): _admitted_no_care,
    ("fight", "190"): _fought_no_party,
    ("defend", "052"): _defended_a_title,
    ("return", "W71"): _returned_to_no_place,
    ("damage", "171"): _damaged_a_party,
    ("question", "091"): _wondered,
    ("blame", "112"): _to_blame,
    ("beat", "182"): _beat_a_side,
}


def particular(noun: Token) -> bool:
    """A noun naming one happening: with an article, a demonstrative or a number ("the quake",
    "a crash", "two shootings"), not a bare or generic one ("earthquakes are common", "no
    injuries", "charged with murder"), nor a word inside a name ("The Shooting Party")."""
    if noun.ent_type_ in _NAMED_WORKS:
        return False
    return any(
        (child.dep_ == "det" and child.lower_ in _PARTICULAR_DETERMINERS) or child.dep_ == "nummod"
        for child in noun.children
    )


def noun_lemma(noun: Token) -> str:
    """The lemma of an event noun, read whole when the tokenizer split it at a hyphen and the
    whole is a lexicon word ("cave-in", "pile-up"; "re-election" stays "election")."""
    whole = hyphenated(noun)
    return _joined_lemma(whole) if whole is not None else noun.lemma_.lower()


def hyphenated(noun: Token) -> Span | None:
    """The lexicon word the tokenizer split at a hyphen of which ``noun`` is the last part
    ("cave-in"), or None."""
    doc, i = noun.doc, noun.i
    if i < 2 or doc[i - 1].tag_ != "HYPH" or doc[i - 2].head != noun:
        return None
    whole = doc[i - 2 : i + 1]
    return whole if cameo.noun_code(_joined_lemma(whole)) is not None else None


def _joined_lemma(whole: Span) -> str:
    return f"{whole[0].lemma_.lower()}-{whole[-1].lemma_.lower()}"


def noun_sense(noun: Token, code: str) -> str:
    """The code of an event noun as used: "a heart attack" is an illness, no assault; "a
    bomb blast" a bombing, no accident."""
    modifiers = _modifiers(noun)
    lemma = noun.lemma_.lower()
    if lemma == "attack" and modifiers & _SEIZURES:
        return _ILLNESS
    if lemma in _EXPLOSIONS and modifiers & _BOMBS:
        return _BOMBING
    if lemma in _AIR_RAIDS and _from_the_air(noun, modifiers):
        return _AERIAL
    return code


def _from_the_air(noun: Token, modifiers: set[str]) -> bool:
    """A strike or bombing by aircraft or a state's forces (see ``_AIR_RAIDS``): named so,
    carried by aircraft, or, for a strike, dealt "on" a place."""
    if modifiers & _AIR_MODIFIERS:
        return True
    owners = ("compound", "amod", "poss")
    if any(c.dep_ in owners and c.ent_type_ in _STATES for c in noun.children):
        return True
    carrier = noun.head if noun.dep_ == "dobj" else None
    if carrier is not None and {s.lemma_.lower() for s in subject_heads(carrier)} & _AIRCRAFT:
        return True
    targets = prep_objects(noun, frozenset({"on"})) if noun.lemma_.lower() == "strike" else []
    return any(t.ent_type_ not in ("DATE", "TIME") for t in targets)


def record(noun: Token) -> bool:
    return noun.lemma_.lower() in _RECORDS


def figurative(noun: Token) -> bool:
    """An event noun in another sense: "a storm of criticism", "a flood of orders", "a
    demonstration of what can be achieved", "a clash of the Titans", "a plea for calm", "a
    clinical trial", "a stay of execution", a collapse of no building ("a collapse in
    prices", "the collapse of the talks"), a war of rivals with no force ("a bidding war", "a
    price war", "a war of words")."""
    lemma = noun.lemma_.lower()
    preps = {child.lower_ for child in noun.children if child.dep_ == "prep"}
    modifiers = _modifiers(noun)
    if lemma in _MASS_NOUNS and "of" in preps:
        return True
    if lemma == "plea":
        return bool(preps & {"for", "to"})
    if lemma == "trial":
        return bool(modifiers & _TESTS)
    if lemma == "war":
        words_of = {t.lemma_.lower() for t in prep_objects(noun, frozenset({"of"}))}
        return bool(modifiers & _CONTESTS) or "word" in words_of
    if lemma == "collapse":
        return cameo.verb_code(lemma, subjects=_collapsed(noun)) != _ACCIDENT
    return lemma == "stay" and "of" in preps


def _collapsed(noun: Token) -> set[str]:
    """What a collapse tells fell: its owner, a noun set before it or its "of" object ("the
    bridge's collapse", "a mine collapse", "the collapse of a building")."""
    before = [child for child in noun.children if child.dep_ in ("poss", "compound")]
    of = prep_objects(noun, frozenset({"of"}))
    return {token.lemma_.lower() for token in before + of}


def _modifiers(noun: Token) -> set[str]:
    """The lemmas of the adjectives and nouns set before a noun ("heart" of "heart attack")."""
    return {child.lemma_.lower() for child in noun.children if child.dep_ in ("amod", "compound")}
