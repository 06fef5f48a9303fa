import json
from datetime import UTC, datetime

import lxml.html
import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.schemas import PubStatus
from tests.corpus import corpus_file
from tests.formats.xmlcases import article, field_cases, field_value, parsed, sample_path

DPA = "newsml-g2/dpa-digitalwires-to-newsmlg2/tests/data/output/"
EIL = DPA + "eil.xml"
EMBARGOED = DPA + "embargoed.xml"
WITH_DATELINE = DPA + "with_dateline.xml"
REUTERS = (
    "newsml-g2/gextech-iptc-newsml/src/test/resources/"
    "201601026085EY-MIDEAST-CRISISSYRIA_FIGHTERS.xml"
)
LISTING_2 = "newsml-g2/iptc-newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"
SPORTS_NITF = "newsml-g2/iptc-newsml-g2/examples/LISTING_22_Sports_story_in_NewsML-G2NITF.xml"
TT = "newsml-g2/iptc-ninjs/tools/xslt/TT_newsmlg2_sample.xml"

EXPECTED = {
    EIL: {
        "format": "newsml_g2",
        "item_key": "urn:newsml:dpa.com:20090101:240925-930-242744",
        "version": 1,
        "agency": "dpa",
        "headline": "Grünen-Spitze tritt nach Wahlniederlagen ab",
        "dateline_place": "Berlin",
        "dateline_text": "Berlin (dpa) -",
        "published_at": datetime(2024, 9, 25, 8, 37, 24, tzinfo=UTC),
        "language": "de",
        "urgency": 2,
        "pubstatus": PubStatus.USABLE,
        "subject_codes": ["dpacat:pl", "dpacountry:1", "medtop:20000651"],
        "copyright": "Copyright 2024, dpa (www.dpa.de). Alle Rechte vorbehalten",
        # The <span class="dateline"> lead-in is the dateline field, not body text.
        "first_paragraph": "Die Grünen-Spitze zieht nach den Misserfolgen der Partei bei mehreren "
        "Wahlen personelle Konsequenzen. Die Co-Vorsitzenden Ricarda Lang und Omid Nouripour "
        "gaben in Berlin den Rücktritt des gesamten Parteivorstandes im November bekannt. Zuvor "
        "hatte das Nachrichtenportal «Table Media» berichtet.",
        "paragraph_count": 1,
    },
    EMBARGOED: {
        "embargo_until": datetime(2025, 1, 23, 18, 0, tzinfo=UTC),
        "headline": "Steinmeier: Russland zerstört kulturelles Erbe der Ukraine",
        "urgency": 4,
    },
    WITH_DATELINE: {
        "version": 2,
        "byline": "Von Andrej Sokolow, dpa",
        "dateline_place": "New York",
        "update_marker": "sig:update",
        "is_correction": False,
    },
    REUTERS: {
        "item_key": "tag:reuters.com,2016:newsml_WN3YCW1TW",
        "item_index": 1,
        "version": 2,
        "agency": "reuters.com",
        "slugline": "MIDEAST-CRISIS/SYRIA FIGHTERS",
        "byline": "Reuters, JAN 02",
        "dateline_place": "SAID TO BE DERAA, SYRIA",
        "dateline_text": "SAID TO BE DECEMBER 31, 2015",
        "first_created_at": datetime(2016, 1, 2, 19, 3, 39, tzinfo=UTC),
        "urgency": 3,
        "last_paragraph": "FULL SCRIPT TO FOLLOW",
    },
    LISTING_2: {
        "item_key": "urn:newsml:acmenews.com:20161121:US-FINANCE-FED",
        "version": 11,
        "headline": 'Fed to halt QE to avert "bubble"',
        "slugline": "US-Finance-Fed",
        "byline": "By Meredith Jameson, Staff Reporter",
        "dateline_place": "New York, NY",
        "published_at": datetime(2018, 11, 21, 21, 25, 32, tzinfo=UTC),
        "language": "en-US",
        "subject_codes": ["medtop:04000000", "medtop:20000350", "medtop:20000379"],
        "copyright": "Copyright 2017-18 Acme News and Media LLC",
        "paragraph_count": 2,
    },
    SPORTS_NITF: {
        "headline": "Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), "
        "7:05 p.m.",
        "byline": "Sports Network",
        "paragraph_count": 6,
    },
    TT: {
        "item_key": "http://tt.se/media/text/210919-janguillou-879f202b",
        "agency": "TT",
        "language": "sv",
        "slugline": "janguillou",
        # The <h1> repeating the headline is not kept as the first paragraph.
        "headline": 'Jan Guillou skriver på ny "Hamilton"-bok',
        "paragraph_count": 6,
    },
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    assert field_value(article(sample), field) == expected


def test_message_keeps_only_text_items_and_notes_the_others():
    (story,) = parsed(REUTERS)
    assert any("packageItem" in warning for warning in story.warnings)
    assert any("video item without text" in warning for warning in story.warnings)


def test_raw_meta_keeps_signals_and_ednotes():
    raw = article(WITH_DATELINE).raw_meta
    assert raw["signals"] == ["sig:update"]
    assert "Sendeziel für Digitalprodukte ergänzt." in raw["ed_notes"]


@pytest.mark.parametrize("item", ["dw-1", "eil", "lesestuecke", "nsb_n1", "spe_tab", "tvo_pol"])
def test_same_story_as_the_digitalwires_json(item):
    """The G2 conversion of a dpa item carries the JSON's headline, and teaser plus text."""
    source = corpus_file(
        f"dpa-digitalwires-json/dpa-digitalwires-to-newsmlg2/tests/data/input/{item}.json"
    )
    entry = json.loads(source.read_text(encoding="utf-8"))
    html = lxml.html.fragment_fromstring(entry["article_html"], create_parent="div")
    expected_text = (entry.get("teaser") or "") + html.text_content()
    story = article(f"{DPA}{item}.xml")
    assert story.headline == entry["headline"]
    assert _letters(story.body) == _letters(expected_text)


def _letters(text: str) -> str:
    return "".join(text.split())


def test_guid_version_suffix_is_not_part_of_the_key():
    data = sample_path(EIL).read_bytes().replace(b'240925-930-242744"', b'240925-930-242744:1"')
    assert parse_bytes(data)[0].item_key == article(EIL).item_key


def test_versions_share_the_key():
    data = sample_path(EIL).read_bytes()
    newer = parse_bytes(data.replace(b'version="1" xml:lang', b'version="2" xml:lang'))[0]
    assert newer.item_key == article(EIL).item_key
    assert (article(EIL).version, newer.version) == (1, 2)


def test_same_bytes_same_keys():
    data = sample_path(REUTERS).read_bytes()
    assert [a.item_key for a in parse_bytes(data)] == [a.item_key for a in parsed(REUTERS)]


@pytest.mark.parametrize(
    ("sample", "named"),
    [
        ("LISTING_10_Abstract_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml", "concept item"),
        ("LISTING_12_Knowledge_Item_for_Access_Codes.xml", "knowledge item"),
        ("LISTING_13_Complete_Catalog_Item.xml", "catalog item"),
        ("LISTING_17_Planning_Item_a_CCL.xml", "planning item"),
        ("LISTING_6_Simple_NewsML-G2_Package.xml", "package item"),
        ("LISTING_3_Photo_in_NewsML-G2.xml", "picture item"),
        ("LISTING_4_Multiple_Renditions_of_a_Video_in_NewsML-G2.xml", "video item"),
        ("LISTING_7_Group_Set_example_showing_Hierarchical_Package_Structure.xml", "fragment"),
    ],
)
def test_not_a_news_item_names_what_it_is(sample, named):
    with pytest.raises(PermanentError) as raised:
        parsed(f"newsml-g2/iptc-newsml-g2/examples/{sample}")
    assert raised.value.kind == "not_news_item"
    assert named in raised.value.message


def test_news_item_without_guid_is_unusable():
    data = sample_path(EIL).read_bytes().replace(b'guid="urn:newsml:dpa.com', b'id="x')
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "noguid.xml")
    assert raised.value.kind == "invalid_item"
    assert "@guid" in raised.value.message


def test_text_item_with_empty_inline_xml_has_no_body():
    with pytest.raises(PermanentError) as raised:
        parsed("newsml-g2/iptc-newsml-g2/examples/LISTING_1_A_NewsML-G2_News_Item.xml")
    assert raised.value.kind == "no_body"


def test_sportsml_content_is_named_when_there_is_no_text():
    with pytest.raises(PermanentError) as raised:
        parsed(
            "newsml-g2/iptc-newsml-g2/examples/LISTING_21_A_complete_sample_SportsML-G2_document.xml"
        )
    assert "sportsml" in raised.value.message


def test_body_that_only_repeats_the_headline_has_no_body():
    data = (
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1">'
        b"<contentMeta><headline>Only a headline</headline></contentMeta><contentSet>"
        b'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
        b"<body><h1>Only a headline</h1></body></html></inlineXML></contentSet></newsItem>"
    )
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "headline-only.xml")
    assert raised.value.kind == "no_body"
