"""Articles of a source file: written by the parse stage, read by extract and dedupe."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import BigInteger, Row, any_, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from pipeline import schemas
from pipeline.dedupe.fingerprints import body_hash
from pipeline.storage import extraction, stories
from pipeline.storage.db import built_once, column_arrays, execute, unnest_insert, unnested
from pipeline.storage.tables import Article

_FROM_MODEL = (
    "format", "item_key", "version", "agency", "headline", "subheadline", "slugline", "byline",
    "dateline_place", "dateline_text", "language", "urgency", "embargo_until",
    "first_created_at", "published_at", "is_correction", "update_marker", "copyright",
    "paragraphs", "body", "raw_meta", "warnings",
)  # fmt: skip


def replace_articles(session: Session, file_id: int, articles: list[schemas.Article]) -> list[int]:
    """One file's :func:`store_parsed`: its article ids in item order."""
    return store_parsed(session, {file_id: articles})[file_id]


def store_parsed(
    session: Session,
    parsed: Mapping[int, list[schemas.Article]],
    stored_before: Mapping[int, int] | None = None,
) -> dict[int, list[int]]:
    """Upsert the articles of each file by position (safe to repeat), every file's in one
    statement, and drop what a re-parse no longer yields; returns each file's article ids in
    item order. ``stored_before``: of a file whose first items were stored by
    :func:`store_items` in transactions of their own, how many; ``parsed`` holds the rest."""
    file_ids = sorted(parsed)
    before = stored_before or {}
    ids: dict[int, list[int]] = {file_id: [] for file_id in file_ids}
    for file_id, article_id in _upsert(session, parsed, before):
        ids[file_id].append(article_id)
    if file_ids:
        counted = {
            "file_id": file_ids,
            "count": [before.get(file_id, 0) + len(ids[file_id]) for file_id in file_ids],
            "format": [parsed[f][0].format if parsed[f] else None for f in file_ids],
        }
        dropped = execute(session, _EXTRA, counted).tuples().all()
        if dropped:
            extraction.forget_articles(session, [article_id for article_id, _ in dropped])
        execute(session, _DROP_EXTRA_AND_COUNT, counted)
        # Their stories are recounted from the articles left (a story left empty goes).
        stories.refresh(session, {story_id for _, story_id in dropped if story_id is not None})
    return ids


def store_items(
    session: Session, file_id: int, first: int, articles: Sequence[schemas.Article]
) -> None:
    """Some of a file's items, from position ``first``, ahead of the rest (see store_parsed):
    a file of many items is stored a part at a time, each part worked on while the next is
    stored."""
    _upsert(session, {file_id: list(articles)}, {file_id: first})


def _upsert(
    session: Session, parsed: Mapping[int, list[schemas.Article]], first: Mapping[int, int]
) -> list[tuple[int, int]]:
    """(file id, article id) of the rows written, by file and position."""
    rows = [
        _row_values(file_id, first.get(file_id, 0) + index, item)
        for file_id in sorted(parsed)
        for index, item in enumerate(parsed[file_id])
    ]
    arrays = column_arrays(rows)
    if arrays is None:
        return []
    written = sorted(execute(session, _UPSERT_ARTICLES, arrays).tuples())
    return [(file_id, article_id) for file_id, _, article_id in written]


# Column types as the arrays are cast; JSON documents travel as text.
_ARTICLE_COLUMNS = {
    "source_file_id": "bigint", "item_index": "integer", "format": "text", "item_key": "text",
    "version": "integer", "agency": "text", "headline": "text", "subheadline": "text",
    "slugline": "text", "byline": "text", "dateline_place": "text", "dateline_text": "text",
    "language": "text", "urgency": "smallint", "embargo_until": "timestamptz",
    "first_created_at": "timestamptz", "published_at": "timestamptz",
    "is_correction": "boolean", "update_marker": "text", "copyright": "text",
    "paragraphs": "jsonb", "body": "text", "raw_meta": "jsonb", "warnings": "jsonb",
    "subjects": "jsonb", "pubstatus": "text", "body_hash": "text",
}  # fmt: skip
_JSON_COLUMNS = tuple(name for name, kind in _ARTICLE_COLUMNS.items() if kind == "jsonb")
_REPLACED = [name for name in _ARTICLE_COLUMNS if name not in ("source_file_id", "item_index")]
# The full-text vector is written with the text it is made of (see tables.Article.search).
_SEARCH = {"search": "to_tsvector('simple', coalesce(given.headline, '') || ' ' || given.body)"}
# Shingle hashes stored by dedupe stay only while the text they were made of does: a copy
# candidate whose text changed is verified from its new body until its own dedupe runs again.
_KEEP_SHINGLES = (
    "shingle_hashes = CASE WHEN article.body_hash = excluded.body_hash"
    " THEN article.shingle_hashes END"
)
_UPSERT_ARTICLES = unnest_insert(
    "article",
    _ARTICLE_COLUMNS,
    "ON CONFLICT (source_file_id, item_index) DO UPDATE SET "
    + ", ".join([*(f"{name} = excluded.{name}" for name in [*_REPLACED, *_SEARCH]), _KEEP_SHINGLES])
    # A parse stored again (a file re-queued) takes every item through the stages again.
    + ", stage = 'parse', updated_at = now() RETURNING source_file_id, item_index, id",
    computed=_SEARCH,
)
# A re-parse that yields fewer items drops the rest; one round trip with the ledger update
# (where it drops any, their events and stories are recounted: see store_parsed).
_GIVEN_COUNTS = unnested({"file_id": "bigint", "count": "integer", "format": "text"})
_EXTRA = text(f"""
    SELECT article.id, article.story_id FROM article JOIN {_GIVEN_COUNTS}
        ON article.source_file_id = given.file_id AND article.item_index >= given.count
""")
_DROP_EXTRA_AND_COUNT = text(f"""
    WITH given AS (
        SELECT * FROM {_GIVEN_COUNTS}
    ), dropped AS (
        DELETE FROM article USING given
        WHERE article.source_file_id = given.file_id AND article.item_index >= given.count
    )
    UPDATE source_file SET format = given.format, article_count = given.count, updated_at = now()
    FROM given WHERE source_file.id = given.file_id
""")


def _row_values(file_id: int, index: int, article: schemas.Article) -> dict[str, Any]:
    dumped = article.model_dump(mode="json", include={"raw_meta", "warnings", "subjects"})
    values: dict[str, Any] = {name: getattr(article, name) for name in _FROM_MODEL}
    values.update(dumped)
    values["pubstatus"] = article.pubstatus.value
    values["body_hash"] = body_hash(article.body)
    for name in _JSON_COLUMNS:
        values[name] = json.dumps(values[name])
    return values | {"source_file_id": file_id, "item_index": index}


# What an Article is rebuilt from: never the body (it is the paragraphs joined), nor the
# columns later stages add (the full-text vector alone costs the server more than the row).
_SCHEMA_COLUMNS = (
    Article.id, Article.item_index, Article.pubstatus, Article.subjects,
    *(getattr(Article, name) for name in _FROM_MODEL if name != "body"),
)  # fmt: skip


def load_articles(session: Session, file_ids: Sequence[int]) -> list[tuple[int, schemas.Article]]:
    """The files' articles with their ids, by file and item order."""
    rows = execute(session, _LOAD_ARTICLES, {"file_ids": list(file_ids)})
    return [(row.id, to_schema(row)) for row in rows]


def load_by_ids(session: Session, article_ids: Sequence[int]) -> list[schemas.Article]:
    """The articles, in the order of the ids given."""
    rows = {row.id: row for row in execute(session, _LOAD_BY_IDS, {"ids": list(article_ids)})}
    return [to_schema(rows[article_id]) for article_id in article_ids]


_IN_FILES = Article.source_file_id == any_(bindparam("file_ids", type_=ARRAY(BigInteger)))
_BY_POSITION = (Article.source_file_id, Article.item_index)
_LOAD_ARTICLES = built_once(select(*_SCHEMA_COLUMNS).where(_IN_FILES).order_by(*_BY_POSITION))
_LOAD_BY_IDS = built_once(
    select(*_SCHEMA_COLUMNS).where(Article.id == any_(bindparam("ids", type_=ARRAY(BigInteger))))
)


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
