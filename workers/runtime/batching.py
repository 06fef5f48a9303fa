"""How file ids are grouped into queue messages."""

from __future__ import annotations

from collections.abc import Sequence


def messages(file_ids: Sequence[int], size: int) -> list[list[int]]:
    """Full groups of ``size`` ids, then the rest one per message: a backlog travels in batches
    (fewer messages, one ``nlp.pipe`` per batch), while a few files are spread over idle
    workers instead of queueing behind each other in one message."""
    whole = len(file_ids) - len(file_ids) % size
    groups = [list(file_ids[start : start + size]) for start in range(0, whole, size)]
    return groups + [[file_id] for file_id in file_ids[whole:]]
