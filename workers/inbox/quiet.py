""" "Source went quiet" as a log event: each check logs the sources that went quiet since the
last one (``source.quiet``, a warning) and those heard from again (``source.resumed``).

The watcher checks at every sweep; the page, ``wire status`` and /metrics show the same states
(pipeline.cadence) whenever they are asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from pipeline.cadence import SourceState
from pipeline.settings import Settings
from pipeline.storage import panels
from pipeline.storage.db import session_scope

log = structlog.get_logger()


@dataclass
class QuietSources:
    quiet: set[str] = field(default_factory=set)

    def check(self, engine: Engine, settings: Settings) -> list[SourceState]:
        """The sources' states now; a failed read is logged and changes nothing."""
        try:
            with session_scope(engine) as session:
                states = panels.sources(session, settings)
        except SQLAlchemyError as error:
            log.warning("source.check_failed", error=str(error)[:200])
            return []
        for state in states:
            if state.quiet and state.source not in self.quiet:
                log.warning(
                    "source.quiet",
                    source=state.source,
                    silent_seconds=round(state.silent_seconds),
                    allowed_silence_seconds=state.allowed_silence_seconds,
                    last_seen=state.last_seen.isoformat(),
                )
            elif not state.quiet and state.source in self.quiet:
                log.info("source.resumed", source=state.source)
        self.quiet = {state.source for state in states if state.quiet}
        return states
