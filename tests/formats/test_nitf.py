from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import detect, parse_bytes
from pipeline.schemas import PubStatus
from tests.formats.xmlcases import article, field_cases, field_value, sample_path

NTB = "nitf/iptc-ninjs/tools/xslt/NTB_nitf_sample.xml"
EMBARGOED = "fixtures/nitf-embargoed-correction.xml"
CANCELED = "fixtures/nitf-namespaced-canceled.xml"

EXPECTED = {
    NTB: {
        "format": "nitf",
        "item_key": "nitf:ntb:NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00",
        "version": 1,
        "agency": "NTB",
        "headline": "Pandemien herjer på den legeløse indiske landsbygda",
        "subheadline": None,
        "slugline": "india-korona-bygd",
        "byline": "NTB-AFP-DPA",
        "dateline_place": "Unnao",
        # A time without zone from NTB is Oslo time (CEST in May).
        "published_at": datetime(2021, 5, 16, 7, 0, 4, tzinfo=UTC),
        "embargo_until": None,
        "language": "nb-NO",
        "urgency": 5,
        "pubstatus": PubStatus.USABLE,
        "subject_codes": ["07001000", "07000000"],
        "is_correction": False,
        "paragraph_count": 22,
        "first_paragraph": "Koronapandemien herjer også i landsbyer rundt omkring i India. Døde "
        "kastes ut i elver, og de syke behandles med urter av leger uten medisinsk opplæring.",
        "last_paragraph": "(©NTB)",
    },
    EMBARGOED: {
        "item_key": "nitf:exw:WX-20240312-0007",
        "version": 3,
        "agency": "EXW",
        "headline": "Fishing fleet returns early as storm nears",
        "subheadline": "Harbour master orders boats in by nightfall",
        "slugline": "US-Fishing-Storm",
        "byline": "By Mary Lane, Example Wire Writer",
        "dateline_place": "GLOUCESTER, Mass.",
        "dateline_text": "GLOUCESTER, Mass. (EXW) --",
        "published_at": datetime(2024, 3, 12, 14, 30, tzinfo=UTC),
        "embargo_until": datetime(2024, 3, 12, 17, 0, tzinfo=UTC),
        "language": "en-US",
        "urgency": 2,
        "pubstatus": PubStatus.WITHHELD,
        "subject_codes": ["04001000", "17000000"],
        "copyright": "© 2024 Example Wire",
        "is_correction": True,
        "update_marker": "Corrects spelling of harbour master's name in 3rd paragraph",
        # The picture caption is skipped; table rows are kept as lines of text.
        "paragraph_count": 5,
        "last_paragraph": "Gloucester 42",
    },
    CANCELED: {
        "agency": "EXW",
        "headline": "KILL: Coalition talks story",
        "dateline_place": "BERLIN",
        "dateline_text": "BERLIN, March 12 (EXW) -",
        "published_at": datetime(2024, 3, 12, 10, 5, tzinfo=UTC),
        "language": "en-GB",
        "urgency": 4,
        "pubstatus": PubStatus.CANCELED,
        "first_paragraph": "Editors are asked to withdraw the story on coalition talks sent at "
        "0930 GMT.",
    },
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    assert field_value(article(sample), field) == expected


def test_media_caption_is_not_body_text():
    assert "Kremasjonsbål" not in article(NTB).body
    assert "Boats tied up" not in article(EMBARGOED).body


def test_nitf_is_detected_from_bytes_despite_doctype():
    assert detect(sample_path(EMBARGOED).read_bytes(), "story.bin").name == "nitf"


def test_raw_meta_keeps_docdata():
    raw = article(EMBARGOED).raw_meta
    assert raw["management_status"] == "embargoed"
    assert raw["keywords"] == ["fishing", "storm"]
    assert article(NTB).raw_meta["meta"]["NTBID"] == "NTB5df9281a-a270-4dc5-a618-869bbc3bbca7"


def test_missing_doc_id_gives_a_derived_key_and_a_warning():
    canceled = article(CANCELED)
    assert canceled.item_key.startswith("nitf:exw:")
    assert any("no doc-id" in warning for warning in canceled.warnings)


def test_same_bytes_same_key():
    data = sample_path(NTB).read_bytes()
    assert parse_bytes(data, "a.xml")[0].item_key == parse_bytes(data, "b.xml")[0].item_key


def test_versions_share_the_key():
    data = sample_path(EMBARGOED).read_bytes()
    later = data.replace(b'version="3" key=', b'version="4" key=')
    first, second = parse_bytes(data)[0], parse_bytes(later)[0]
    assert first.item_key == second.item_key
    assert (first.version, second.version) == (3, 4)


def test_nitf_without_body_text_is_rejected():
    data = b"<nitf><head><title>T</title></head><body><body.content/></body></nitf>"
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "empty.xml")
    assert raised.value.kind == "no_body"
