"""Normalising field values every format shares: status, urgency, version, language, times,
and the body clean-up (repeated headline, lead dateline, mojibake).

Each helper takes the raw value and the item's warning list, so that an odd value is kept out of
the article but never silently: the warning says what was dropped.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipeline.errors import EmptyItemError
from pipeline.formats.dateline import Dateline, find_dateline
from pipeline.formats.encoding import repair_mojibake
from pipeline.formats.jsonutil import int_of
from pipeline.formats.timestamps import parse_wire_timestamp, to_utc
from pipeline.schemas import PubStatus

# An embargoed item exists but may not be used yet: withheld until the embargo time.
_STATUSES = {
    "usable": PubStatus.USABLE,
    "embargoed": PubStatus.WITHHELD,
    "withheld": PubStatus.WITHHELD,
    "withhold": PubStatus.WITHHELD,
    "canceled": PubStatus.CANCELED,
    "cancelled": PubStatus.CANCELED,
    "killed": PubStatus.CANCELED,
    "kill": PubStatus.CANCELED,
}


def pubstatus(raw: Any, warnings: list[str]) -> PubStatus:
    """usable/withheld/canceled from any format's spelling ('stat:canceled', 'kill')."""
    if raw in (None, ""):
        return PubStatus.USABLE
    word = str(raw).rsplit(":", 1)[-1].strip().casefold()
    if word in _STATUSES:
        return _STATUSES[word]
    warnings.append(f"unknown publication status {raw!r} taken as usable")
    return PubStatus.USABLE


def urgency(raw: Any, warnings: list[str]) -> int | None:
    """Urgency on the IPTC 1 (most urgent) to 9 scale ('urg:3' qcodes too); NITF's 1-8 kept.

    Anything else is dropped with a warning: 0 means "not set" in IPTC formats, and clamping it
    to 1 would turn an unrated item into a flash.
    """
    number = int_of(str(raw).rsplit(":", 1)[-1]) if isinstance(raw, str) else int_of(raw)
    if number is None:
        if raw not in (None, ""):
            warnings.append(f"urgency {raw!r} is not a number; dropped")
        return None
    if not 1 <= number <= 9:
        warnings.append(f"urgency {raw!r} is not 1-9; dropped")
        return None
    return number


def version(raw: str | None, warnings: list[str]) -> int:
    """A positive version number; 1 when absent or unusable."""
    if raw is None:
        return 1
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    warnings.append(f"version {raw!r} is not a positive number; 1 assumed")
    return 1


def language(raw: str | None) -> str | None:
    """BCP 47 tag as sent ('de', 'es-ES', 'nb-NO'); only blank values are dropped."""
    return raw.strip() if raw and raw.strip() else None


def timestamp(raw: Any, zone: str, label: str, warnings: list[str]) -> datetime | None:
    """UTC datetime; a value that does not parse is reported by ``label`` and dropped."""
    if raw in (None, ""):
        return None
    # Most formats send ISO 8601; the C parser is much faster than the strptime list.
    try:
        return to_utc(datetime.fromisoformat(str(raw).strip()), zone)
    except ValueError:
        parsed = parse_wire_timestamp(str(raw), zone)
    if parsed is None:
        warnings.append(f"unparsed {label} timestamp {raw!r}")
    return parsed


def split_lead_dateline(paragraphs: list[str]) -> tuple[list[str], Dateline | None]:
    """Move a 'PLACE, DATE (Agency) -' lead-in (or 'PLACE, DATE -', the place in capitals) out
    of the first paragraph, as plain text does.

    Keeps bodies comparable across formats: the structured formats put the dateline in its own
    field, some agencies also repeat it in the text.
    """
    if not paragraphs:
        return paragraphs, None
    dateline = find_dateline(paragraphs[0], agency_required=False)
    if dateline is None:
        return paragraphs, None
    rest = paragraphs[0][dateline.body_start :].strip()
    return ([rest] if rest else []) + paragraphs[1:], dateline


def dateline_place(dateline: str | None) -> str | None:
    """The place of a dateline: 'BERLIN, March 12 (Reuters) -' or a bare 'ROUND ROCK, Texas'."""
    if not dateline:
        return None
    lead = find_dateline(dateline)
    if lead:
        return lead.normalised_place
    bare = (
        "(" not in dateline and len(dateline) <= _MAX_PLACE and not any(map(str.isdigit, dateline))
    )
    return dateline.strip(" -–—,") if bare else None


_MAX_PLACE = 60


def headline_or_lead(headline: str | None, paragraphs: list[str], warnings: list[str]) -> str:
    """The headline (mojibake repaired); without one, the body's first sentence (with a warning)."""
    if headline:
        repaired = repair_mojibake(headline)
        if repaired != headline:
            warnings.append("double-encoded UTF-8 (mojibake) in the headline repaired")
        return repaired
    lead = paragraphs[0]
    end = lead.find(". ")
    warnings.append("item has no headline; the first sentence of the body is used")
    return lead[: end + 1] if 0 < end < 200 else lead[:200]


def drop_headline(paragraphs: list[str], headline: str | None) -> list[str]:
    """The body without a first paragraph that only repeats the headline (HTML bodies' <h1>)."""
    if headline and paragraphs and paragraphs[0].casefold() == headline.casefold():
        return paragraphs[1:]
    return paragraphs


def clean_body(
    paragraphs: list[str], headline: str | None, warnings: list[str]
) -> tuple[list[str], Dateline | None]:
    """Body paragraphs repaired, without a repeated headline, and with the lead dateline split.

    Raises EmptyItemError when nothing is left.
    """
    repaired = [repair_mojibake(paragraph) for paragraph in paragraphs]
    if repaired != paragraphs:
        warnings.append("double-encoded UTF-8 (mojibake) in the body repaired")
    body, lead = split_lead_dateline(drop_headline(repaired, headline))
    if not body:
        raise EmptyItemError("the body has no text besides headline and dateline")
    return body, lead
