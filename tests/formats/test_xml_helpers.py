"""The shared pieces of the XML parsers: body flattening and field normalising."""

import pytest
from lxml import etree

from pipeline.formats import fields
from pipeline.formats.xmltext import paragraphs_of
from pipeline.schemas import PubStatus


def _paragraphs(markup: str, skip: frozenset[str] = frozenset()) -> list[str]:
    return paragraphs_of([etree.fromstring(markup)], skip_classes=skip)[0]


def test_blocks_are_paragraphs_and_inline_markup_flows():
    markup = "<body><p>One <b>bold</b> word.</p><div>Two<p>Three</p>tail</div></body>"
    assert _paragraphs(markup) == ["One bold word.", "Two", "Three", "tail"]


def test_captions_and_page_header_are_skipped_but_not_the_text_after_them():
    markup = (
        "<body><header><h1>Title</h1></header><p>Text <img src='x'/>on"
        "<figure><figcaption>Caption</figcaption></figure> and on.</p></body>"
    )
    assert _paragraphs(markup) == ["Text on and on."]


def test_table_rows_are_lines_with_cells_spaced():
    markup = "<body><table><tr><td>A</td><td>-</td><td>B</td><td>2:1</td></tr></table></body>"
    assert _paragraphs(markup) == ["A - B 2:1"]


def test_line_breaks_end_a_paragraph():
    assert _paragraphs("<p>First<br/><br/>Second</p>") == ["First", "Second"]


def test_skipped_classes_are_handed_back():
    root = etree.fromstring('<p><span class="dateline">Berlin (dpa) - </span>Text.</p>')
    paragraphs, skipped = paragraphs_of([root], skip_classes=frozenset({"dateline"}))
    assert paragraphs == ["Text."]
    assert [element.text for element in skipped] == ["Berlin (dpa) - "]


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("usable", PubStatus.USABLE),
        ("stat:withheld", PubStatus.WITHHELD),
        ("Embargoed", PubStatus.WITHHELD),
        ("cancelled", PubStatus.CANCELED),
        ("stat:canceled", PubStatus.CANCELED),
        (None, PubStatus.USABLE),
    ],
)
def test_pubstatus(raw, status):
    assert fields.pubstatus(raw, []) is status


def test_unknown_pubstatus_is_usable_with_a_warning():
    warnings: list[str] = []
    assert fields.pubstatus("pending", warnings) is PubStatus.USABLE
    assert warnings == ["unknown publication status 'pending' taken as usable"]


@pytest.mark.parametrize(("raw", "value"), [("1", 1), ("8", 8), ("9", 9), ("0", None), ("x", None)])
def test_urgency(raw, value):
    assert fields.urgency(raw, []) == value


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("BERLIN, March 12 (Reuters) -", "BERLIN"),
        ("ROUND ROCK, Texas", "ROUND ROCK, Texas"),
        ("Unnao", "Unnao"),
        ("SAID TO BE DECEMBER 31, 2015", None),
        (None, None),
    ],
)
def test_dateline_place(dateline, place):
    assert fields.dateline_place(dateline) == place


def test_mojibake_repaired_and_reported():
    warnings: list[str] = []
    body, _ = fields.clean_body(["Industryâ€™s best", "plain"], None, warnings)
    assert body == ["Industry’s best", "plain"]
    assert warnings == ["double-encoded UTF-8 (mojibake) in the body repaired"]


def test_genuine_accents_are_left_alone():
    warnings: list[str] = []
    body, _ = fields.clean_body(["Ça va, São Paulo à Málaga"], None, warnings)
    assert body == ["Ça va, São Paulo à Málaga"]
    assert warnings == []
