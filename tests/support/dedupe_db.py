"""Helpers of the dedupe storage tests: store parsed articles, run stages, read rows back."""

from __future__ import annotations

from sqlalchemy import Engine

from pipeline.schemas import Article
from pipeline.storage import articles, ledger
from pipeline.storage.db import session_scope
from pipeline.storage.items import Part
from tests.support.database import rows
from workers.runtime import resources as runtime
from workers.stages import run as stages


def store(engine: Engine, name: str, item: Article) -> int:
    """A received file holding one parsed article, its parse committed as the parse stage
    commits it; returns the article id."""
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, name, name.encode()).file_id
        ledger.claims(session, [file_id], "parse")
        (article_id,) = articles.replace_articles(session, file_id, [item])
    return article_id


def extract(engine: Engine, *article_ids: int) -> None:
    for article_id in article_ids:
        with session_scope(engine) as session:
            stages.extract_items(session, [item_of(engine, article_id)], runtime.nlp())


def dedupe(engine: Engine, *article_ids: int) -> None:
    for article_id in article_ids:
        with session_scope(engine) as session:
            stages.dedupe_item(session, item_of(engine, article_id))


def file_of(engine: Engine, article_id: int) -> int:
    return item_of(engine, article_id).file_id


def item_of(engine: Engine, article_id: int) -> Part:
    """The article's item as a part of its file (of one item)."""
    query = f"SELECT source_file_id, item_index FROM article WHERE id = {article_id}"
    ((file_id, index),) = rows(engine, query)
    return Part(file_id, index, index + 1)
