"""Files that carry several items (NewsML messages, SGML collections): one bad item is skipped
with a note, and the file fails only when no item is usable."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
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
    items: Sequence[Item], build: Callable[[Item, int], Article]
) -> list[Article]:
    """``build`` applied to every item; skipped items are noted on the first article.

    When no item yields an article, the error raised is the first one about a text item that
    failed (no body, invalid) rather than about a picture or package beside it.
    """
    articles: list[Article] = []
    skipped: list[tuple[int, PermanentError]] = []
    for index, item in enumerate(items):
        try:
            articles.append(build(item, index))
        except PermanentError as error:
            skipped.append((index, error))
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
