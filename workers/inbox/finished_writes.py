"""Which inbox entries their writer has finished with: closed after writing, or renamed in.

Linux says so through inotify (``IN_CLOSE_WRITE``, ``IN_MOVED_TO``): such a file is ready at once
instead of after ``stable_seconds`` of quiet, which would otherwise be most of a file's latency.
Elsewhere, for files already there when the watch began, for names whose events were lost (a
full event queue) and for files left over while the watcher held back, the stability rule alone
decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import structlog

if TYPE_CHECKING:
    from inotify_simple import INotify

log = structlog.get_logger()


class FinishedWrites:
    """Names finished in one folder since the last ``take()``: the last event a name had was
    its writer's close or its arrival by rename (a later write makes it unfinished again)."""

    def __init__(self, events: INotify, finished_mask: int, unfinished_mask: int) -> None:
        self._events = events
        self._finished_mask = finished_mask
        self._unfinished_mask = unfinished_mask

    @classmethod
    def watch(cls, folder: Path) -> FinishedWrites | None:
        """Events of ``folder``, or None where the system cannot give them."""
        try:
            from inotify_simple import INotify, flags
        except ImportError:  # not Linux: the dependency is not installed there
            return None
        finished = flags.CLOSE_WRITE | flags.MOVED_TO
        unfinished = flags.CREATE | flags.MODIFY | flags.MOVED_FROM | flags.DELETE
        try:
            events = INotify(nonblocking=True)
        except (AttributeError, OSError) as error:  # no inotify, or out of instances
            _unavailable(folder, error)
            return None
        try:
            events.add_watch(folder, finished | unfinished | flags.ONLYDIR)
        except OSError as error:  # out of watches, or no such folder
            events.close()
            _unavailable(folder, error)
            return None
        return cls(events, finished, unfinished)

    def take(self) -> set[str]:
        """Names finished since the last call, in the order of their events."""
        finished: set[str] = set()
        for event in self._events.read(timeout=0):
            if event.mask & self._finished_mask:
                finished.add(event.name)
            elif event.mask & self._unfinished_mask:
                finished.discard(event.name)
        return finished

    def close(self) -> None:
        self._events.close()


def _unavailable(folder: Path, error: Exception) -> None:
    log.warning("watch.no_close_events", inbox=str(folder), error=str(error)[:200])
