"""PA API JSON on the two PA fixtures, field by field."""

import json
from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.schemas import Subject
from tests.corpus import corpus_file

FIXTURES = "pa-fingerpost-json/guardian-newswires-pa/ingestion-lambda/test/fixtures/"


def _parse(name):
    (article,) = parse_bytes(corpus_file(f"{FIXTURES}{name}").read_bytes(), name)
    return article


@pytest.fixture(scope="module")
def story():
    return _parse("PA_API.json")


@pytest.fixture(scope="module")
def table():
    return _parse("PA_API-Data-Formatting.json")


def test_format_and_agency(story):
    assert (story.format, story.agency) == ("pa_json", "PA")


def test_key_from_usn_and_version(story, table):
    assert story.item_key == "pa:8d588e55-f20e-4647-ad46-7d0e9d63e4b5"
    assert story.version == 1
    assert table.item_key == "pa:HSX0410.6657"
    assert table.version == 0


def test_headline_slug_and_body(story):
    assert story.headline == "Politics Starmer"
    assert story.slugline == "POLITICS SCOTLAND starmer"
    assert story.paragraphs == ["Anas Sarwar has said..."]


def test_times(story):
    assert story.published_at == datetime(2026, 2, 9, 15, 2, 5, tzinfo=UTC)
    assert story.first_created_at == datetime(2026, 2, 9, 15, 2, 5, tzinfo=UTC)


def test_priority_language_subjects_copyright(story):
    assert story.urgency == 6
    assert story.language == "en"
    assert Subject(code="news:scotland", scheme="pa") in story.subjects
    assert story.copyright == "SCN"


def test_empty_strings_are_absent_not_blank(story):
    assert (story.byline, story.subheadline, story.dateline_place) == (None, None, None)


def test_html_table_body_becomes_rows(table):
    assert table.paragraphs[0] == "PREMIERSHIP"
    assert table.paragraphs[1] == "P | W | D | L | F | A | B | Pts"
    assert table.paragraphs[2] == "Northampton Saints | 10 | 8 | 1 | 1 | 390 | 282 | 9 | 43"


def test_new_version_keeps_the_key(story):
    doc = json.loads(corpus_file(f"{FIXTURES}PA_API.json").read_bytes())
    (newer,) = parse_bytes(json.dumps({**doc, "version": "2"}).encode(), "v2.json")
    assert newer.item_key == story.item_key
    assert newer.version == 2


def test_truncated_pa_json_is_malformed():
    data = corpus_file(f"{FIXTURES}PA_API.json").read_bytes()[:300]
    with pytest.raises(PermanentError) as caught:
        parse_bytes(data, "cut.json")
    assert caught.value.kind == "malformed_json"
