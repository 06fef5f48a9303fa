"""Files that carry several items (NewsML messages, SGML collections): one bad item is skipped
with a note, and the file fails only when no item is usable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pipeline.errors import PermanentError
from pipeline.schemas import Article

Item = TypeVar("Item")


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
    head = articles[0]
    articles[0] = head.model_copy(update={"warnings": head.warnings + notes})
    return articles
