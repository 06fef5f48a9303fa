"""Find the ``PLACE, DATE (Agency) -`` lead-in of a wire story and split it from the body.

Shared by every format whose dateline lives in the body text (plain text, 7901, ANPA).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"janv(?:ier)?|févr(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|août|sept(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|déc(?:embre)?|"
    r"Januar|Februar|März|Juni|Juli|Oktober|Dezember|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"ene|abr|ago|dic"
)
_DATE = (
    rf"(?:\d{{1,2}}\.?\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)"
)
# An optional region after a comma ("GROSSETO, Italy", "ALBANY, N.Y."): letters only, so that
# "MOSCOW, March 9" still reads as place and date.
_PLACE = r"[^\W\d_][\w'’.\-/ ]{0,48}?(?:,\s*[^\W\d_](?:[^\W\d_]|[.'’\- ]){0,30}?)?"
_AGENCY = r"[^\W\d_][\w .&/\-]{0,30}?"
_DASH = r"(?:--|—|–|-|_)"
_LEAD_IN = re.compile(
    rf"^(?P<place>{_PLACE})(?:\s*[.,]\s*(?P<date>{_DATE}))?\s*\((?P<agency>{_AGENCY})\)"
    rf"\.?\s*{_DASH}\s*",  # EFE writes "(EFE).- "
    re.IGNORECASE,
)


# Without an agency, as Reuters and UPI wrote it for decades ("HOUSTON, Feb 26 - "): only a
# place in capitals followed by a date, so that a sentence opening with a name is no dateline.
_CAPITALS_PLACE = r"[A-Z][A-Z'’.\-/ ]{1,48}?(?:,\s*[A-Z][\w.'’\- ]{0,30}?)?"
_BARE_LEAD_IN = re.compile(rf"^(?P<place>{_CAPITALS_PLACE})\s*,\s*(?P<date>{_DATE})\s+{_DASH}\s*")


@dataclass(frozen=True)
class Dateline:
    place: str
    date_text: str | None
    agency: str | None  # None: a dateline without one (see ``find_dateline``)
    text: str
    body_start: int

    @property
    def normalised_place(self) -> str:
        """The city alone: 'GAZA CITY, Palestinian Territories' → 'GAZA CITY'."""
        return self.place.split(",", 1)[0].strip().rstrip(".")


def find_dateline(paragraph: str, agency_required: bool = True) -> Dateline | None:
    """The lead-in of ``paragraph``, if it opens with one; without ``agency_required``, also a
    place in capitals and a date with no agency ("HOUSTON, Feb 26 - ")."""
    match = _LEAD_IN.match(paragraph)
    if not match and not agency_required:
        match = _BARE_LEAD_IN.match(paragraph)
    if not match:
        return None
    agency = match.groupdict().get("agency")
    return Dateline(
        place=match["place"].strip(),
        date_text=match["date"],
        agency=agency.strip() if agency else None,
        text=match.group(0).strip(),
        body_start=match.end(),
    )
