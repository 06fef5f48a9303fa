from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import detect, parse_bytes, parse_file
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


# Broken item boundaries: every item of the file is parsed or reported, none lost silently.


def _item(new_id: int, title: str, body: str = "Text of the story.") -> str:
    return (
        f'<REUTERS TOPICS="NO" NEWID="{new_id}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n'
        f"<TEXT>\n<TITLE>{title}</TITLE>\n<BODY>{body}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
    )


def _collection(*items: str) -> bytes:
    return ('<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + "".join(items)).encode()


FOUR = [_item(1, "FIRST"), _item(2, "SECOND"), _item(3, "THIRD"), _item(4, "FOURTH")]


def _parsed(data: bytes) -> tuple[list[tuple[int, str]], list[str], list[tuple[int, str, str]]]:
    """(item index, headline) of the articles, the first one's warnings, and the skipped items
    (index, kind, note)."""
    result = parse_file(data, "broken.sgm")
    articles = [(a.item_index, a.headline) for a in result.articles]
    skipped = [(s.index, s.kind, s.message) for s in result.skipped]
    return articles, result.articles[0].warnings, skipped


def test_an_item_without_its_close_ends_where_the_next_opens():
    data = _collection(FOUR[0], FOUR[1].replace("</REUTERS>", ""), *FOUR[2:])
    articles, first_warnings, skipped = _parsed(data)
    assert articles == [(0, "FIRST"), (1, "SECOND"), (2, "THIRD"), (3, "FOURTH")]
    assert (first_warnings, skipped) == ([], [])
    second = parse_bytes(data)[1]
    assert second.warnings == ["no </REUTERS>: the item ends where the next one opens"]
    assert second.paragraphs == ["Text of the story."]


def test_an_unusable_item_without_its_close_is_skipped_with_both_reasons():
    unusable = _item(2, "SECOND").replace("<BODY>Text of the story.\n Reuter\n&#3;</BODY>", "")
    data = _collection(FOUR[0], unusable.replace("</REUTERS>", ""), FOUR[2])
    articles, first_warnings, skipped = _parsed(data)
    assert articles == [(0, "FIRST"), (2, "THIRD")]
    note = (
        "item 1 of the file skipped: no </REUTERS>: the item ends where the next one opens "
        "(item NEWID=2 (TYPE=NORM) has no BODY text)"
    )
    assert first_warnings == [note]
    assert skipped == [(1, "malformed", note)]


_OPENING = '<REUTERS TOPICS="NO" NEWID="3">'


@pytest.mark.parametrize(
    ("third", "flaw"),
    [
        (FOUR[2].replace(_OPENING, ""), "a </REUTERS> without its opening <REUTERS> tag"),
        (
            FOUR[2].replace(_OPENING, "").replace("</REUTERS>", ""),
            "item text between items without <REUTERS> tags",
        ),
    ],
)
def test_an_item_that_lost_its_tags_is_skipped_not_dropped(third, flaw):
    articles, first_warnings, skipped = _parsed(_collection(*FOUR[:2], third, FOUR[3]))
    assert articles == [(0, "FIRST"), (1, "SECOND"), (3, "FOURTH")]
    note = f"item 2 of the file skipped: {flaw}: the item's NEWID is lost (TITLE 'THIRD')"
    assert first_warnings == [note]
    assert skipped == [(2, "malformed", note)]


def test_a_collection_whose_first_item_lost_its_opening_tag_is_still_read():
    first = FOUR[0].replace('<REUTERS TOPICS="NO" NEWID="1">', "")
    data = _collection(first, *FOUR[1:3])
    assert detect(data, "broken.sgm").name == "reuters_sgml"
    articles, first_warnings, skipped = _parsed(data)
    assert articles == [(1, "SECOND"), (2, "THIRD")]
    assert [(index, kind) for index, kind, _ in skipped] == [(0, "malformed")]
    assert first_warnings == [skipped[0][2]]


def test_a_stray_close_is_reported_as_an_item():
    articles, first_warnings, skipped = _parsed(_collection(FOUR[0], "</REUTERS>\n", FOUR[1]))
    assert articles == [(0, "FIRST"), (2, "SECOND")]
    note = (
        "item 1 of the file skipped: a </REUTERS> without its opening <REUTERS> tag: "
        "the item's NEWID is lost (no TITLE)"
    )
    assert first_warnings == [note]
    assert skipped == [(1, "malformed", note)]


def test_a_file_that_ends_inside_an_item_reports_it_as_truncated():
    data = _collection(*FOUR)
    cut = data[: data.index(b"Text of the story.", data.index(b'NEWID="4"')) + 4]
    articles, first_warnings, skipped = _parsed(cut)
    assert articles == [(0, "FIRST"), (1, "SECOND"), (2, "THIRD")]
    note = (
        "item 3 of the file skipped: file ends inside item 3: truncated? (item NEWID=4 has no TEXT)"
    )
    assert first_warnings == [note]
    assert skipped == [(3, "malformed", note)]


def test_a_file_cut_inside_an_opening_tag_reports_the_item_as_truncated():
    data = _collection(*FOUR[:3], '<REUTERS TOPICS="NO" NEW')
    articles, _, skipped = _parsed(data)
    assert [headline for _, headline in articles] == ["FIRST", "SECOND", "THIRD"]
    note = "item 3 of the file skipped: file ends inside item 3: truncated? (no TITLE)"
    assert skipped == [(3, "malformed", note)]


def test_a_truncated_item_whose_text_is_complete_is_parsed_with_a_warning():
    cut = _collection(*FOUR[:2], FOUR[2].removesuffix("</REUTERS>\n"))
    articles, first_warnings, skipped = _parsed(cut)
    assert articles == [(0, "FIRST"), (1, "SECOND"), (2, "THIRD")]
    assert (first_warnings, skipped) == ([], [])
    assert parse_bytes(cut)[2].warnings == ["file ends inside item 2: truncated?"]
