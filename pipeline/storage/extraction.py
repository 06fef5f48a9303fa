"""Entities, mentions and events of articles, each article's replaced as a whole (safe to
repeat). The articles of a message are stored together, in a fixed number of statements
whatever their number: the round trips, not the rows, were most of the cost."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, Row, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from pipeline import schemas
from pipeline.dedupe import happenings
from pipeline.storage.db import column_arrays, execute, unnest_insert, unnested

# Fields the latest extraction fills in when it knows them (never erased by one that does not).
_FILLED = (
    "geonames_id", "country_code", "latitude", "longitude", "feature_class", "category",
)  # fmt: skip
# What the upsert would merge into: a row it would leave as it is is not written at all.
_STORED_ENTITIES = text(
    "SELECT key, id, aliases, " + ", ".join(_FILLED) + " FROM entity WHERE key = ANY(:keys)"
)
# One round trip for what articles extracted before said: the events they reported are
# those of the event mentions it deletes, returned locked (in id order) until commit. So the
# recount and the orphan check after it, each a statement of its own and so reading what is
# committed when it starts, see every mention a concurrent extraction gave these events: one
# that added a mention committed before the lock was granted, and one that would add another
# waits for it (its upsert of the event asks for the row).
_DELETE_PREVIOUS = text("""
    WITH mentions AS (DELETE FROM mention WHERE article_id = ANY(CAST(:ids AS bigint[]))),
    actions AS (DELETE FROM action WHERE article_id = ANY(CAST(:ids AS bigint[]))),
    reported AS (
        DELETE FROM event_mention WHERE article_id = ANY(CAST(:ids AS bigint[]))
        RETURNING event_id
    )
    SELECT id FROM event WHERE id IN (SELECT event_id FROM reported) ORDER BY id FOR UPDATE
""")
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
# Articles extracted for the first time add to their events' counts: their mentions, the
# articles, each of their sources the event had from no other article, and their times. The
# event rows are locked by the upsert before (until commit), so no other article of these
# events is counted at once.
_COUNT_IN = text("""
    UPDATE event SET num_mentions = event.num_mentions + added.mentions,
        num_articles = event.num_articles + added.articles,
        num_sources = event.num_sources + added.sources,
        first_seen_at = least(event.first_seen_at, added.first_seen),
        last_seen_at = greatest(event.last_seen_at, added.last_seen), updated_at = now()
    FROM (
        SELECT em.event_id, count(*) AS mentions, count(DISTINCT em.article_id) AS articles,
            count(DISTINCT told.source) FILTER (WHERE NOT EXISTS (
                SELECT FROM event_mention other JOIN article oa ON oa.id = other.article_id
                WHERE other.event_id = em.event_id AND other.article_id <> ALL(:ids)
                    AND coalesce(oa.agency, oa.source_file_id::text) = told.source
            )) AS sources,
            min(told.seen) AS first_seen, max(told.seen) AS last_seen
        FROM event_mention em JOIN article a ON a.id = em.article_id,
            LATERAL (SELECT coalesce(a.agency, a.source_file_id::text) AS source,
                            coalesce(a.published_at, a.created_at) AS seen) AS told
        WHERE em.article_id = ANY(:ids)
        GROUP BY em.event_id
    ) AS added
    WHERE event.id = added.event_id
""").bindparams(bindparam("ids", type_=ARRAY(BigInteger)))
_DELETE_ORPHAN_EVENTS = text("""
    DELETE FROM event WHERE id = ANY(:ids)
        AND NOT EXISTS (SELECT FROM event_mention em WHERE em.event_id = event.id)
""")
# updated_at as the model's onupdate would set it; extracted_at is the worker's clock. The
# id lists differ in length from row to row, so each travels as an array literal.
_MARKED = {
    "article_id": "bigint", "extractor_version": "text", "dateline_entity_id": "bigint",
    "entity_ids": "text", "event_ids": "text", "story_happenings": "bytea",
}  # fmt: skip
_MARK_EXTRACTED = text(f"""
    UPDATE article SET extractor_version = given.extractor_version,
        extracted_at = :extracted_at, dateline_entity_id = given.dateline_entity_id,
        entity_ids = CAST(given.entity_ids AS bigint[]),
        event_ids = CAST(given.event_ids AS bigint[]), story_happenings = given.story_happenings,
        stage = 'extract', updated_at = now()
    FROM {unnested(_MARKED)}
    WHERE article.id = given.article_id
""")


# One constant statement for every entity of the articles, as column arrays. Aliases are
# arrays of their own (one array per column cannot carry them), so each row's travel as a
# JSON document, unpacked in order.
_ENTITY_COLUMNS = {
    "key": "text", "kind": "text", "name": "text", "aliases": "jsonb", "geonames_id": "integer",
    "country_code": "text", "latitude": "float8", "longitude": "float8", "feature_class": "text",
    "category": "text",
}  # fmt: skip
_UPSERT_ENTITIES = text(f"""
    INSERT INTO entity ({", ".join(_ENTITY_COLUMNS)})
    SELECT given.key, given.kind, given.name,
        ARRAY(SELECT alias FROM jsonb_array_elements_text(given.aliases) WITH ORDINALITY
              AS listed(alias, position) ORDER BY position),
        {", ".join(f"given.{name}" for name in _FILLED)}
    FROM {unnested(_ENTITY_COLUMNS)}
    ON CONFLICT (key) DO UPDATE SET aliases = ARRAY(
            SELECT DISTINCT alias FROM unnest(entity.aliases || excluded.aliases) AS alias
            ORDER BY alias),
        {", ".join(f"{name} = coalesce(excluded.{name}, entity.{name})" for name in _FILLED)},
        updated_at = now()
    RETURNING key, id
""")


_INSERT_MENTIONS = unnest_insert(
    "mention",
    {"article_id": "bigint", "entity_id": "bigint", "text": "text", "start_char": "integer",
     "end_char": "integer", "sentence_index": "integer", "role": "text",
     "affiliation_entity_id": "bigint", "method": "text", "extractor_version": "text"},
)  # fmt: skip
_INSERT_ACTIONS = unnest_insert(
    "action",
    {"article_id": "bigint", "sentence_index": "integer", "start_char": "integer",
     "end_char": "integer", "text": "text", "lemma": "text", "part": "text",
     "supersense": "text"},
)  # fmt: skip
_UPSERT_EVENTS = unnest_insert(
    "event",
    {"happening_key": "text", "code": "text", "label": "text", "root_code": "text",
     "quad_class": "smallint", "scheme": "text", "actor_entity_id": "bigint",
     "target_entity_id": "bigint", "location_entity_id": "bigint", "event_date": "date",
     "event_date_end": "date", "date_precision": "text", "extractor_version": "text"},
    "ON CONFLICT (happening_key) DO UPDATE SET updated_at = now() RETURNING happening_key, id",
)  # fmt: skip
_EVENT_MENTION_COLUMNS = {
    "event_id": "bigint", "article_id": "bigint", "sentence_index": "integer",
    "trigger": "text", "trigger_start": "integer", "start_char": "integer",
    "end_char": "integer", "actor_text": "text", "target_text": "text", "date_text": "text",
    "modality": "text", "attribution": "text", "attribution_trigger": "text",
    "attribution_trigger_start": "integer", "modality_trigger": "text",
    "modality_trigger_start": "integer", "confidence": "float8",
    "extractor_version": "text",
}  # fmt: skip
# An event word names its mention by the mention's unique key, as the mention's id is only
# known once it is inserted.
_EVENT_WORD_COLUMNS = {
    "word_article_id": "bigint", "word_sentence_index": "integer",
    "word_trigger_start": "integer", "word_event_id": "bigint", "word_start": "integer",
    "word_end": "integer", "word_text": "text", "word_kind": "text",
}  # fmt: skip
# The mentions and their words in one statement: a round trip more per message cost more than
# the join.
_INSERT_EVENT_MENTIONS = text(f"""
    WITH reported AS (
        INSERT INTO event_mention ({", ".join(_EVENT_MENTION_COLUMNS)})
        SELECT given.* FROM {unnested(_EVENT_MENTION_COLUMNS)}
        RETURNING id, article_id, sentence_index, trigger_start, event_id
    )
    INSERT INTO event_word (event_mention_id, start_char, end_char, text, kind)
    SELECT reported.id, given.word_start, given.word_end, given.word_text, given.word_kind
    FROM reported JOIN {unnested(_EVENT_WORD_COLUMNS)}
        ON given.word_article_id = reported.article_id
        AND given.word_sentence_index = reported.sentence_index
        AND given.word_trigger_start = reported.trigger_start
        AND given.word_event_id = reported.event_id
""")


def _insert_rows(
    session: Session, statement: TextClause, rows: Iterable[Mapping[str, Any]]
) -> None:
    arrays = column_arrays(rows)
    if arrays is not None:
        execute(session, statement, arrays)


@dataclass(frozen=True)
class Extracted:
    """One article's extraction to store. ``happening_keys`` pairs with ``extraction.events``.
    ``first``: the article was never extracted (its ``extracted_at`` is NULL, read in this
    transaction), so it has no rows to delete and its events are counted in, not recounted.
    True for an article extracted before would duplicate its rows."""

    article_id: int
    extraction: schemas.Extraction
    happening_keys: Sequence[str]
    first: bool = False


def store_extractions(session: Session, stored: Sequence[Extracted]) -> None:
    """Replace what each article said with its extraction, all in the same few statements."""
    previous = _delete_previous(session, [item.article_id for item in stored if not item.first])
    entity_ids = upsert_entities(session, [e for item in stored for e in item.extraction.entities])
    mentioned = _insert_mentions(session, stored, entity_ids)
    _insert_rows(session, _INSERT_ACTIONS, _action_rows(stored))
    event_ids = _upsert_events(session, stored, entity_ids)
    _insert_event_mentions(session, stored, event_ids)
    _count_events(session, stored, event_ids, previous)
    marked = [
        {
            "article_id": item.article_id,
            "extractor_version": item.extraction.extractor_version,
            "dateline_entity_id": entity_ids.get(item.extraction.dateline_key or ""),
            "entity_ids": _array_literal(mentioned.get(item.article_id, ())),
            "event_ids": _array_literal(event_ids[key] for key in item.happening_keys),
            "story_happenings": happenings.pack(happenings.happenings(item.extraction.events)),
        }
        for item in stored
    ]
    arrays = column_arrays(marked)
    if arrays is not None:
        execute(session, _MARK_EXTRACTED, arrays | {"extracted_at": datetime.now(UTC)})


def forget_articles(session: Session, article_ids: list[int]) -> None:
    """What the articles said, deleted before the articles are (a re-parse that yields fewer
    items): the events they reported recounted without them, and those no article reports any
    longer deleted."""
    previous = sorted(_delete_previous(session, article_ids))
    if previous:
        execute(session, _RECOUNT, {"ids": previous})
        execute(session, _DELETE_ORPHAN_EVENTS, {"ids": previous})


def _array_literal(ids: Iterable[int]) -> str:
    return "{" + ",".join(str(each) for each in sorted(set(ids))) + "}"


def _delete_previous(session: Session, article_ids: list[int]) -> set[int]:
    """Delete the mentions of articles extracted before; returns the events they reported,
    locked."""
    if not article_ids:
        return set()
    return set(execute(session, _DELETE_PREVIOUS, {"ids": article_ids}).scalars())


def upsert_entities(session: Session, entities: Sequence[schemas.Entity]) -> dict[str, int]:
    """Entity ids by key. Only rows that are missing or would change are upserted: a common
    entity is otherwise rewritten by every article, and its row locked against every other
    worker. Sorted upserts keep concurrent workers from deadlocking."""
    unique = _merged(entities)
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


def _merged(entities: Iterable[schemas.Entity]) -> dict[str, schemas.Entity]:
    """One entity per key with what storing them one after another would leave: the first
    one's name and kind, the aliases of all (a set, as the upsert merges them), and each filled
    field (geo, category) as the last one that gives it."""
    merged: dict[str, schemas.Entity] = {}
    for entity in entities:
        known = merged.get(entity.key)
        if known is None:
            merged[entity.key] = entity
        elif known != entity:
            given = {name: getattr(entity, name) for name in _FILLED}
            update: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
            update["aliases"] = list(dict.fromkeys([*known.aliases, *entity.aliases]))
            merged[entity.key] = known.model_copy(update=update)
    return merged


def _would_change(stored: Row[Any] | None, entity: schemas.Entity) -> bool:
    """Whether the upsert would alter the stored row. Aliases are a set (the upsert only adds,
    so a concurrent writer's are never lost); a filled field we have replaces the stored one."""
    if stored is None or not set(entity.aliases) <= set(stored.aliases):
        return True
    return any(
        getattr(entity, name) is not None and getattr(entity, name) != getattr(stored, name)
        for name in _FILLED
    )


def _entity_row(entity: schemas.Entity) -> dict[str, Any]:
    row = entity.model_dump(include=set(_ENTITY_COLUMNS) - {"kind", "aliases"})
    return row | {"kind": entity.kind.value, "aliases": json.dumps(entity.aliases)}


def _insert_mentions(
    session: Session, stored: Sequence[Extracted], entity_ids: dict[str, int]
) -> dict[int, set[int]]:
    """The articles' mentions; returns the ids of the entities each article names."""
    rows: dict[tuple[int, int, int, int], dict[str, Any]] = {}
    for item in stored:
        version = item.extraction.extractor_version
        for mention in item.extraction.mentions:
            entity_id = entity_ids.get(mention.entity_key)
            if entity_id is None:
                continue
            rows[(item.article_id, mention.start, mention.end, entity_id)] = {
                "article_id": item.article_id,
                "entity_id": entity_id,
                "text": mention.text,
                "start_char": mention.start,
                "end_char": mention.end,
                "sentence_index": mention.sentence_index,
                "role": mention.role,
                "affiliation_entity_id": entity_ids.get(mention.affiliation_key or ""),
                "method": mention.method,
                "extractor_version": version,
            }
    _insert_rows(session, _INSERT_MENTIONS, rows.values())
    mentioned: dict[int, set[int]] = {}
    for article_id, _, _, entity_id in rows:
        mentioned.setdefault(article_id, set()).add(entity_id)
    return mentioned


def _action_rows(stored: Sequence[Extracted]) -> Iterator[dict[str, Any]]:
    for item in stored:
        for action in item.extraction.actions:
            row = action.model_dump(include={"sentence_index", "text", "lemma", "supersense"})
            yield row | {
                "article_id": item.article_id,
                "start_char": action.start,
                "end_char": action.end,
                "part": action.part.value,
            }


def _upsert_events(
    session: Session, stored: Sequence[Extracted], entity_ids: dict[str, int]
) -> dict[str, int]:
    """Event ids by happening key; records of one happening share an event, whose row is the
    first article's first record (later ones leave it as it is). Sorted by key: concurrent
    upserts lock rows in one order."""
    by_key: dict[str, dict[str, Any]] = {}
    for item in stored:
        pairs = zip(item.extraction.events, item.happening_keys, strict=True)
        for record, key in sorted(pairs, key=_second):
            by_key.setdefault(key, _event_row(record, key, item.extraction, entity_ids))
    arrays = column_arrays(by_key[key] for key in sorted(by_key))
    if arrays is None:
        return {}
    return dict(execute(session, _UPSERT_EVENTS, arrays).tuples().all())


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
        "scheme": record.scheme,
        "actor_entity_id": entity_ids.get(record.actor_key or ""),
        "target_entity_id": entity_ids.get(record.target_key or ""),
        "location_entity_id": entity_ids.get(record.location_key or ""),
        "event_date": record.date,
        "event_date_end": record.date_end,
        "date_precision": record.date_precision.value if record.date_precision else None,
        "extractor_version": extraction.extractor_version,
    }


def _insert_event_mentions(
    session: Session, stored: Sequence[Extracted], event_ids: dict[str, int]
) -> None:
    """The articles' event mentions, each with its event words."""
    rows: dict[tuple[int, int, int, int], dict[str, Any]] = {}
    words: dict[tuple[int, int, int, int], list[schemas.EventWord]] = {}
    for item in stored:
        pairs = zip(item.extraction.events, item.happening_keys, strict=True)
        for record, key in pairs:
            event_id = event_ids[key]
            unique = (item.article_id, record.sentence_index, record.trigger_start, event_id)
            rows[unique] = _event_mention_row(record, event_id, item)
            words[unique] = record.words
    arrays = column_arrays(rows.values())
    if arrays is not None:
        word_rows = [_event_word_row(unique, w) for unique, found in words.items() for w in found]
        given = column_arrays(word_rows) or {name: [] for name in _EVENT_WORD_COLUMNS}
        execute(session, _INSERT_EVENT_MENTIONS, arrays | given)


def _event_mention_row(
    record: schemas.EventRecord, event_id: int, item: Extracted
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "article_id": item.article_id,
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
        "attribution_trigger": record.attribution_trigger,
        "attribution_trigger_start": record.attribution_trigger_start,
        "modality_trigger": record.modality_trigger,
        "modality_trigger_start": record.modality_trigger_start,
        "confidence": record.confidence,
        "extractor_version": item.extraction.extractor_version,
    }


def _event_word_row(mention: tuple[int, int, int, int], word: schemas.EventWord) -> dict[str, Any]:
    article_id, sentence_index, trigger_start, event_id = mention
    return {
        "word_article_id": article_id,
        "word_sentence_index": sentence_index,
        "word_trigger_start": trigger_start,
        "word_event_id": event_id,
        "word_start": word.start,
        "word_end": word.end,
        "word_text": word.text,
        "word_kind": word.kind.value,
    }


def _count_events(
    session: Session, stored: Sequence[Extracted], event_ids: dict[str, int], previous: set[int]
) -> None:
    """Keep the events' counts: counted in for articles extracted for the first time; events
    an article extracted before reports, or reported, are recounted (a recount reads every
    mention of the event: it grows with it). An event no article reports any longer goes."""
    counted_in = [item.article_id for item in stored if item.first and item.happening_keys]
    if counted_in:
        execute(session, _COUNT_IN, {"ids": counted_in})
    again = {event_ids[key] for item in stored if not item.first for key in item.happening_keys}
    recounted = sorted(previous | again)
    if recounted:  # after: where an event was also counted in, the recount is what stays
        execute(session, _RECOUNT, {"ids": recounted})
    # Every event of these extractions has just been given a mention: only one an article
    # reported before and no longer does can be left without any.
    dropped = sorted(previous - set(event_ids.values()))
    if dropped:
        execute(session, _DELETE_ORPHAN_EVENTS, {"ids": dropped})
