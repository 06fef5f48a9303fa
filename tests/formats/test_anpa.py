"""ANPA-1312 on AP-style fixtures: a story, its write-through, a correction and a kill."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.formats import collecting_skipped, detect, parse_bytes
from pipeline.schemas import PubStatus

FIXTURES = Path(__file__).parent / "fixtures" / "anpa"
TAKES = (
    "senate-1-first.anpa",
    "senate-2-1stld-writethru.anpa",
    "senate-3-correction.anpa",
    "senate-4-kill.anpa",
)


def _parse(name):
    (article,) = parse_bytes((FIXTURES / name).read_bytes(), name)
    return article


@pytest.fixture(scope="module")
def takes():
    return [_parse(name) for name in TAKES]


@pytest.fixture(scope="module")
def first(takes):
    return takes[0]


def test_detected_from_bytes():
    assert detect((FIXTURES / TAKES[0]).read_bytes(), "x.txt").name == "anpa1312"


def test_slug_and_category(first):
    assert first.slugline == "BC-US-Senate"
    assert first.raw_meta["category"] == "a"
    assert first.raw_meta["word_count"] == 412


def test_priority_letter_to_urgency(takes):
    assert [take.urgency for take in takes] == [5, 3, 3, 1]


def test_headline_and_byline_from_caret_lines(first):
    assert first.headline == "Senate votes to extend borrowing authority"
    assert first.byline == "By ALAN FRAM"
    assert first.raw_meta["byline_title"] == "Associated Press"


def test_dateline_with_underscore_dash(first):
    assert first.dateline_text == "WASHINGTON (AP) _"
    assert first.dateline_place == "WASHINGTON"
    assert first.agency == "AP"


def test_tab_indented_paragraphs_without_end_mark(first):
    assert len(first.paragraphs) == 2
    assert first.paragraphs[0].startswith("The Senate voted Wednesday to extend")
    assert "(END)" not in first.body


def test_trailer_time_is_gmt(first):
    assert first.published_at == datetime(2013, 11, 13, 15, 9, tzinfo=UTC)


def test_takes_share_one_key_with_increasing_versions(takes):
    assert len({take.item_key for take in takes}) == 1
    assert [take.version for take in takes] == [1, 2, 3, 4]


def test_writethru_marker_and_ednote(takes):
    assert takes[1].update_marker == "1stLd-Writethru"
    assert takes[1].raw_meta["ednote"].startswith("UPDATES with House schedule")


def test_correction_is_flagged(takes):
    assert [take.is_correction for take in takes] == [False, False, True, False]
    assert "54-46" in takes[2].body


def test_kill_cancels_the_story(takes):
    kill = takes[3]
    assert kill.pubstatus is PubStatus.CANCELED
    assert kill.headline == "Senate votes to extend borrowing authority, House next"
    assert [take.pubstatus for take in takes[:3]] == [PubStatus.USABLE] * 3


def test_embargo_note_sets_embargo():
    article = _parse("health-embargoed.anpa")
    assert article.embargo_until == datetime(2013, 11, 13, 22, 0, tzinfo=UTC)
    assert article.raw_meta["byline_title"] == "AP Medical Writer"


def test_same_bytes_same_key(first):
    assert _parse(TAKES[0]).item_key == first.item_key


def test_withhold_take_word():
    data = (FIXTURES / TAKES[3]).read_bytes().replace(b" Kill ", b" Withhold ")
    (withheld,) = parse_bytes(data, "withhold.anpa")
    assert withheld.pubstatus is PubStatus.WITHHELD


def test_a_broken_message_in_a_stream_loses_only_itself(takes):
    """The second take's keyword line replaced by one no reader can take apart."""
    data = [(FIXTURES / name).read_bytes() for name in TAKES[:3]]
    header_end = data[1].index(b"\x02")
    data[1] = data[1][:header_end].split(b"\r\n")[0] + b"\r\n?? ?? ??\r\n" + data[1][header_end:]
    with collecting_skipped() as skipped:
        articles = parse_bytes(b"".join(data), "stream.anpa")
    assert [a.version for a in articles] == [takes[0].version, takes[2].version]
    assert [a.item_index for a in articles] == [0, 2]
    assert [(s.index, s.kind) for s in skipped] == [(1, "malformed_header")]
