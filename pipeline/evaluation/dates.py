"""Score date resolution on a gold TSV of dated phrases from wire copy.

Columns: ``text``, ``reference_date`` (the story's day), ``expected`` and ``precision``; any
further column (e.g. ``source``) is kept for the reader. Expected values are written as
``YYYY-MM-DD`` (day), ``YYYY-MM`` (month), ``YYYY`` (year) or ``start/end`` (range). Tense is
read from the phrase's own words, as the resolver would get it from the parse.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.dates import ResolvedDate, guess_tense, resolve
from pipeline.schemas import DatePrecision

_MAX_MISSES_SHOWN = 25


@dataclass(frozen=True)
class GoldDate:
    text: str
    reference: dt.date
    expected: str
    precision: DatePrecision


@dataclass(frozen=True)
class Outcome:
    gold: GoldDate
    predicted: str | None

    @property
    def correct(self) -> bool:
        return self.predicted == f"{self.gold.expected} {self.gold.precision.value}"


def read_gold(path: Path) -> list[GoldDate]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [
            GoldDate(
                text=row["text"],
                reference=dt.date.fromisoformat(row["reference_date"]),
                expected=row["expected"],
                precision=DatePrecision(row["precision"]),
            )
            for row in csv.DictReader(lines, delimiter="\t")
        ]


def notation(resolved: ResolvedDate) -> str:
    """The gold notation of a resolved date, followed by its precision."""
    value = resolved.start.isoformat()
    if resolved.precision is DatePrecision.MONTH:
        value = value[:7]
    elif resolved.precision is DatePrecision.YEAR:
        value = value[:4]
    elif resolved.precision is DatePrecision.RANGE:
        value = f"{value}/{(resolved.end or resolved.start).isoformat()}"
    return f"{value} {resolved.precision.value}"


def predict(gold: GoldDate) -> Outcome:
    resolved = resolve(gold.text, gold.reference, guess_tense(gold.text))
    return Outcome(gold, notation(resolved) if resolved else None)


def evaluate_dates(path: Path) -> str:
    """A plain-text report: accuracy overall and per precision, then the misses."""
    outcomes = [predict(gold) for gold in read_gold(path)]
    return "\n".join(report_lines(outcomes))


def report_lines(outcomes: list[Outcome]) -> list[str]:
    right = sum(o.correct for o in outcomes)
    lines = [f"date resolution: {right}/{len(outcomes)} correct ({_percent(right, len(outcomes))})"]
    totals = Counter(o.gold.precision for o in outcomes)
    hits = Counter(o.gold.precision for o in outcomes if o.correct)
    for precision in DatePrecision:
        if totals[precision]:
            share = _percent(hits[precision], totals[precision])
            lines.append(f"  {precision.value:<6} {hits[precision]}/{totals[precision]} ({share})")
    misses = [o for o in outcomes if not o.correct]
    if misses:
        lines.append(f"misses (first {min(len(misses), _MAX_MISSES_SHOWN)}):")
    for miss in misses[:_MAX_MISSES_SHOWN]:
        expected = f"{miss.gold.expected} {miss.gold.precision.value}"
        lines.append(f"  {miss.gold.text!r} @ {miss.gold.reference}: "
                     f"expected {expected}, got {miss.predicted}")  # fmt: skip
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"
