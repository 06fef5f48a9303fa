"""Pronouns and nominals resolved to the entities they stand for, or to nothing.

An event's actor, target or source is never a pronoun. A small rule-based resolver, within one
article, reading only the parse and the entity mentions:

- "he", "she" (him, her, his, hers): the subject of the sentence when it is a person named
  before the pronoun, else the last person named before it.
- "it", "its": the subject of the sentence when it is an organisation or place named before
  the pronoun ("Russia said it would ...", "the company said its ..."), else the subject of the
  nearest earlier sentence that has one if it is an organisation or place, else the last
  organisation named before it.
- "they", "their", "them": coordinated entities in subject position, in the same sentence
  before the pronoun or in the one before it ("Standard Oil Co and BP North America Inc said
  they plan ..."): all of them.
- "the company", "the bank", "the group" (a definite noun of a company type, with no name of
  its own): the last organisation named before it whose name holds the noun or is followed by
  it ("the bank" -> "Bank of Japan", "the group" -> "the Adani group"), else the organisation
  "it" would be.
- A phrase owned by a pronoun ("its board", "their venture") stands for its owner, as "the
  government of Russia" stands for Russia.
- "I", "we" inside quotation marks: the speakers the quote is attributed to ('"I will
  host," Jensen said').
- Words for people: a title stands for the person the text called so, a word for a story's
  subject ("the actress") for the person the story names most, a bare plural title for the
  group called so ("producers Anna Berg and Tom Lund"); see :func:`referents`.
- "nobody", "none", "no one", a noun under "no" ("no passengers"): nobody.
- Anything else ("we" or "I" outside a quote, "you", a pronoun with nothing compatible before
  it): nobody. The role stays empty rather than hold a word that names no one.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from pipeline.extract import gender, people, titles
from pipeline.extract.arguments import (
    Argument,
    MentionIndex,
    argument,
    named_head,
    people_noun,
    subjects,
    with_conjuncts,
)
from pipeline.extract.attribution import (
    in_quote,
    is_reporting,
    marks_before,
    quote_mark,
    reporting_aside,
)
from pipeline.schemas import EntityKind, Mention

PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_HE_SHE = frozenset({"he", "she"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SPEAKERS = FIRST_SINGULAR | FIRST_PLURAL | {"you", "your", "yours", "yourself"}
# Words for no one or nothing ("Nobody was hurt", "None of them"): a role they fill is empty.
NO_ONE = frozenset({"nobody", "none", "nothing", "noone", "no-one", "no one"})
# Words that stand for someone only through their clause or what was said before: a relative
# pronoun the parse ties to no noun (see ``arguments.named_head``), "what", a demonstrative
# standing alone ("Those responsible"). A role they fill is empty.
UNBOUND = frozenset(
    {"who", "whom", "which", "what", "whoever", "whatever", "this", "that", "these", "those"}
)
PRONOUNS = PERSONAL | NEUTER | PLURAL | SPEAKERS | NO_ONE | UNBOUND
# Modifiers that make a nominal a name of its own: a nationality, a place, an organisation.
_NAMING_ENTITIES = frozenset({"NORP", "GPE", "LOC", "ORG"})
# Definite nouns that stand for a named organisation of the article.
COMPANY_NOUNS = frozenset(
    {"company", "firm", "group", "bank", "concern", "corporation", "carrier", "airline",
     "utility", "insurer", "retailer", "brokerage", "maker", "producer", "unit", "subsidiary",
     "agency", "partnership", "conglomerate", "lender", "exchange", "club", "team", "network",
     "studio", "airport", "refiner", "operator", "manufacturer", "supplier", "distributor",
     "magazine", "newspaper", "tabloid", "broadcaster", "website"}
)  # fmt: skip
# Definite nouns for an institution: only one named so ("the academy" -> "the Academy of
# Sciences", "the court" -> "the Supreme Court"); with none
# named, the phrase as written (unlike "the company", which stands for the story's company).
INSTITUTION_NOUNS = frozenset(
    {"academy", "university", "institute", "ministry", "commission", "association",
     "federation", "foundation", "league", "court", "council", "committee", "department",
     "parliament", "senate", "museum", "hospital", "clinic", "school", "college"}
)  # fmt: skip
# Clauses set after a noun: a relative clause, a participle or infinitive one.
_CLAUSES_AFTER = frozenset({"relcl", "acl"})
# A verb's subject as a noun phrase, active or passive (a clause as subject is no one).
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_EARLIER_SENTENCES = 3
_QUOTE_SENTENCES = 3
_PEOPLE = frozenset({EntityKind.PERSON})
_ORGS = frozenset({EntityKind.ORGANIZATION})
_ORGS_OR_PLACES = _ORGS | {EntityKind.LOCATION}


def participants(head: Token, index: MentionIndex) -> list[Argument]:
    """The entities a noun phrase stands for: itself, or its antecedents; none for a pronoun
    or nominal that resolves to nothing."""
    speaker = _unnamed_speaker_before(head, index)
    if speaker is not None:
        return [argument(speaker, index)]
    referred = referents(head, index)
    if referred is not None:
        return [Argument(m.text, m.entity_key) for m in referred]
    head = named_head(head)
    found = argument(head, index)
    owner = next((c for c in head.children if c.dep_ == "poss" and _is_pronoun(c)), None)
    if found.key is None and owner is not None:
        return [_owned(head, owner, m) for m in antecedents(owner, index)]
    return [found]


def referents(head: Token, index: MentionIndex) -> list[Mention] | None:
    """What a pronoun, a nominal or a title set beside names stands for (maybe nobody), or
    None for a phrase to be read as written."""
    named = named_head(head)
    if no_one(named):
        return []
    if named.i != head.i and named.dep_ == "appos":
        # "producers Anna Berg and Tom Lund said": every name set beside the title.
        return _names(with_conjuncts([named]), index)
    if _is_company_nominal(named) and named.lemma_.lower() in INSTITUTION_NOUNS:
        return antecedents(named, index) or None
    if _is_pronoun(named) or _is_company_nominal(named):
        return antecedents(named, index)
    if _is_person_nominal(named, index):
        person = _person_for_nominal(named, index)
        if person is not None:
            return [person]
    if _is_plural_title(named, index):
        return _titled_group(named, index) or None
    if _is_companies_nominal(named):
        return _coordinated_subject(named, index, _EARLIER_SENTENCES, _ORGS) or None
    return None


def no_one(noun: Token) -> bool:
    """A word for no one or nothing, or a noun under "no" ("no one", "no-one" split at its
    hyphen, "no passengers")."""
    written = noun.doc[noun.left_edge.i : noun.i + 1].text.casefold()
    return (
        noun.lower_ in NO_ONE
        or written in NO_ONE
        or any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in noun.children)
    )


def _owned(head: Token, owner: Token, mention: Mention) -> Argument:
    """ "its board" as "Texaco Inc's board", keyed by Texaco Inc."""
    words = [f"{mention.text}'s" if t.i == owner.i else t.text for t in head.lefts]
    return Argument(" ".join([*words, head.text]), mention.entity_key)


def names_people(head: Token) -> bool:
    """A noun for people or a body of them ("protesters", "the court"), not a pronoun."""
    return people_noun(head) and not _is_pronoun(head)


def participant(head: Token, index: MentionIndex) -> Argument | None:
    """One entity for a role that takes one (a target, a source)."""
    found = participants(head, index)
    return found[0] if found else None


def _is_pronoun(token: Token) -> bool:
    """ "it", "It", but not "IT" (information technology) outside a line in capitals."""
    shouting = token.text.isupper() and len(token.text) > 1 and not token.sent.text.isupper()
    return token.lower_ in PRONOUNS and not shouting


def antecedents(head: Token, index: MentionIndex) -> list[Mention]:
    word = head.lower_
    if word in PERSONAL:
        return index.resolved(head, lambda: _one(_person(head, index)))
    if word in PLURAL:
        return _coordinated_subject(head, index)
    if word in NEUTER:
        return _one(_organisation(head, index, _ORGS_OR_PLACES))
    if word in FIRST_SINGULAR or word in FIRST_PLURAL:
        speakers = _quoted_speakers(head, index)
        return speakers[:1] if word in FIRST_SINGULAR else speakers
    if _is_company_nominal(head):
        named = index.last_before(head, _ORGS, named=head.lemma_, only_named=True)
        if head.lemma_.lower() in INSTITUTION_NOUNS:
            return _one(named)
        return _one(named or _organisation(head, index, _ORGS))
    return []


def _organisation(
    head: Token, index: MentionIndex, subject_kinds: frozenset[EntityKind]
) -> Mention | None:
    blocked = _own_clause_subjects(head, index)
    found = [
        _subject_before(head, index, subject_kinds),
        _earlier_subject(head, index),
        index.last_before(head, _ORGS),
    ]
    return next((m for m in found if m is not None and m.entity_key not in blocked), None)


def _own_clause_subjects(head: Token, index: MentionIndex) -> set[str]:
    """A pronoun that is no subject is not its own clause's subject (that would be "itself",
    "herself"): in "Acme sued it", "it" is not Acme, in "Jensen sued her", "her" not Jensen.
    Empty for a subject, an owner ("its", "her lawyer") or a reflexive ("checked herself in")."""
    if head.dep_ in (*NOMINAL_SUBJECTS, "poss") or head.lower_.endswith(("self", "selves")):
        return set()
    verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subjects = [c for c in verb.children if c.dep_ in NOMINAL_SUBJECTS] if verb is not None else []
    return {m.entity_key for subject in subjects for m in _one(index.nearest(subject))}


def _quoted_speakers(head: Token, index: MentionIndex) -> list[Mention]:
    """ "I", "we" in a quote: the speakers the quote is attributed to in its sentence ('"I
    will host," Jensen said'; '"We are thrilled," producers Berg and Lund said': both).
    Outside a quote, or with no reporting verb outside it, nobody."""
    if not in_quote(head):
        return []
    reporter = next((t for t in head.ancestors if is_reporting(t) and not in_quote(t)), None)
    reporter = reporter or _reporter_after_quote(head.sent)
    if reporter is None:
        return []
    speakers = [
        mention
        for speaker in subjects(reporter)
        if speaker.lower_ not in SPEAKERS
        for mention in _speaker_mentions(speaker, index)
    ]
    return _distinct(speakers)


def _reporter_after_quote(sentence: Span) -> Token | None:
    """'"I am thrilled. I will host," she said': a quote left open at the end of its
    sentence is attributed where it closes, in a later sentence of its paragraph."""
    doc = sentence.doc
    if marks_before(doc, sentence.end_char) % 2 == 0:
        return None
    for _ in range(_QUOTE_SENTENCES):
        if sentence.end >= len(doc) or "\n" in doc[sentence.end - 1 : sentence.end + 1].text:
            return None  # a paragraph ends: the quote is not attributed in it
        sentence = doc[sentence.end].sent
        closing = next((t for t in sentence if quote_mark(t)), None)
        if closing is not None:
            return next((t for t in sentence if t.i > closing.i and is_reporting(t)), None)
    return None


def _speaker_mentions(head: Token, index: MentionIndex) -> list[Mention]:
    referred = referents(head, index)
    return referred if referred is not None else _one(index.nearest(named_head(head)))


def _one(mention: Mention | None) -> list[Mention]:
    return [mention] if mention is not None else []


def _is_company_nominal(head: Token) -> bool:
    """ "the company", "the bank": definite, singular, no name or number of its own, and not
    told by a nationality or place ("the Australian cricket team" is read as written)."""
    if head.lemma_.lower() not in COMPANY_NOUNS | INSTITUTION_NOUNS or head.tag_ != "NN":
        return False
    if any(t.ent_type_ in _NAMING_ENTITIES for t in head.lefts):
        return False
    return any(t.lower_ == "the" for t in head.lefts) and not any(
        t.pos_ in ("PROPN", "NUM") for t in _own_phrase(head)
    )


def _own_phrase(head: Token) -> list[Token]:
    """The noun's phrase without a clause set after it: "the company, which will assist
    Baidu's growth" and "the agency operating under the Department of Homeland Security" name
    no company of their own."""
    kept = [head]
    for child in head.children:
        if child.dep_ not in _CLAUSES_AFTER:
            kept.extend(child.subtree)
    return kept


def _is_person_nominal(head: Token, index: MentionIndex) -> bool:
    """ "the actress", "the 26-year-old actress", "the notorious party girl": definite,
    singular, a person noun, no name of its own (nor one in apposition)."""
    word = head.lemma_.lower()
    if not _common_noun(head, "NN") or not (
        word in people.SUBJECTS or word in people.RELATIONS or titles.is_title(word)
    ):
        return False
    if not any(t.lower_ == "the" for t in head.lefts):
        return False
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return False  # "the actress, 26," is still no one named
    named = index.nearest(head)
    return named is None or index.kind(named) is not EntityKind.PERSON


def _common_noun(head: Token, tag: str) -> bool:
    """A common noun of that number, also where the tagger reads a lower-case word after a
    title as a name ("the Summer Road star")."""
    return head.tag_ == tag or (head.tag_ == f"{tag}P" and head.text.islower())


def _is_plural_title(head: Token, index: MentionIndex) -> bool:
    """ "producers", "the producers": a bare plural title, with no words of its own that may
    make it another group ("Israeli defence officials") nor a name."""
    if not _common_noun(head, "NNS") or not titles.is_title(head.lemma_):
        return False
    return all(t.lower_ == "the" for t in head.lefts) and index.nearest(head) is None


def _titled_group(head: Token, index: MentionIndex) -> list[Mention]:
    """The people the text last called by the title as a group ("producers Anna Berg and
    Tom Lund"); one person called so ("UN official Lynn Hastings") is not "officials"."""
    titled = index.last_titled(head, head.lemma_.lower())
    span = titled and head.doc.char_span(titled.start, titled.end, alignment_mode="expand")
    group = _names(with_conjuncts([span.root]), index) if span else []
    return group if len(group) > 1 else []


def _names(heads: list[Token], index: MentionIndex) -> list[Mention]:
    return _distinct(m for m in map(index.nearest, heads) if m is not None)


def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per entity, the last given, in the order the entities came."""
    return list({m.entity_key: m for m in mentions}.values())


def _person_for_nominal(head: Token, index: MentionIndex) -> Mention | None:
    """The person the text called so ("lawyer Ruth Kline" for "the lawyer"), else, for the
    words that describe whom a story is about ("the actress", "the star"), the person named
    most often before it (the first named on a tie) whom the text neither gives a function
    ("her lawyer Mark Lund") nor tells is of the other gender; a function ("the judge",
    "the prosecutor") nobody was called stays as written."""
    word = head.lemma_.lower()
    titled = index.last_titled(head, word)
    if titled is not None or word not in people.SUBJECTS:
        return titled
    return index.most_named_before(head, _PEOPLE, fits=word, blocked=index.office_holders)


def _subject_tokens(sentence_root: Token) -> list[Token]:
    """Subjects of the sentence's clauses, outermost first (the main clause's first)."""
    found = []
    level = [sentence_root]
    while level:
        found += [c for t in level for c in t.children if c.dep_ in NOMINAL_SUBJECTS]
        level = [c for t in level for c in t.children if c.pos_ in ("VERB", "AUX")]
    return found


def _subject_mentions(head: Token, index: MentionIndex, before: int) -> list[Mention]:
    mentions = []
    for subject in _subject_tokens(head.sent.root):
        if subject.idx >= before or _is_pronoun(subject):
            continue
        if _is_company_nominal(subject):
            mentions += antecedents(subject, index)
            continue
        mention = index.nearest(named_head(subject))
        if mention is not None:
            mentions.append(mention)
    return mentions


def _subject_before(
    head: Token, index: MentionIndex, kinds: frozenset[EntityKind]
) -> Mention | None:
    for mention in _subject_mentions(head, index, head.idx):
        if index.kind(mention) in kinds and index.fits_word(mention, head.lower_):
            return mention
    return None


def _person(head: Token, index: MentionIndex) -> Mention | None:
    """ "he", "she": the subject of its sentence before it, else the last person named before
    it in its sentence, else the subject of the previous sentence, else the person the story
    has named most so far; never one the text says is of the other gender, nor the one a
    pronoun of the other gender before it in the sentence stands for ("He did not say what
    she was treated for": she is not he), nor, for an object, its own clause's subject ("Jensen
    sued her")."""
    blocked = _other_gender_referents(head, index) | _own_clause_subjects(head, index)
    latest = index.last_before(head, _PEOPLE)
    in_sentence = latest if latest and latest.start >= head.sent.start_char else None
    found = [
        _subject_before(head, index, _PEOPLE),
        in_sentence,
        _earlier_person_subject(head, index),
    ]
    for mention in found:
        if mention is not None and mention.entity_key not in blocked:
            return mention
    return index.most_named_before(head, _PEOPLE, fits=head.lower_, blocked=blocked)


def _other_gender_referents(head: Token, index: MentionIndex) -> frozenset[str]:
    own = gender.of_pronoun(head.lower_)
    others = [
        token
        for token in head.sent
        if token.i < head.i and gender.of_pronoun(token.lower_) not in (None, own)
    ]
    return frozenset(m.entity_key for token in others for m in antecedents(token, index))


def _earlier_person_subject(head: Token, index: MentionIndex) -> Mention | None:
    """The main subject of the previous sentence, when it is a person the pronoun fits ("Moss
    said he had word that Jensen checked in. He declined to say where": Moss, not Jensen)."""
    sentence = head.sent
    if sentence.start == 0:
        return None
    previous = head.doc[sentence.start - 1].sent
    found = _subject_mentions(previous.root, index, previous.end_char)
    first = found[0] if found else None
    if first is None or index.kind(first) not in _PEOPLE:
        return None
    return first if index.fits_word(first, head.lower_) else None


def _unnamed_speaker_before(head: Token, index: MentionIndex) -> Token | None:
    """ "..., a company spokesman said. He added ...": a "he" or "she" subject whose sentence
    names no person before it and whose previous sentence's main subject is one the text does
    not name, a word for people read as written ("a company spokesman"), stands for that one,
    not for a person named further back."""
    if head.lower_ not in _HE_SHE or head.dep_ not in NOMINAL_SUBJECTS or head.sent.start == 0:
        return None
    latest = index.last_before(head, _PEOPLE)
    if latest is not None and latest.start >= head.sent.start_char:
        return None
    previous = head.doc[head.sent.start - 1].sent
    # The speaker of a report set as an aside ("the port was closed, a spokesman said"), else
    # the main subject.
    root = reporting_aside(previous.root) or previous.root
    main = [c for c in root.children if c.dep_ in NOMINAL_SUBJECTS]
    if main and main[0].lower_ == head.lower_:
        # "He said ... . He said ...": the same speaker, told again.
        return _unnamed_speaker_before(main[0], index)
    if not main or not names_people(main[0]) or main[0].tag_ != "NN":
        return None  # "officials": plural, not a "he"
    subject = main[0]
    if gender.of_word(subject.lower_) not in (None, gender.of_pronoun(head.lower_)):
        return None  # "a spokeswoman" is no "he"
    if referents(subject, index) is not None:
        return None
    # Named as such, the person is found by the usual rules; "a Coast Guard spokesman" is
    # keyed by his body, as his own sentence's actor is.
    mention = index.nearest(subject)
    return subject if mention is None or index.kind(mention) not in _PEOPLE else None


def _earlier_subject(head: Token, index: MentionIndex) -> Mention | None:
    """The main subject of the nearest earlier sentence (up to a few back), if an organisation
    or place."""
    sentence = head.sent
    for _ in range(_EARLIER_SENTENCES):
        if sentence.start == 0:
            return None
        sentence = head.doc[sentence.start - 1].sent
        found = _subject_mentions(sentence.root, index, sentence.end_char)
        if found:
            return found[0] if index.kind(found[0]) in _ORGS_OR_PLACES else None
    return None


def _is_companies_nominal(head: Token) -> bool:
    """ "the companies", "the two firms": a definite plural company noun with no name of its
    own."""
    if head.lemma_.lower() not in COMPANY_NOUNS or head.tag_ != "NNS":
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ in _NAMING_ENTITIES for t in head.subtree):
        return False
    return any(t.lower_ == "the" for t in head.lefts)


def _coordinated_subject(
    head: Token,
    index: MentionIndex,
    back: int = 1,
    kinds: frozenset[EntityKind] | None = None,
) -> list[Mention]:
    """Entities coordinated in subject position, in this sentence before the pronoun or in the
    ``back`` ones before it (of these kinds, when given: "the companies")."""
    sentences = [head.sent]
    while len(sentences) <= back and sentences[-1].start > 0:
        sentences.append(head.doc[sentences[-1].start - 1].sent)
    for sentence in sentences:
        limit = head.idx if sentence == head.sent else sentence.end_char
        for subject in _subject_tokens(sentence.root):
            group = with_conjuncts([subject])
            if subject.idx >= limit or len(group) < 2:
                continue
            mentions = [index.nearest(token) for token in group]
            found = [m for m in mentions if m is not None]
            kinds_fit = kinds is None or all(index.kind(m) in kinds for m in found)
            if len(found) == len(mentions) and kinds_fit:
                return found
    return []
