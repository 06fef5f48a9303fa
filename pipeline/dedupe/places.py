"""The places a text names, for story matching in any language: two reports of one kind of
happening (an earthquake, a tram collision, a cup match) are one story only where they happen
in one place.

Places are found in the text itself, not taken from entity extraction, so that copy in a
language with no pipeline here gets them too: capitalised words (and runs of two or three) that
the gazetteer knows under their own name, or under an alternate name (many are in the copy's
language: "München", "Wien", "Tokio") when the place is large. Stop words of the text's language
are never places ("Auch" is a French town). Two sets of places agree when a place of one is
within ``_NEAR_KM`` of a place of the other, or in a country the other names.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from pipeline.dedupe.language import language
from pipeline.extract.gazetteer import Place, gazetteer

# A place known only by an alternate name must be at least this large: the alternates of small
# towns include everyday words and first names ("Kosten", "Kane").
_ALTERNATE_POPULATION = 100_000
_NEAR_KM = 150.0
_EARTH_KM = 6371.0
_LONGEST = 3  # words in a place name looked up ("Frankfurt am Main")
_WORD = re.compile(r"\w+")
_PACKED = np.dtype([("lat", "<f8"), ("lon", "<f8"), ("country", "S2")])
_COUNTRY = 1000.0  # the latitude and longitude of a country as a whole: out of range
Places = frozenset[tuple[float, float, str]]  # latitude, longitude, country code


def find_places(text: str, code: str) -> Places:
    """The places the text names (``code``: its language, for its stop words)."""
    words = _WORD.findall(text)
    stop_words = language(code).stop_words
    found: set[tuple[float, float, str]] = set()
    start = 0
    while start < len(words):
        for length in range(_LONGEST, 0, -1):
            place = _place(words[start : start + length], stop_words)
            if place is not None:
                found.add(_located(place))
                start += length
                break
        else:
            start += 1
    return frozenset(found)


def agree(mine: Places, theirs: Places) -> bool:
    """True unless both name places and none of one is near, or in a country of, the other."""
    if not mine or not theirs:
        return True
    return any(_near(one, other) for one in mine for other in theirs)


def pack(places: Places) -> bytes:
    return np.array(sorted(places), dtype=_PACKED).tobytes()


def unpack(data: bytes) -> Places:
    rows = np.frombuffer(data, dtype=_PACKED)
    return frozenset(
        (float(lat), float(lon), bytes(country).decode()) for lat, lon, country in rows.tolist()
    )


def _place(words: list[str], stop_words: frozenset[str]) -> Place | None:
    """The place the words name: they start and end with a capital, and neither end is a stop
    word ("Frankfurt am Main" is a place, "Berlin und" is not)."""
    if (
        not words
        or not words[0][:1].isupper()
        or not words[-1][:1].isupper()
        or words[0].casefold() in stop_words
        or words[-1].casefold() in stop_words
    ):
        return None
    return _known(" ".join(words))


@lru_cache(maxsize=1 << 16)
def _known(name: str) -> Place | None:
    """The place of that name, if one is large enough to be taken on its name alone (names
    recur from article to article: the lookups are kept)."""
    places = gazetteer()
    if len(name) < 3 or not places.is_known(name):
        return None
    place = places.resolve(name)
    if place is None or place.feature_class == "L":  # continents say nothing of a happening
        return None
    if not places.is_primary_name(name) and place.population < _ALTERNATE_POPULATION:
        return None
    return place


def _located(place: Place) -> tuple[float, float, str]:
    if place.latitude is None or place.longitude is None:
        return (_COUNTRY, _COUNTRY, place.country_code)
    return (place.latitude, place.longitude, place.country_code)


def _near(one: tuple[float, float, str], other: tuple[float, float, str]) -> bool:
    if _COUNTRY in (one[0], other[0]):  # anything in a country agrees with it
        return one[2] == other[2]
    return _distance_km(one, other) <= _NEAR_KM


def _distance_km(one: tuple[float, float, str], other: tuple[float, float, str]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (one[0], one[1], other[0], other[1]))
    haversine = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(math.sqrt(haversine))
