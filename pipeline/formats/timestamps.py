"""Wire timestamps to timezone-aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_FORMATS = (
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M%z",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %H:%M",
    "%b %d %Y %H:%M",
    "%d %b %Y",
    "%Y-%m-%d",
    "%Y%m%dT%H%M%S%z",
    "%Y%m%dT%H%M%S",
    "%Y%m%d",
)
_ZONE_SUFFIX = re.compile(r"\s*(?:GMT|UTC|Z)$", re.IGNORECASE)


def parse_wire_timestamp(text: str | None, zone: str) -> datetime | None:
    """Parse ``text``; a time without zone is taken in ``zone``. Returns UTC or None."""
    cleaned = " ".join(text.strip().replace("Z", "+0000").split()) if text else ""
    is_utc = bool(_ZONE_SUFFIX.search(text.strip())) if text else False
    cleaned = _ZONE_SUFFIX.sub("", cleaned)
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return to_utc(parsed, "UTC" if is_utc else zone)
    return None


def to_utc(moment: datetime, zone: str) -> datetime:
    """``moment`` in UTC; a naive one is first placed in ``zone``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone(zone))
    return moment.astimezone(UTC)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
