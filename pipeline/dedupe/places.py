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
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from pipeline.dedupe.language import language
from pipeline.extract.gazetteer import Place, gazetteer

# A place known only by an alternate name must be at least this large: the alternates of small
# towns include everyday words and first names ("Kosten", "Kane").
_ALTERNATE_POPULATION = 100_000
_NEAR_KM = 150.0
_EARTH_KM = 6371.0
# Radians of latitude between two places beyond which they are never near, whatever their
# longitudes (the distance is at least the difference in latitude), with a margin for rounding.
_LATITUDE_APART = 1.25 * _NEAR_KM / _EARTH_KM
_LONGEST = 3  # words in a place name looked up ("Frankfurt am Main")
_WORD = re.compile(r"\w+")
_PACKED = np.dtype([("lat", "<f8"), ("lon", "<f8"), ("country", "S2")])
_COUNTRY = 1000.0  # the latitude and longitude of a country as a whole: out of range
Places = frozenset[tuple[float, float, str]]  # latitude, longitude, country code


def find_places(text: str, code: str) -> Places:
    """The places the text names (``code``: its language, for its stop words)."""
    words = _WORD.findall(text)
    stop_words = language(code).stop_words
    # Where a name may start or end: a capitalised word that is no stop word ("Frankfurt am
    # Main" is a place, "Berlin und" is not). Told once per word: most words are neither.
    ends = [word[:1].isupper() and word.casefold() not in stop_words for word in words]
    found: set[tuple[float, float, str]] = set()
    start = 0
    while start < len(words):
        named = _named_at(words, ends, start) if ends[start] else None
        if named is None:
            start += 1
        else:
            place, length = named
            found.add(_located(place))
            start += length
    return frozenset(found)


class Located(NamedTuple):
    """Places as arrays, for comparing an article's with many candidates' in one pass."""

    latitude: npt.NDArray[np.float64]  # radians; a country's: _COUNTRY
    longitude: npt.NDArray[np.float64]
    country: npt.NDArray[np.str_]

    @classmethod
    def of(cls, places: Places) -> Located:
        rows = sorted(places)
        return cls(
            np.radians([lat if lat != _COUNTRY else math.nan for lat, _, _ in rows]),
            np.radians([lon if lon != _COUNTRY else math.nan for _, lon, _ in rows]),
            np.array([country for _, _, country in rows], dtype="U2"),
        )


def agree(mine: Places, theirs: Places) -> bool:
    """True unless both name places and none of one is near, or in a country of, the other."""
    return bool(agreements(Located.of(mine), [Located.of(theirs)])[0])


def agreements(mine: Located, others: Sequence[Located]) -> npt.NDArray[np.bool_]:
    """:func:`agree` of the article's places with each of ``others``, all at once: every
    place of the article against every place of every candidate, as one distance matrix."""
    agreed = np.ones(len(others), dtype=bool)
    counts = [len(other.country) for other in others]
    if not len(mine.country) or not sum(counts):
        return agreed
    latitude = np.concatenate([other.latitude for other in others])
    longitude = np.concatenate([other.longitude for other in others])
    country = np.concatenate([other.country for other in others])
    owner = np.repeat(np.arange(len(others)), counts)
    near = _near(mine, latitude, longitude)
    # Anything in a country agrees with it.
    either_a_country = np.isnan(mine.latitude)[:, None] | np.isnan(latitude)[None, :]
    in_country = either_a_country & (mine.country[:, None] == country[None, :])
    hits = (near | in_country).any(axis=0)
    found = np.bincount(owner, weights=hits, minlength=len(others)) > 0
    named = np.asarray(counts) > 0
    return np.where(named, found, agreed)


def _near(
    mine: Located, latitude: npt.NDArray[np.float64], longitude: npt.NDArray[np.float64]
) -> npt.NDArray[np.bool_]:
    """Whether each of my places is within ``_NEAR_KM`` of each of the given ones (a country:
    never). The great-circle distance is computed only for pairs whose latitudes are close
    enough (most are not): for each such pair, the same arithmetic on the same values."""
    apart = latitude - mine.latitude[:, None]
    with np.errstate(invalid="ignore"):  # a country has no coordinates: NaN, never near
        mine_at, theirs_at = np.nonzero(np.abs(apart) <= _LATITUDE_APART)
    haversine = (
        np.sin(apart[mine_at, theirs_at] / 2) ** 2
        + np.cos(mine.latitude[mine_at])
        * np.cos(latitude[theirs_at])
        * np.sin((longitude[theirs_at] - mine.longitude[mine_at]) / 2) ** 2
    )
    near = np.zeros(apart.shape, dtype=bool)
    distance = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(haversine, 0.0, 1.0)))
    near[mine_at, theirs_at] = distance <= _NEAR_KM
    return near


def pack(places: Places) -> bytes:
    return np.array(sorted(places), dtype=_PACKED).tobytes()


def unpack(data: bytes) -> Places:
    rows = np.frombuffer(data, dtype=_PACKED)
    return frozenset(
        (float(lat), float(lon), bytes(country).decode()) for lat, lon, country in rows.tolist()
    )


def _named_at(words: list[str], ends: list[bool], start: int) -> tuple[Place, int] | None:
    """The longest place name of at most ``_LONGEST`` words from ``start`` (a word where a
    name may start), with its length in words."""
    for stop in range(min(start + _LONGEST, len(words)), start, -1):
        if ends[stop - 1] and (place := _known(" ".join(words[start:stop]))) is not None:
            return place, stop - start
    return None


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
    if place.geonames_id is None:  # an ISO 3166-2 region: no point to measure from, and taken
        return None  # as its whole country it would agree with every place of the country
    if not places.is_primary_name(name) and place.population < _ALTERNATE_POPULATION:
        return None
    return place


def _located(place: Place) -> tuple[float, float, str]:
    if place.latitude is None or place.longitude is None:
        return (_COUNTRY, _COUNTRY, place.country_code)
    return (place.latitude, place.longitude, place.country_code)
