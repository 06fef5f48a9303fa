"""Articles of a source file: written by the parse stage, read by extract and dedupe."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from pipeline import schemas
from pipeline.dedupe.fingerprints import body_hash
from pipeline.storage import ledger
from pipeline.storage.db import execute
from pipeline.storage.tables import FINAL_STATUSES, Article, SourceFile, core_table

_FROM_MODEL = (
    "format", "item_key", "version", "agency", "headline", "subheadline", "slugline", "byline",
    "dateline_place", "dateline_text", "language", "urgency", "embargo_until",
    "first_created_at", "published_at", "is_correction", "update_marker", "copyright",
    "paragraphs", "body", "raw_meta", "warnings",
)  # fmt: skip


def replace_articles(session: Session, file_id: int, articles: list[schemas.Article]) -> list[int]:
    """Upsert the file's articles by position (safe to repeat); returns their ids in order."""
    ids: list[int] = []
    if articles:
        rows = [_row_values(file_id, index, article) for index, article in enumerate(articles)]
        ids = list(execute(session, _UPSERT_ARTICLES, rows).scalars())
    execute(
        session,
        _DROP_EXTRA_AND_COUNT,
        {"file_id": file_id, "count": len(ids), "format": articles[0].format if articles else None},
    )
    return ids


def _article_upsert() -> ReturningInsert[tuple[int]]:
    """One statement for all of a file's articles, compiled once per process."""
    statement = insert(core_table(Article))
    columns = (*_FROM_MODEL, "subjects", "pubstatus", "body_hash")
    return statement.on_conflict_do_update(
        index_elements=["source_file_id", "item_index"],
        set_={name: statement.excluded[name] for name in columns} | {"updated_at": func.now()},
    ).returning(Article.id, sort_by_parameter_order=True)


_UPSERT_ARTICLES = _article_upsert()
# A re-parse that yields fewer items drops the rest; one round trip with the ledger update.
_DROP_EXTRA_AND_COUNT = text("""
    WITH dropped AS (
        DELETE FROM article WHERE source_file_id = :file_id AND item_index >= :count
    )
    UPDATE source_file SET format = :format, article_count = :count, updated_at = now()
    WHERE id = :file_id
""")


def _row_values(file_id: int, index: int, article: schemas.Article) -> dict[str, Any]:
    dumped = article.model_dump(mode="json", include=set(_FROM_MODEL))
    values: dict[str, Any] = {name: getattr(article, name) for name in _FROM_MODEL}
    values.update(raw_meta=dumped["raw_meta"], warnings=dumped["warnings"])
    values["subjects"] = [subject.model_dump() for subject in article.subjects]
    values["pubstatus"] = article.pubstatus.value
    values["body_hash"] = body_hash(article.body)
    return values | {"source_file_id": file_id, "item_index": index}


# What an Article is rebuilt from: never the body (it is the paragraphs joined), nor the
# columns later stages add (the full-text vector alone costs the server more than the row).
_SCHEMA_COLUMNS = (
    Article.id, Article.item_index, Article.pubstatus, Article.subjects,
    *(getattr(Article, name) for name in _FROM_MODEL if name != "body"),
)  # fmt: skip


def load_articles(session: Session, file_id: int) -> list[tuple[int, schemas.Article]]:
    rows = execute(
        session,
        select(*_SCHEMA_COLUMNS)
        .where(Article.source_file_id == file_id)
        .order_by(Article.item_index),
    )
    return [(row.id, to_schema(row)) for row in rows]


def article_ids(session: Session, file_id: int) -> list[int]:
    """The file's article ids in item order."""
    return list(execute(session, _ARTICLE_IDS, {"file_id": file_id}).scalars())


_ARTICLE_IDS = (
    select(Article.id)
    .where(Article.source_file_id == bindparam("file_id"))
    .order_by(Article.item_index)
)
_EXTRACTION_STATE = _ARTICLE_IDS.add_columns(Article.extracted_at.is_(None))


def extraction_state(session: Session, file_id: int) -> list[tuple[int, bool]]:
    """The file's article ids in item order, each with whether it was never extracted."""
    rows = execute(session, _EXTRACTION_STATE, {"file_id": file_id})
    return [(article_id, never) for article_id, never in rows.tuples()]


def load_pending(
    session: Session, file_ids: Sequence[int], stage: str
) -> list[tuple[int, schemas.Article]]:
    """Articles of those files that are not final and have not been through ``stage``."""
    earlier = ledger.STAGES[: ledger.STAGES.index(stage)]
    rows = execute(
        session,
        select(*_SCHEMA_COLUMNS)
        .join(SourceFile, SourceFile.id == Article.source_file_id)
        .where(
            SourceFile.id.in_(list(file_ids)),
            SourceFile.stage.in_(earlier),
            SourceFile.status.not_in(FINAL_STATUSES),
        )
        .order_by(Article.source_file_id, Article.item_index),
    )
    return [(row.id, to_schema(row)) for row in rows]


def to_schema(row: Row[Any]) -> schemas.Article:
    fields = {name: getattr(row, name) for name in _FROM_MODEL if name != "body"}
    return schemas.Article(
        item_index=row.item_index, pubstatus=row.pubstatus, subjects=row.subjects, **fields
    )


def files_extracted_before(session: Session, version: str | None) -> list[int]:
    """Source files with an article whose extraction is not ``version`` (None: every file)."""
    query = select(Article.source_file_id).distinct().order_by(Article.source_file_id)
    if version is not None:
        query = query.where(Article.extractor_version.is_distinct_from(version))
    return list(execute(session, query).scalars())
