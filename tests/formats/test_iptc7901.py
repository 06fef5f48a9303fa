"""IPTC 7901 on the dpa samples, field by field, and its deterministic identity."""

import re
from datetime import UTC, datetime

import pytest

from pipeline.formats import collecting_skipped, detect, parse_bytes
from pipeline.schemas import Subject
from tests.corpus import corpus_file

OUTPUT = "iptc7901/dpa-digitalwires-to-iptc7901/tests/data/output/"
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _bytes(name):
    return corpus_file(f"{OUTPUT}{name}").read_bytes()


def _parse_bytes(data, name="x.iptc"):
    (article,) = parse_bytes(data, name)
    return article


@pytest.fixture(scope="module")
def eil():
    return _parse_bytes(_bytes("eil.iptc"))


@pytest.fixture(scope="module")
def dw1():
    return _parse_bytes(_bytes("dw-1.iptc"))


@pytest.fixture(scope="module")
def nsb():
    return _parse_bytes(_bytes("nsb-n1.iptc"))


def test_detected_from_bytes_not_name():
    assert detect(_bytes("eil.iptc"), "eil.json").name == "iptc7901"


def test_header_priority_becomes_urgency(eil):
    assert eil.urgency == 2


def test_header_category_and_word_count(eil):
    assert eil.subjects == [Subject(code="pl", scheme="iptc7901-category")]
    assert eil.raw_meta["header"]["words"] == "41"
    assert eil.raw_meta["header"]["source"] == "bdt"


def test_keyword_line_is_the_slugline(eil):
    assert eil.slugline == "Partei/Deutschland/Grüne"


def test_headline_without_notes_and_bell_marker(eil):
    assert eil.headline == "Grünen-Spitze tritt nach Wahlniederlagen ab"
    assert eil.raw_meta["notes"] == ["Eil"]


def test_dateline_is_split_from_the_body(eil):
    assert eil.dateline_text == "Berlin (dpa) -"
    assert eil.dateline_place == "Berlin"
    assert eil.body.startswith("Die Grünen-Spitze zieht nach den Misserfolgen der Partei")


def test_wrapped_lines_are_joined(eil):
    assert len(eil.paragraphs) == 1
    assert "\n" not in eil.paragraphs[0]


def test_notepad_and_closing_line_stay_out_of_the_body(eil):
    assert "Notizblock" not in eil.body
    assert "dpa abc yydd n1 sku" not in eil.body
    assert eil.raw_meta["notepad"].startswith("# Notizblock")


def test_trailer_time_in_agency_zone(eil):
    # 251037 Sep 24 is 10:37 in Berlin (CEST), 08:37 UTC.
    assert eil.published_at == datetime(2024, 9, 25, 8, 37, tzinfo=UTC)


def test_no_control_bytes_left(eil, dw1, nsb):
    for article in (eil, dw1, nsb):
        assert not CONTROLS.search(article.headline + article.body)


def test_byline_line_in_the_heading(dw1):
    assert dw1.byline == "Von Marco Krefting und Sunrita Sen, dpa"
    assert dw1.headline == "«Mythos Jungfernhäutchen» - Zwischen Aufklärung und Kommerz"


def test_correction_note_marks_correction_and_raises_version(dw1):
    assert dw1.is_correction is True
    assert dw1.version == 2
    assert dw1.update_marker.startswith("Berichtigung: In einer früheren Version")


def test_teaser_before_the_dateline_is_kept_apart(dw1):
    assert dw1.raw_meta["teaser"].startswith("Ein Unternehmen aus Baden vertreibt")
    assert dw1.body.startswith("Die meisten Kundinnen bestellen nur einmal")


def test_regional_dateline_agency(nsb):
    assert nsb.dateline_text == "Peine (dpa/lni) -"
    assert nsb.agency == "dpa"
    assert nsb.raw_meta["notes"] == ["Foto Illustration"]


def test_same_bytes_same_key(eil):
    assert _parse_bytes(_bytes("eil.iptc"), "copy.iptc").item_key == eil.item_key


def test_resend_with_corrected_body_keeps_key_and_correction_raises_version(eil):
    corrected = (
        _bytes("eil.iptc")
        .replace(b"Zuvor", b"Vorher")
        .replace(b"\x02(Eil", b"\x02(Berichtigung: Wortwahl)\r\n(Eil")
    )
    article = _parse_bytes(corrected)
    assert article.item_key == eil.item_key
    assert "Vorher hatte" in article.body
    assert (article.version, article.is_correction) == (2, True)


def test_other_story_other_key(eil, nsb):
    assert eil.item_key != nsb.item_key


def test_several_messages_in_one_file(eil, nsb):
    stream = _bytes("eil.iptc") + _bytes("nsb-n1.iptc")
    articles = parse_bytes(stream, "stream.iptc")
    assert [a.item_key for a in articles] == [eil.item_key, nsb.item_key]
    assert [a.item_index for a in articles] == [0, 1]


def test_a_broken_message_in_a_stream_loses_only_itself(eil, nsb):
    broken = b"\x01?? unreadable header\n\x02Kopf =\n\nBonn (KNA) - Text.\n\x03131137 Nov 13\x04"
    stream = _bytes("eil.iptc") + broken + _bytes("nsb-n1.iptc")
    with collecting_skipped() as skipped:
        articles = parse_bytes(stream, "stream.iptc")
    assert [(a.item_key, a.item_index) for a in articles] == [(eil.item_key, 0), (nsb.item_key, 2)]
    assert [(s.index, s.kind) for s in skipped] == [(1, "malformed_header")]


def test_the_undeclared_language_is_recorded_as_guessed(eil):
    assert (eil.language, eil.raw_meta["language_guessed"]) == ("de", True)
    table = (
        "\x01bsp001 4 sp 40 dpa\n\x02Bundesliga =\n\nFC A | - | FC B | 2:1\n\x03131137 Nov 13\x04"
    )
    results = _parse_bytes(table.encode())
    assert results.language is None
    assert "language_guessed" not in results.raw_meta


def test_gmt_trailer_and_missing_year():
    message = "\x01bkn014 4 pl 171 KNA\n\nTest/\n\x02Kopf =\n\nBonn (KNA) - Text.\n\x03"
    gmt = _parse_bytes(f"{message}131137 GMT Nov 13\x04".encode())
    assert gmt.published_at == datetime(2013, 11, 13, 11, 37, tzinfo=UTC)
    undated = _parse_bytes(f"{message}131137 Nov\x04".encode())
    assert undated.published_at is None
    assert undated.warnings == ["7901 trailer without a full date: '131137 Nov'"]
