"""When a source counts as quiet: its cadence learned from its gaps, or its silence set."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.cadence import Arrivals, judge
from pipeline.settings import Settings

SEEN = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def _arrivals(silent: float, gaps: int = 50, cadence: float | None = 600.0) -> Arrivals:
    return Arrivals(
        source="Interfax", last_seen=SEEN, silent_seconds=silent, gaps=gaps, cadence_seconds=cadence
    )


def test_learned_cadence_times_the_factor_is_the_silence_allowed():
    settings = Settings(quiet_factor=3.0, quiet_min_seconds=60)
    assert judge(_arrivals(silent=1799), settings).quiet is False
    state = judge(_arrivals(silent=1801), settings)
    assert state.quiet is True
    assert state.allowed_silence_seconds == 1800
    assert state.learned is True


def test_bursts_never_allow_less_than_the_floor():
    settings = Settings(quiet_factor=3.0, quiet_min_seconds=900)
    state = judge(_arrivals(silent=600, cadence=2.0), settings)
    assert state.allowed_silence_seconds == 900
    assert state.quiet is False


def test_too_little_history_is_never_flagged():
    settings = Settings(quiet_min_gaps=10)
    state = judge(_arrivals(silent=10**7, gaps=9), settings)
    assert state.allowed_silence_seconds is None
    assert state.quiet is False
    assert judge(_arrivals(silent=10**7, cadence=None), settings).quiet is False


def test_a_set_silence_wins_over_history_and_needs_none():
    settings = Settings(source_max_silence={"Interfax": 120.0})
    state = judge(_arrivals(silent=121, gaps=0, cadence=None), settings)
    assert (state.quiet, state.learned, state.allowed_silence_seconds) == (True, False, 120.0)
    assert judge(_arrivals(silent=119, cadence=1.0), settings).quiet is False
