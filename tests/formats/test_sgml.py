from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import detect, parse_bytes
from tests.formats.xmlcases import article, field_cases, field_value, parsed, sample_path

SAMPLE = "fixtures/reuters21578-sample.sgm"

EXPECTED = {
    SAMPLE: {
        "format": "reuters_sgml",
        "item_key": "reuters21578:1",
        "agency": "Reuters",
        "headline": "BAHIA COCOA REVIEW",
        "dateline_place": "SALVADOR",
        "dateline_text": "SALVADOR, Feb 26 -",
        "published_at": datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC),
        "language": "en",
        "subject_codes": ["cocoa"],
        "paragraph_count": 3,
        # The closing "Reuter" and &#3; are not text; &lt; is decoded.
        "last_paragraph": "Comissaria Smith said the crop <estimate> was unchanged at 6.0 mln "
        "bags.",
    },
    SAMPLE + "#1": {
        "item_key": "reuters21578:2",
        "item_index": 1,
        "headline": "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
        "subject_codes": [],
    },
    SAMPLE + "#2": {
        "item_key": "reuters21578:4",
        "item_index": 3,
        "headline": "CURRENCY MARKETS QUIET AHEAD OF DATA",
        "published_at": datetime(1987, 3, 5, 9, 33, 52, 580000, tzinfo=UTC),
        "paragraphs": [
            "Currency dealers said trading was quiet ahead of U.S. employment figures due on "
            "Friday."
        ],
        "warnings": ["unprocessed (TYPE=UNPROC) item"],
    },
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    assert field_value(article(sample), field) == expected


def test_brief_without_body_is_skipped_with_a_warning():
    assert len(parsed(SAMPLE)) == 3
    assert "reuters21578:3" not in [a.item_key for a in parsed(SAMPLE)]
    assert any("NEWID=3" in warning and "BRIEF" in warning for warning in article(SAMPLE).warnings)


def test_category_lists_are_kept():
    raw = article(SAMPLE).raw_meta
    assert raw["places"] == ["el-salvador", "usa", "uruguay"]
    assert (raw["oldid"], raw["lewissplit"]) == ("5544", "TRAIN")


def test_detected_from_bytes():
    assert detect(sample_path(SAMPLE).read_bytes(), "reut2-000.txt").name == "reuters_sgml"


def test_same_bytes_same_keys():
    keys = [a.item_key for a in parse_bytes(sample_path(SAMPLE).read_bytes())]
    assert keys == ["reuters21578:1", "reuters21578:2", "reuters21578:4"]


def test_collection_of_only_briefs_has_no_body():
    data = sample_path(SAMPLE).read_bytes()
    start = data.index(
        b'<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5546"'
    )
    end = data.index(b"</REUTERS>", start) + len(b"</REUTERS>")
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data[start:end], "briefs.sgm")
    assert raised.value.kind == "no_body"


def test_a_thousand_items_parse_in_order():
    data = sample_path(SAMPLE).read_bytes()
    start = data.index(b"<REUTERS")
    end = data.index(b"</REUTERS>") + len(b"</REUTERS>")
    item = data[start:end]
    items = [item.replace(b'NEWID="1"', f'NEWID="{n}"'.encode()) for n in range(1, 1001)]
    articles = parse_bytes(b"\n".join(items), "big.sgm")
    assert [a.item_key for a in articles[:2]] == ["reuters21578:1", "reuters21578:2"]
    assert len(articles) == 1000
