"""The dedupe stage on the real database: copies, versions in any order, kills, decisions."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, text

from pipeline.dedupe import minhash
from pipeline.schemas import PubStatus
from pipeline.settings import get_settings
from pipeline.storage import articles
from pipeline.storage.db import session_scope
from tests.support.database import rows
from tests.support.dedupe_db import dedupe, file_of, item_of, store
from tests.support.stories import STORY, UNRELATED, article, copy_of_story
from workers.stages import deduping
from workers.stages import run as stages

pytestmark = pytest.mark.services


def _links(engine: Engine) -> dict[object, object]:
    return dict(rows(engine, "SELECT id, duplicate_of_id FROM article"))


def _decisions(engine: Engine) -> list[tuple[object, ...]]:
    return rows(
        engine,
        "SELECT article_id, decision, related_article_id, score, reason FROM dedupe_decision"
        " WHERE decision <> 'story' ORDER BY article_id, decision",
    )


def test_resend_with_small_edits_is_a_near_duplicate(engine: Engine, clean_db: None):
    first = store(engine, "a.txt", article(STORY, item_key="a:1"))
    copy = store(engine, "b.txt", article(copy_of_story(2), item_key="b:7", agency="TASS"))
    other = store(engine, "c.txt", article(UNRELATED, item_key="c:1"))
    dedupe(engine, first, copy, other)
    assert _links(engine) == {first: None, copy: first, other: None}
    ((article_id, decision, related, score, reason),) = _decisions(engine)
    assert (article_id, decision, related) == (copy, "near_duplicate", first)
    assert 0.85 <= float(score) < 1.0  # type: ignore[arg-type]
    assert "jaccard" in str(reason)
    assert rows(engine, "SELECT count(*) FROM lsh_band") == [(96,)]
    assert rows(engine, "SELECT count(*) FROM article WHERE minhash IS NULL") == [(0,)]
    statuses = rows(engine, "SELECT status FROM source_file ORDER BY id")
    assert statuses == [("done",), ("duplicate",), ("done",)]


def _pure_score(engine: Engine, later: int, earlier: int) -> float:
    words = get_settings().shingle_words
    texts = dict(rows(engine, f"SELECT id, body FROM article WHERE id IN ({later}, {earlier})"))
    later_shingles, earlier_shingles = (
        minhash.shingles(str(texts[i]), words) for i in (later, earlier)
    )
    return minhash.similarity(later_shingles, earlier_shingles).score


def test_candidates_are_verified_by_stored_shingles_or_from_older_rows_text(
    engine: Engine, clean_db: None
):
    first = store(engine, "a.txt", article(STORY, item_key="a:1"))
    dedupe(engine, first)
    ((body, stored),) = rows(engine, f"SELECT body, shingle_hashes FROM article WHERE id = {first}")
    expected = minhash.shingles(str(body), get_settings().shingle_words)
    assert bytes(stored) == minhash.to_bytes(expected)  # type: ignore[arg-type]
    copy = store(engine, "b.txt", article(copy_of_story(2), item_key="b:7"))
    dedupe(engine, copy)
    ((score,),) = rows(engine, f"SELECT score FROM dedupe_decision WHERE article_id = {copy}")
    assert float(score) == _pure_score(engine, copy, first)  # type: ignore[arg-type]
    # Rows deduped before shingles were stored are verified from their text.
    with engine.begin() as connection:
        connection.execute(text("UPDATE article SET shingle_hashes = NULL"))
    later = store(engine, "c.txt", article(copy_of_story(3), item_key="c:1"))
    dedupe(engine, later)
    assert _links(engine) == {first: None, copy: first, later: first}


def test_stored_shingles_stay_only_while_their_text_does(engine: Engine, clean_db: None):
    first = store(engine, "a.txt", article(STORY, item_key="a:1"))
    dedupe(engine, first)
    file_id = file_of(engine, first)
    stored = f"SELECT shingle_hashes IS NOT NULL FROM article WHERE id = {first}"
    for paragraphs, kept in ((STORY, True), (UNRELATED, False)):
        with session_scope(engine) as session:
            articles.replace_articles(session, file_id, [article(paragraphs, item_key="a:1")])
        assert rows(engine, stored) == [(kept,)]


def test_copies_end_the_same_whatever_the_dedupe_order(engine: Engine, clean_db: None):
    ids = [
        store(engine, f"{n}.txt", article(copy_of_story(n), item_key=f"k:{n}")) for n in range(4)
    ]
    dedupe(engine, ids[2], ids[3], ids[1], ids[0])
    assert _links(engine) == {ids[0]: None, **dict.fromkeys(ids[1:], ids[0])}
    decisions = _decisions(engine)
    assert [(row[0], row[1], row[2]) for row in decisions] == [
        (copy, "near_duplicate", ids[0]) for copy in ids[1:]
    ]
    statuses = rows(engine, "SELECT status FROM source_file ORDER BY id")
    assert statuses == [("done",), ("duplicate",), ("duplicate",), ("duplicate",)]


def _chain(engine: Engine) -> list[tuple[object, ...]]:
    return rows(
        engine,
        "SELECT article_id, version, previous_article_id, next_article_id, is_killed"
        " FROM article_version ORDER BY version",
    )


def test_update_arriving_before_its_predecessor_is_linked_later(engine: Engine, clean_db: None):
    v2 = store(engine, "v2.txt", article(copy_of_story(4), version=2, minutes=30))
    dedupe(engine, v2)
    assert rows(engine, "SELECT supersedes_id FROM article") == [(None,)]
    v1 = store(engine, "v1.txt", article(STORY[:3], version=1))
    dedupe(engine, v1)
    assert rows(engine, f"SELECT supersedes_id FROM article WHERE id = {v2}") == [(v1,)]
    assert _chain(engine) == [(v1, 1, None, v2, False), (v2, 2, v1, None, False)]
    assert rows(engine, "SELECT id, version FROM current_article") == [(v2, 2)]
    ((article_id, decision, related, _, reason),) = _decisions(engine)
    assert (article_id, decision, related) == (v2, "newer_version", v1)
    assert "version 2 of item test:item-1 supersedes version 1" in str(reason)


def test_correction_chains_and_kill_marks_every_version(engine: Engine, clean_db: None):
    v1 = store(engine, "v1.txt", article(STORY[:2]))
    fixed = store(engine, "v2.txt", article(STORY[:4], version=2, is_correction=True))
    dedupe(engine, v1, fixed)
    assert rows(engine, "SELECT is_killed FROM current_article") == [(False,)]
    killed = article(["This story has been withdrawn."], version=3, pubstatus=PubStatus.CANCELED)
    kill = store(engine, "v3.txt", killed)
    dedupe(engine, kill)
    assert rows(engine, "SELECT bool_and(is_killed) FROM article") == [(True,)]
    assert rows(engine, "SELECT id, pubstatus, is_killed FROM current_article") == [
        (kill, "canceled", True)
    ]
    assert [(row[0], row[1], row[2]) for row in _decisions(engine)] == [
        (fixed, "correction", v1),
        (kill, "kill", fixed),
    ]


def test_version_moved_to_another_item_leaves_its_old_link(engine: Engine, clean_db: None):
    """A re-parse that gives a linked version another item id: deduped again, it is that
    item's only version, and its old link and version decision go (the single-version
    shortcut still writes where the stored chain is wrong)."""
    v1 = store(engine, "v1.txt", article(STORY[:2]))
    v2 = store(engine, "v2.txt", article(STORY[:4], version=2))
    dedupe(engine, v1, v2)
    assert rows(engine, f"SELECT supersedes_id FROM article WHERE id = {v2}") == [(v1,)]
    with session_scope(engine) as session:
        articles.replace_articles(
            session, file_of(engine, v2), [article(STORY[:4], item_key="other:1", version=2)]
        )
        deduping.dedupe_article(session, v2, get_settings())
    assert rows(engine, f"SELECT supersedes_id FROM article WHERE id = {v2}") == [(None,)]
    assert _decisions(engine) == []


def test_same_version_resent_stays_out_of_the_chain(engine: Engine, clean_db: None):
    v1 = store(engine, "v1.txt", article(STORY))
    v2 = store(engine, "v2.txt", article(STORY[:5], version=2))
    again = store(engine, "v1-again.txt", article(STORY[:1], version=1))
    dedupe(engine, again, v2, v1)
    assert _links(engine) == {v1: None, v2: None, again: v1}
    assert _chain(engine) == [(v1, 1, None, v2, False), (v2, 2, v1, None, False)]
    assert ("same_version", v1) in [(row[1], row[2]) for row in _decisions(engine)]


@pytest.mark.parametrize("held", [0, 1], ids=["first-received-held", "later-copy-held"])
def test_copy_waits_for_an_open_dedupe_of_its_twin(engine: Engine, clean_db: None, held: int):
    ids = [store(engine, f"{n}.txt", article(copy_of_story(n), item_key=f"k:{n}")) for n in (0, 1)]
    with session_scope(engine) as holding:
        stages.dedupe_item(holding, item_of(engine, ids[held]))
        other = threading.Thread(target=dedupe, args=(engine, ids[1 - held]))
        other.start()
        other.join(timeout=1.0)
        assert other.is_alive()  # blocked on a shared LSH bucket until the first commits
    other.join(timeout=10)
    assert _links(engine) == {ids[0]: None, ids[1]: ids[0]}


def test_identical_kill_notices_kill_their_own_items(engine: Engine, clean_db: None):
    notice = ["This story has been withdrawn. There will be no substitute."]
    ids = []
    for item in ("a", "b"):
        ids.append(store(engine, f"{item}1.txt", article(STORY, item_key=item, minutes=len(ids))))
        killed = article(notice, item_key=item, version=2, pubstatus=PubStatus.CANCELED)
        ids.append(store(engine, f"{item}2.txt", killed))
    dedupe(engine, *ids)
    assert rows(
        engine, "SELECT item_key, bool_and(is_killed) FROM article GROUP BY 1 ORDER BY 1"
    ) == [
        ("a", True),
        ("b", True),
    ]
    assert _links(engine)[ids[3]] is None  # the same words, but another item's kill
    assert _links(engine)[ids[2]] == ids[0]  # the same story text under another item
    short = f"SELECT count(*) FROM lsh_band WHERE article_id IN ({ids[1]}, {ids[3]})"
    assert rows(engine, short) == [(0,)]
