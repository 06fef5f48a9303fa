"""Who and whom: event arguments read off the dependency parse and tied to entity mentions.

Arguments are token spans of the parse; the entity is whichever mention overlaps them, found by
character offsets, so this works with any entity finder that reports offsets into the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract import gender, people, titles
from pipeline.extract.attribution import REPORTING_VERBS
from pipeline.extract.columns import text_of
from pipeline.extract.lexicon import ORG_HEADS, STATE_NOUNS, words
from pipeline.schemas import Entity, EntityKind, Mention

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Clauses below these links tell their own story: their dates and places are not ours.
CLAUSE_BREAKS = frozenset({"ccomp", "relcl", "parataxis"})
_PROMISES = frozenset({"vow", "pledge", "promise", "offer"})
# Prepositions by which a gerund tells what the one a passive tells of did: "fined for
# dumping", "arrested after fleeing", "accused of attacking"; not "known more for ... than
# appearing".
_GERUND_LINKS = frozenset({"for", "of", "after", "before", "while", "upon", "on", "by"})
_TARGET_PREPS = frozenset({"with", "against", "between", "to", "toward", "towards", "from"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across"})
# Ticker and other markup left in the text ("Standard Oil Co <SRD>") is no part of a name.
_MARKUP = re.compile(r"\s*<[^<>]*>|[<>]")
_SEARCH_DEPTH = 4
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "warn", "brief"})
# Tags of a finite verb: a line with none is written as a headline.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Words for a part of a group, written with the group: "a member of the staff", "one of them".
_PARTS = frozenset({"member", "one", "some", "many", "most", "several", "part", "each", "all"})
_TITLE_REACH = 40
_APPOSED_WORDS = 4
_WORDS_BEFORE_NAME = 3
_CLAUSE_OPENERS = frozenset({"and", "but", "or", "who", "which", "that", "while", "as", "so"})
_PLACE_DEPTH = 2
# Words for a company's part ("its Bolt Tools unit").
_UNITS = frozenset({"subsidiary", "unit", "division", "affiliate", "arm"})
# Entity types of a name set before an event noun that makes it ("the Acme offer").
_MAKERS = frozenset({"ORG", "PERSON"})


@dataclass(frozen=True)
class Argument:
    text: str
    key: str | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", plain(self.text))


def plain(text: str) -> str:
    """The words of a name or phrase without markup."""
    return _MARKUP.sub("", text).strip()


class MentionIndex:
    """Mentions by token, so that a token span of the parse finds its entity."""

    def __init__(self, doc: Doc, mentions: Iterable[Mention], entities: Iterable[Entity]):
        mentions = list(mentions)
        kinds = {entity.key: entity.kind for entity in entities}
        self._by_token: dict[int, Mention] = {}
        # Tokens of named things (a treaty, a project, a summit), names inside them included.
        self._things: set[int] = set()
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            covered = [token.i for token in span or ()]
            for i in covered:
                self._by_token.setdefault(i, mention)
            if kinds.get(mention.entity_key) is EntityKind.MISC:
                self._things.update(covered)
        self._kinds = kinds
        self._text = text_of(doc)
        self._doc = doc
        self._genders = gender.genders(doc, mentions)
        self._places = {key for key, kind in kinds.items() if kind is EntityKind.LOCATION}
        self._ordered = sorted(mentions, key=lambda m: m.start)
        self._resolved: dict[int, list[Mention]] = {}
        # People the text gives a function ("lawyer Mark Lund", "her rep Paul Moss"):
        # not whom "the actress" or "the star" of the story is.
        self.office_holders = frozenset(m.entity_key for m in mentions if _holds_office(m))

    def _holds(self, mention: Mention, word: str) -> bool:
        """The name holds the word, or the word follows it ("the Adani group")."""
        following = self._text[mention.end : mention.end + len(word) + 1].casefold().split()
        return word in mention.text.casefold().split() or following[:1] == [word]

    def names(self, token: Token) -> bool:
        """The token is part of a name the article mentions ("Seaview", "Pine Lodge")."""
        return token.i in self._by_token

    def kind(self, mention: Mention) -> EntityKind | None:
        return self._kinds.get(mention.entity_key)

    def fits_word(self, mention: Mention, word: str) -> bool:
        """False only when the text says the person is of the other gender than the pronoun
        or the noun for a person ("she", "the actress")."""
        wanted = gender.of_word(word)
        told = self._genders.get(mention.entity_key)
        return wanted is None or told is None or told == wanted

    def last_before(
        self,
        token: Token,
        kinds: frozenset[EntityKind],
        named: str | None = None,
        only_named: bool = False,
    ) -> Mention | None:
        """The last mention of one of these kinds before the token; with ``named``, the last
        whose name holds that word or is followed by it ("the bank" -> "Bank of Japan", "the
        group" -> "the Adani group") if there is one, and with ``only_named`` none otherwise."""
        earlier = [m for m in self._ordered if m.end <= token.idx and self.kind(m) in kinds]
        earlier = [m for m in earlier if self.fits_word(m, token.lower_)]
        if named is not None:
            holding = [m for m in earlier if self._holds(m, named.casefold())]
            earlier = holding if holding or only_named else earlier
        return earlier[-1] if earlier else None

    def last_titled(self, token: Token, word: str) -> Mention | None:
        """The last person before the token whose name the word stands before or after
        ("lawyer Ruth Kline", "Mark Lund, her lawyer") or whose role holds it."""
        people = [
            m
            for m in self._ordered
            if m.end <= token.idx and self._kinds.get(m.entity_key) is EntityKind.PERSON
        ]
        titled = [m for m in people if self._titled(m, word)]
        return titled[-1] if titled else None

    def _titled(self, mention: Mention, word: str) -> bool:
        role = (mention.role or "").casefold().split()
        called = set(role) | set(self._near_words(mention))
        return word in called or f"{word}s" in called  # "producers Berg and Lund"

    def _words_before(self, mention: Mention) -> list[Token]:
        """The nouns and adjectives right before a name in its sentence ("longtime lawyer"),
        up to an owner ("the actress's rep Paul Moss" is not the actress) or a verb ("the
        actress hired Tom Wade")."""
        span = self._doc.char_span(mention.start, mention.end, alignment_mode="expand")
        found: list[Token] = []
        i = span.start - 1 if span is not None else -1
        while i >= 0 and len(found) < _WORDS_BEFORE_NAME and not self._doc[i].is_sent_end:
            token = self._doc[i]
            if token.tag_ == "POS" or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
                break
            found.append(token)
            i -= 1
        return found

    def _near_words(self, mention: Mention) -> list[str]:
        """The words the text calls a person by around the name: right before it and in
        apposition after it ("Mark Lund, her lawyer,"); never the next sentence's words
        ("Lund. The actress ...")."""
        near = [_bare_word(t.lower_) for t in self._words_before(mention)]
        after = self._text[mention.end : mention.end + _TITLE_REACH].casefold().lstrip()
        apposed = re.split(r"[,.;:!?]", after[1:])[0].split() if after[:1] == "," else []
        # A short phrase closed by a comma or a stop, not a clause (", but prosecutors have").
        if 0 < len(apposed) <= _APPOSED_WORDS and apposed[0] not in _CLAUSE_OPENERS:
            near += [_bare_word(w) for w in apposed]
        return near

    def resolved(self, token: Token, resolve: Callable[[], list[Mention]]) -> list[Mention]:
        """What a pronoun stands for, resolved once per token: resolving one asks what the
        pronouns of the other gender before it stand for, so without this a sentence of
        alternating "he" and "she" clauses took time exponential in their number."""
        if token.i not in self._resolved:
            self._resolved[token.i] = resolve()
        return self._resolved[token.i]

    def most_named_before(
        self,
        token: Token,
        kinds: frozenset[EntityKind],
        fits: str = "",
        blocked: frozenset[str] = frozenset(),
    ) -> Mention | None:
        """The entity of these kinds named most often before the token (on a tie the one
        named first, as a story names its subject first), as its latest mention: whom the
        story is about so far; with ``fits``, one that word (a pronoun, "the actress") may
        stand for, and none of the ``blocked`` entities."""
        earlier = [
            m
            for m in self._ordered
            if m.end <= token.idx
            and self.kind(m) in kinds
            and m.entity_key not in blocked
            and self.fits_word(m, fits)
        ]
        counts: dict[str, int] = {}
        latest: dict[str, Mention] = {}
        for mention in earlier:
            counts[mention.entity_key] = counts.get(mention.entity_key, 0) + 1
            latest[mention.entity_key] = mention
        if not counts:
            return None
        # Dicts keep insertion order: max keeps the first named among equals.
        best = max(counts, key=lambda key: counts[key])
        return latest[best]

    def nearest(self, head: Token, places_only: bool = False) -> Mention | None:
        """The mention closest to ``head`` in its subtree (by depth, then position)."""
        depth = _PLACE_DEPTH if places_only else _SEARCH_DEPTH
        for token in _by_depth(head, depth):
            mention = self._by_token.get(token.i)
            if mention and self._fits(token, mention, places_only):
                return mention
        return None

    def _fits(self, token: Token, mention: Mention, places_only: bool) -> bool:
        """A place where a place is asked for; else a participant. CAMEO participants are
        people, organisations and places: a named thing is what an event is about, and the
        names inside it ("Kyoto" in "the Kyoto Protocol") are part of its name."""
        if places_only:
            return mention.entity_key in self._places
        return token.i not in self._things


def argument(head: Token, index: MentionIndex) -> Argument:
    """The entity of a noun phrase, or its words as written when no entity covers it.

    A relative pronoun stands for the noun its clause modifies; personal pronouns are
    resolved by :mod:`coreference`, not here.
    """
    head = named_head(head)
    mention = index.nearest(head)
    if mention is not None:
        return mentioned(head, mention)
    return Argument(noun_phrase(head), None)


def mentioned(head: Token, mention: Mention) -> Argument:
    """The phrase headed by ``head``, linked to the entity of a mention inside it.

    A name heading its phrase is written as the name ("Zhang Hanhui", without the title before
    it); a name that only qualifies the head keys the whole phrase, whose text keeps its words
    ("the Russian government", "the government of Russia"), not just the name's ("Russian").
    """
    if mention.start <= head.idx < mention.end:
        return Argument(mention.text, mention.entity_key)
    last = max([head.i] + [t.i for t in head.subtree if t.idx < mention.end])
    return Argument(head.doc[head.left_edge.i : last + 1].text, mention.entity_key)


def _holds_office(mention: Mention) -> bool:
    role = (mention.role or "").casefold().split()
    return any(titles.is_title(word) and word not in people.SUBJECTS for word in role)


def _bare_word(word: str) -> str:
    """A word as a title is matched: without punctuation around it nor a possessive ending."""
    bare = word.strip(",.'’\"“”")
    return bare.removesuffix("'s").removesuffix("’s")


_PERSONAL_RELATIVES = frozenset({"who", "whom"})
_CALLED_ON = frozenset({"on", "upon"})
_BY = frozenset({"by"})
_CALLS = frozenset({"call", "demand", "urge"})
# "accused X of doing", "praised X for doing": the prepositions that tie a deed to its doer.
_CHARGED_WITH = frozenset({"of", "for"})
# Verbs that judge someone for a deed (blame or credit, punish or reward).
_JUDGING = words(
    "accuse blame criticise criticize condemn denounce fault suspect charge arrest fine punish "
    "sue praise thank commend credit congratulate hail reward honour honor forgive"
)


def _antecedent(head: Token) -> Token:
    """ "the strike that killed ...": the subject "that" is the strike. A "who" the parse hangs
    on no noun ("officials at the time, who told him": a clause of the verb, or a relative
    clause of it) is the nearest word for people before its comma."""
    relative = head.tag_ in ("WDT", "WP") or head.lower_ == "that"
    clause = head.head
    if relative and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return clause.head
    if head.lower_ in _PERSONAL_RELATIVES:
        return _people_before_comma(head) or head
    return head


def _people_before_comma(pronoun: Token) -> Token | None:
    start, before = pronoun.sent.start, pronoun.i - 1
    if before <= start or pronoun.doc[before].text != ",":
        return None
    earlier = pronoun.doc[start:before]
    return next((t for t in reversed(earlier) if t.pos_ == "PROPN" or people_noun(t)), None)


def _may_be_told(token: Token) -> bool:
    """One who may be asked to act: a name, a pronoun, people, a body or a state ("asked the
    Ombudsman", "urged Beijing", "called on the government"; not "respect the media's
    freedom to report")."""
    if token.pos_ == "PROPN" or token.tag_ == "PRP":  # not "had this to say"
        return True
    word = token.lemma_.lower()
    return people_noun(token) or word in ORG_HEADS or word in STATE_NOUNS


def people_noun(token: Token) -> bool:
    """A common noun for people or a body of them ("protesters", "officials", "the court")."""
    word = token.lemma_.lower()
    listed = word in people.RECEIVERS or word in people.SUBJECTS or titles.is_title(word)
    return token.pos_ == "NOUN" and listed


def named_head(head: Token) -> Token:
    """The name a described phrase stands for. A relative pronoun is the noun its clause
    modifies; a description set beside a name is that name ("R N Bhaskar, a journalist who
    wrote ...": the journalist is Bhaskar); a common noun with a name right after it is the
    name ("Israel ally Washington"); a name in apposition with a title before it is that
    person, not the body the phrase opens with ("Ohio Department of ... deputy
    director Ruth Kline told ...")."""
    head = _antecedent(head)
    if head.pos_ == "NOUN" and head.dep_ == "appos" and head.head.pos_ == "PROPN":
        return head.head
    named_unit = _named_unit(head)
    if named_unit is not None:
        return named_unit
    for child in head.children:
        if child.dep_ != "appos" or child.pos_ != "PROPN":
            continue
        adjacent = head.pos_ == "NOUN" and child.left_edge.i == head.i + 1
        before = child.left_edge.i - 1
        titled = before > head.i and titles.is_title(head.doc[before].text)
        if adjacent or titled:
            return child
    return head


def _named_unit(head: Token) -> Token | None:
    """ "Acme Corp's Bolt Tools Inc subsidiary": a unit of a company with its own name set
    before the unit word is that name, not its owner."""
    if head.lemma_.lower() not in _UNITS or head.i == 0:
        return None
    before = head.doc[head.i - 1]
    owned = any(c.dep_ == "poss" for c in head.children)
    if owned and before.dep_ == "compound" and before.head.i == head.i and before.ent_type_:
        return before
    return None


def noun_phrase(head: Token) -> str:
    """The head with its left modifiers ("the Russian government"), without clauses after it
    or quote marks and dashes before it; a word for a part keeps the whole it is part of ("a
    member of the staff", not "a member")."""
    start = head.left_edge.i
    while start < head.i and head.doc[start].is_punct:
        start += 1
    end = head.i
    if head.lemma_.lower() in _PARTS:
        whole = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        end = max([end] + [t.i for prep in whole[:1] for t in prep.subtree])
    return head.doc[start : end + 1].text


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """ "Russia and China": each coordinated noun is an argument of its own, but for one that
    is the patient of a clause of its own ("by rebels and three injured in the crash")."""
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        conjuncts = (c for c in token.children if c.dep_ == "conj" and not _tells_own_clause(c))
        found.extend(with_conjuncts(conjuncts))
    return found


def _tells_own_clause(noun: Token) -> bool:
    return any(elided_passive(child) for child in noun.children)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) or (
        reduced_passive(verb)
        or headline_passive(verb)
        or elided_passive(verb)
        or _passive_complement(verb)
    )


def _passive_complement(verb: Token) -> bool:
    """A past participle completing a passive ("were feared killed", "were reported
    injured") is passive too: the subject is its patient."""
    return verb.dep_ == "xcomp" and verb.tag_ == "VBN" and is_passive(verb.head)


def reduced_passive(verb: Token) -> bool:
    """A past participle with a subject and no auxiliary is passive, its subject the patient:
    "with more than 750 people arrested this week" (the parser calls "people" its subject)."""
    if verb.tag_ != "VBN":
        return False
    links = {child.dep_ for child in verb.children}
    return "nsubj" in links and not links & {"aux", "auxpass"}


def elided_passive(verb: Token) -> bool:
    """A past participle told after "and" without its auxiliary, which the parser hangs on its
    numbered patient as if that were one more of the nouns before it ("were killed by rebels
    and three injured in the crash", "and 20 people wounded"): a passive clause of its own."""
    head = verb.head
    numbered = head.pos_ == "NUM" or any(child.dep_ == "nummod" for child in head.children)
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and head.dep_ == "conj" and numbered


def headline_passive(verb: Token) -> bool:
    """A line with no finite verb whose past participle the parser hangs on the number or noun
    opening it ("Three killed in bus crash", "Miners rescued after cave-in") is a passive
    clause as headlines write it, that word its patient."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or head.dep_ != "ROOT":
        return False
    finite = any(token.tag_ in _FINITE_TAGS for token in verb.sent)
    return head.pos_ in ("NUM", "NOUN", "PROPN") and not finite


def subjects(clause: Token) -> list[Token]:
    """The doer: the subject, the by-agent of a passive, or the controller of a bare clause."""
    if is_passive(clause):
        return titled_names(with_conjuncts(_agents(clause)))
    own = _own_subject(clause)
    if own:
        return titled_names(with_conjuncts(own))
    return _misparsed_subject(clause) or _headline_subject(clause) or implicit_subject(clause)


def _own_subject(clause: Token) -> list[Token]:
    """The clause's subject. Two subjects not coordinated are a misparse of one, and the one
    nearest before the verb is it: "The popular singer Anna Berg is checking in" (a
    description set before the name), "made the arrangements for Jensen to check in" (the
    noun the clause modifies). The parser may also hang that "Jensen" on the "for"."""
    marked = [
        o
        for c in clause.children
        if c.dep_ == "mark" and c.lower_ == "for"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    if marked:
        return marked
    own = [child for child in clause.children if child.dep_ in ("nsubj", "csubj")]
    if len(own) < 2:
        return own
    before = [child for child in own if child.i < clause.i]
    return before[-1:] or own[:1]


def _headline_subject(clause: Token) -> list[Token]:
    """ "Maria Jensen to host the gala": a headline with no finite verb, whose "to"
    clause the parser hangs on the name as a relative clause; the name is its subject."""
    name = clause.head
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    if clause.dep_ not in ("relcl", "acl") or not to or name.dep_ != "ROOT":
        return []
    return with_conjuncts([name]) if name.pos_ in ("PROPN", "NOUN") else []


def _misparsed_subject(clause: Token) -> list[Token]:
    """Subjects the parser hung elsewhere. A report after a quote names its speaker between
    the closing quote and the verb ('" ... ," R N Bhaskar, a journalist, told AP'); a clause
    before a verb without subject that is no report is coordinated with it, as in headlines
    ("Jensen checks into rehab, rehires lawyer" read as "..., says lawyer")."""
    if clause.lemma_.lower() in REPORTING_VERBS:
        speaker = _speaker_after_quote(clause)
        return [speaker] if speaker is not None else []
    before = [c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i]
    own = [c for token in before[:1] for c in token.children if c.dep_ == "nsubj"]
    return with_conjuncts(own)


def _speaker_after_quote(verb: Token) -> Token | None:
    sentence = verb.sent
    quotes = [t for t in sentence if t.tag_ == "''" and t.i < verb.i]
    if not quotes:
        return None
    span = verb.doc[quotes[-1].i + 1 : verb.i]
    if any(t.pos_ == "VERB" and t.dep_ != "relcl" for t in span):
        return None
    outside = [t for t in span if t.pos_ == "PROPN" and not span.start <= t.head.i < span.end]
    return outside[0] if outside else None


def titled_names(heads: list[Token]) -> list[Token]:
    """A title heading a name in apposition is that person: "AP President and CEO Gary Pruitt
    said" is one speaker, Gary Pruitt, not "AP President" and "CEO"; the bare titles
    coordinated with it are his too."""
    names = [name for head in heads if (name := _apposed_name(head)) is not None]
    if not names:
        return [
            head
            for head in heads
            if not _title_of_conjunct(head, heads) and not _body_of_titled_name(head)
        ]
    others = [h for h in heads if _apposed_name(h) is None and not titles.is_title(h.text)]
    return names + others


def _title_of_conjunct(head: Token, heads: list[Token]) -> bool:
    """ "'Summer Road' actress and former travel reporter Anna Berg": a bare title (no
    article) coordinated with a name described by a noun of its own is that name's, not
    someone else's ("the president and Chancellor Merkel" are two)."""
    if not titles.is_title(head.text) or any(c.dep_ == "det" for c in head.children):
        return False
    if not any(c.dep_ == "cc" for c in head.children):
        return False
    return any(
        name.pos_ == "PROPN"
        and name.i > head.i
        and any(t.tag_ == "NN" for t in name.subtree if head.i < t.i < name.i)
        for name in heads
    )


def _body_of_titled_name(head: Token) -> bool:
    """ "Ohio Department of ... deputy director Ruth Kline told": the parser may
    coordinate the body with its titled officer, with no "and" between them; the speaker is
    the officer, the body only says whose."""
    for child in head.children:
        if child.dep_ != "conj" or child.pos_ != "PROPN":
            continue
        before = child.left_edge.i - 1
        linked = any(c.dep_ == "cc" for c in head.children if head.i < c.i < child.i)
        if before > head.i and titles.is_title(head.doc[before].text) and not linked:
            return True
    return False


def _apposed_name(head: Token) -> Token | None:
    if not titles.is_title(head.text):
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def noun_actors(noun: Token, clause: Token) -> list[Token]:
    """Doer of a nominal event: the one its own words name, or the agent/subject of the verb
    carrying it."""
    makers = noun_makers(noun)
    if makers:
        return makers
    doers = with_conjuncts(_agents(clause)) if noun.dep_ in SUBJECTS else subjects(clause)
    return doers or sides(noun)


def noun_makers(noun: Token, named_before: bool = True) -> list[Token]:
    """The doer an event noun's own words name: its possessor, who issued it, a party after
    "by", or (``named_before``) a company or person named before it ("the Acme tender offer",
    "a G20 summit")."""
    owners = [child for child in noun.children if child.dep_ == "poss"]
    if owners:
        return with_conjuncts(owners)
    issued_by = issuers(noun) or parties_by(noun)
    if issued_by:
        return issued_by
    named = [c for c in noun.subtree if c.i < noun.i and c.ent_type_ in _MAKERS]
    return [named[-1]] if named_before and named and named[0].dep_ == "compound" else []


def sides(noun: Token) -> list[Token]:
    """ "talks between France and Germany": with no doer named, the parties are the sides."""
    return with_conjuncts(prep_objects(noun, frozenset({"between"})))


def issuers(noun: Token) -> list[Token]:
    """Who issued or released a statement, report or offer ("a statement issued by Acme and
    Bolt"): the agents of the participle set after the noun."""
    made = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return with_conjuncts([named_head(a) for verb in made for a in _agents(verb)])


def parties_by(noun: Token) -> list[Token]:
    """ "the visit to Cairo by the French president", "an attack by gunmen": a party after
    "by" did what the noun names ("a trip by car" names a means, no party)."""
    return with_conjuncts([o for o in prep_objects(noun, _BY) if _may_be_told(o)])


def called_on(head: Token) -> list[Token]:
    """The parties a participle set beside a protest calls on ("rallies calling for the
    government to resign", "protested, urging Beijing to act"; not "demanding his release")."""
    found: list[Token] = []
    for verb in head.children:
        if verb.dep_ not in ("acl", "advcl") or verb.lemma_.lower() not in _CALLS:
            continue
        found += [c for c in verb.children if c.dep_ == "dobj"]
        found += prep_objects(verb, _CALLED_ON | {"for"})
        found += [
            s for c in verb.children if c.dep_ == "advcl" for s in c.children if s.dep_ == "nsubj"
        ]
    return [party for party in found if _may_be_told(party)]


def targets(clause: Token, trigger: Token, preps: frozenset[str] = frozenset()) -> list[Token]:
    """Candidate receivers in order of preference: dative, object, then with/against/to (and
    the code's own prepositions: "bid for Getty Oil")."""
    heads = [clause, trigger] if trigger.i != clause.i else [clause]
    # What is said, announced or reported is content, not a receiver ("Dell announced a
    # portfolio"); one tells or warns someone.
    content = clause.lemma_.lower() in REPORTING_VERBS - _ADDRESSEE_VERBS
    patients = set() if content else {"dobj"}
    if is_passive(clause):
        patients = {"nsubjpass", "nsubj"} if reduced_passive(clause) else {"nsubjpass"}
    found = [c for c in clause.children if c.dep_ in ("dative", "iobj")]
    found += [c for c in clause.children if c.dep_ in patients and c.i != trigger.i]
    if is_passive(clause) and not found:
        found += shared_patient(clause)
    if headline_passive(clause) or elided_passive(clause):
        found.append(clause.head)  # the parser hangs such a participle on its patient
    if clause.lemma_.lower() == "make":
        # "made it to Morningside": the "it" of the idiom names nobody.
        found = [c for c in found if c.lower_ != "it"]
    for head in heads + [c for c in clause.children if c.dep_ == "dobj"]:
        found += prep_objects(head, _TARGET_PREPS | preps)
    if clause.lemma_.lower() in _PROMISES:
        # "vowed to protect the community", "offered to fly the recruits in": whom the
        # promised or offered act is for receives the promise.
        promised = [c for c in clause.children if c.dep_ == "xcomp"]
        found += [c for verb in promised for c in verb.children if c.dep_ == "dobj"]
    return found


def place_heads(clause_tokens: Iterable[Token]) -> list[Token]:
    """Objects of locative prepositions inside the clause ("in Moscow", "at the Forum")."""
    return [
        child
        for token in clause_tokens
        if token.dep_ == "prep" and token.lower_ in _PLACE_PREPS
        for child in token.children
        if child.dep_ == "pobj"
    ]


def _agents(verb: Token) -> list[Token]:
    return [
        pobj
        for child in verb.children
        if child.dep_ == "agent"
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]


def implicit_subject(clause: Token) -> list[Token]:
    """The understood subject of "to sign", "building ...": the nearest owner or subject above."""
    owners = [child for child in clause.children if child.dep_ == "poss"]
    if owners:
        # "the reason behind her checking in": the gerund's owner does it.
        return with_conjuncts(owners)
    if _modifies_its_doer(clause, ("VBG",)):
        return with_conjuncts([clause.head])
    passive = _passive_of_gerund(clause) or _object_of_gerund(clause)
    if passive:
        return passive
    token = clause
    while token.dep_ not in CLAUSE_BREAKS and token.head.i != token.i:
        below, token = token, token.head
        if below.dep_ == "xcomp":
            # "asked the Ombudsman to investigate", "called on both sides to withdraw": the
            # one asked does it.
            told = [c for c in token.children if c.dep_ == "dobj"] or prep_objects(
                token, _CALLED_ON
            )
            if told and all(map(_may_be_told, told)):
                return with_conjuncts(told)
        owners = [child for child in token.children if child.dep_ == "poss"]
        if owners:
            return with_conjuncts(owners)
        if _modifies_its_doer(token, ("VBG", "VBN")):
            return with_conjuncts([token.head])
        if token.pos_ in ("VERB", "AUX") and not is_passive(token):
            own = [child for child in token.children if child.dep_ == "nsubj"]
            if own:
                return with_conjuncts(own)
    return []


def _passive_of_gerund(gerund: Token) -> list[Token]:
    """ "were fined for dumping waste", "was arrested after fleeing", "was accused of
    attacking": the one the passive tells of did what its preposition's gerund says."""
    prep = gerund.head
    if gerund.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in _GERUND_LINKS:
        return []
    if not is_passive(prep.head):
        return []
    verb = prep.head
    return with_conjuncts(
        [c for c in verb.children if c.dep_ == "nsubjpass"] or shared_patient(verb)
    )


def shared_patient(verb: Token) -> list[Token]:
    """A passive coordinated with no subject of its own shares the subject of the verb before
    it ("was arrested in May and was accused of fraud": the one arrested is the one accused;
    "arrested the man and were praised": the ones who arrested)."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJECTS for c in verb.children):
        return []
    head = verb.head
    # Told with its "and" or "but": the parser also calls some misread clauses "conj".
    if not any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return []
    return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _object_of_gerund(gerund: Token) -> list[Token]:
    """ "accused the army of carrying out the attack", "thanked the villagers for helping":
    the one the verb's object names did what its preposition's gerund says."""
    prep = gerund.head
    if gerund.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in _CHARGED_WITH:
        return []
    # The parser may hang the preposition on the object itself.
    verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head
    if verb.lemma_.lower() not in _JUDGING or is_passive(verb):
        return []  # "summoned the heir for questioning": he is questioned
    told = [c for c in verb.children if c.dep_ == "dobj"]
    return with_conjuncts(told) if told and all(map(_may_be_told, told)) else []


def _modifies_its_doer(verb: Token, tags: tuple[str, ...]) -> bool:
    """A participle set after a noun that does what the clause says: "a man carrying a gun";
    and, above the clause, "a man believed to have smuggled people", "a man suspected of
    killing two" (the man smuggled, killed). Not "the money stolen from the bank" (the clause
    itself, done to the noun)."""
    return verb.dep_ == "acl" and verb.tag_ in tags and verb.head.pos_ in ("NOUN", "PROPN")


def prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of the head's prepositions that are one of ``preps`` ("in the crash")."""
    return [
        pobj
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in preps
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]


def _by_depth(head: Token, depth: int) -> Iterator[Token]:
    """Breadth-first walk of the subtree, a few levels deep, nearest first; coordinated
    phrases are arguments of their own and are not entered."""
    level = [head]
    for _ in range(depth + 1):
        yield from level
        level = [c for token in level for c in token.children if _enters(token, c)]


def _enters(token: Token, child: Token) -> bool:
    """Coordinated phrases are arguments of their own; a name's prepositions ("Ambassador to
    Russia Zhang Hanhui") say where it belongs, but a common noun's "of" names its owner
    ("the government of Russia", "head of the CNSA"). A clause modifying the noun tells
    something else about it: "the actress who shot to fame in Summer Road" is not the film,
    "a strike on a building in the camp that killed ten" not the camp."""
    if child.dep_ in ("conj", "cc", "relcl", "acl"):
        return False
    if child.dep_ == "prep":
        return token.pos_ == "NOUN" and child.lower_ == "of"
    return True
