"""Layouts a mature newsroom system reads, each on a sample of that layout.

The samples under ``fixtures/spec-built`` are written from the format's specification (their
SOURCES.md says which), because the only real copies of these layouts are in AGPL test data;
the others are real corpus files, changed only where the test says so. The expected values are
read off the sample by the specification, not off the parser's output.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pipeline.formats import parse_bytes
from pipeline.schemas import PubStatus
from pipeline.settings import DEFAULT_AGENCY_TIMEZONES
from tests.formats.xmlcases import article, field_cases, field_value, sample_path

SPEC = "fixtures/spec-built/"
BELGA = SPEC + "spec-built-newsml12-belga-title-lead-body.xml"
HTML_LATIN1 = SPEC + "spec-built-newsml12-format-html-latin1-declared-utf8.xml"
NINJS_GUID = SPEC + "spec-built-ninjs1-guid-pattern-keys-entities.json"
NINJS_ROLE = SPEC + "spec-built-ninjs2-headline-role-nitf-body-entities.json"
TTNITF = SPEC + "spec-built-g2-tt-ttnitf.xml"
ANPA_ECHO = SPEC + "spec-built-anpa-keyword-echo.anpa"
ANPA_ALERT = SPEC + "spec-built-anpa-one-line-alert.anpa"
ANPA_LIST = SPEC + "spec-built-anpa-headline-list.anpa"
ANPA_NO_CARET = SPEC + "spec-built-anpa-no-caret-heading.anpa"
TAKE_KEYS = SPEC + "spec-built-7901-dpa-english-take-keys.iptc"
DPA_EIL = "iptc7901/dpa-digitalwires-to-iptc7901/tests/data/output/eil.iptc"
TT_NINJS = "ninjs/iptc-ninjs/examples/3.0/tt_text_image_3.json"
NTB_NITF = "nitf/iptc-ninjs/tools/xslt/NTB_nitf_sample.xml"
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
    ANPA_ECHO: {
        "format": "anpa1312",
        # The echoed keyword line "BC-LT--Argentina-Cancer Beauty,466" is not the headline.
        "headline": "Cancer survivors take the stage at a Buenos Aires pageant",
        "slugline": "BC-Argentina-Cancer Beauty",
        "byline": "By MARIA EXAMPLE",
        "update_marker": None,
        "dateline_place": "BUENOS AIRES",
        "paragraph_count": 2,
    },
    ANPA_ALERT: {
        "format": "anpa1312",
        "headline": "The Senate votes 54-45 to extend the government's borrowing authority.",
        "dateline_place": "WASHINGTON",
        "urgency": 1,
        "paragraphs": ["The Senate votes 54-45 to extend the government's borrowing authority."],
        "published_at": datetime(2026, 12, 5, 14, 32, tzinfo=UTC),
    },
    ANPA_LIST: {
        "format": "anpa1312",
        "headline": "AP Top News at 3:37 p.m. EST",
        "slugline": "BC-AP-Top-News-Glance",
        "paragraphs": [
            "Senate votes to extend borrowing authority",
            "Storm knocks out power to thousands in Midwest",
            "Wage growth slows as employers pull back on hiring",
        ],
    },
    ANPA_NO_CARET: {
        "format": "anpa1312",
        "headline": "Storm knocks out power to thousands in Midwest",
        "byline": "By JOHN ROE",
        "dateline_place": "CHICAGO",
        "paragraphs": [
            "A winter storm knocked out power to more than 40,000 homes across Illinois and "
            "Indiana on Friday, utilities said.",
            "Crews expected to restore most service by Saturday night.",
        ],
    },
    TAKE_KEYS: {
        "format": "iptc7901",
        # Take-key lines are the update marker; the 1st lead is the second version.
        "headline": "Germany extends coal-plant reserve by two winters",
        "update_marker": "REFILE 1ST LEAD",
        "version": 2,
        "is_correction": False,
        "slugline": "Germany/Energy/Power plants",
        "published_at": datetime(2026, 12, 5, 13, 32, tzinfo=UTC),  # dpa: Europe/Berlin
        "paragraph_count": 2,
    },
    TAKE_KEYS + "#1": {
        "headline": "Rail union calls strike for Monday",
        "update_marker": "EXTRA",
        "version": 1,
        "urgency": 1,
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


def test_dpa_text_with_its_control_characters_stripped_is_still_7901():
    """The real dpa item as a gateway that drops control bytes would pass it on."""
    framed = sample_path(DPA_EIL).read_bytes()
    stripped = re.sub(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", b"", framed)
    assert b"\x01" in framed
    assert b"\x01" not in stripped
    item = parse_bytes(stripped, "eil-controls-stripped.iptc")[0]
    original = article(DPA_EIL)
    assert item.format == "iptc7901"
    assert item.model_dump(exclude={"warnings"}) == original.model_dump(exclude={"warnings"})


def test_byline_title_is_a_separate_word():
    """NITF's byline with its byttl, as AP sends it: "By BERNARD CONDON" + "AP Business Writer"."""
    data = sample_path(NTB_NITF).read_bytes()
    titled = data.replace(
        b"<byline>NTB-AFP-DPA</byline>",
        b"<byline>By BERNARD CONDON<byttl>AP Business Writer</byttl></byline>",
    )
    assert titled != data
    assert parse_bytes(titled, "ntb-byttl.xml")[0].byline == "By BERNARD CONDON AP Business Writer"


def test_documented_agency_zones_are_the_defaults():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text()
    table = docs.split("## Agency time zones", 1)[1]
    rows = re.findall(r"^\| ([^|]+) \| (UTC|[A-Z][a-z]+/[A-Za-z_]+) \|$", table, flags=re.M)
    documented = {name.strip(): zone for names, zone in rows for name in names.split(",")}
    assert documented == DEFAULT_AGENCY_TIMEZONES


@pytest.mark.parametrize("zone", sorted(set(DEFAULT_AGENCY_TIMEZONES.values())))
def test_default_agency_zones_exist(zone):
    assert ZoneInfo(zone)


def test_ttnitf_body_with_html_entities_in_a_ninjs_string():
    """TT's real item with only its TTNITF body: SGML with &auml; entities, inside JSON."""
    item = json.loads(sample_path(TT_NINJS).read_bytes())
    item["bodies"] = [body for body in item["bodies"] if body["role"] == "ttnitf"]
    assert "&auml;" in item["bodies"][0]["value"]
    parsed = parse_bytes(json.dumps(item).encode(), "tt-ttnitf-only.json")[0]
    assert parsed.headline == "Militärövning i jätteformat hålls 2023"
    assert [paragraph[:40] for paragraph in parsed.paragraphs] == [
        "Pandemin satte stopp för den stora inter",
        "Aurora 2023 kommer att genomföras ungefä",
        "Aurora 20 skulle omfatta 25 000 deltagar",
        "Precis som den gången har vi inlett en d",
    ]


def test_empty_ninjs_versioncreated_falls_back_to_firstcreated():
    item = json.loads(sample_path(NINJS_GUID).read_bytes())
    item["versioncreated"] = ""
    parsed = parse_bytes(json.dumps(item).encode(), "empty-versioncreated.json")[0]
    assert parsed.published_at == datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    assert "no versionCreated; published_at taken from firstCreated" in parsed.warnings
