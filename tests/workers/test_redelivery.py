"""A message delivered twice (worker died before its ack) changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.corpus import SEED
from tests.support.database import record_file
from workers.runtime import resources as runtime
from workers.stages import run as stages

pytestmark = pytest.mark.services

SNAPSHOT = {
    "article": "SELECT id, item_key, version, body_hash, duplicate_of_id FROM article ORDER BY id",
    "entity": "SELECT id, key, kind, name FROM entity ORDER BY id",
    "mention": "SELECT article_id, entity_id, start_char, end_char FROM mention ORDER BY 1, 3, 4",
    "event": "SELECT id, happening_key, num_mentions FROM event ORDER BY id",
    "event_mention": (
        "SELECT event_id, article_id, sentence_index FROM event_mention ORDER BY 1, 2, 3"
    ),
    "event_word": (
        "SELECT em.event_id, em.article_id, w.start_char, w.kind FROM event_word w"
        " JOIN event_mention em ON em.id = w.event_mention_id ORDER BY 1, 2, 3"
    ),
    "action": "SELECT article_id, start_char, lemma, supersense FROM action ORDER BY 1, 2",
    "dedupe_decision": "SELECT article_id, decision, related_article_id FROM dedupe_decision",
}


def _snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {name: list(connection.execute(text(q))) for name, q in SNAPSHOT.items()}


def _run_all_stages(engine: Engine, file_id: int) -> None:
    with session_scope(engine) as session:
        parts = stages.parse_files(session, [file_id], runtime.parse_options())
    with session_scope(engine) as session:
        stages.extract_items(session, parts, runtime.nlp())
    for item in (item for part in parts for item in part.items()):
        with session_scope(engine) as session:
            stages.dedupe_item(session, item)


def test_every_stage_run_twice_leaves_the_same_rows(engine: Engine, clean_db: None):
    file_id = record_file(engine, SEED.name, SEED.read_bytes())
    _run_all_stages(engine, file_id)
    first = _snapshot(engine)
    with session_scope(engine) as session:  # the messages come again before any ack
        ledger.requeue(session, [file_id])
    _run_all_stages(engine, file_id)
    assert _snapshot(engine) == first
    assert first["article"]
    assert first["mention"]
    assert first["event_word"]
    assert first["action"]


def test_redelivery_after_done_is_a_no_op(engine: Engine, clean_db: None):
    file_id = record_file(engine, SEED.name, SEED.read_bytes())
    _run_all_stages(engine, file_id)
    before = _snapshot(engine)
    with session_scope(engine) as session:
        assert stages.parse_files(session, [file_id], runtime.parse_options()) == []
    assert _snapshot(engine) == before


def test_same_text_in_another_file_is_an_exact_duplicate(engine: Engine, clean_db: None):
    first = record_file(engine, "a.txt", SEED.read_bytes())
    second = record_file(engine, "b.txt", SEED.read_bytes().replace(b"17:29", b"17:29 "))
    for file_id in (second, first):  # the copy received first is canonical, even deduped last
        _run_all_stages(engine, file_id)
    with engine.connect() as connection:
        statuses = dict(connection.execute(text("SELECT id, status FROM source_file")).all())
        decision = connection.execute(
            text("SELECT article_id, decision, related_article_id FROM dedupe_decision")
        ).one()
        links = dict(connection.execute(text("SELECT id, duplicate_of_id FROM article")).all())
        files = dict(connection.execute(text("SELECT id, source_file_id FROM article")).all())
    assert statuses == {first: "done", second: "duplicate"}
    assert files[decision.related_article_id] == first
    assert decision.decision == "same_version"
    assert links[decision.article_id] == decision.related_article_id
