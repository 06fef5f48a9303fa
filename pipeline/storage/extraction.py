"""Entities, mentions and events of one article, replaced as a whole (safe to repeat)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from pipeline import schemas
from pipeline.storage.db import column_arrays, execute, unnest_insert, unnested

_GEO_FIELDS = ("geonames_id", "country_code", "latitude", "longitude", "feature_class")
# What the upsert would merge into: a row it would leave as it is is not written at all.
_STORED_ENTITIES = text(
    "SELECT key, id, aliases, " + ", ".join(_GEO_FIELDS) + " FROM entity WHERE key = ANY(:keys)"
)
_DELETE_MENTIONS = text("DELETE FROM mention WHERE article_id = :article_id")
# One round trip: the events the article reported before are those of the rows it deletes.
_DELETE_EVENT_MENTIONS = text(
    "DELETE FROM event_mention WHERE article_id = :article_id RETURNING event_id"
)
_RECOUNT = text("""
    UPDATE event SET num_mentions = s.mentions, num_articles = s.articles,
        num_sources = s.sources, first_seen_at = s.first_seen, last_seen_at = s.last_seen,
        updated_at = now()
    FROM (
        SELECT em.event_id, count(*) AS mentions, count(DISTINCT em.article_id) AS articles,
            count(DISTINCT coalesce(a.agency, a.source_file_id::text)) AS sources,
            min(coalesce(a.published_at, a.created_at)) AS first_seen,
            max(coalesce(a.published_at, a.created_at)) AS last_seen
        FROM event_mention em JOIN article a ON a.id = em.article_id
        WHERE em.event_id = ANY(:ids)
        GROUP BY em.event_id
    ) AS s
    WHERE event.id = s.event_id
""")
# An article extracted for the first time adds to its events' counts: its mentions, itself,
# its source where the event had none from it, and its time. The event rows are locked by
# the upsert before (until commit), so no other article of these events is counted at once.
_COUNT_IN = text("""
    UPDATE event SET num_mentions = event.num_mentions + added.mentions,
        num_articles = event.num_articles + 1,
        num_sources = event.num_sources + (NOT EXISTS (
            SELECT FROM event_mention other JOIN article oa ON oa.id = other.article_id
            WHERE other.event_id = event.id AND other.article_id <> added.article_id
                AND coalesce(oa.agency, oa.source_file_id::text) = added.source))::int,
        first_seen_at = least(event.first_seen_at, added.seen),
        last_seen_at = greatest(event.last_seen_at, added.seen), updated_at = now()
    FROM (
        SELECT em.event_id, em.article_id, count(*) AS mentions,
            min(coalesce(a.agency, a.source_file_id::text)) AS source,
            min(coalesce(a.published_at, a.created_at)) AS seen
        FROM event_mention em JOIN article a ON a.id = em.article_id
        WHERE em.article_id = :article_id
        GROUP BY em.event_id, em.article_id
    ) AS added
    WHERE event.id = added.event_id
""")
_DELETE_ORPHAN_EVENTS = text("""
    DELETE FROM event WHERE id = ANY(:ids)
        AND NOT EXISTS (SELECT FROM event_mention em WHERE em.event_id = event.id)
""")
# updated_at as the model's onupdate would set it; extracted_at is the worker's clock.
_MARK_EXTRACTED = text("""
    UPDATE article SET extractor_version = :extractor_version, extracted_at = :extracted_at,
        dateline_entity_id = :dateline_entity_id, entity_ids = CAST(:entity_ids AS bigint[]),
        event_ids = CAST(:event_ids AS bigint[]), updated_at = now()
    WHERE id = :article_id
""")


# One constant statement for every entity of an article, as column arrays. Aliases are
# arrays of their own (one array per column cannot carry them), so each row's travel as a
# JSON document, unpacked in order.
_ENTITY_COLUMNS = {
    "key": "text", "kind": "text", "name": "text", "aliases": "jsonb", "geonames_id": "integer",
    "country_code": "text", "latitude": "float8", "longitude": "float8", "feature_class": "text",
}  # fmt: skip
_UPSERT_ENTITIES = text(f"""
    INSERT INTO entity ({", ".join(_ENTITY_COLUMNS)})
    SELECT given.key, given.kind, given.name,
        ARRAY(SELECT alias FROM jsonb_array_elements_text(given.aliases) WITH ORDINALITY
              AS listed(alias, position) ORDER BY position),
        {", ".join(f"given.{name}" for name in _GEO_FIELDS)}
    FROM {unnested(_ENTITY_COLUMNS)}
    ON CONFLICT (key) DO UPDATE SET aliases = ARRAY(
            SELECT DISTINCT alias FROM unnest(entity.aliases || excluded.aliases) AS alias
            ORDER BY alias),
        {", ".join(f"{name} = coalesce(excluded.{name}, entity.{name})" for name in _GEO_FIELDS)},
        updated_at = now()
    RETURNING key, id
""")


_INSERT_MENTIONS = unnest_insert(
    "mention",
    {"article_id": "bigint", "entity_id": "bigint", "text": "text", "start_char": "integer",
     "end_char": "integer", "sentence_index": "integer", "role": "text",
     "affiliation_entity_id": "bigint", "extractor_version": "text"},
)  # fmt: skip
_UPSERT_EVENTS = unnest_insert(
    "event",
    {"happening_key": "text", "code": "text", "label": "text", "root_code": "text",
     "quad_class": "smallint", "actor_entity_id": "bigint", "target_entity_id": "bigint",
     "location_entity_id": "bigint", "event_date": "date", "event_date_end": "date",
     "date_precision": "text", "extractor_version": "text"},
    "ON CONFLICT (happening_key) DO UPDATE SET updated_at = now() RETURNING happening_key, id",
)  # fmt: skip
_INSERT_EVENT_MENTIONS = unnest_insert(
    "event_mention",
    {"event_id": "bigint", "article_id": "bigint", "sentence_index": "integer",
     "trigger": "text", "trigger_start": "integer", "start_char": "integer",
     "end_char": "integer", "actor_text": "text", "target_text": "text", "date_text": "text",
     "modality": "text", "attribution": "text", "confidence": "float8",
     "extractor_version": "text"},
)  # fmt: skip


def _insert_rows(
    session: Session, statement: TextClause, rows: Iterable[Mapping[str, Any]]
) -> None:
    arrays = column_arrays(rows)
    if arrays is not None:
        execute(session, statement, arrays)


def replace_extraction(
    session: Session,
    article_id: int,
    extraction: schemas.Extraction,
    happening_keys: Sequence[str],
    *,
    first: bool = False,
) -> None:
    """Store one article's extraction; ``happening_keys`` pairs with ``extraction.events``.

    ``first``: the article was never extracted (its ``extracted_at`` is NULL, read in this
    transaction). Its rows are only written here, with ``extracted_at``, so there are none to
    delete. Passing True for an article extracted before would duplicate its rows.
    """
    entity_ids = upsert_entities(session, extraction.entities)
    if not first:
        execute(session, _DELETE_MENTIONS, {"article_id": article_id})
    mentioned = _insert_mentions(session, article_id, extraction, entity_ids)
    event_ids = _replace_events(session, article_id, extraction, happening_keys, entity_ids, first)
    execute(
        session,
        _MARK_EXTRACTED,
        {
            "article_id": article_id,
            "extractor_version": extraction.extractor_version,
            "extracted_at": datetime.now(UTC),
            "dateline_entity_id": entity_ids.get(extraction.dateline_key or ""),
            "entity_ids": sorted(mentioned),
            "event_ids": sorted(set(event_ids)),
        },
    )


def upsert_entities(session: Session, entities: Sequence[schemas.Entity]) -> dict[str, int]:
    """Entity ids by key. Only rows that are missing or would change are upserted: a common
    entity is otherwise rewritten by every article, and its row locked against every other
    worker. Sorted upserts keep concurrent workers from deadlocking."""
    unique = {entity.key: entity for entity in entities}
    if not unique:
        return {}
    stored = execute(session, _STORED_ENTITIES, {"keys": list(unique)}).all()
    ids: dict[str, int] = {row.key: row.id for row in stored}
    current = {row.key: row for row in stored}
    changed = [key for key in sorted(unique) if _would_change(current.get(key), unique[key])]
    arrays = column_arrays(_entity_row(unique[key]) for key in changed)
    if arrays is not None:  # sorted by key: concurrent upserts lock rows in one order
        ids.update(execute(session, _UPSERT_ENTITIES, arrays).tuples().all())
    return ids


def _would_change(stored: Row[Any] | None, entity: schemas.Entity) -> bool:
    """Whether the upsert would alter the stored row. Aliases are a set (the upsert only adds,
    so a concurrent writer's are never lost); a geo field we have replaces the stored one."""
    if stored is None or not set(entity.aliases) <= set(stored.aliases):
        return True
    return any(
        getattr(entity, name) is not None and getattr(entity, name) != getattr(stored, name)
        for name in _GEO_FIELDS
    )


def _entity_row(entity: schemas.Entity) -> dict[str, Any]:
    row = entity.model_dump(include=set(_ENTITY_COLUMNS) - {"kind", "aliases"})
    return row | {"kind": entity.kind.value, "aliases": json.dumps(entity.aliases)}


def _insert_mentions(
    session: Session, article_id: int, extraction: schemas.Extraction, entity_ids: dict[str, int]
) -> set[int]:
    """The article's mentions; returns the ids of the entities they name."""
    rows = {
        (mention.start, mention.end, entity_ids[mention.entity_key]): {
            "article_id": article_id,
            "entity_id": entity_ids[mention.entity_key],
            "text": mention.text,
            "start_char": mention.start,
            "end_char": mention.end,
            "sentence_index": mention.sentence_index,
            "role": mention.role,
            "affiliation_entity_id": entity_ids.get(mention.affiliation_key or ""),
            "extractor_version": extraction.extractor_version,
        }
        for mention in extraction.mentions
        if mention.entity_key in entity_ids
    }
    _insert_rows(session, _INSERT_MENTIONS, rows.values())
    return {entity_id for _, _, entity_id in rows}


def _replace_events(
    session: Session,
    article_id: int,
    extraction: schemas.Extraction,
    happening_keys: Sequence[str],
    entity_ids: dict[str, int],
    first: bool,
) -> list[int]:
    """The article's event mentions, its events' counts kept; returns its events' ids."""
    previous: set[int] = set()
    if not first:
        deleted = execute(session, _DELETE_EVENT_MENTIONS, {"article_id": article_id})
        previous = set(deleted.scalars())
    event_ids = _upsert_events(session, extraction, happening_keys, entity_ids)
    _insert_event_mentions(session, article_id, extraction, event_ids)
    affected = sorted(previous | set(event_ids))
    if first and affected:  # a recount reads every mention of the event: it grows with it
        execute(session, _COUNT_IN, {"article_id": article_id})
    elif affected:
        execute(session, _RECOUNT, {"ids": affected})
    # Every event of this extraction has just been given a mention: only one the article
    # reported before and no longer does can be left without any.
    dropped = sorted(previous - set(event_ids))
    if dropped:
        execute(session, _DELETE_ORPHAN_EVENTS, {"ids": dropped})
    return event_ids


def _upsert_events(
    session: Session,
    extraction: schemas.Extraction,
    happening_keys: Sequence[str],
    entity_ids: dict[str, int],
) -> list[int]:
    """One ``event`` id per record, in record order; records of one happening share an id."""
    by_key: dict[str, dict[str, Any]] = {}
    for record, key in sorted(zip(extraction.events, happening_keys, strict=True), key=_second):
        by_key.setdefault(key, _event_row(record, key, extraction, entity_ids))
    arrays = column_arrays(by_key.values())
    if arrays is None:
        return []
    ids = dict(execute(session, _UPSERT_EVENTS, arrays).tuples().all())
    return [ids[key] for key in happening_keys]


def _second(pair: tuple[schemas.EventRecord, str]) -> str:
    return pair[1]


def _event_row(
    record: schemas.EventRecord,
    key: str,
    extraction: schemas.Extraction,
    entity_ids: dict[str, int],
) -> dict[str, Any]:
    return {
        "happening_key": key,
        "code": record.code,
        "label": record.label,
        "root_code": record.root_code,
        "quad_class": record.quad_class,
        "actor_entity_id": entity_ids.get(record.actor_key or ""),
        "target_entity_id": entity_ids.get(record.target_key or ""),
        "location_entity_id": entity_ids.get(record.location_key or ""),
        "event_date": record.date,
        "event_date_end": record.date_end,
        "date_precision": record.date_precision.value if record.date_precision else None,
        "extractor_version": extraction.extractor_version,
    }


def _insert_event_mentions(
    session: Session, article_id: int, extraction: schemas.Extraction, event_ids: list[int]
) -> None:
    rows = {
        (record.sentence_index, record.trigger_start, event_id): {
            "event_id": event_id,
            "article_id": article_id,
            "sentence_index": record.sentence_index,
            "trigger": record.trigger,
            "trigger_start": record.trigger_start,
            "start_char": record.start,
            "end_char": record.end,
            "actor_text": record.actor_text,
            "target_text": record.target_text,
            "date_text": record.date_text,
            "modality": record.modality.value,
            "attribution": record.attribution,
            "confidence": record.confidence,
            "extractor_version": extraction.extractor_version,
        }
        for record, event_id in zip(extraction.events, event_ids, strict=True)
    }
    _insert_rows(session, _INSERT_EVENT_MENTIONS, rows.values())
