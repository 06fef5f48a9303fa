"""People, organisations and places of one article, each tied to a canonical entity.

Recognition is :mod:`recognize`; this module turns its spans into entities and mentions: keys
(:mod:`canonical`), places (:mod:`gazetteer`), roles (:mod:`titles`) and acronyms defined in the
text (:mod:`acronyms`).

Demonyms: "the Russian government" is a mention of Russia; "Chinese Ambassador" is not a mention
of China (the adjective only qualifies the title) but gives the person's affiliation. The
dateline place is resolved to an entity without a mention (``FoundEntities.dateline_place``,
also listed in ``entities``), and its country steers the resolution of ambiguous places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.extract import canonical, columns, lexicon
from pipeline.extract.acronyms import find_definitions
from pipeline.extract.canonical import entity_key
from pipeline.extract.gazetteer import Place, gazetteer
from pipeline.extract.markup import company_cues
from pipeline.extract.organisations import category
from pipeline.extract.recognize import recognize
from pipeline.extract.spans import GAZETTEER, LOC, MISC, NORP, ORG, PER, RULE, Named
from pipeline.extract.titles import role_context
from pipeline.schemas import Article, Entity, EntityKind, Mention

__all__ = ["VERSION", "FoundEntities", "entity_key", "find_entities"]

VERSION = "9"
_KINDS = {
    PER: EntityKind.PERSON,
    ORG: EntityKind.ORGANIZATION,
    LOC: EntityKind.LOCATION,
    MISC: EntityKind.MISC,
}
_EMBEDDED_PLACE_WORDS = 3


@dataclass
class FoundEntities:
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dateline_place: Entity | None = None


def find_entities(doc: Doc, article: Article) -> FoundEntities:
    return _Article(doc, article).resolve()


class _Article:
    """Resolution state of one article: its spans, context countries and entities so far."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        cues = company_cues(article.body)
        self.spans = _outside_credits(doc, recognize(doc, cues), article)
        self.marked = _marked_texts(doc, self.spans, {*cues.name_ends, *(e for _, e in cues.names)})
        self.entities: dict[str, Entity] = {}
        self.aliases: dict[str, set[str]] = {}
        self.acronyms = _acronym_table(doc)
        self.countries = self._context_countries()
        self.near: Place | None = None
        self.dateline = self._dateline(article.dateline_place)
        self.people = [self._text(s) for s in self.spans if s.label == PER and s.end - s.start > 1]
        self.keys = {s.start: self._entity_for(s) for s in self.spans}
        self.sentence = columns.sentence_numbers(doc)

    def resolve(self) -> FoundEntities:
        named = [s.span(self.doc) for s in self.spans if s.label != PER]
        mentions = [m for s in self.spans if (m := self._mention(s, named)) is not None]
        mentions += self._embedded_places() + self._long_forms()
        mentions.sort(key=lambda m: (m.start, m.end))
        # Only entities something points at: a demonym in "Chinese scientists" adds no China.
        used = {m.entity_key for m in mentions} | {m.affiliation_key for m in mentions}
        used.add(self.dateline.key if self.dateline else None)
        entities = [
            e.model_copy(update={"aliases": sorted(self.aliases[e.key] - {e.name})})
            for e in self.entities.values()
            if e.key in used
        ]
        return FoundEntities(entities, mentions, self.dateline)

    def _context_countries(self) -> set[str]:
        places = (gazetteer().resolve(self._text(s)) for s in self.spans if s.label == LOC)
        return {p.country_code for p in places if p is not None and p.feature_class == "A"}

    def _dateline(self, place_name: str | None) -> Entity | None:
        """ "MOSCOW" or "GROSSETO, Italy": the town, steered by the country written after it."""
        if not place_name:
            return None
        town, *regions = (part.strip().title() for part in place_name.split(","))
        hints = {p.country_code for r in regions if (p := gazetteer().resolve(r)) is not None}
        place = gazetteer().resolve(town, self.countries, within=hints)
        if place is None:
            return None
        self.countries.add(place.country_code)
        self.near = place
        return self._add(canonical.place_entity(place), town)

    def _entity_for(self, named: Named) -> str | None:
        text = self._text(named)
        if named.label == NORP:
            return self._demonym(text)
        if named.label == LOC:
            return self._place(text)
        if named.label == PER:
            name = canonical.resolve_surname(text, self.people)
            return self._add(
                Entity(key=entity_key(EntityKind.PERSON, name), kind=EntityKind.PERSON, name=name),
                text,
            ).key
        return self._organisation(text, _KINDS[named.label])

    def _place(self, text: str) -> str:
        place = gazetteer().resolve(text, self.countries, self.near)
        if place is None:
            entity = Entity(
                key=entity_key(EntityKind.LOCATION, text), kind=EntityKind.LOCATION, name=text
            )
            return self._add(entity, text).key
        return self._add(canonical.place_entity(place), text).key

    def _demonym(self, text: str) -> str | None:
        code = lexicon.DEMONYMS.get(text)
        country = gazetteer().country(code) if code else None
        return self._add(canonical.place_entity(country), None).key if country else None

    def _organisation(self, text: str, kind: EntityKind) -> str:
        long_form = self.acronyms.get(text)
        listed = canonical.curated(text) or (long_form and canonical.curated(long_form))
        if listed:
            name, aliases = listed[0], {*listed[1], text}
        elif long_form and text.isupper():
            name, aliases = canonical.long_form_name(long_form), {text}
        else:
            name = canonical.long_form_name(canonical.without_legal_form(text))
            aliases = {text, *([self.acronyms[text]] if text in self.acronyms else [])}
        kind_of = category(text, text in self.marked) if kind == EntityKind.ORGANIZATION else None
        entity = Entity(key=entity_key(kind, name), kind=kind, name=name, category=kind_of)
        return self._add(entity, *aliases).key

    def _add(self, entity: Entity, *surfaces: str | None) -> Entity:
        kept = self.entities.setdefault(entity.key, entity)
        self.aliases.setdefault(entity.key, set()).update(s for s in surfaces if s)
        return kept

    def _mention(self, named: Named, others: list[Span]) -> Mention | None:
        key = self.keys[named.start]
        if key is None or (named.label == NORP and not self._stands_for_state(named)):
            return None
        role, affiliation = None, None
        if named.label == PER:
            context = role_context(named.span(self.doc), others)
            role = context.role
            affiliation = self.keys.get(context.affiliation.start) if context.affiliation else None
        return self._make_mention(key, named.start, named.end, role, affiliation, named.method)

    def _stands_for_state(self, named: Named) -> bool:
        following = self.doc[named.end] if named.end < len(self.doc) else None
        return following is not None and following.lower_ in lexicon.STATE_NOUNS

    def _embedded_places(self) -> list[Mention]:
        """ "St. Petersburg International Economic Forum" also names St. Petersburg."""
        found: list[Mention] = []
        for named in self.spans:
            if named.label not in {ORG, MISC} or named.end - named.start < 2:
                continue
            for size in range(min(_EMBEDDED_PLACE_WORDS, named.end - named.start - 1), 0, -1):
                place = self._known_place(named.start, named.start + size)
                if place is not None:
                    key = self._add(
                        canonical.place_entity(place),
                        self._text_at(named.start, named.start + size),
                    ).key
                    end = named.start + size
                    found.append(self._make_mention(key, named.start, end, method=GAZETTEER))
                    break
        return found

    def _known_place(self, start: int, end: int) -> Place | None:
        text = self._text_at(start, end)
        if text.isupper() or not self.doc[start].text[:1].isupper():
            return None  # "UN Security Council": an acronym is no town
        if not gazetteer().is_primary_name(text):
            return None
        place = gazetteer().resolve(text, self.countries, self.near)
        # A country in an organisation's name is its affiliation, not a place of the story.
        return place if place is not None and place.feature_class == "P" else None

    def _long_forms(self) -> list[Mention]:
        """Lower-case long forms of defined acronyms ("international lunar research station")."""
        found: list[Mention] = []
        taken = {i for s in self.spans for i in range(s.start, s.end)}
        keys = {self._text(s): self.keys[s.start] for s in self.spans}
        for short, long_form in self.acronyms.items():
            key = keys.get(short)
            if key is None or long_form[:1].isupper():
                continue
            for start, end in _lower_occurrences(self.doc, long_form):
                if not taken & set(range(start, end)):
                    found.append(self._make_mention(key, start, end, method=RULE))
        return found

    def _make_mention(
        self,
        key: str,
        start: int,
        end: int,
        role: str | None = None,
        affiliation: str | None = None,
        method: str = RULE,
    ) -> Mention:
        span = self.doc[start:end]
        return Mention(
            entity_key=key,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            sentence_index=self.sentence[start],
            role=role,
            affiliation_key=affiliation,
            method=method,
        )

    def _text(self, named: Named) -> str:
        return self._text_at(named.start, named.end)

    def _text_at(self, start: int, end: int) -> str:
        return self.doc[start:end].text


def _outside_credits(doc: Doc, spans: list[Named], article: Article) -> list[Named]:
    """Spans of the story only: a dateline or byline left at the head of the body is metadata
    ("GROSSETO, Italy (AP) --" is where and by whom it was filed, not what it is about)."""
    body = columns.text_of(doc)
    heads = (article.dateline_text, article.byline)
    end = max((len(h) for h in heads if h and body.startswith(h)), default=0)
    return [s for s in spans if doc[s.start].idx >= end]


def _marked_texts(doc: Doc, spans: list[Named], ends: set[int]) -> set[str]:
    """Names that ticker markup or brackets mark as companies."""
    return {s.text(doc) for s in spans if s.label == ORG and s.span(doc).end_char in ends}


def _acronym_table(doc: Doc) -> dict[str, str]:
    """Short form -> long form and back, for every acronym the text defines."""
    table: dict[str, str] = {}
    for definition in find_definitions(doc):
        table[definition.short.text] = definition.long.text
        table[definition.long.text] = definition.short.text
    return table


def _lower_occurrences(doc: Doc, phrase: str) -> list[tuple[int, int]]:
    words = phrase.casefold().split()
    size, lowers = len(words), columns.lowers(doc)
    return [(i, i + size) for i in range(len(doc) - size + 1) if lowers[i : i + size] == words]
