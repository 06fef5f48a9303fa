from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import detect, parse_bytes
from pipeline.formats.feeds import html_paragraphs
from tests.formats.xmlcases import article, field_cases, field_value, parsed, sample_path

RSS = "fixtures/rss2-sample.xml"
ATOM = "fixtures/atom-sample.xml"

EXPECTED = {
    RSS: {
        "format": "rss",
        "item_key": "https://wire.example.com/world/2024/03/12/harbour-strike",
        "agency": "Example Wire",
        "headline": "Harbour strike halts container traffic in Rotterdam",
        # RSS 2.0 <author> is "email (Name)".
        "byline": "Anna de Vries",
        "published_at": datetime(2024, 3, 12, 8, 30, tzinfo=UTC),
        "language": "en-gb",
        "subjects": [
            {"code": None, "name": "World", "scheme": "https://wire.example.com/sections"},
            {"code": None, "name": "Labour", "scheme": None},
        ],
        "copyright": "Copyright 2024 Example Wire Ltd",
        "paragraphs": [
            "Dock workers in Rotterdam walked out on Tuesday, halting container traffic at "
            "Europe's largest port.",
            "The union said the strike would last 48 hours.",
        ],
    },
    RSS + "#1": {
        "item_index": 1,
        "headline": "Markets: euro steady & bonds firm",
        "byline": "Markets desk",
        "published_at": datetime(2024, 3, 12, 8, 15, tzinfo=UTC),
        # content:encoded is preferred to the shorter description.
        "paragraphs": [
            "The euro held steady against the dollar in early trading on Tuesday.",
            "Bund yields eased two basis points.",
            "Gilts were unchanged.",
        ],
    },
    ATOM: {
        "format": "atom",
        "item_key": "tag:nachrichten.example.de,2024-03-12:/bahn/streik-ende",
        "agency": "Beispiel Nachrichten",
        "headline": "Bahnstreik beendet",
        "byline": "Jan Schmidt, Eva Berg",
        "published_at": datetime(2024, 3, 12, 8, 45, tzinfo=UTC),
        "first_created_at": datetime(2024, 3, 12, 7, 0, tzinfo=UTC),
        "language": "de",
        "subject_codes": ["verkehr"],
        "copyright": "© 2024 Beispiel Nachrichten",
        "paragraph_count": 2,
        "last_paragraph": "Die Züge fahren ab Mittwoch wieder nach Fahrplan.",
    },
    ATOM + "#1": {
        "language": "en",
        "headline": "Rail strike ends",
        "paragraphs": ["The rail strike in Germany ended after two days."],
    },
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    value = field_value(article(sample), field)
    if field == "subjects":
        value = [subject.model_dump() for subject in value]
    assert value == expected


def test_guid_that_is_not_a_uri_is_hashed_within_the_channel():
    key = article(RSS + "#1").item_key
    assert key.startswith("rss:https://wire.example.com/:")
    assert key == parse_bytes(sample_path(RSS).read_bytes())[1].item_key


def test_item_without_text_is_skipped_with_a_warning():
    assert len(parsed(RSS)) == 2
    assert any("item 2" in warning for warning in article(RSS).warnings)


@pytest.mark.parametrize(("sample", "parser"), [(RSS, "rss"), (ATOM, "atom")])
def test_detected_from_bytes(sample, parser):
    assert detect(sample_path(sample).read_bytes(), "feed").name == parser


def test_html_is_stripped_without_fetching_or_running_anything():
    markup = '<p>One <script>alert(1)</script>two</p><iframe src="http://x.invalid/"></iframe>'
    assert html_paragraphs(markup) == ["One two"]


def test_rdf_feed_items_beside_the_channel():
    data = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://r.example/">'
        b"<title>R</title><link>https://r.example/</link></channel>"
        b'<item rdf:about="https://r.example/1"><title>T</title><description>Text.</description>'
        b"</item></rdf:RDF>"
    )
    (item,) = parse_bytes(data, "feed.rdf")
    assert (item.format, item.item_key, item.body) == ("rss", "https://r.example/1", "Text.")


def test_empty_feed_is_rejected():
    with pytest.raises(PermanentError) as raised:
        parse_bytes(b'<rss version="2.0"><channel><title>x</title></channel></rss>', "e.xml")
    assert raised.value.kind == "no_body"


def test_atom_entry_without_id_is_invalid():
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        b"<entry><title>T</title><summary>Text.</summary></entry></feed>"
    )
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "feed.atom")
    assert raised.value.kind == "invalid_item"
