"""ninjs 1.x and 3.x on the IPTC samples, field by field."""

import json
from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import collecting_skipped, detect, parse_bytes
from pipeline.schemas import PubStatus, Subject
from tests.corpus import corpus_file

EXAMPLES = "ninjs/iptc-ninjs/examples/"
DPA = f"{EXAMPLES}3.0/dpa_text.json"
NTB = f"{EXAMPLES}3.0/ntb_text.json"
COMPLEX_14 = f"{EXAMPLES}1.4/ninjsExComplex1.json"
TT = f"{EXAMPLES}3.0/tt_text_image_3.json"
NITF_BODY = (
    f"{EXAMPLES}3.0/20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-"
    "ever-addb-ninjs-nitf.json"
)
INVALID_HEADLINES = "ninjs/iptc-ninjs/validation/java/ninjsvalidator/src/main/resources/"
INVALID_PROPERTY = "ninjs/iptc-ninjs/validation/Windows-dot.net/ninjsExComplex2-invalid.json"


def _parse(relative):
    (article,) = parse_bytes(corpus_file(relative).read_bytes(), relative)
    return article


@pytest.fixture(scope="module")
def dpa():
    return _parse(DPA)


@pytest.fixture(scope="module")
def ntb():
    return _parse(NTB)


@pytest.fixture(scope="module")
def complex14():
    return _parse(COMPLEX_14)


def test_detected_as_ninjs(dpa, ntb, complex14):
    assert {dpa.format, ntb.format, complex14.format} == {"ninjs"}


def test_dpa_key_and_version_from_uri_and_version(dpa):
    assert dpa.item_key == "urn:newsml:dpa.com:20090101:190510-99-167362"
    assert dpa.version == 2


def test_dpa_headline_from_headlines_array(dpa):
    assert dpa.headline == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"


def test_dpa_body_from_html_bodies(dpa):
    assert len(dpa.paragraphs) == 9
    assert dpa.paragraphs[0].startswith("Für Lucien Favre war es «der größte Skandal")
    assert "<" not in dpa.body


def test_dpa_version_created_in_utc(dpa):
    assert dpa.published_at == datetime(2019, 5, 10, 14, 2, 28, tzinfo=UTC)


def test_dpa_urgency_language_byline_copyright(dpa):
    assert dpa.urgency == 4
    assert dpa.language == "de"
    assert dpa.byline == "Von Christian Hollmann, dpa"
    assert dpa.copyright == "Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten"
    assert dpa.agency == "dpa"


def test_ntb_first_created_and_slugline(ntb):
    assert ntb.first_created_at == datetime(2019, 8, 9, 9, 30, 4, tzinfo=UTC)
    assert ntb.published_at == datetime(2019, 8, 9, 9, 46, 53, tzinfo=UTC)
    assert ntb.slugline == "skien-google"


def test_ntb_subjects_keep_literal_codes(ntb):
    assert Subject(code="13010000", name="Teknologi") in ntb.subjects
    assert len(ntb.subjects) == 4


def test_ntb_without_body_uses_description_with_warning(ntb):
    assert ntb.body.startswith("IT-giganten Google har kjøpt en tomt")
    assert ntb.warnings == ["item has no body; its text description is used as the body"]


def test_ntb_ednote_and_status(ntb):
    assert ntb.raw_meta["edNote"] == "Noe utvidet."
    assert ntb.pubstatus is PubStatus.USABLE
    assert ntb.urgency == 5


def test_v14_lowercase_fields(complex14):
    assert complex14.item_key == "http://ninjs.example.com/newsitems/20130709cplx123"
    assert complex14.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert complex14.byline == "Paulo Santalucia and Frances d'Emilio"
    assert complex14.published_at == datetime(2013, 7, 9, 10, 37, tzinfo=UTC)
    assert complex14.language == "en"


def test_v14_located_and_dateline_split_from_body(complex14):
    assert complex14.dateline_place == "Grossetto, Italy"
    assert complex14.dateline_text == "GROSSETO, Italy (AP) --"
    assert complex14.agency == "AP"
    assert complex14.body.startswith("The trial of the captain of the shipwrecked Costa")
    assert len(complex14.paragraphs) == 4


def test_tt_html_body_skips_repeated_headline_and_vignette():
    article = _parse(TT)
    assert article.paragraphs[0].startswith("Pandemin satte stopp för den stora")
    assert article.slugline == "militärövning"
    assert article.subjects[0].code == "16000000"


def test_nitf_body_inside_ninjs():
    article = _parse(NITF_BODY)
    assert article.paragraphs[0].startswith("The Australian Sports Anti-Doping Authority")
    assert len(article.paragraphs) == 18
    assert article.byline == "Trond Husø, The Anti-Doping Database"


def test_headlines_as_string_is_used_with_a_warning():
    article = _parse(f"{INVALID_HEADLINES}ninjs_example_invalid.json")
    assert article.headline == "Captain of wrecked cruise ship on trial in Italy"
    (warning,) = article.warnings
    assert warning.startswith("'headlines' is a string, not an array")


def test_unknown_property_is_named_in_a_warning():
    article = _parse(INVALID_PROPERTY)
    assert article.warnings == ["property 'organisationXXX' is not in the ninjs schema; ignored"]


@pytest.mark.parametrize(
    ("relative", "reason"),
    [
        (f"{EXAMPLES}3.0/ap_image.json", "ninjs picture item"),
        (f"{EXAMPLES}3.0/ap_video.json", "ninjs video item"),
        (f"{EXAMPLES}3.0/ap_audio.json", "ninjs audio item"),
        (f"{EXAMPLES}3.0/simpleEvent.json", "ninjs event item"),
        (f"{EXAMPLES}3.0/collection/20231016-event-timeline-sample.json", "collection of 14"),
    ],
)
def test_items_without_text_are_not_news_items(relative, reason):
    with pytest.raises(PermanentError) as caught:
        parse_bytes(corpus_file(relative).read_bytes(), relative)
    assert caught.value.kind == "not_news_item"
    assert reason in caught.value.message


def test_collection_yields_one_article_per_text_item():
    text_item = json.loads(corpus_file(DPA).read_bytes())
    picture = {"uri": "urn:picture:1", "type": "picture", "headlines": [{"value": "Photo"}]}
    other = {**text_item, "uri": "urn:text:2"}
    articles = parse_bytes(json.dumps([text_item, picture, other]).encode(), "collection.json")
    assert [article.item_key for article in articles] == [text_item["uri"], "urn:text:2"]
    assert [article.item_index for article in articles] == [0, 2]


def test_schema_file_is_not_an_item():
    relative = "schemas/iptc-ninjs/specification/ninjs-schema_3.1.json"
    with pytest.raises(PermanentError) as caught:
        parse_bytes(corpus_file(relative).read_bytes(), relative)
    assert caught.value.kind == "unknown_format"


def test_malformed_json_names_line_and_column():
    data = b'{\n  "uri": "urn:x",\n  "headline": "A",\n  "body_text": "B"\n  "version": 2\n}'
    with pytest.raises(PermanentError) as caught:
        parse_bytes(data, "broken.json")
    assert caught.value.kind == "malformed_json"
    assert "line 5, column 3" in caught.value.message


@pytest.mark.parametrize(
    ("data", "where"), [(b"[1,2,3", "line 1, column 7"), (b'{"a": 1,}', "line 1, column 9")]
)
def test_broken_json_of_no_known_format_is_malformed_not_unknown(data, where):
    with pytest.raises(PermanentError) as caught:
        parse_bytes(data, "short.json")
    assert caught.value.kind == "malformed_json"
    assert where in caught.value.message
    assert caught.value.file == "short.json"


def test_well_formed_json_of_no_known_format_is_unknown():
    with pytest.raises(PermanentError) as caught:
        parse_bytes(b'{"a": 1}', "other.json")
    assert caught.value.kind == "unknown_format"


def test_same_bytes_same_key_and_versions_share_the_key(dpa):
    doc = json.loads(corpus_file(DPA).read_bytes())
    (newer,) = parse_bytes(json.dumps({**doc, "version": "3"}).encode(), "newer.json")
    assert _parse(DPA).item_key == dpa.item_key == newer.item_key
    assert newer.version > dpa.version


def test_canceled_status_and_embargo():
    doc = {
        "uri": "urn:x:1",
        "headlines": [{"role": "main", "value": "Killed"}, {"role": "sub", "value": "Sub"}],
        "bodies": [{"contentType": "text/plain", "value": "Text one.\n\nText two."}],
        "pubStatus": "canceled",
        "embargoedUntil": "2024-01-02T10:00:00+01:00",
    }
    (article,) = parse_bytes(json.dumps(doc).encode(), "x.json")
    assert article.pubstatus is PubStatus.CANCELED
    assert article.embargo_until == datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
    assert article.subheadline == "Sub"
    assert article.paragraphs == ["Text one.", "Text two."]


def test_detection_ignores_the_file_name():
    data = corpus_file(DPA).read_bytes()
    assert detect(data, "story.txt").name == "ninjs"


def test_time_without_zone_takes_the_agency_zone():
    doc = {
        "uri": "urn:ntb:1",
        "headlines": [{"value": "Overskrift"}],
        "bodies": [{"contentType": "text/plain", "value": "Tekst."}],
        "copyrightHolder": "NTB",
        "versionCreated": "2024-01-02T10:00:00",
    }
    (article,) = parse_bytes(json.dumps(doc).encode(), "naive.json")
    assert article.published_at == datetime(2024, 1, 2, 9, 0, tzinfo=UTC)


def test_utf16_json_with_bom():
    data = corpus_file(DPA).read_bytes().decode("utf-8").encode("utf-16")
    (article,) = parse_bytes(data, "utf16.json")
    assert article.headline == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"


def test_business_wire_mojibake_is_repaired_with_a_warning():
    article = _parse(f"{EXAMPLES}1.4/businesswire-newsml-20130515006361.json")
    assert "the world’s most powerful rack workstation" in article.body
    assert article.warnings == ["repaired UTF-8 text that had been decoded as cp1252 (mojibake)"]


def test_a_dateline_without_agency_is_split_from_the_body():
    item = {
        "uri": "urn:example:1",
        "headline": "Purolator sets offer",
        "body_text": "HOUSTON, Feb 26 - Purolator Courier Corp said it agreed to be acquired.",
        "copyrightholder": "Reuters",
    }
    (article,) = parse_bytes(json.dumps(item).encode(), "item.json")
    assert (article.dateline_place, article.dateline_text) == ("HOUSTON", "HOUSTON, Feb 26 -")
    assert article.agency == "Reuters"
    assert article.body == "Purolator Courier Corp said it agreed to be acquired."


def _collection_items(count: int) -> list[dict[str, str]]:
    return [
        {"uri": f"urn:c:{n}", "headline": f"Item {n}", "body_text": f"Text of item {n}."}
        for n in range(count)
    ]


def _read(data: bytes) -> tuple[list[int], dict[int, str]]:
    with collecting_skipped() as skipped:
        articles = parse_bytes(data, "collection.json")
    return [article.item_index for article in articles], {s.index: s.message for s in skipped}


def test_a_collections_text_item_without_body_is_skipped_with_its_reason():
    items: list[object] = [*_collection_items(4)]
    del items[1]["body_text"]  # type: ignore[attr-defined]
    items[2] = {"uri": "urn:c:p", "type": "picture", "headline": "Picture"}
    read, skipped = _read(json.dumps(items).encode())
    assert read == [0, 3]
    assert sorted(skipped) == [1, 2]
    assert "no text" in skipped[1] or "body" in skipped[1]


def test_a_collection_malformed_inside_one_item_loses_only_that_item():
    lines = [json.dumps(item) for item in _collection_items(3)]
    lines[1] = lines[1].replace('"Item 1"', '"Item 1')  # a closing quote lost
    lines.append('"not an item"')
    data = ("[\n" + ",\n".join(lines) + "\n]\n").encode()
    read, skipped = _read(data)
    assert read == [0, 2]
    assert list(skipped) == [1, 3]
    assert "malformed JSON at line 3, column " in skipped[1]
    assert skipped[3].startswith("item 3 of the file skipped: a collection's item is a JSON str")


def test_a_collection_cut_inside_an_item_keeps_the_items_before():
    data = json.dumps(_collection_items(4), indent=1).encode()
    cut = data[: data.index(b"Text of item 2") + 4]
    read, skipped = _read(cut)
    assert read == [0, 1]
    assert list(skipped) == [2]
    assert "the file ends inside it: truncated?" in skipped[2]


def test_a_malformed_collection_with_no_readable_item_fails_as_malformed_json():
    with pytest.raises(PermanentError) as raised:
        parse_bytes(b'[{"uri": "urn:c:1", "headline": "x}', "collection.json")
    assert raised.value.kind == "malformed_json"


def test_a_collection_on_one_line_loses_everything_from_its_first_broken_item():
    text = json.dumps(_collection_items(4)).replace('"Item 1"', '"Item 1')
    read, skipped = _read(text.encode())
    assert (read, list(skipped)) == ([0], [1])


def test_a_collection_cut_between_items_notes_the_cut():
    data = json.dumps(_collection_items(3), indent=1).encode()
    cut = data[: data.index(b'{\n  "uri": "urn:c:2"')]
    read, skipped = _read(cut)
    assert (read, list(skipped)) == ([0, 1], [2])
    assert "the file ends before the array closes: truncated?" in skipped[2]


def test_text_after_a_collection_fails_the_file_as_malformed_json():
    data = json.dumps(_collection_items(2)).encode() + b" trailing"
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "collection.json")
    assert raised.value.kind == "malformed_json"
