"""Stories on the real database: several agencies, one story; copies follow their canonical."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.evaluation.story_feeds import cluster_feed, read_feed
from pipeline.settings import get_settings
from pipeline.storage import items, stories
from pipeline.storage.db import session_scope
from tests.support.database import rows
from tests.support.dedupe_db import dedupe, extract, file_of, item_of, store
from tests.support.stories import (
    MONDAY_FIRE,
    MONDAY_FIRE_RETOLD,
    RETOLD,
    STORY,
    T0,
    UNRELATED,
    WEDNESDAY_FIRE,
    article,
    copy_of_story,
)
from workers.stages import run as stages

pytestmark = pytest.mark.services


def _stories(engine: Engine) -> dict[object, object]:
    return dict(rows(engine, "SELECT id, story_id FROM article"))


def _processed(engine: Engine, *articles: tuple[str, object]) -> list[int]:
    ids = [store(engine, name, item) for name, item in articles]  # type: ignore[arg-type]
    extract(engine, *ids)
    dedupe(engine, *ids)
    return ids


def test_same_story_from_two_agencies_joins_one_story(engine: Engine, clean_db: None):
    first, retold, other, copy = _processed(
        engine,
        ("a.txt", article(STORY, item_key="a:1")),
        ("b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40,
                          headline="Russia, China to build Moon research station")),
        ("c.txt", article(UNRELATED, item_key="c:1", agency="Reuters", minutes=50,
                          headline="Floods force hundreds from homes")),
        ("d.txt", article(copy_of_story(1), item_key="d:1", agency="AFP", minutes=60)),
    )  # fmt: skip
    story = _stories(engine)
    assert story[first] == story[retold] == story[copy] != story[other]
    ((count, agencies, headline, first_seen, last_seen),) = rows(
        engine,
        "SELECT article_count, agency_count, representative_headline, first_seen_at,"
        f" last_seen_at FROM story WHERE id = {story[first]}",
    )
    assert (count, agencies) == (2, 2)  # the AFP copy is a duplicate, not a teller
    assert headline == "Russia and China agree to build lunar station"
    assert (first_seen, last_seen) == (T0, T0 + timedelta(minutes=40))
    ((related, score, reason, story_id),) = rows(
        engine,
        "SELECT related_article_id, score, reason, story_id FROM dedupe_decision"
        f" WHERE decision = 'story' AND article_id = {retold}",
    )
    assert (related, story_id) == (first, story[first])
    assert float(score) >= get_settings().story_threshold  # type: ignore[arg-type]
    assert "entities" in str(reason)
    assert "Dmitry Rogozin" in str(reason)
    assert rows(engine, "SELECT count(*) FROM story") == [(2,)]


def test_an_article_deduped_again_keeps_one_story_decision(engine: Engine, clean_db: None):
    """A first placement writes its story decision with it; deduped again (its file
    reopened), the article's decision is replaced, not added to."""
    first, retold = _processed(
        engine,
        ("a.txt", article(STORY, item_key="a:1")),
        ("b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40)),
    )
    query = (
        "SELECT article_id, related_article_id, score, reason, story_id FROM dedupe_decision"
        " WHERE decision = 'story'"
    )
    decided = rows(engine, query)
    story = _stories(engine)[first]
    assert [(row[0], row[1], row[4]) for row in decided] == [(retold, first, story)]
    with session_scope(engine) as session:
        items.reopen(session, [file_of(engine, first), file_of(engine, retold)])
    dedupe(engine, first, retold)
    assert rows(engine, query) == decided


def test_retelling_outside_the_window_starts_a_new_story(engine: Engine, clean_db: None):
    hours = get_settings().story_window_hours
    first, late = _processed(
        engine,
        ("a.txt", article(STORY, item_key="a:1")),
        ("b.txt", article(RETOLD, item_key="b:1", minutes=int(hours * 60) + 60)),
    )
    story = _stories(engine)
    assert story[first] != story[late]
    assert rows(engine, "SELECT count(*) FROM dedupe_decision WHERE decision = 'story'") == [(0,)]


def test_canonical_copy_arriving_late_takes_the_story_over(engine: Engine, clean_db: None):
    first = store(engine, "a.txt", article(STORY, item_key="a:1"))
    copy = store(engine, "b.txt", article(copy_of_story(2), item_key="b:1", minutes=5))
    extract(engine, first, copy)
    dedupe(engine, copy, first)
    story = _stories(engine)
    assert story[first] == story[copy] is not None
    assert rows(engine, "SELECT article_count FROM story") == [(1,)]


def test_two_tellings_deduped_at_once_open_one_story(engine: Engine, clean_db: None):
    """The second teller reads its candidates while the first has not committed (it finds
    none), then waits on the story lock; under the lock it looks again and joins the story the
    first one opened instead of opening a second."""
    first, retold = (
        store(engine, "a.txt", article(STORY, item_key="a:1")),
        store(engine, "b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40)),
    )
    extract(engine, first, retold)
    with session_scope(engine) as holding:
        stages.dedupe_item(holding, item_of(engine, first))
        other = threading.Thread(target=dedupe, args=(engine, retold))
        other.start()
        other.join(timeout=1.0)
        assert other.is_alive()  # waiting on the story lock
    other.join(timeout=10)
    story = _stories(engine)
    assert story[first] == story[retold] is not None
    assert rows(engine, "SELECT count(*) FROM story") == [(1,)]


def test_candidate_that_became_a_copy_while_waiting_is_not_matched(engine: Engine, clean_db: None):
    """The teller finds the first-deduped telling before the story lock; meanwhile an earlier
    copy of it takes its group over. Under the lock the teller reads what was placed since:
    the copy is dropped and the group's new canonical article matched instead."""
    earlier = store(engine, "a.txt", article(copy_of_story(1), item_key="a:1", agency="AFP"))
    first = store(engine, "b.txt", article(STORY, item_key="b:1", minutes=5))
    retold = store(engine, "c.txt", article(RETOLD, item_key="c:1", agency="TASS", minutes=40))
    extract(engine, earlier, first, retold)
    dedupe(engine, first)
    with session_scope(engine) as holding:
        stages.dedupe_item(holding, item_of(engine, earlier))
        other = threading.Thread(target=dedupe, args=(engine, retold))
        other.start()
        other.join(timeout=1.0)
        assert other.is_alive()  # read its candidates, waiting on the story lock
    other.join(timeout=10)
    story = _stories(engine)
    assert story[earlier] == story[first] == story[retold] is not None
    assert rows(
        engine,
        f"SELECT related_article_id FROM dedupe_decision WHERE article_id = {retold}"
        " AND decision = 'story'",
    ) == [(earlier,)]


def test_candidates_are_the_nearest_in_time_on_both_sides_ties_by_id(
    engine: Engine, clean_db: None
):
    """The lookup walks the window from the article's time on each side and stops at the limit;
    the result is still the nearest of all, equal distances in id order."""
    minutes = [-120, -60, -60, 60, 180]
    placed = _processed(
        engine,
        *(
            (f"p{n}.txt", article([STORY[n]], item_key=f"p:{n}", minutes=m))
            for n, m in enumerate(minutes)
        ),
    )
    new = store(engine, "x.txt", article([STORY[5]], item_key="x:1"))
    extract(engine, new)
    nearest = sorted(zip(placed, minutes, strict=True), key=lambda pair: (abs(pair[1]), pair[0]))
    with session_scope(engine) as session:
        row = stories.story_row(session, new)
        for limit in range(1, len(placed) + 1):
            found = stories.candidates(session, row, ["lunar"], timedelta(hours=72), limit)
            assert list(found) == [article_id for article_id, _ in nearest[:limit]], limit


def test_story_and_candidate_rows_carry_the_participants_not_the_places(
    engine: Engine, clean_db: None
):
    """The entity signal compares people, organisations and named things; the article's places
    (Russia, China) are compared by the place check alone."""
    first, retold = _processed(
        engine,
        ("a.txt", article(STORY, item_key="a:1")),
        ("b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40)),
    )
    kinds = dict(rows(engine, "SELECT id::text, kind FROM entity"))
    with session_scope(engine) as session:
        row = stories.story_row(session, retold)
        (candidate,) = stories.candidate_rows(session, [first])
    named = {str(entity_id) for (entity_id,) in rows(engine, _NAMED.format(id=first))}
    assert {kinds[key] for key in named} >= {"location", "person", "organization"}
    assert candidate.entities == {key for key in named if kinds[key] != "location"}
    assert "location" not in {kinds[key] for key in row.entities}
    assert "Dmitry Rogozin" in row.entities.values()


_NAMED = "SELECT unnest(entity_ids) FROM article WHERE id = {id}"


_RECOUNTED = """
    SELECT s.id, s.article_count, s.agency_count, s.first_seen_at, s.last_seen_at,
        s.representative_headline,
        count(a.id), count(DISTINCT a.agency),
        min(coalesce(a.published_at, a.created_at)), max(coalesce(a.published_at, a.created_at)),
        (array_agg(a.headline ORDER BY coalesce(a.published_at, a.created_at), a.id))[1]
    FROM story s LEFT JOIN article a ON a.story_id = s.id AND a.duplicate_of_id IS NULL
    GROUP BY s.id ORDER BY s.id
"""


# Tellings of the lunar story in words of their own (not copies of STORY or RETOLD).
_TOLD_AGAIN = [
    "Dmitry Rogozin said Roscosmos and the Chinese space administration had agreed to set up a "
    "research base on the Moon together, with partners from other countries welcome to join.",
]
_TOLD_EARLIER = [
    "Moscow and Beijing are set to sign a deal on a joint lunar research station, Roscosmos "
    "and the China National Space Administration said ahead of a ceremony with Zhang Kejian.",
]
_TOLD_DAYS_LATER = [
    "Roscosmos published a road map for the Russian-Chinese lunar research station on Saturday, "
    "days after Dmitry Rogozin and Zhang Kejian signed the memorandum on the Moon base.",
]


def test_kept_counts_equal_a_recount_whatever_the_arrival_order(engine: Engine, clean_db: None):
    """A story's counts are kept as articles join (not recounted each time): after a new and a
    known agency join, a teller earlier than the story's first, a canonical copy deduped after
    its copy and a retelling outside the window, every story's row equals a recount (and a
    story left empty is gone)."""
    hours = get_settings().story_window_hours
    first = store(engine, "a.txt", article(STORY, item_key="a:1", minutes=30))
    copy = store(engine, "g.txt", article(copy_of_story(2), item_key="g:1", agency="AFP"))
    later = [
        store(engine, name, item)
        for name, item in (
            ("b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40)),
            ("c.txt", article(_TOLD_AGAIN, item_key="c:1", agency="TASS", minutes=50)),
            ("d.txt", article(_TOLD_EARLIER, item_key="d:1", agency="Xinhua", minutes=10,
                              headline="Moscow and Beijing to sign lunar deal")),
            ("f.txt", article(_TOLD_DAYS_LATER, item_key="f:1", minutes=int(hours * 60) + 600,
                              headline="Lunar base plans")),
        )
    ]  # fmt: skip
    extract(engine, first, copy, *later)
    # The canonical copy takes over first, then a teller earlier than the story's first:
    # both recount; the joins after it are counted in. Checked after every step.
    for article_id in (copy, first, later[2], later[0], later[1], later[3]):
        dedupe(engine, article_id)
        recounted = rows(engine, _RECOUNTED)
        for story_row in recounted:
            kept, fresh = story_row[1:6], story_row[6:]
            assert tuple(kept) == tuple(fresh), (article_id, story_row)
    story = _stories(engine)
    assert story[first] == story[copy] == story[later[0]] == story[later[2]] != story[later[3]]
    assert sorted(counted for _, counted, *_ in recounted) == [1, 4]
    assert ("Moscow and Beijing to sign lunar deal", 3) in {(s[5], s[2]) for s in recounted}


_GERMAN_DAY = Path(__file__).parents[1] / "data" / "stories" / "de-one-day-feed.txt"


def test_a_german_day_through_the_worker_stores_every_canonical_articles_places(
    engine: Engine, clean_db: None
):
    """The generated German day (tests/data/stories), each item extracted and deduped as it
    arrives: every canonical article's places are stored."""
    feed = read_feed(_GERMAN_DAY)
    _processed(engine, *((f"{index}.txt", item) for index, item in enumerate(feed.articles)))
    assert rows(engine, "SELECT count(*) FROM article WHERE story_places IS NULL") == [(0,)]


def test_fires_on_two_days_are_two_stories_by_the_days_stored_with_the_extraction(
    engine: Engine, clean_db: None
):
    monday, retold = _processed(
        engine,
        ("a.txt", MONDAY_FIRE.article("pa:1")),
        ("b.txt", MONDAY_FIRE_RETOLD.article("pa:2")),
    )
    assert rows(engine, "SELECT count(*) FROM article WHERE story_happenings IS NULL") == [(0,)]
    (wednesday,) = _processed(engine, ("c.txt", WEDNESDAY_FIRE.article("pa:3")))
    story = _stories(engine)
    assert story[monday] == story[retold] != story[wednesday]


def test_an_article_extracted_before_happenings_were_stored_is_compared_without(
    engine: Engine, clean_db: None
):
    (monday,) = _processed(engine, ("a.txt", MONDAY_FIRE.article("pa:1")))
    with session_scope(engine) as session:
        session.execute(text("UPDATE article SET story_happenings = NULL"))
    (wednesday,) = _processed(engine, ("c.txt", WEDNESDAY_FIRE.article("pa:3")))
    story = _stories(engine)
    assert story[monday] == story[wednesday]  # by their words, place and entities


@pytest.mark.parametrize("declared", [None, "de"])
def test_a_german_day_through_the_worker_makes_the_stories_the_evaluation_makes(
    engine: Engine, clean_db: None, declared: str | None
):
    """The same day, undeclared and declared German: the database path (stored stems and
    places, candidates by shared words and participants, their stories' members read under the
    lock) partitions it as the evaluation's in-memory clustering does."""
    feed = read_feed(_GERMAN_DAY)
    items = [
        item.model_copy(update={"language": declared or item.language}) for item in feed.articles
    ]
    ids = _processed(engine, *((f"{index}.txt", item) for index, item in enumerate(items)))
    story = _stories(engine)
    expected = cluster_feed(items, get_settings())
    assert _partition([story[article_id] for article_id in ids]) == _partition(expected)
    assert _partition(expected) == _partition(list(feed.happenings))  # its happenings, each whole


def _partition(labels: list[object]) -> set[frozenset[int]]:
    groups: dict[object, set[int]] = {}
    for position, label in enumerate(labels):
        groups.setdefault(label, set()).add(position)
    return {frozenset(group) for group in groups.values()}


def _told_retold_copied_and_later(engine: Engine, hours: float) -> list[int]:
    """A story, its retelling by another agency, a copy of it, and a telling past the window."""
    return _processed(
        engine,
        ("a.txt", article(STORY, item_key="a:1")),
        ("b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40)),
        ("c.txt", article(copy_of_story(1), item_key="c:1", agency="AFP", minutes=50)),
        ("d.txt", article(_TOLD_DAYS_LATER, item_key="d:1", minutes=int(hours * 60) + 120)),
    )


def test_story_members_are_the_canonical_articles_in_the_window_but_the_article(
    engine: Engine, clean_db: None
):
    hours = get_settings().story_window_hours
    first, retold, copy, late = _told_retold_copied_and_later(engine, hours)
    story = _stories(engine)
    assert story[first] == story[retold] == story[copy] != story[late]
    window = timedelta(hours=hours)
    with session_scope(engine) as session:
        row = stories.story_row(session, retold)
        compared = [int(str(story[first])), int(str(story[late]))]
        members = stories.story_members(session, row, compared, window, 10)
        assert list(members.found) == [first]  # not the article itself, nor the copy
        assert members.found[first].story_id == story[first]
        assert members.sizes == {story[first]: 1}
        assert stories.story_members(session, row, [], window, 10) == stories.Members({}, {})


def test_story_members_read_are_the_nearest_and_each_storys_nearest_all_counted(
    engine: Engine, clean_db: None
):
    """Members sharing no word with the article are read too (an average counts them all),
    as many as the lookup's limit, nearest first, and at least one of every story; a story's
    size counts those not read."""
    told = _processed(
        engine,
        ("a.txt", article(STORY, item_key="a:1", minutes=30)),
        ("b.txt", article(RETOLD, item_key="b:1", agency="TASS", minutes=40)),
        ("c.txt", article(_TOLD_AGAIN, item_key="c:1", agency="TASS", minutes=50)),
        ("d.txt", article(_TOLD_EARLIER, item_key="d:1", agency="Xinhua", minutes=10)),
        ("e.txt", article(UNRELATED, item_key="e:1", agency="Reuters", minutes=45,
                          headline="Floods force hundreds from homes")),
    )  # fmt: skip
    story = _stories(engine)
    lunar, flood = story[told[0]], story[told[4]]
    assert {story[article_id] for article_id in told[:4]} == {lunar} != {flood}
    window = timedelta(hours=get_settings().story_window_hours)
    with session_scope(engine) as session:
        row = stories.story_row(session, told[2])  # at 50 minutes
        ids = [int(str(lunar)), int(str(flood))]
        everyone = stories.story_members(session, row, ids, window, 10)
        assert set(everyone.found) == {told[0], told[1], told[3], told[4]}
        assert everyone.sizes == {lunar: 3, flood: 1}
        # By story, then nearest first: the order a story's scores are summed in.
        order = [(found.story_id, found.distance, key) for key, found in everyone.found.items()]
        assert order == sorted(order)
        nearest = stories.story_members(session, row, ids, window, 1)
        assert set(nearest.found) == {told[4], told[1]}  # the nearest; the lunar story's nearest
        assert nearest.sizes == everyone.sizes


def test_placed_since_reads_members_and_sizes_as_story_members_does(engine: Engine, clean_db: None):
    hours = get_settings().story_window_hours
    first, retold, _copy, late = _told_retold_copied_and_later(engine, hours)
    story = _stories(engine)
    window = timedelta(hours=hours)
    with session_scope(engine) as session:
        row = replace(stories.story_row(session, retold), placed_through=0)  # all are changes
        asked = [int(str(story[late]))]
        since = stories.placed_since(session, row, ["lunar"], window, asked)
        found = since.changed[first]
        assert found is not None
        assert found.story_id == story[first]
        assert since.changed[late] is None  # out of the window
        members = stories.story_members(session, row, {story[first], story[late]}, window, 10)
        assert since.sizes == members.sizes == {story[first]: 1}
        assert {key: found for key, found in since.moved.items() if found} == members.found
        assert since.moved[late] is None


def test_a_new_copy_joins_its_story_alone_the_group_left_as_it_was(engine: Engine, clean_db: None):
    """A story's re-sends cost one row each: the copies already in the story keep their row
    (their placement number), and the story counts its one teller."""
    (first,) = _processed(engine, ("a.txt", article(STORY, item_key="a:1")))
    copies: list[int] = []
    for number in range(1, 5):
        placed = dict(rows(engine, "SELECT id, story_seq FROM article"))
        (copy,) = _processed(
            engine, (f"c{number}.txt", article(copy_of_story(number), item_key=f"c:{number}"))
        )
        now = dict(rows(engine, "SELECT id, story_seq FROM article"))
        assert {key: now[key] for key in placed} == placed  # the group's rows untouched
        assert now[copy] is not None
        copies.append(copy)
    story = _stories(engine)
    assert {story[copy] for copy in copies} == {story[first]}
    assert rows(engine, f"SELECT article_count FROM story WHERE id = {story[first]}") == [(1,)]
    assert rows(engine, "SELECT count(*) FROM article WHERE duplicate_of_id IS NOT NULL") == [(4,)]


# Copy sharing nothing (no name, no date, no event) with the lunar story.
_QUIET = "Heavy rain fell over the hills for {n} hours, and the river rose slowly over the fields."


def test_the_lookup_reads_a_bounded_part_of_a_busy_window(engine: Engine, clean_db: None):
    """Each side's walk stops after SCAN_FACTOR times the limit of placed articles: an earlier
    telling behind that many unrelated ones nearer in time is not looked at, one within it
    is found, and a lookup costs the same however many articles the window holds."""
    limit = 1
    scan = stories.SCAN_FACTOR * limit
    (telling,) = _processed(engine, ("t.txt", article([STORY[0]], item_key="t:1", minutes=-600)))
    unrelated = _processed(
        engine,
        *(
            (f"u{n}.txt", article([_QUIET.format(n=n + 2)], item_key=f"u:{n}",
                                  minutes=-scan - 5 + n, headline=f"Rain, hour {n + 2}"))
            for n in range(scan)
        ),
    )  # fmt: skip
    new = store(engine, "x.txt", article([STORY[1]], item_key="x:1"))
    extract(engine, new)
    window = timedelta(hours=72)
    with session_scope(engine) as session:
        row = stories.story_row(session, new)
        assert stories.candidates(session, row, ["lunar"], window, limit) == {}
    with session_scope(engine) as session:  # one unrelated article fewer in front of it
        session.execute(text(f"UPDATE article SET story_id = NULL WHERE id = {unrelated[-1]}"))
        row = stories.story_row(session, new)
        assert list(stories.candidates(session, row, ["lunar"], window, limit)) == [telling]
        session.rollback()
