"""Articles of a source file: written by the parse stage, read by extract and dedupe."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from pipeline import schemas
from pipeline.dedupe.fingerprints import body_hash
from pipeline.storage import ledger
from pipeline.storage.tables import FINAL_STATUSES, Article, SourceFile

_FROM_MODEL = (
    "format", "item_key", "version", "agency", "headline", "subheadline", "slugline", "byline",
    "dateline_place", "dateline_text", "language", "urgency", "embargo_until",
    "first_created_at", "published_at", "is_correction", "update_marker", "copyright",
    "paragraphs", "body", "raw_meta", "warnings",
)  # fmt: skip


def replace_articles(session: Session, file_id: int, articles: list[schemas.Article]) -> list[int]:
    """Upsert the file's articles by position (safe to repeat); returns their ids in order."""
    ids = [_upsert(session, file_id, index, article) for index, article in enumerate(articles)]
    session.execute(
        delete(Article).where(Article.source_file_id == file_id, Article.item_index >= len(ids))
    )
    session.execute(
        update(SourceFile)
        .where(SourceFile.id == file_id)
        .values(format=articles[0].format if articles else None, article_count=len(ids))
    )
    return ids


def _upsert(session: Session, file_id: int, index: int, article: schemas.Article) -> int:
    values = _row_values(article)
    statement = insert(Article).values(source_file_id=file_id, item_index=index, **values)
    statement = statement.on_conflict_do_update(
        index_elements=["source_file_id", "item_index"], set_=values
    )
    return int(session.execute(statement.returning(Article.id)).scalar_one())


def _row_values(article: schemas.Article) -> dict[str, Any]:
    dumped = article.model_dump(mode="json", include=set(_FROM_MODEL))
    values: dict[str, Any] = {name: getattr(article, name) for name in _FROM_MODEL}
    values.update(raw_meta=dumped["raw_meta"], warnings=dumped["warnings"])
    values["subjects"] = [subject.model_dump() for subject in article.subjects]
    values["pubstatus"] = article.pubstatus.value
    values["body_hash"] = body_hash(article.body)
    return values


def load_articles(session: Session, file_id: int) -> list[tuple[int, schemas.Article]]:
    rows = session.execute(
        select(Article).where(Article.source_file_id == file_id).order_by(Article.item_index)
    ).scalars()
    return [(row.id, to_schema(row)) for row in rows]


def load_pending(
    session: Session, file_ids: Sequence[int], stage: str
) -> list[tuple[int, schemas.Article]]:
    """Articles of those files that are not final and have not been through ``stage``."""
    earlier = ledger.STAGES[: ledger.STAGES.index(stage)]
    rows = session.execute(
        select(Article)
        .join(SourceFile, SourceFile.id == Article.source_file_id)
        .where(
            SourceFile.id.in_(list(file_ids)),
            SourceFile.stage.in_(earlier),
            SourceFile.status.not_in(FINAL_STATUSES),
        )
        .order_by(Article.source_file_id, Article.item_index)
    ).scalars()
    return [(row.id, to_schema(row)) for row in rows]


def to_schema(row: Article) -> schemas.Article:
    fields = {name: getattr(row, name) for name in _FROM_MODEL if name != "body"}
    return schemas.Article(
        item_index=row.item_index, pubstatus=row.pubstatus, subjects=row.subjects, **fields
    )


def files_extracted_before(session: Session, version: str | None) -> list[int]:
    """Source files with an article whose extraction is not ``version`` (None: every file)."""
    query = select(Article.source_file_id).distinct().order_by(Article.source_file_id)
    if version is not None:
        query = query.where(Article.extractor_version.is_distinct_from(version))
    return list(session.execute(query).scalars())
