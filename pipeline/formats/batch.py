"""Files that carry several items (NewsML messages, SGML collections): one bad item is skipped
with a note, and the file fails only when no item is usable."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from pipeline.errors import PermanentError
from pipeline.schemas import Article

Item = TypeVar("Item")


@dataclass(frozen=True)
class SkippedItem:
    """An item of a file that yielded no article: its position among the file's items."""

    index: int
    kind: str
    message: str


# Where skipped items are reported while a caller collects them (see ``collecting_skipped``):
# every parser reports through articles_from_items, whose callers return articles only.
_COLLECTED: ContextVar[list[SkippedItem] | None] = ContextVar("skipped_items", default=None)


@contextmanager
def collecting_skipped() -> Iterator[list[SkippedItem]]:
    """The items skipped by the parses run inside, each with its reason."""
    collected: list[SkippedItem] = []
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)


def articles_from_items(
    items: Sequence[Item],
    build: Callable[[Item, int], Article],
    broken: Mapping[int, PermanentError] | None = None,
) -> list[Article]:
    """``build`` applied to every item; skipped items are noted on the first article.
    ``broken``: items that could not be read at all (malformed), by their position among the
    file's items, ``items`` holding the others in order around them.

    When no item yields an article, the error raised is the first one about a text item that
    failed (no body, invalid) rather than about a picture or package beside it.
    """
    articles: list[Article] = []
    skipped = list((broken or {}).items())
    for index, item in _positioned(items, broken or {}):
        try:
            articles.append(build(item, index))
        except PermanentError as error:
            skipped.append((index, error))
    skipped.sort(key=lambda pair: pair[0])
    if not articles:
        errors = [error for _, error in skipped]
        raise next((e for e in errors if e.kind != "not_news_item"), errors[0])
    notes = [f"item {index} of the file skipped: {error.message}" for index, error in skipped]
    collected = _COLLECTED.get()
    if collected is not None:
        collected.extend(
            SkippedItem(i, e.kind, note) for (i, e), note in zip(skipped, notes, strict=True)
        )
    head = articles[0]
    articles[0] = head.model_copy(update={"warnings": head.warnings + notes})
    return articles


def _positioned(items: Sequence[Item], broken: Mapping[int, object]) -> Iterator[tuple[int, Item]]:
    """The items with their positions among all the file's items, the broken ones' skipped."""
    positions = (index for index in range(len(items) + len(broken)) if index not in broken)
    return zip(positions, items, strict=False)
