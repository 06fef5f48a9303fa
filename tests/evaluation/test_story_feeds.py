"""One-day feeds: reading them, and the stories a German day makes (real dpa copy, generated)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.evaluation.stories import b_cubed
from pipeline.evaluation.story_feeds import cluster_feed, evaluate_feed, read_feed
from pipeline.settings import get_settings

FEEDS = Path(__file__).parents[1] / "data" / "stories"
GENERATED = FEEDS / "de-one-day-feed.txt"
DPA = FEEDS / "dpa-german-items.txt"


def test_reader_takes_items_in_time_order_with_their_happenings(tmp_path: Path):
    feed = tmp_path / "feed.txt"
    feed.write_text(
        "# made for this test\n"
        "=== later 10:00 Zweite Meldung\nText der zweiten.\n\n"
        "=== first 08:30 Erste Meldung\nErster Absatz.\nZweiter Absatz.\n",
        encoding="utf-8",
    )
    read = read_feed(feed)
    assert read.description == ["made for this test"]
    assert read.happenings == ["first", "later"]
    first = read.articles[0]
    assert first.headline == "Erste Meldung"
    assert first.paragraphs == ["Erster Absatz.", "Zweiter Absatz."]
    assert first.published_at is not None
    assert (first.published_at.hour, first.published_at.minute) == (8, 30)


def test_reader_takes_wire_files_at_the_feed_time():
    feed = read_feed(DPA)
    assert len(feed.articles) == 32
    assert {article.language for article in feed.articles} == {"de", None}  # 7901: undeclared
    assert {article.published_at.date() for article in feed.articles if article.published_at} == {
        read_feed(GENERATED).articles[0].published_at.date()  # type: ignore[union-attr]
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("=== x 8:00 Kopf\n", "not '=== <happening>"),
        ("Text\n=== x 08:00 Kopf\n", "text before the first item"),
    ],
)
def test_malformed_feed_names_the_line(tmp_path: Path, text: str, problem: str):
    feed = tmp_path / "bad.txt"
    feed.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad.txt:\d: {problem}"):
        read_feed(feed)


def test_real_dpa_items_make_one_story_each_whatever_format_they_came_in():
    """13 unrelated dpa items, vendored in up to three formats, on one day: 13 stories."""
    feed = read_feed(DPA)
    predicted = cluster_feed(feed.articles, get_settings())
    scores = b_cubed(predicted, feed.happenings)
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_a_generated_german_day_makes_stories_the_size_of_its_happenings():
    feed = read_feed(GENERATED)
    predicted = cluster_feed(feed.articles, get_settings())
    assert max(Counter(predicted).values()) <= 8
    assert b_cubed(predicted, feed.happenings).recall > 0.95
    story_of = {happening: set() for happening in feed.happenings}
    for happening, story in zip(feed.happenings, predicted, strict=True):
        story_of[happening].add(story)
    # Two of a kind on one day, worded alike: two stories each.
    pairs = [("quake-turkey", "quake-japan"), ("tram-berlin", "tram-munich"),
             ("cup-bayern", "cup-leipzig"), ("fire-hamburg", "fire-cologne")]  # fmt: skip
    for one, other in pairs:
        assert not story_of[one] & story_of[other], (one, other)


def test_a_generated_german_day_joins_no_two_happenings():
    """Its only entities are the listed places and organisations: a shared city (the strike and
    the Munich tram derailment, a ban in Leipzig and Leipzig's cup match) is no shared entity."""
    feed = read_feed(GENERATED)
    predicted = cluster_feed(feed.articles, get_settings())
    assert b_cubed(predicted, feed.happenings).precision == 1.0


def test_report_gives_the_largest_story_and_b_cubed():
    report = evaluate_feed(GENERATED, get_settings())
    assert report.startswith("feed de-one-day-feed.txt: 51 items, 22 happenings (largest 4")
    assert "GENERATED, not agency copy" in report  # its own description, tuning included
    found = re.search(r"largest (\d+) items \((\d+)% of the feed\); B3 P ([\d.]+)", report)
    assert found is not None
    assert int(found[1]) <= 8
