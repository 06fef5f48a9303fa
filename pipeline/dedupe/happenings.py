"""The days an article's happenings took place on, for story matching: two reports of one kind
of happening (two fires in one city) are one story only where their days agree.

An article's happenings come from its extraction: each event reported as having happened and
dated to the day, as its kind (its full code: a CAMEO root is broad, "destroyed" and "arrested"
are both coercion, and a follow-up's arrest is not another fire) and its day (resolved against
the dateline, so "on Monday" in Wednesday's copy is Monday). Statements, appeals, threats and
other verbal acts (CAMEO quad classes 1 and 3) are left out: they recur day after day within
one story (a minister speaks on Monday and again on Wednesday), where a fire, an arrest or a
merger happens once. Dates known only to the month or year, and ranges, are too coarse to tell
two happenings apart and are left out too.

Two articles' days disagree when they report a kind in common and, for every kind they share,
no day of one is within ``SAME_DAYS`` of a day of the other. One agreeing kind is enough: a
report that recalls an earlier fire still agrees with that fire's own reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np

from pipeline.schemas import DatePrecision, EventRecord, Modality

# Days two dates of one happening may be apart: agencies in different time zones date one act a
# day apart (a night raid in Asia is "Monday" in New York, "Tuesday" where it happened), and
# "last night" told after midnight is resolved to the day before the one meant. Two days apart
# is another happening.
SAME_DAYS = 1
_VERBAL = frozenset({1, 3})  # CAMEO quad classes of words, not deeds
_PACKED = np.dtype([("kind", "S8"), ("day", "<i4")])
Happenings = frozenset[tuple[str, int]]  # kind (event code), day (proleptic ordinal)
Told = Mapping[str, frozenset[int]]  # the days of each kind


def happenings(events: Iterable[EventRecord]) -> Happenings:
    """The dated happenings of an article's extracted events (see the module doc)."""
    return frozenset(
        (event.code, event.date.toordinal())
        for event in events
        if event.date is not None
        and event.date_precision is DatePrecision.DAY
        and event.modality is Modality.HAPPENED
        and event.quad_class not in _VERBAL
    )


def told(found: Happenings) -> dict[str, frozenset[int]]:
    """The days of each kind of happening."""
    days: dict[str, set[int]] = defaultdict(set)
    for kind, day in found:
        days[kind].add(day)
    return {kind: frozenset(each) for kind, each in days.items()}


def days_agree(mine: Told, theirs: Told) -> bool:
    """False when the two share a kind and no kind they share has days of the two within
    ``SAME_DAYS`` of each other."""
    shared = mine.keys() & theirs.keys()
    return not shared or any(
        abs(day - other) <= SAME_DAYS
        for kind in shared
        for day in mine[kind]
        for other in theirs[kind]
    )


def pack(found: Happenings) -> bytes:
    return np.array(sorted((kind.encode(), day) for kind, day in found), dtype=_PACKED).tobytes()


def unpack(data: bytes) -> Happenings:
    rows = np.frombuffer(data, dtype=_PACKED)
    return frozenset((bytes(kind).decode(), int(day)) for kind, day in rows.tolist())
