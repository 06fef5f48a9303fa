"""Pure dedupe rules: copy links, merging copy groups, version chains and kills."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from pipeline.dedupe import minhash, rules
from tests.support.stories import STORY, UNRELATED, copy_of_story

WORDS = 5
POLICY = rules.CopyPolicy(threshold=0.85, words=WORDS, min_shingles=16)


def _facts(article_id: int, **fields: object) -> rules.ArticleFacts:
    values: dict[str, object] = {
        "item_key": f"item-{article_id}",
        "version": 1,
        "body_hash": f"hash-{article_id}",
        "arrival": (article_id, 0),
    }
    values.update(fields)
    return rules.ArticleFacts(article_id, **values)  # type: ignore[arg-type]


def _shingled(facts: rules.ArticleFacts, paragraphs: list[str]) -> rules.Shingled:
    return rules.Shingled(facts, minhash.shingles(" ".join(paragraphs), WORDS))


def test_small_edit_is_a_near_duplicate_with_its_score():
    link = rules.copy_link(
        _shingled(_facts(2), copy_of_story(1)), _shingled(_facts(1), STORY), POLICY
    )
    assert link is not None
    assert link.decision == "near_duplicate"
    assert 0.85 <= link.score < 1.0
    assert "5-word shingles: jaccard" in link.reason


def test_threshold_is_respected():
    edited = _shingled(_facts(2), copy_of_story(1))
    score = minhash.similarity(edited.shingles, _shingled(_facts(1), STORY).shingles).score
    original = _shingled(_facts(1), STORY)
    assert rules.copy_link(edited, original, replace(POLICY, threshold=score)) is not None
    assert rules.copy_link(edited, original, replace(POLICY, threshold=score + 0.001)) is None


def test_unrelated_text_is_no_copy():
    unrelated = _shingled(_facts(2), UNRELATED)
    loose = replace(POLICY, threshold=0.5)
    assert rules.copy_link(unrelated, _shingled(_facts(1), STORY), loose) is None


def test_pair_score_does_not_depend_on_which_side_is_deduped():
    trimmed, full = _shingled(_facts(2), STORY[:3]), _shingled(_facts(1), STORY)
    forward = rules.copy_link(trimmed, full, POLICY)
    backward = rules.copy_link(full, trimmed, POLICY)
    assert forward is not None
    assert backward is not None
    assert forward.score == backward.score == 1.0  # the later, trimmed text adds nothing


def test_longer_later_text_is_no_copy_of_its_extract():
    full, trimmed = _shingled(_facts(2), STORY), _shingled(_facts(1), STORY[:3])
    assert rules.copy_link(full, trimmed, POLICY) is None


@pytest.mark.parametrize(
    ("fields", "decision"),
    [({"item_key": "item-1"}, "same_version"), ({"body_hash": "hash-1"}, "exact_text")],
)
def test_same_item_version_and_same_text_are_exact(fields: dict[str, str], decision: str):
    other = _shingled(_facts(1), STORY)
    link = rules.copy_link(_shingled(_facts(2, **fields), UNRELATED), other, POLICY)
    assert link is not None
    assert (link.decision, link.score) == (decision, 1.0)


def _link(other: rules.ArticleFacts, score: float = 0.9) -> rules.Link:
    return rules.Link(other, "near_duplicate", score, "similar")


def test_merge_joins_the_earliest_arrival():
    first, article = _facts(1), _facts(5)
    merged = rules.merge(article, [_link(first)], {1: first})
    assert merged.root == first
    assert merged.decisions[5].related_article_id == 1
    assert merged.decisions[5].score == 0.9


def test_late_earlier_copy_takes_the_group_over():
    later_root = _facts(3)
    member = _facts(4, canonical_id=3)
    article = _facts(2)
    merged = rules.merge(article, [_link(member, 0.95)], {4: later_root})
    assert merged.root == article
    assert set(merged.decisions) == {3}
    assert merged.decisions[3].related_article_id == 2
    assert "earlier copy 2 arrived" in merged.decisions[3].reason


def test_merge_of_two_groups_picks_the_earliest_of_all():
    one, two, article = _facts(1, arrival=(9, 0)), _facts(2, arrival=(3, 0)), _facts(7)
    merged = rules.merge(article, [_link(one), _link(two, 0.99)], {1: one, 2: two})
    assert merged.root == two
    assert set(merged.decisions) == {1, 7}


def test_no_link_no_decision():
    article = _facts(1)
    assert rules.merge(article, [], {}) == rules.Merge(article, {})


def _version(article_id: int, version: int, **fields: object) -> rules.ArticleFacts:
    return _facts(article_id, item_key="item", version=version, **fields)


def test_chain_orders_by_version_whatever_the_arrival():
    v2, v1, v3 = _version(1, 2), _version(2, 1), _version(3, 3, is_correction=True)
    chain = rules.version_chain([v2, v3, v1])
    assert [(a.article_id, p.article_id if p else None) for a, p in chain] == [
        (2, None),
        (1, 2),
        (3, 1),
    ]
    assert rules.version_decision(v3, v2).decision == "correction"
    assert rules.version_decision(v2, v1).decision == "newer_version"


def test_same_version_orders_by_publication_time():
    early = _version(2, 1, published_at=datetime(2021, 3, 9, 10, tzinfo=UTC))
    late = replace(early, article_id=1, published_at=datetime(2021, 3, 9, 11, tzinfo=UTC))
    assert [a.article_id for a, _ in rules.version_chain([late, early])] == [2, 1]


def test_kill_of_any_version_kills_the_item():
    kill = _version(3, 3, pubstatus="canceled")
    assert rules.is_killed([_version(1, 1), kill])
    assert not rules.is_killed([_version(1, 1), _version(2, 2)])
    assert rules.version_decision(kill, _version(1, 1)).decision == "kill"


def test_lock_names_cover_item_text_and_every_bucket():
    names = rules.lock_names(_facts(1), [11, -12])
    assert names == ["item:item-1", "text:hash-1", "band:0:11", "band:1:-12"]
    assert rules.locks_per_item(32) == len(rules.lock_names(_facts(1), list(range(32)))) == 34


def test_item_without_canonical_version_has_no_chain():
    assert rules.version_chain([]) == []
    assert rules.version_chain([_version(1, 1, canonical_id=9)]) == []


def test_short_notices_of_different_items_are_no_copies():
    notice = ["This story has been withdrawn."]
    one = _shingled(_facts(1, body_hash="kill"), notice)
    other = _shingled(_facts(2, body_hash="kill"), notice)
    assert rules.copy_link(other, one, POLICY) is None
    resent = _shingled(_facts(3, item_key="item-1", body_hash="kill"), notice)
    link = rules.copy_link(resent, one, POLICY)
    assert link is not None
    assert link.decision == "same_version"


def test_kill_of_a_copy_still_kills_the_item():
    assert rules.is_killed([_version(1, 1), _version(2, 2, pubstatus="canceled", canonical_id=5)])


def test_other_version_of_the_item_is_no_copy_even_when_the_text_is_the_same():
    v1 = _shingled(_facts(1, item_key="item", body_hash="same"), STORY)
    v2 = _shingled(_facts(2, item_key="item", version=2, body_hash="same"), STORY)
    assert rules.copy_link(v2, v1, POLICY) is None
