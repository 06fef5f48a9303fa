"""Canonical names and keys: the same person, organisation or place reaches the same key in every
article, without a database.

- Places: GeoNames ids (``geonames:<id>``), regions GeoNames has no id for here by their ISO
  3166-2 code (``iso3166-2:BR-BA``); unknown places fall back to ``location:<slug>``.
- Organisations and named things: the curated canonical name when the name or one of its aliases
  is listed; otherwise the long form of an acronym defined in the text ("ILRS" defined as
  "international lunar research station" is keyed on the long form); legal forms such as
  "State Corporation" or "Inc." dropped. An acronym that is neither listed nor defined in its
  article keeps its own key (``organization:ngb``): without a database nothing links it yet.
- People: the full name. A bare surname takes the full name only when exactly one person of the
  article carries it; otherwise, and in an article that never gives the full name, it keeps its
  own key (``person:rogozin``). Two people sharing a surname are therefore never merged across
  articles: surnames are resolved inside their article only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.extract import lexicon
from pipeline.extract.gazetteer import Place
from pipeline.schemas import Entity, EntityKind


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded.replace("'", "").replace("’", "")).strip("-")


def entity_key(kind: EntityKind, name: str) -> str:
    return f"{kind.value}:{slug(name)}"


def place_entity(place: Place) -> Entity:
    return Entity(
        key=f"geonames:{place.geonames_id}" if place.geonames_id else f"iso3166-2:{place.code}",
        kind=EntityKind.LOCATION,
        name=place.name,
        geonames_id=place.geonames_id,
        country_code=place.country_code or None,
        latitude=place.latitude,
        longitude=place.longitude,
        feature_class=place.feature_class,
    )


@lru_cache(maxsize=1)
def _curated_index() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Folded name or alias -> (canonical name, all its aliases)."""
    index: dict[str, tuple[str, tuple[str, ...]]] = {}
    for table in (lexicon.ORGANIZATIONS, lexicon.NAMED_THINGS):
        for canonical, aliases in table.items():
            for name in (canonical, *aliases):
                index.setdefault(slug(name), (canonical, aliases))
    return index


def curated(name: str) -> tuple[str, tuple[str, ...]] | None:
    return _curated_index().get(slug(name)) or _curated_index().get(slug(without_legal_form(name)))


def without_legal_form(name: str) -> str:
    """ "British Petroleum Co Plc" -> "British Petroleum": every trailing legal form."""
    for form in lexicon.LEGAL_FORMS:
        if name.endswith(" " + form) and len(name) > len(form) + 1:
            return without_legal_form(name[: -len(form) - 1].rstrip(" ,"))
    return name


def long_form_name(text: str) -> str:
    """A long form written in lower case is still a name: "International Lunar Research Station"."""
    if text[:1].isupper():
        return text
    return " ".join(
        word if word in {"of", "the", "and", "for"} else word.capitalize() for word in text.split()
    )


def resolve_surname(surname: str, full_names: list[str]) -> str:
    """The one full name of the article ending (or, for Chinese order, starting) with it; a
    surname with a particle ("bin Laden", "Bin Laden" opening a sentence) ends the full name
    with its words, whatever their case."""
    words = surname.casefold().split()
    matches = set()
    for name in full_names:
        parts = name.casefold().split()
        if len(parts) > len(words) and words in (parts[-len(words) :], parts[: len(words)]):
            matches.add(name)
    return matches.pop() if len(matches) == 1 else surname
