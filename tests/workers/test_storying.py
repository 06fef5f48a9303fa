"""The story step's re-check under the lock: the candidates found before, with the changes."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.storage.stories import Candidate
from workers.stages.storying import with_changes, with_moves

SEEN = datetime(2021, 3, 9, tzinfo=UTC)


def _found(*pairs: tuple[int, float]) -> dict[int, Candidate]:
    return {article_id: Candidate(1, SEEN, distance) for article_id, distance in pairs}


def test_placed_since_joins_nearest_first_and_the_list_stays_at_its_limit():
    before = _found((1, 10.0), (2, 30.0), (3, 50.0))
    current = with_changes(before, {4: Candidate(7, SEEN, 20.0)}, limit=3)
    assert current is not None
    assert list(current) == [1, 4, 2]
    assert current[4].story_id == 7


def test_a_candidate_that_moved_keeps_its_place_with_its_new_story():
    before = _found((1, 10.0), (2, 30.0))
    current = with_changes(before, {2: Candidate(9, SEEN, 30.0)}, limit=5)
    assert current is not None
    assert [(key, value.story_id) for key, value in current.items()] == [(1, 1), (2, 9)]


def test_one_no_longer_a_candidate_leaves_a_list_that_held_all_of_them():
    before = _found((1, 10.0), (2, 30.0))
    assert with_changes(before, {1: None, 5: None}, limit=5) == _found((2, 30.0))


def test_one_leaving_a_full_list_asks_for_a_new_lookup():
    """The 201st nearest article was never read: it may now be among the nearest."""
    before = _found((1, 10.0), (2, 30.0))
    assert with_changes(before, {2: None}, limit=2) is None
    assert with_changes(before, {3: None}, limit=2) == before  # never in it: nothing left


def test_members_follow_what_was_placed_since_in_the_stories_compared():
    """One placed in the story is a member now; one made a copy, or moved to another story, is
    not; one placed in a story not compared stays out."""
    members = _found((1, 10.0), (2, 30.0), (3, 50.0))  # all of story 1
    moved = {4: Candidate(1, SEEN, 20.0), 5: Candidate(8, SEEN, 5.0), 2: None}
    moved[3] = Candidate(8, SEEN, 50.0)
    now = with_moves(members, moved, {1})
    assert {key: found.story_id for key, found in now.items()} == {1: 1, 4: 1}
