"""Which reports describe the same happening: the key that links them to one ``event`` row.

Two reports are one happening when they share the CAMEO root, the actor, the target and fall in
the same date window. The window is the ISO week of the event date (a day-precision report and
a month-precision one of the same month still differ: precision is part of the key), so
"Tuesday" in one article and "March 9" in another meet.
"""

from __future__ import annotations

from pipeline.schemas import DatePrecision, EventRecord


def happening_key(record: EventRecord) -> str:
    return "|".join(
        (record.root_code, record.actor_key or "-", record.target_key or "-", _window(record))
    )


def _window(record: EventRecord) -> str:
    if record.date is None:
        return "undated"
    if record.date_precision in (DatePrecision.DAY, DatePrecision.RANGE):
        year, week, _ = record.date.isocalendar()
        return f"{year}-W{week:02d}"
    if record.date_precision == DatePrecision.MONTH:
        return record.date.strftime("%Y-%m")
    return record.date.strftime("%Y")
