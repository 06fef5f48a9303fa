"""Layouts a mature newsroom system reads, each on a sample of that layout.

The samples under ``fixtures/spec-built`` are written from the format's specification (their
SOURCES.md says which), because the only real copies of these layouts are in AGPL test data;
the others are real corpus files, changed only where the test says so. The expected values are
read off the sample by the specification, not off the parser's output.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.formats import parse_bytes
from pipeline.schemas import PubStatus
from tests.formats.xmlcases import article, field_cases, field_value, sample_path

SPEC = "fixtures/spec-built/"
BELGA = SPEC + "spec-built-newsml12-belga-title-lead-body.xml"
HTML_LATIN1 = SPEC + "spec-built-newsml12-format-html-latin1-declared-utf8.xml"
NINJS_GUID = SPEC + "spec-built-ninjs1-guid-pattern-keys-entities.json"
NINJS_ROLE = SPEC + "spec-built-ninjs2-headline-role-nitf-body-entities.json"
TTNITF = SPEC + "spec-built-g2-tt-ttnitf.xml"
G2_ROUNDTRIP = "newsml-g2/iptc-python-newsmlg2/tests/test_files/008_roundtrip_test.xml"

EXPECTED = {
    BELGA: {
        "format": "newsml_1",
        "item_key": "urn:newsml:belga.be:20261205:0042",
        "agency": "Belga",
        # The Title component, not the first text found, is the headline.
        "headline": "Haven van Antwerpen verwerkt recordvolume containers",
        "slugline": "HAVEN ANTWERPEN",
        "dateline_place": "Antwerpen",
        # Naive local times of a Belgian agency: Europe/Brussels (UTC+1 in December).
        "published_at": datetime(2026, 12, 5, 9, 15, tzinfo=UTC),
        "first_created_at": datetime(2026, 12, 5, 9, 10, tzinfo=UTC),
        "language": "nl",
        "urgency": 3,
        "paragraph_count": 3,
        "first_paragraph": "De haven van Antwerpen heeft in november meer containers verwerkt "
        "dan ooit tevoren, meldt het havenbedrijf donderdag.",
        "last_paragraph": "De groei komt vooral van de lijndiensten naar Azië, aldus een "
        "woordvoerder.",
    },
    HTML_LATIN1: {
        "format": "newsml_1",
        "agency": "AP",
        # Declared iso-8859-1, holds UTF-8: read as UTF-8, no "DÃ©cÃ¨s".
        "headline": "Décès of a hiring boom: wage growth slows as employers pull back",
        # ByLine text and its Origin are separate words.
        "byline": "By JANE DOE AP Business Writer",
        "dateline_place": "NEW YORK",
        "published_at": datetime(2026, 12, 5, 9, 17, tzinfo=UTC),
        # Format HTML: the escaped <P> markup becomes paragraphs.
        "paragraph_count": 3,
        "first_paragraph": "Wage growth slowed last month as employers added fewer jobs than "
        "expected, the Labor Department said Friday.",
        "last_paragraph": "Café owners in Montréal said the change was already visible.",
        "warnings": [],
    },
    NINJS_GUID: {
        "format": "ninjs",
        # No uri: the guid a newsroom system exports is the key.
        "item_key": "urn:newsml:stt.fi:20261205:101234567",
        "version": 2,
        "agency": "STT",
        # headline_main / body_main pattern keys; &ouml; decoded.
        "headline": "Työllisyysaste nousi marraskuussa",
        "slugline": "Työllisyys",
        "byline": "Matti Meikäläinen",
        # Finnish copy in Europe/Helsinki (UTC+2 in December).
        "published_at": datetime(2026, 12, 5, 8, 42, tzinfo=UTC),
        "first_created_at": datetime(2026, 12, 5, 8, 30, tzinfo=UTC),
        "language": "fi",
        "urgency": 4,
        "pubstatus": PubStatus.USABLE,
        "paragraphs": [
            "Työllisyysaste nousi marraskuussa 73,1 prosenttiin, kertoo Tilastokeskus.",
            "Työttömyysaste oli 7,2 prosenttia.",
        ],
        "warnings": [],
    },
    NINJS_ROLE: {
        "format": "ninjs",
        "item_key": "http://tt.se/text/2026/12/05/energipris-0042",
        # Role "simple" is the headline when no role is "main".
        "headline": "Elpriset sjunker i södra Sverige",
        "subheadline": "Blåsigt väder pressar priset",
        "published_at": datetime(2026, 12, 5, 8, 5, tzinfo=UTC),
        # NITF body with HTML entities: decoded, not refused as unsafe.
        "paragraphs": [
            "Elpriset i södra Sverige sjunker kraftigt under helgen, enligt Nord Pool.",
            "Blåsigt väder & låg förbrukning förklarar nedgången.",
        ],
    },
    TTNITF: {
        "format": "newsml_g2",
        "item_key": "urn:newsml:tt.se:20261205:militarovning-0042",
        "agency": "TT",
        # No contentMeta headline: TTNITF's RUBRIK.
        "headline": "Militärövning i jätteformat hålls 2028",
        "slugline": "militärövning",
        "published_at": datetime(2026, 12, 5, 12, 40, 18, tzinfo=UTC),
        "urgency": 3,
        # BRODTEXT paragraphs and quotes; the picture caption (BILD) is not story text.
        "paragraphs": [
            "Den stora internationella militärövningen genomförs i april och maj 2028, "
            "meddelar Försvarsmakten.",
            "Hela landet kommer i olika omfattning att beröras, säger en talesperson.",
            "Övningen ska omfatta deltagare från tretton nationer.",
        ],
    },
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    assert field_value(article(sample), field) == expected


def test_empty_version_created_falls_back_to_the_next_stated_time():
    data = sample_path(G2_ROUNDTRIP).read_bytes()
    emptied = data.replace(
        b"<versionCreated>2018-10-21T16:25:32-05:00</versionCreated>", b"<versionCreated/>"
    )
    assert emptied != data
    item = parse_bytes(emptied, "roundtrip-empty-versioncreated.xml")[0]
    assert item.published_at == datetime(2018, 10, 21, 21, 22, 45, tzinfo=UTC)  # contentModified
    assert "no versionCreated; published_at taken from contentModified" in item.warnings


def test_html_body_in_a_ninjs_text_field_becomes_paragraphs():
    data = sample_path(NINJS_GUID).read_bytes().replace(b'"body_main"', b'"body_text"')
    paragraphs = parse_bytes(data, "body-text-html.json")[0].paragraphs
    assert paragraphs == list(article(NINJS_GUID).paragraphs)
