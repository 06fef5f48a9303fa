"""When a source has gone quiet: its expected cadence, learned from its history or set.

Pure: the storage measures each source's arrivals (pipeline.storage.panels.source_arrivals);
this decides, from those figures and the settings, how long a silence each source is allowed and
whether it is over it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from pipeline.settings import Settings


class Arrivals(BaseModel):
    """What the ledger says of one source's arrivals."""

    source: str
    last_seen: datetime
    silent_seconds: float  # since its latest arrival, by the database's clock
    gaps: int  # gaps between its recent arrivals that the cadence was learned from
    cadence_seconds: float | None  # the chosen percentile of those gaps


class SourceState(BaseModel):
    source: str
    last_seen: datetime
    silent_seconds: float
    cadence_seconds: float | None  # learned, or None where set or not enough history
    allowed_silence_seconds: float | None  # None: not known, never flagged
    learned: bool  # False where the silence allowed is set (WIRE_SOURCE_MAX_SILENCE)
    quiet: bool


def judge(arrivals: Arrivals, settings: Settings) -> SourceState:
    allowed = allowed_silence(arrivals, settings)
    return SourceState(
        source=arrivals.source,
        last_seen=arrivals.last_seen,
        silent_seconds=arrivals.silent_seconds,
        cadence_seconds=arrivals.cadence_seconds,
        allowed_silence_seconds=allowed,
        learned=arrivals.source not in settings.source_max_silence,
        quiet=allowed is not None and arrivals.silent_seconds > allowed,
    )


def allowed_silence(arrivals: Arrivals, settings: Settings) -> float | None:
    """The setting where one names the source; else a multiple of its learned cadence, never
    under the floor (a burst of copy makes gaps of seconds); None with too little history."""
    if arrivals.source in settings.source_max_silence:
        return settings.source_max_silence[arrivals.source]
    if arrivals.cadence_seconds is None or arrivals.gaps < settings.quiet_min_gaps:
        return None
    return max(settings.quiet_min_seconds, settings.quiet_factor * arrivals.cadence_seconds)
