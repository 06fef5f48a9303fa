"""Normalisation of field values every format shares: urgency, status, timestamps, subjects."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipeline.formats.jsonutil import int_of
from pipeline.formats.timestamps import parse_wire_timestamp, to_utc
from pipeline.schemas import PubStatus

_STATUS_WORDS = {
    "usable": PubStatus.USABLE,
    "embargoed": PubStatus.USABLE,
    "withheld": PubStatus.WITHHELD,
    "canceled": PubStatus.CANCELED,
    "cancelled": PubStatus.CANCELED,
    "killed": PubStatus.CANCELED,
    "kill": PubStatus.CANCELED,
    "withhold": PubStatus.WITHHELD,
}


def urgency(value: Any, warnings: list[str]) -> int | None:
    """Urgency on the IPTC 1 (most urgent) to 9 scale; out-of-range values are clamped."""
    number = int_of(value)
    if number is None:
        if value not in (None, ""):
            warnings.append(f"urgency {value!r} is not a number; ignored")
        return None
    if not 1 <= number <= 9:
        warnings.append(f"urgency {number} outside 1-9; clamped")
    return min(max(number, 1), 9)


def pubstatus(value: Any, warnings: list[str]) -> PubStatus:
    """usable / withheld / canceled from 'stat:canceled', 'Cancelled', 'kill', ...; else usable."""
    if value in (None, ""):
        return PubStatus.USABLE
    word = str(value).rsplit(":", 1)[-1].strip().casefold()
    status = _STATUS_WORDS.get(word)
    if status is None:
        warnings.append(f"unknown publication status {value!r}; taken as usable")
        return PubStatus.USABLE
    return status


def timestamp(value: Any, zone: str, field: str, warnings: list[str]) -> datetime | None:
    """An ISO or wire timestamp in UTC (``zone`` when it has none); a warning if unreadable."""
    if value in (None, ""):
        return None
    try:  # the JSON formats send ISO 8601: the fast path
        return to_utc(datetime.fromisoformat(str(value)), zone)
    except ValueError:
        pass
    parsed = parse_wire_timestamp(str(value), zone)
    if parsed is None:
        warnings.append(f"unreadable {field} timestamp {value!r}")
    return parsed
