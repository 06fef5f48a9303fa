"""Temporal expressions of news copy, resolved against the day the story is told from.

Rule-based, like HeidelTime's news mode: every relative expression ("on Tuesday", "in January",
"last week") is anchored on the article's reference date, which is the publication time read in
the agency's home zone. Past is the default reading because news is mostly retrospective; the
caller passes ``Tense.FUTURE`` for planned events, so "in January" told in December is the coming
January. A day and month without a year ("March 18") whose tense the words do not tell
(``Tense.NEAREST``) takes the year nearest the reference, ahead or behind: such dates are
written only when close. Each result keeps its precision (day, month, year or range).
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from zoneinfo import ZoneInfo

from pipeline.schemas import Article, DatePrecision


class Tense(Enum):
    PAST = "past"
    FUTURE = "future"
    # Not told by the words ("holders of record March 18"): a day and month take the year
    # nearest the reference, anything else reads as past.
    NEAREST = "nearest"


@dataclass(frozen=True)
class ResolvedDate:
    start: dt.date
    end: dt.date | None
    precision: DatePrecision


@dataclass(frozen=True)
class DateMention:
    """A temporal expression found in text; offsets index that text."""

    start: int
    end: int
    text: str


# Home zones of agencies whose copy we see; the story's "today" is their local day.
_AGENCY_ZONES = {
    "interfax": "Europe/Moscow",
    "tass": "Europe/Moscow",
    "ria novosti": "Europe/Moscow",
    "afp": "Europe/Paris",
    "ap": "America/New_York",
    "associated press": "America/New_York",
    "business wire": "America/New_York",
    "reuters": "Europe/London",
    "pa": "Europe/London",
    "dpa": "Europe/Berlin",
    "efe": "Europe/Madrid",
    "ntb": "Europe/Oslo",
    "tt": "Europe/Stockholm",
    "sipa": "Europe/Paris",
}

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

# An abbreviation's dot belongs to the date only when a day or year follows ("Jan. 5").
_M = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?:\.(?=\s*\d))?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_YSEP = r"\s*,?\s+"  # "May 3, 2013", also as tokenised text "May 3 , 2013"
_M2 = _M.replace("?P<month>", "?P<month2>")
_W = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_NUM = r"(?P<count>\d+|" + "|".join(_NUMBERS) + r")"
_PREP = r"(?:at|in|since|during|until|till|by|from|before|after|of|through|throughout)"
_EDGE = r"(?:(?P<edge>early|late|mid|the end of|the beginning of|the start of)[\s-]+)?"


def reference_date(article: Article) -> dt.date | None:
    """The story's local day: publication time in the agency's zone, else the UTC date."""
    stamp = article.published_at or article.first_created_at
    if stamp is None:
        return None
    zone = _AGENCY_ZONES.get((article.agency or "").strip().casefold())
    return stamp.astimezone(ZoneInfo(zone)).date() if zone else stamp.date()


def find_dates(text: str) -> list[DateMention]:
    """Every temporal expression we can resolve, left to right, longest first."""
    return [
        DateMention(match.start(), match.end(), match.group(0)) for match in _SCANNER.finditer(text)
    ]


def resolve(text: str, reference: dt.date | None, tense: Tense = Tense.PAST) -> ResolvedDate | None:
    """The first temporal expression of ``text`` resolved against ``reference``.

    Without a reference only absolute expressions resolve: those that come out the same
    whatever day the story were told from.
    """
    if reference is None:
        early, late = (_resolve(text, day, tense) for day in _PROBE_DAYS)
        return early if early == late else None
    return _resolve(text, reference, tense)


_PROBE_DAYS = (dt.date(1990, 2, 14), dt.date(2030, 9, 3))


def _resolve(text: str, reference: dt.date, tense: Tense) -> ResolvedDate | None:
    found = _SCANNER.search(text)
    if found is None:
        return None
    for pattern, handler in _RULES:
        match = pattern.fullmatch(found.group(0))
        if match:
            nearest_too = handler in (_month_day, _day_range, _cross_month_range)
            told = Tense.PAST if tense is Tense.NEAREST and not nearest_too else tense
            return handler(match, reference, told)
    return None


_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|planned|scheduled|due to|is due|are due|"
    r"expected to|intends? to|to be held|next|coming|upcoming)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(r"\b(?:was|were|had|did|ago|last|\w{2,}ed)\b", re.IGNORECASE)


def guess_tense(text: str) -> Tense:
    """A crude reading of tense from surface cues, for text without a parse."""
    if _FUTURE_CUES.search(text):
        return Tense.FUTURE
    return Tense.PAST if _PAST_CUES.search(text) else Tense.NEAREST


# --- rule handlers: (match, reference, tense) -> ResolvedDate ------------------------------


def _day(value: dt.date) -> ResolvedDate:
    return ResolvedDate(value, None, DatePrecision.DAY)


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(dt.date(year, month, 1), None, DatePrecision.MONTH)


def _year(year: int) -> ResolvedDate:
    return ResolvedDate(dt.date(year, 1, 1), None, DatePrecision.YEAR)


def _span(start: dt.date, end: dt.date) -> ResolvedDate:
    return ResolvedDate(start, end, DatePrecision.RANGE)


def _month_number(match: re.Match[str]) -> int:
    return _MONTHS[match.group("month").lower()]


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    if 1 <= day <= monthrange(year, month)[1]:
        return dt.date(year, month, day)
    return None


def _month_day(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate | None:
    """ "March 9", "9 March 2021": without a year, the nearest such day in the tense's direction,
    or, when the tense is not told, the nearest either way ("record March 18" told on March 2
    is this year's, "December 30" told on January 2 last year's)."""
    month, day = _month_number(match), int(match.group("day"))
    if match.group("year"):
        value = _safe_day(int(match.group("year")), month, day)
        return _day(value) if value else None
    candidates = [_safe_day(year, month, day) for year in (ref.year - 1, ref.year, ref.year + 1)]
    dated = [value for value in candidates if value is not None]
    if tense is Tense.PAST:
        dated = [value for value in dated if value <= ref]
    elif tense is Tense.FUTURE:
        dated = [value for value in dated if value >= ref]
    if not dated:
        return None
    return _day(min(dated, key=lambda value: abs((value - ref).days)))


def _day_range(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate | None:
    """ "March 9-11": both ends in one month, year as for a single day."""
    first = _month_day(match, ref, tense)
    last_day = int(match.group("day2"))
    if first is None:
        return None
    end = _safe_day(first.start.year, first.start.month, last_day)
    return _span(first.start, end) if end and end >= first.start else first


def _cross_month_range(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate | None:
    """ "February 26 – March 1, 2014": the year written once, at the end, serves both ends."""
    start_month, end_month = _month_number(match), _MONTHS[match.group("month2").lower()]
    wraps = end_month < start_month
    if match.group("year"):
        end_year = int(match.group("year"))
        start_year = end_year - wraps
    else:
        first = _month_day(match, ref, tense)
        if first is None:
            return None
        start_year = first.start.year
        end_year = start_year + wraps
    start = _safe_day(start_year, start_month, int(match.group("day")))
    end = _safe_day(end_year, end_month, int(match.group("day2")))
    return _span(start, end) if start and end else None


def _month_year(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    return _month(int(match.group("year")), _month_number(match))


def _bare_month(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    """ "in January": the latest January not after the reference month (past reading)."""
    month, year = _month_number(match), ref.year
    which = (match.group("which") or "").lower()
    if which == "last" or (not which and tense is Tense.PAST):
        strict = which == "last"
        if month > ref.month or (strict and month == ref.month):
            year -= 1
    elif which == "next" or tense is Tense.FUTURE:
        strict = which == "next"
        if month < ref.month or (strict and month == ref.month):
            year += 1
    return _month(year, month)


def _weekday(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    """ "on Tuesday": the latest Tuesday on or before the reference day, or the next one."""
    target = _WEEKDAYS.index(match.group("weekday").lower())
    which = (match.group("which") or "").lower()
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if which == "last":
        return _day(ref - dt.timedelta(days=back or 7))
    if which == "next":
        return _day(ref + dt.timedelta(days=ahead or 7))
    if tense is Tense.FUTURE:
        return _day(ref + dt.timedelta(days=ahead))
    return _day(ref - dt.timedelta(days=back))


def _deictic_day(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    shift = {"yesterday": -1, "tomorrow": 1}.get(match.group("deictic").lower(), 0)
    return _day(ref + dt.timedelta(days=shift))


def _week_of(day: dt.date) -> ResolvedDate:
    monday = day - dt.timedelta(days=day.weekday())
    return _span(monday, monday + dt.timedelta(days=6))


def _shift(which: str) -> int:
    return {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which.lower(), 0)


def _relative_period(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    """ "last week", "next month", "this year", "last weekend"."""
    shift, unit = _shift(match.group("which")), match.group("unit").lower()
    if unit == "week":
        return _week_of(ref + dt.timedelta(weeks=shift))
    if unit == "weekend":
        saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7 + 7 * shift)
        if shift == 0 and tense is Tense.PAST and saturday > ref:
            saturday -= dt.timedelta(days=7)
        return _span(saturday, saturday + dt.timedelta(days=1))
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + shift
        return _month(index // 12, index % 12 + 1)
    return _year(ref.year + shift)


def _part_of_period(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    """ "earlier this month" runs from the period's start to the reference day; "later" onwards."""
    if match.group("unit").lower() == "month":
        first = ref.replace(day=1)
        last = ref.replace(day=monthrange(ref.year, ref.month)[1])
    elif match.group("unit").lower() == "week":
        week = _week_of(ref)
        first, last = week.start, week.end or ref
    else:
        first, last = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
    if match.group("side").lower() == "earlier":
        return _span(first, ref)
    return _span(ref, last)


def _ago(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    """ "two days ago" is a day; weeks ago a week; months and years ago their month and year."""
    raw = match.group("count").lower()
    count, unit = (int(raw) if raw.isdigit() else _NUMBERS[raw]), match.group("unit").lower()
    if unit.startswith("day"):
        return _day(ref - dt.timedelta(days=count))
    if unit.startswith("week"):
        return _week_of(ref - dt.timedelta(weeks=count))
    if unit.startswith("month"):
        index = ref.year * 12 + ref.month - 1 - count
        return _month(index // 12, index % 12 + 1)
    return _year(ref.year - count)


def _iso(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate | None:
    value = _safe_day(int(match.group("year")), int(match.group("mm")), int(match.group("day")))
    return _day(value) if value else None


def _bare_year(match: re.Match[str], ref: dt.date, tense: Tense) -> ResolvedDate:
    return _year(int(match.group("year")))


_Handler = Callable[[re.Match[str], dt.date, Tense], ResolvedDate | None]
_WHICH = r"(?:(?P<which>last|this|next|past|coming|previous)\s+)"
_PATTERNS: list[tuple[str, _Handler]] = [
    (r"(?P<year>(?:19|20)\d\d)-(?P<mm>[01]\d)-(?P<day>[0-3]\d)", _iso),
    (rf"{_M}\s+{_D}\s*[-–]\s*{_M2}\s+(?P<day2>[0-3]?\d)(?:{_YSEP}{_Y})?", _cross_month_range),
    (rf"{_M}\s+{_D}\s*[-–]\s*(?P<day2>[0-3]?\d)(?:{_YSEP}{_Y})?", _day_range),
    (rf"(?:on\s+)?{_W}{_YSEP}{_M}\s+{_D}(?:{_YSEP}{_Y})?(?![\d:])", _month_day),
    (rf"{_M}\s+{_D}(?:{_YSEP}{_Y})?(?![\d:])", _month_day),
    (rf"(?<!\d){_D}\s+(?:of\s+)?{_M}(?:{_YSEP}{_Y})?", _month_day),
    (rf"(?:{_PREP}\s+)?{_EDGE}{_M},?\s+{_Y}", _month_year),
    (rf"(?:(?:earlier|later)\s+)?(?:on\s+)?{_WHICH}?{_W}", _weekday),
    (r"(?P<deictic>today|tonight|yesterday|tomorrow)", _deictic_day),
    (r"(?P<side>earlier|later)\s+this\s+(?P<unit>week|month|year)", _part_of_period),
    (rf"{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago", _ago),
    (rf"{_WHICH}(?P<unit>weekend|week|month|year)", _relative_period),
    (rf"(?:{_PREP}\s+|{_WHICH}){_EDGE}{_M}(?!\s*\d)", _bare_month),
    # "in 1987/88", "in 1986-87": a fiscal year or a season, not one calendar year.
    (rf"{_PREP}\s+{_EDGE}{_Y}(?![-/\d])", _bare_year),
]
# A word joined on by a hyphen and a small letter makes a name of it: "Mar-a-Lago" is no March
# ("May-June" stays a date).
_BOUNDED = r"(?<![\w-])(?:{})(?!\w|(?-i:-[a-z]))"
_RULES = [(re.compile(_BOUNDED.format(p), re.IGNORECASE), h) for p, h in _PATTERNS]


def _numbered_groups(index: int, pattern: str) -> str:
    """The pattern with its group names made unique, so that all rules fit one alternation."""
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{index}>", pattern)


# One alternation for scanning running text: leftmost match first, then the rules in order.
_SCANNER = re.compile(
    _BOUNDED.format("|".join(_numbered_groups(i, p) for i, (p, _) in enumerate(_PATTERNS))),
    re.IGNORECASE,
)
