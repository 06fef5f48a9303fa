"""The happening key: reports of one happening, in one or many articles, share it.

The key is ``root|actor|target|window`` (the full code in place of the root for wire-scheme
events, whose roots are broad families), plus ``|modality`` when the report is not of something
that happened, so the storage layer can link every report (``event_mention``) to one ``event``
row with an upsert on the key.

Window, by the precision of the resolved date:
- day: the ISO week (Monday to Sunday) holding the day, e.g. ``2021-W10``. A week rather than
  Phoenix's one-a-day, because agencies date the same act a day apart across time zones and
  "on Tuesday" vs "on March 9" must meet; a fixed bucket can still split a happening that
  straddles Sunday night, which the store may repair by also probing the previous week.
- month: ``2021-01``; year: ``2021``; range: its first and last day (``2021-03-01..2021-03-07``).
Reports of different precision do not link (a "January" report and a "January 12" one); the
store may relate them later through the actor pair. Undated reports get no key: without a time
they cannot be told apart from the same dyad's other acts.

Symmetric codes (meet, sign, cooperate) order the pair, so "Russia signed with China" and "China
signed with Russia" are one happening.
"""

from __future__ import annotations

from pipeline.extract.cameo import CAMEO, is_symmetric
from pipeline.schemas import DatePrecision, EventRecord, Modality

_NOBODY = "-"


def happening_key(event: EventRecord) -> str | None:
    window = date_window(event)
    if window is None:
        return None
    actor, target = event.actor_key or _NOBODY, event.target_key or _NOBODY
    if is_symmetric(event.code):
        actor, target = sorted((actor, target))
    # A wire root is a broad family (business, disaster): its full code tells happenings apart.
    kind = event.root_code if event.scheme == CAMEO else event.code
    parts = [kind, actor, target, window]
    if event.modality is not Modality.HAPPENED:
        parts.append(event.modality.value)
    return "|".join(parts)


def date_window(event: EventRecord) -> str | None:
    """The time bucket of an event, named by its precision (see the module doc)."""
    if event.date is None or event.date_precision is None:
        return None
    if event.date_precision is DatePrecision.DAY:
        year, week, _ = event.date.isocalendar()
        return f"{year}-W{week:02d}"
    if event.date_precision is DatePrecision.MONTH:
        return event.date.strftime("%Y-%m")
    if event.date_precision is DatePrecision.YEAR:
        return str(event.date.year)
    end = event.date_end or event.date
    return f"{event.date.isoformat()}..{end.isoformat()}"
