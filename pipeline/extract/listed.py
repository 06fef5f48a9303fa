"""Entities of copy that no model here reads: the places and organisations name lists know.

German, Norwegian, Swedish, Finnish, Arabic... copy has no pipeline here, and an English model
on it finds noise. What it still gets: places the gazetteer knows by that spelling (GeoNames
names and their Latin-script alternates, folded: "München", "Moskau"; country names in the
language from pycountry's ISO 3166 translations: "Deutschland", "Sverige", "ألمانيا") and the
organisations of the curated list ("NATO", "EU", "Interfax") and the listed companies of
:mod:`registry` whose names have two words or more ("Deutsche Bank"). Each mention says how it
was found (``gazetteer`` or ``lexicon``). No people: a list of names of people would be noise.

Candidates are runs of up to four capitalised words (any word in scripts without case), longest
first. A single word must name a country, a region or a large city (:func:`_safe_alone`): in
German every noun is capitalised, and GeoNames lists "Hof" as a town.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import spacy

from pipeline.extract import canonical
from pipeline.extract.canonical import entity_key
from pipeline.extract.gazetteer import Place, gazetteer
from pipeline.extract.organisations import COMPANY
from pipeline.extract.prose import reading_text
from pipeline.extract.registry import listed_companies
from pipeline.extract.spans import GAZETTEER, LEXICON
from pipeline.schemas import Article, Entity, EntityKind, Mention

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n\s*\n")
_MAX_WORDS = 4
_CITY = 100_000
_LARGE_CITY = 1_000_000
_SHORTEST = 4
_LANGUAGE_COUNTRIES = {
    "de": "DE", "nb": "NO", "nn": "NO", "no": "NO", "sv": "SE", "fi": "FI", "da": "DK",
    "nl": "NL", "it": "IT", "es": "ES", "pt": "PT", "pl": "PL", "cs": "CZ", "el": "GR",
}  # fmt: skip
_GENITIVE_S = frozenset({"sv", "nb", "nn", "no", "da"})
_ARABIC_CLITICS = frozenset("وبلفك")


@dataclass(frozen=True)
class Listed:
    entities: list[Entity]
    mentions: list[Mention]
    dateline: Entity | None


def find_listed(article: Article) -> Listed:
    text = reading_text(article.body)
    language = (article.language or "").split("-")[0].casefold()
    dateline = _dateline(article.dateline_place, language)
    home = {dateline.country_code} if dateline and dateline.country_code else set()
    home |= {_LANGUAGE_COUNTRIES[language]} if language in _LANGUAGE_COUNTRIES else set()
    words = list(_WORD.finditer(text))
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    i = 0
    while i < len(words):
        found = _longest(text, words, i, _Reading(language, frozenset(home)))
        if found is None:
            i += 1
            continue
        size, entity, method = found
        start, end = words[i].start(), words[i + size - 1].end()
        entities.setdefault(entity.key, entity)
        sentence = sum(1 for e in ends if e <= start)
        mentions.append(
            Mention(
                entity_key=entity.key,
                text=text[start:end],
                start=start,
                end=end,
                sentence_index=sentence,
                method=method,
            )
        )
        i += size
    if dateline is not None:
        entities.setdefault(dateline.key, dateline)
    return Listed(list(entities.values()), mentions, dateline)


@dataclass(frozen=True)
class _Reading:
    language: str
    home: frozenset[str]  # the dateline's country and the language's own


def _longest(
    text: str, words: list[re.Match[str]], i: int, reading: _Reading
) -> tuple[int, Entity, str] | None:
    for size in range(min(_MAX_WORDS, len(words) - i), 0, -1):
        run = words[i : i + size]
        if not all(_capitalised(w.group()) for w in run) or _gapped(text, run):
            continue
        name = text[run[0].start() : run[-1].end()]
        listed = canonical.curated(name)
        if listed is not None and name in {listed[0], *listed[1]}:
            return size, _organisation(listed[0]), LEXICON
        if size > 1 and name in listed_companies():
            return size, _organisation(name, COMPANY), LEXICON
        if size == 1 and name.casefold() in _stop_words(reading.language):
            continue  # "Dabei" is no spelling of Dubai, "Para" none of Belém
        place = _place(name, reading, single=size == 1)
        if place is not None:
            return size, canonical.place_entity(place), GAZETTEER
    return None


def _place(name: str, reading: _Reading, single: bool) -> Place | None:
    places = gazetteer()
    for number, form in enumerate(_forms(name, reading.language)):
        native = places.native(form, reading.language)
        if native is not None:
            return native
        place = places.resolve(form, reading.home)
        if place is not None and (not (single or number) or _safe_alone(form, place, reading)):
            return place if form == name or place.feature_class == "P" else None
    return None


def _safe_alone(name: str, place: Place, reading: _Reading) -> bool:
    """A single word names a place by itself when it is a country's name, a region's of the
    article's own country, a city's own name with 100,000 people, or the spelling of a city of
    a million in another language ("München", "Moskau"); a word the town of "Hof" shares with a
    German noun is no place, nor "Meta" (a Colombian department) in a German article."""
    if place.code is not None and place.geonames_id is None:
        return place.country_code in reading.home
    if place.feature_class != "P":
        return True
    primary = gazetteer().is_primary_name(name)
    return place.population >= (_CITY if primary else _LARGE_CITY)


@lru_cache(maxsize=16)
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of the language (its tokenizer data, no model needed)."""
    try:
        return frozenset(spacy.util.get_lang_class(language).Defaults.stop_words)
    except ImportError:
        return frozenset()


def _forms(name: str, language: str) -> list[str]:
    """The name, and the name without a genitive "s" (Scandinavian "Sveriges") or an Arabic
    conjunction or preposition written onto it ("وفرنسا", "and France")."""
    forms = [name]
    if language in _GENITIVE_S and name.endswith("s") and len(name) > _SHORTEST:
        forms.append(name[:-1])
    if language == "ar" and name[:1] in _ARABIC_CLITICS and len(name) > _SHORTEST:
        forms.append(name[1:])
    return forms


def _dateline(place_name: str | None, language: str) -> Entity | None:
    if not place_name:
        return None
    town = place_name.split(",")[0].strip()
    place = gazetteer().native(town, language) or gazetteer().resolve(town.title())
    return canonical.place_entity(place) if place is not None else None


def _organisation(name: str, kind: str | None = None) -> Entity:
    key = entity_key(EntityKind.ORGANIZATION, name)
    return Entity(key=key, kind=EntityKind.ORGANIZATION, name=name, category=kind)


def _capitalised(word: str) -> bool:
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def _gapped(text: str, run: list[re.Match[str]]) -> bool:
    """Words of one name are separated by one space or hyphen, not by punctuation."""
    return any(text[a.end() : b.start()] not in {" ", "-"} for a, b in pairwise(run))
