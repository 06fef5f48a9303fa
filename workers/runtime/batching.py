"""How file ids, and parts of files, are grouped into queue messages, and which messages go
first."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.storage.items import WHOLE_FILE, Part


def messages(file_ids: Sequence[int], size: int) -> list[list[int]]:
    """Full groups of ``size`` ids, then the rest one per message: a backlog travels in batches
    (fewer messages, one ``nlp.pipe`` per batch), while a few files are spread over idle
    workers instead of queueing behind each other in one message."""
    whole = len(file_ids) - len(file_ids) % size
    groups = [list(file_ids[start : start + size]) for start in range(0, whole, size)]
    return groups + [[file_id] for file_id in file_ids[whole:]]


def part_messages(parts: Sequence[Part], size: int) -> list[list[Part]]:
    """Parts packed in order into messages of at most ``size`` items: the parts of the files
    of one message travel on together (one transaction, one ``nlp.pipe``), and a file of many
    items goes out in parts of ``size`` items, one message each, to every idle worker. A part
    of a whole file (its end unknown) goes alone."""
    groups: list[list[Part]] = []
    held = size
    for part in parts:
        count = size if part.stop == WHOLE_FILE else part.stop - part.start
        if held + count > size:
            groups.append([])
            held = 0
        groups[-1].append(part)
        held += count
    return groups


# Redis hands out the lower number first, over every queue a worker consumes (kombu asks for
# each queue's list of priority 0 before any other); RabbitMQ ignores it on queues declared
# without x-max-priority.
FIRST_ITEMS = 0
LATER_ITEMS = 6


def priority(message: Sequence[Part]) -> int:
    """A message that carries a file's first item goes ahead of those that carry only later
    items of many-item files: a file dropped behind a backlog of collections (and every
    one-item file) has its first articles through the stages in seconds, not after the
    backlog's queued parts. Nothing is starved for long: each collection's later parts are
    what the workers take whenever no file is starting."""
    return FIRST_ITEMS if any(part.start == 0 for part in message) else LATER_ITEMS
