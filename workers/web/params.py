"""Query parameters of the status page: each endpoint names the ones it takes and their
ranges; anything else (unknown, repeated, out of range, not a number) is refused with a 400 and
a message saying what is accepted, never a stack trace."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import QueryParams


@dataclass(frozen=True)
class Range:
    low: int
    high: int
    default: int


HOURS = Range(1, 48, 6)  # plots: the last hours, by the minute
LIMIT = Range(1, 100, 20)  # lists: rows shown
ACCEPTED = {"hours": HOURS, "limit": LIMIT}
_SHOWN = 40  # of a refused name or value, at most this many characters are echoed


class BadQueryError(ValueError):
    pass


def parse(query: QueryParams, names: tuple[str, ...]) -> dict[str, int]:
    """The values of ``names`` (defaults where absent); raises BadQueryError for anything else."""
    unknown = sorted(set(query.keys()) - set(names))
    if unknown:
        takes = ", ".join(names) or "no parameters"
        listed = ", ".join(repr(name[:_SHOWN]) for name in unknown[:5])
        raise BadQueryError(f"unknown query parameter {listed}; this endpoint takes {takes}")
    return {name: _value(query, name, ACCEPTED[name]) for name in names}


def _value(query: QueryParams, name: str, accepted: Range) -> int:
    given = query.getlist(name)
    if not given:
        return accepted.default
    if len(given) > 1:
        raise BadQueryError(f"{name} is given {len(given)} times; give it once")
    text = given[0].strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 6):
        raise BadQueryError(f"{name} must be a whole number, not {given[0][:_SHOWN]!r}")
    value = int(text)
    if not accepted.low <= value <= accepted.high:
        raise BadQueryError(f"{name} must be from {accepted.low} to {accepted.high}, not {value}")
    return value
