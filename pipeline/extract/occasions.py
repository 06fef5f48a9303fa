"""Dates an event borrows from the same occasion told nearby.

Copy dates a happening once and tells more of it in the sentences around: "Berg said on
Monday the plan was dead. [...] He added that ...", or "An air strike hit the market on
Thursday. Rescuers said 20 people were killed. The coalition denied the strike." What is told
again carries no date of its own, yet the text dates it. Two kinds are taken as one occasion:

- a statement made by the speaker of a dated statement at most ``REMARKS_REACH`` sentences
  before or after it (their remarks of that day), and so in turn for the next of theirs;
- an attack, use of force, death or injury that did happen, at most ``HAPPENING_REACH``
  sentences from a dated one, where the two do not name different doers or receivers.

The nearest lends its date, the earlier of two as near. Only a day of the story's week, up to
the story's day, is lent: an older one may be another occasion ("Berg said in 2010 ...", "a
similar attack in 2015"). Other kinds told twice are as often two occasions ("was named
governor years before being named to the board").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pipeline.schemas import DatePrecision, EventRecord, Modality

REMARKS_REACH = 3
HAPPENING_REACH = 2
# Statements, and criticism voiced.
STATEMENT_ROOTS = frozenset({"01", "11"})
# Kinds of one violent happening: an attack, the force used, the deaths and injuries it
# caused, a disaster or an accident with its dead (CAMEO roots 18-20, wire codes W41-W44).
_VIOLENCE = frozenset({"18", "19", "20", "W4"})
_SAME_OCCASION = dt.timedelta(days=7)
_DATE_FIELDS = ("date", "date_end", "date_precision", "date_text")

Told = list[list[EventRecord]]


def dated_by_the_same_remarks(told: Told, reference: dt.date | None) -> Told:
    """Statements with the dates their speakers' nearby dated statements lend them."""
    dated: dict[tuple[str, int], EventRecord] = {}
    for record in (record for records in told for record in records):
        if _statement(record) and recent_day(record, reference):
            for speaker in _speakers(record):
                dated.setdefault((speaker, record.sentence_index), record)
    undated = sorted(
        (record.sentence_index, n, m)
        for n, records in enumerate(told)
        for m, record in enumerate(records)
        if record.date is None and _statement(record)
    )
    found = [list(records) for records in told]
    for order in (undated, undated[::-1]):
        for sentence, n, m in order:
            record = found[n][m]
            source = None if record.date is not None else _remarks_near(record, dated)
            if source is None:
                continue
            found[n][m] = _with_date_of(record, source)
            for speaker in _speakers(record):
                dated.setdefault((speaker, sentence), found[n][m])
    return found


def dated_by_the_same_happening(told: Told, reference: dt.date | None) -> Told:
    """Violent happenings with the dates nearby dated ones of the same occasion lend them."""
    sources = [
        record
        for records in told
        for record in records
        if _violent(record) and recent_day(record, reference)
    ]
    found = [list(records) for records in told]
    for n, records in enumerate(found):
        for m, record in enumerate(records):
            if record.date is None and _violent(record):
                source = next(_same_happenings(record, sources), None)
                if source is not None:
                    found[n][m] = _with_date_of(record, source)
    return found


def recent_day(record: EventRecord, reference: dt.date | None) -> bool:
    """Dated to the story's day or one of the week before it."""
    if record.date is None or record.date_precision != DatePrecision.DAY or reference is None:
        return False
    return reference - _SAME_OCCASION <= record.date <= reference


def _statement(record: EventRecord) -> bool:
    return (
        record.root_code in STATEMENT_ROOTS
        and (record.actor_key is not None or bool(record.actor_text))
        and record.modality == Modality.HAPPENED
    )


def _speakers(record: EventRecord) -> list[str]:
    """The speaker's entity, or the words that name a speaker no entity stands for ("police",
    "the ambassador"), and for a person their last name: one person may be two entities when
    the recognizer reads their first mention as a body."""
    text = record.actor_text or ""
    found = [record.actor_key or f"text:{text.casefold().removeprefix('the ')}"]
    last = text.split()[-1:]
    if last and last[0].isalpha() and last[0][0].isupper():
        found.append(f"name:{last[0]}")
    return found


def _remarks_near(
    record: EventRecord, dated: dict[tuple[str, int], EventRecord]
) -> EventRecord | None:
    sentence, speakers = record.sentence_index, _speakers(record)
    for distance in range(1, REMARKS_REACH + 1):
        for other in (sentence - distance, sentence + distance):
            for speaker in speakers:
                if (source := dated.get((speaker, other))) is not None:
                    return source
    return None


def _violent(record: EventRecord) -> bool:
    return record.root_code in _VIOLENCE and record.modality == Modality.HAPPENED


def _same_happenings(record: EventRecord, sources: list[EventRecord]) -> Iterator[EventRecord]:
    """The dated ones within reach that may tell the same happening, nearest first."""
    near = [
        source
        for source in sources
        if 0 < abs(source.sentence_index - record.sentence_index) <= HAPPENING_REACH
        and _agree(record.actor_key, source.actor_key)
        and _agree(record.target_key, source.target_key)
    ]
    near.sort(key=lambda s: (abs(s.sentence_index - record.sentence_index), s.sentence_index))
    yield from near


def _agree(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


def _with_date_of(record: EventRecord, source: EventRecord) -> EventRecord:
    return record.model_copy(update={field: getattr(source, field) for field in _DATE_FIELDS})
