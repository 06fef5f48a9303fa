"""Extraction rows on the real database: entities written only when they change, first
extractions that skip the deletes, and re-extractions that replace what an article said."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import Engine, text

from pipeline.schemas import (
    Action,
    ActionPart,
    Entity,
    EntityKind,
    EventRecord,
    EventWord,
    EventWordKind,
    Extraction,
    Mention,
)
from pipeline.storage import articles, extraction, ledger, stories
from pipeline.storage.db import session_scope
from tests.support.database import rows
from tests.support.stories import STORY, article
from tests.support.waiting import wait_for

pytestmark = pytest.mark.services

RUSSIA = Entity(
    key="geonames:2017370", kind=EntityKind.LOCATION, name="Russia", aliases=["Russia"],
    geonames_id=2017370, country_code="RU", latitude=60.0, longitude=100.0, feature_class="A",
)  # fmt: skip
MOSCOW = Entity(key="place:moscow", kind=EntityKind.LOCATION, name="Moscow", aliases=["Moscow"])


def _stored(engine: Engine, name: str, **fields: object) -> int:
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, name, name.encode()).file_id
        (article_id,) = articles.replace_articles(
            session, file_id, [article(STORY, item_key=f"test:{name}", **fields)]
        )
    return article_id


def _result(*entities: Entity, events: tuple[str, ...] = ()) -> Extraction:
    """One mention per entity; one event record per happening key in ``events``."""
    mentions = [
        Mention(entity_key=entity.key, text=entity.name, start=10 * n, end=10 * n + 5,
                sentence_index=0)
        for n, entity in enumerate(entities)
    ]  # fmt: skip
    records = [
        EventRecord(code="036", label="Express intent to meet", root_code="03", quad_class=1,
                    trigger="meet", trigger_start=100 + n, sentence_index=0, start=0, end=50,
                    date=date(2021, 3, 9))
        for n, _ in enumerate(events)
    ]  # fmt: skip
    return Extraction(
        extractor_version="test-1", entities=list(entities), mentions=mentions, events=records
    )


def _extract(
    engine: Engine, article_id: int, result: Extraction, keys: tuple[str, ...] = (), **how: bool
) -> None:
    with session_scope(engine) as session:
        extraction.store_extractions(
            session, [extraction.Extracted(article_id, result, list(keys), **how)]
        )


def _version(engine: Engine, key: str) -> tuple[object, ...]:
    """What changes whenever the row is written: its xmin and updated_at."""
    (row,) = rows(engine, f"SELECT xmin::text, updated_at FROM entity WHERE key = '{key}'")
    return row


def test_entity_that_would_not_change_is_not_rewritten(engine: Engine, clean_db: None):
    first, second = _stored(engine, "a.txt"), _stored(engine, "b.txt")
    _extract(engine, first, _result(RUSSIA, MOSCOW), first=True)
    before = _version(engine, RUSSIA.key)
    no_geo = RUSSIA.model_copy(update={"geonames_id": None, "latitude": None, "aliases": []})
    _extract(engine, second, _result(no_geo, MOSCOW), first=True)
    assert _version(engine, RUSSIA.key) == before
    assert rows(engine, "SELECT count(*) FROM entity") == [(2,)]
    linked = rows(
        engine,
        "SELECT m.article_id, e.key FROM mention m JOIN entity e ON e.id = m.entity_id"
        " ORDER BY 1, 2",
    )
    assert linked == [(a, key) for a in (first, second) for key in sorted([RUSSIA.key, MOSCOW.key])]


def test_new_aliases_merge_and_missing_geo_fields_are_filled(engine: Engine, clean_db: None):
    first, second, third = (_stored(engine, f"{n}.txt") for n in range(3))
    _extract(engine, first, _result(MOSCOW), first=True)
    before = _version(engine, MOSCOW.key)
    located = MOSCOW.model_copy(
        update={"aliases": ["Moskva"], "geonames_id": 524901, "country_code": "RU"}
    )
    _extract(engine, second, _result(located), first=True)
    assert _version(engine, MOSCOW.key) != before
    query = "SELECT aliases, geonames_id, country_code, latitude FROM entity"
    assert rows(engine, query) == [(["Moscow", "Moskva"], 524901, "RU", None)]
    _extract(engine, third, _result(MOSCOW.model_copy(update={"latitude": 55.75})), first=True)
    assert rows(engine, query) == [(["Moscow", "Moskva"], 524901, "RU", 55.75)]


def test_category_and_method_are_stored_and_a_later_category_fills_in(
    engine: Engine, clean_db: None
):
    first, second = _stored(engine, "a.txt"), _stored(engine, "b.txt")
    bare = Entity(key="organization:cargill", kind=EntityKind.ORGANIZATION, name="Cargill")
    by_rule = _result(bare).model_copy(
        update={
            "mentions": [m.model_copy(update={"method": "rule"}) for m in _result(bare).mentions]
        }
    )
    _extract(engine, first, by_rule, first=True)
    _extract(engine, second, _result(bare.model_copy(update={"category": "company"})), first=True)
    assert rows(engine, "SELECT category FROM entity") == [("company",)]
    methods = "SELECT article_id, method FROM mention ORDER BY article_id"
    assert rows(engine, methods) == [(first, "rule"), (second, "model")]


def test_unchanged_entity_does_not_wait_for_another_workers_lock(engine: Engine, clean_db: None):
    """A worker adding an alias holds the row; another that has nothing new for it neither
    waits for that lock nor loses the alias, which lands when the first worker commits."""
    first, second, third = (_stored(engine, f"{n}.txt") for n in range(3))
    _extract(engine, first, _result(MOSCOW), first=True)
    holding, release = threading.Event(), threading.Event()

    def add_alias() -> None:
        with session_scope(engine) as session:
            extraction.upsert_entities(session, [MOSCOW.model_copy(update={"aliases": ["Moskau"]})])
            holding.set()
            release.wait(timeout=30)

    worker = threading.Thread(target=add_alias)
    worker.start()
    try:
        assert holding.wait(timeout=30)
        with session_scope(engine) as session:
            session.execute(text("SET LOCAL lock_timeout = '2s'"))
            stored = extraction.Extracted(second, _result(MOSCOW), [], first=True)
            extraction.store_extractions(session, [stored])
    finally:
        release.set()
        worker.join(timeout=30)
    assert rows(engine, "SELECT aliases FROM entity") == [(["Moscow", "Moskau"],)]
    _extract(engine, third, _result(MOSCOW.model_copy(update={"aliases": ["Moskva"]})))
    assert rows(engine, "SELECT aliases FROM entity") == [(["Moscow", "Moskau", "Moskva"],)]


def test_entities_of_one_article_stored_at_once_keep_every_alias_as_written(
    engine: Engine, clean_db: None
):
    """Each entity's aliases travel as a JSON list in one statement for all: quotes, commas,
    braces, backslashes and non-ASCII come back as written, in order, none lost or merged."""
    odd = ['Ilyich "the Elder"', "Smith, John", "{braces}", "back\\slash", "Мосва", "O'Neil"]
    entities = [
        Entity(key="person:odd", kind=EntityKind.PERSON, name="Odd", aliases=odd),
        Entity(key="misc:none", kind=EntityKind.MISC, name="None"),
        MOSCOW,
    ]
    with session_scope(engine) as session:
        ids = extraction.upsert_entities(session, entities)
    assert set(ids) == {"person:odd", "misc:none", "place:moscow"}
    assert rows(engine, "SELECT key, aliases FROM entity ORDER BY key") == [
        ("misc:none", []), ("person:odd", odd), ("place:moscow", ["Moscow"]),
    ]  # fmt: skip


def _events(engine: Engine) -> list[tuple[object, ...]]:
    return rows(engine, "SELECT happening_key, num_mentions, num_articles FROM event ORDER BY 1")


def test_reextraction_replaces_rows_and_drops_orphaned_events(engine: Engine, clean_db: None):
    first, second = _stored(engine, "a.txt"), _stored(engine, "b.txt")
    _extract(engine, first, _result(RUSSIA, MOSCOW, events=("k1", "k2")), ("k1", "k2"), first=True)
    _extract(engine, second, _result(RUSSIA, events=("k1",)), ("k1",), first=True)
    assert _events(engine) == [("k1", 2, 2), ("k2", 1, 1)]
    _extract(engine, first, _result(MOSCOW, events=("k3",)), ("k3",))  # the default: replace
    assert _events(engine) == [("k1", 1, 1), ("k3", 1, 1)]
    mentions = f"SELECT count(*) FROM mention WHERE article_id = {first}"
    assert rows(engine, mentions) == [(1,)]
    _extract(engine, first, _result(MOSCOW, events=("k3",)), ("k3",), first=False)
    assert _events(engine) == [("k1", 1, 1), ("k3", 1, 1)]
    assert rows(engine, mentions) == [(1,)]
    assert rows(engine, "SELECT count(*) FROM event_mention") == [(2,)]
    _extract(engine, second, _result(RUSSIA), ())
    assert _events(engine) == [("k3", 1, 1)]
    (marked,) = rows(
        engine, f"SELECT extractor_version, dateline_entity_id FROM article WHERE id = {first}"
    )
    assert marked == ("test-1", None)


_EVENTS_RECOUNTED = """
    SELECT e.happening_key, e.num_mentions, e.num_articles, e.num_sources, e.first_seen_at,
        e.last_seen_at,
        count(em.id), count(DISTINCT em.article_id),
        count(DISTINCT coalesce(a.agency, a.source_file_id::text)),
        min(coalesce(a.published_at, a.created_at)), max(coalesce(a.published_at, a.created_at))
    FROM event e LEFT JOIN event_mention em ON em.event_id = e.id
        LEFT JOIN article a ON a.id = em.article_id
    GROUP BY e.id ORDER BY e.happening_key
"""


# Articles whose entity and event ids (what the story step tests) are not those of their rows.
_IDS_DISAGREE = """
    SELECT a.id FROM article a WHERE a.extracted_at IS NOT NULL AND (
        a.entity_ids IS DISTINCT FROM ARRAY(
            SELECT DISTINCT m.entity_id FROM mention m WHERE m.article_id = a.id ORDER BY 1)
        OR a.event_ids IS DISTINCT FROM ARRAY(
            SELECT DISTINCT em.event_id FROM event_mention em WHERE em.article_id = a.id
            ORDER BY 1))
"""


def _assert_counts_as_recounted(engine: Engine, after: object) -> None:
    """Every event's counts are a recount's, every article's ids those of its mentions."""
    for event in rows(engine, _EVENTS_RECOUNTED):
        assert event[1:6] == event[6:], (after, event)
    assert rows(engine, _IDS_DISAGREE) == [], after


def test_event_counts_kept_as_articles_are_extracted_equal_a_recount(
    engine: Engine, clean_db: None
):
    """First extractions add to their events' counts (no recount of every mention); after
    each step, new and known sources, earlier and later times, two records of one happening
    in one article and a re-extraction, every event's counts equal a recount (and every
    article's entity and event ids, which the story step tests, are those of its mentions)."""
    steps = [
        (_stored(engine, "a.txt", minutes=30), ("k1", "k2", "k1")),
        (_stored(engine, "b.txt", agency="TASS", minutes=60), ("k1",)),
        (_stored(engine, "c.txt", agency="TASS", minutes=-30), ("k1", "k2")),
        (_stored(engine, "d.txt", agency=None, minutes=10), ("k2",)),
        (_stored(engine, "e.txt", agency=None, minutes=20), ("k2",)),
    ]
    again = (steps[0][0], ("k2",), False)  # a re-extraction: recounted
    for article_id, keys, first in [(*step, True) for step in steps] + [again]:
        _extract(engine, article_id, _result(RUSSIA, events=keys), keys, first=first)
        _assert_counts_as_recounted(engine, article_id)
    assert [event[:4] for event in rows(engine, _EVENTS_RECOUNTED)] == [
        ("k1", 2, 2, 1), ("k2", 4, 4, 4),
    ]  # fmt: skip


def test_articles_stored_together_count_shared_events_as_a_recount(engine: Engine, clean_db: None):
    """Several articles' extractions in one set of statements: first extractions of one
    happening from one source and from several, with a re-extraction in the same batch, and
    a batch that leaves an event without mentions: every count equals a recount after each
    batch, every article's ids are those of its mentions, orphaned events go."""
    a, b, c, d, e = (
        _stored(engine, f"{n}.txt", agency=agency, minutes=minutes)
        for n, agency, minutes in [
            ("a", "AFP", 30), ("b", "TASS", 60), ("c", "TASS", -30), ("d", None, 10),
            ("e", None, 20),
        ]
    )  # fmt: skip
    batches = [
        [(a, ("k1", "k2"), True)],
        [(b, ("k1",), True), (c, ("k1", "k2", "k1"), True), (a, ("k2",), False)],
        [(d, ("k2", "k3"), True), (e, ("k3",), True), (c, (), False), (b, (), False)],
    ]
    for batch in batches:
        with session_scope(engine) as session:
            extraction.store_extractions(
                session,
                [
                    extraction.Extracted(article_id, _result(RUSSIA, events=keys), keys, first)
                    for article_id, keys, first in batch
                ],
            )
        _assert_counts_as_recounted(engine, batch)
    # k1: b and c no longer report it, so it went.
    assert [event[:4] for event in rows(engine, _EVENTS_RECOUNTED)] == [
        ("k2", 2, 2, 2), ("k3", 2, 2, 2),
    ]  # fmt: skip
    assert rows(engine, "SELECT count(*) FROM mention") == [(5,)]  # one per article


def test_one_entity_named_by_articles_stored_together_is_one_row_with_all_they_say(
    engine: Engine, clean_db: None
):
    """As if stored one after another: the first article's name, the aliases of all (a set),
    each geo field as the last article that gives it left it."""
    first, second, third = (_stored(engine, f"{n}.txt") for n in range(3))
    named = [
        MOSCOW,
        MOSCOW.model_copy(update={"name": "Moskva", "aliases": ["Moskva", "Moscow"],
                                  "geonames_id": 524901, "latitude": 55.7}),
        MOSCOW.model_copy(update={"aliases": ["Moskau"], "latitude": 55.75}),
    ]  # fmt: skip
    with session_scope(engine) as session:
        extraction.store_extractions(
            session,
            [
                extraction.Extracted(article_id, _result(entity), [], first=True)
                for article_id, entity in zip((first, second, third), named, strict=True)
            ],
        )
    ((name, aliases, geonames_id, latitude),) = rows(
        engine, "SELECT name, aliases, geonames_id, latitude FROM entity"
    )
    assert isinstance(aliases, list)
    assert (name, sorted(aliases), geonames_id, latitude) == (
        "Moscow", ["Moscow", "Moskau", "Moskva"], 524901, 55.75,
    )  # fmt: skip
    linked = "SELECT count(DISTINCT article_id), count(DISTINCT entity_id) FROM mention"
    assert rows(engine, linked) == [(3, 1)]


_WAITING_ON_A_LOCK = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'
"""


def test_a_dropped_event_stays_for_a_concurrent_first_extraction_that_reports_it(
    engine: Engine, clean_db: None
):
    """Article a stops reporting k while b, extracted for the first time in a transaction not
    yet committed, starts to. a's re-extraction waits for b's, then sees b's mention: k stays,
    with b's mention and counts equal to a recount (read before the wait, k looked orphaned)."""
    a, b = _stored(engine, "a.txt"), _stored(engine, "b.txt", agency="TASS")
    _extract(engine, a, _result(RUSSIA, events=("k",)), ("k",), first=True)
    holding, release = threading.Event(), threading.Event()

    def first_extraction_of_b() -> None:
        stored = extraction.Extracted(b, _result(RUSSIA, events=("k",)), ["k"], first=True)
        with session_scope(engine) as session:
            extraction.store_extractions(session, [stored])
            holding.set()
            release.wait(timeout=30)

    other = threading.Thread(target=first_extraction_of_b)
    other.start()
    assert holding.wait(timeout=30)
    again = threading.Thread(target=_extract, args=(engine, a, _result(RUSSIA), ()))
    again.start()
    try:
        wait_for(lambda: rows(engine, _WAITING_ON_A_LOCK) == [(1,)] or None, timeout=30)
    finally:
        release.set()
        other.join(timeout=30)
        again.join(timeout=30)
    assert _events(engine) == [("k", 1, 1)]
    _assert_counts_as_recounted(engine, "both committed")
    reported = "SELECT article_id FROM event_mention"
    assert rows(engine, reported) == [(b,)]


def test_wire_scheme_events_are_stored_with_their_scheme(engine: Engine, clean_db: None):
    article_id = _stored(engine, "wire.txt")
    venture = EventRecord(
        code="W13", scheme="wire", label="Joint venture or partnership formed", root_code="W1",
        trigger="form", trigger_start=40, sentence_index=0, start=0, end=60,
        date=date(1987, 2, 26),
    )  # fmt: skip
    result = Extraction(extractor_version="test-1", events=[venture])
    _extract(engine, article_id, result, ("W13|-|-|1987-W09",), first=True)
    assert rows(engine, "SELECT code, scheme, quad_class FROM event") == [("W13", "wire", None)]
    assert rows(engine, "SELECT scheme FROM event_detail") == [("wire",)]


def test_the_reporting_and_modality_words_are_stored_with_their_offsets(
    engine: Engine, clean_db: None
):
    article_id = _stored(engine, "reported.txt")
    checked_in = EventRecord(
        code="W71", scheme="wire", label="Arrival, departure or stay of a person",
        root_code="W7", trigger="checked", trigger_start=10, sentence_index=0, start=0, end=70,
        attribution="her rep", attribution_trigger="told", attribution_trigger_start=56,
        modality_trigger="decided", modality_trigger_start=4,
    )  # fmt: skip
    bare = checked_in.model_copy(
        update={"trigger_start": 80, "attribution": None, "attribution_trigger": None,
                "attribution_trigger_start": None, "modality_trigger": None,
                "modality_trigger_start": None}
    )  # fmt: skip
    result = Extraction(extractor_version="test-1", events=[checked_in, bare])
    _extract(engine, article_id, result, ("W71|-|-|2008-W50", "W71|-|-|2008-W50"), first=True)
    stored = """SELECT attribution, attribution_trigger, attribution_trigger_start,
        modality_trigger, modality_trigger_start FROM event_mention ORDER BY trigger_start"""
    assert rows(engine, stored) == [
        ("her rep", "told", 56, "decided", 4),
        (None, None, None, None, None),
    ]


def test_event_words_are_stored_with_their_mention_and_go_with_it(engine: Engine, clean_db: None):
    article_id = _stored(engine, "words.txt")
    checked_in = EventRecord(
        code="W71", scheme="wire", label="Arrival, departure or stay of a person",
        root_code="W7", trigger="checked", trigger_start=4, sentence_index=0, start=0, end=30,
        words=[
            EventWord(text="rehab", start=17, end=22, kind=EventWordKind.COMPANION),
            EventWord(text="rehab", start=45, end=50, kind=EventWordKind.REPEAT),
        ],
    )  # fmt: skip
    bare = checked_in.model_copy(update={"trigger_start": 60, "words": []})
    result = Extraction(extractor_version="test-1", events=[checked_in, bare])
    keys = ("W71|-|-|2013-W18", "W71|-|-|2013-W18")
    _extract(engine, article_id, result, keys, first=True)
    stored = """SELECT em.trigger_start, w.text, w.start_char, w.end_char, w.kind
        FROM event_word w JOIN event_mention em ON em.id = w.event_mention_id
        ORDER BY w.start_char"""
    assert rows(engine, stored) == [
        (4, "rehab", 17, 22, "companion"),
        (4, "rehab", 45, 50, "repeat"),
    ]
    _extract(engine, article_id, Extraction(extractor_version="test-1", events=[bare]), keys[:1])
    assert rows(engine, "SELECT count(*) FROM event_word") == [(0,)]


def _action(text: str, start: int, sentence: int, lemma: str, part: ActionPart,
            kind: str | None) -> Action:  # fmt: skip
    return Action(text=text, start=start, end=start + len(text), sentence_index=sentence,
                  lemma=lemma, part=part, supersense=kind)  # fmt: skip


def test_actions_are_stored_and_replaced_with_the_next_extraction(engine: Engine, clean_db: None):
    article_id = _stored(engine, "actions.txt")
    helped = _action("helped", 4, 0, "help", ActionPart.VERB, "social")
    decision = _action("decision", 20, 1, "decision", ActionPart.NOUN, "act")
    unknown = _action("rehired", 30, 1, "rehire", ActionPart.VERB, None)
    first = Extraction(extractor_version="test-1", actions=[helped, decision, unknown])
    _extract(engine, article_id, first, first=True)
    stored = """SELECT article_id, sentence_index, start_char, end_char, text, lemma, part,
        supersense FROM action ORDER BY start_char"""
    assert rows(engine, stored) == [
        (article_id, 0, 4, 10, "helped", "help", "verb", "social"),
        (article_id, 1, 20, 28, "decision", "decision", "noun", "act"),
        (article_id, 1, 30, 37, "rehired", "rehire", "verb", None),
    ]
    _extract(engine, article_id, Extraction(extractor_version="test-1", actions=[decision]))
    assert rows(engine, "SELECT text FROM action") == [("decision",)]


def test_a_reparse_that_drops_an_article_recounts_its_events_and_story(
    engine: Engine, clean_db: None
):
    """Two items of one file, both reporting one happening, the second alone another, each in
    a story of its own; parsed again with one item: the shared event counts one article, the
    other event and the second story are gone."""
    items = [article(STORY, item_key=f"test:{n}") for n in (1, 2)]
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, "two.xml", b"two").file_id
        first, second = articles.replace_articles(session, file_id, items)
    _extract(engine, first, _result(MOSCOW, events=("shared",)), ("shared",), first=True)
    _extract(
        engine, second, _result(MOSCOW, events=("shared", "own")), ("shared", "own"), first=True
    )
    with session_scope(engine) as session:
        for article_id in (first, second):
            stories.place(session, article_id, None, None)
    counts = "SELECT happening_key, num_articles, num_mentions FROM event ORDER BY 1"
    assert rows(engine, counts) == [("own", 1, 1), ("shared", 2, 2)]
    with session_scope(engine) as session:
        articles.replace_articles(session, file_id, items[:1])
    assert rows(engine, counts) == [("shared", 1, 1)]
    assert rows(engine, "SELECT article_count FROM story") == [(1,)]
