"""dpa digitalwires JSON on the dpa samples, field by field."""

import json
from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.schemas import PubStatus, Subject
from tests.corpus import corpus_file

INPUT = "dpa-digitalwires-json/dpa-digitalwires-to-newsmlg2/tests/data/input/"


def _parse(name):
    (article,) = parse_bytes(corpus_file(f"{INPUT}{name}").read_bytes(), name)
    return article


@pytest.fixture(scope="module")
def dw1():
    return _parse("dw-1.json")


@pytest.fixture(scope="module")
def eil():
    return _parse("eil.json")


@pytest.fixture(scope="module")
def nsb():
    return _parse("nsb_n1.json")


def test_format(dw1, eil, nsb):
    assert {dw1.format, eil.format, nsb.format} == {"dpa_digitalwires"}


def test_key_is_the_urn_and_version_the_version(dw1):
    assert dw1.item_key == "urn:newsml:dpa.com:20090101:240923-930-240378"
    assert dw1.version == 2


def test_headline(eil):
    assert eil.headline == "Grünen-Spitze tritt nach Wahlniederlagen ab"


def test_body_is_the_story_after_the_dateline(eil):
    assert eil.paragraphs == [
        "Die Grünen-Spitze zieht nach den Misserfolgen der Partei bei mehreren Wahlen personelle "
        "Konsequenzen. Die Co-Vorsitzenden Ricarda Lang und Omid Nouripour gaben in Berlin den "
        "Rücktritt des gesamten Parteivorstandes im November bekannt. Zuvor hatte das "
        "Nachrichtenportal «Table Media» berichtet."
    ]


def test_dateline_and_agency(nsb):
    assert nsb.dateline_text == "Peine (dpa/lni) -"
    assert nsb.dateline_place == "Peine"
    assert nsb.agency == "dpa"


def test_version_created_in_utc(eil):
    assert eil.published_at == datetime(2024, 9, 25, 8, 37, 24, tzinfo=UTC)


def test_urgency_status_language(eil):
    assert (eil.urgency, eil.pubstatus, eil.language) == (2, PubStatus.USABLE, "de")


def test_byline_and_correction_signal(dw1):
    assert dw1.byline == "Von Marco Krefting und Sunrita Sen, dpa"
    assert dw1.is_correction is True
    assert dw1.update_marker == "correction"


def test_categories_become_subjects(eil):
    assert Subject(code="medtop:20000651", name="Partei", scheme="dpasubject") in eil.subjects
    assert Subject(code="dpacountry:1", name="Deutschland", scheme="geosubject") in eil.subjects


def test_slugline_is_the_dpa_keyword_line(dw1):
    assert dw1.slugline == "Gesundheit/Gesellschaft/Baden-Württemberg/Deutschland/Frauen"


def test_teaser_notepad_and_links_stay_out_of_the_body(nsb):
    assert nsb.raw_meta["teaser"].startswith("Ein umgestürzter Baum behindert")
    assert nsb.raw_meta["linkbox"] == ["Post auf X der Westfalenbahn"]
    assert "Notizblock" not in nsb.body
    assert "Westfalenbahn informierte" in nsb.body


def test_infobox_is_kept_apart():
    article = _parse("with_infobox.json")
    assert article.raw_meta["infobox"][0] == "Links"
    assert "DW-Faktencheck" not in article.body


def test_dateline_inside_the_html_is_not_repeated_in_the_body():
    article = _parse("with_dateline.json")
    assert article.body.startswith("Ein Chatbot aus China schockt die Wall Street")
    assert article.dateline_text == "New York (dpa) -"
    assert article.update_marker == "update"


def test_embargo():
    assert _parse("embargoed.json").embargo_until == datetime(2025, 1, 23, 18, 0, tzinfo=UTC)


def test_tables_become_rows_with_cells():
    article = _parse("spe_tab.json")
    assert "FC Augsburg | - | Bor. Mönchengladbach | 2:1 (1:0)" in article.paragraphs


def test_empty_paragraphs_are_dropped():
    article = _parse("empty_paragraph.json")
    assert all(article.paragraphs)
    assert article.dateline_text == "MADRID, 21 Nov. 2024 (Europa Press) -"
    assert article.agency == "Europa Press"


@pytest.mark.parametrize("name", ["audio.json", "image.json", "image2.json", "no_content.json"])
def test_media_items_are_not_news_items(name):
    with pytest.raises(PermanentError) as caught:
        _parse(name)
    assert caught.value.kind == "not_news_item"


def test_versions_share_the_key_and_rise():
    doc = json.loads(corpus_file(f"{INPUT}eil.json").read_bytes())
    first = _parse("eil.json")
    (again,) = parse_bytes(json.dumps(doc).encode(), "again.json")
    (update,) = parse_bytes(json.dumps({**doc, "version": 2}).encode(), "update.json")
    assert first.item_key == again.item_key == update.item_key
    assert (first.version, update.version) == (1, 2)


def test_canceled_item():
    doc = json.loads(corpus_file(f"{INPUT}eil.json").read_bytes())
    (killed,) = parse_bytes(json.dumps({**doc, "pubstatus": "canceled"}).encode(), "kill.json")
    assert killed.pubstatus is PubStatus.CANCELED
