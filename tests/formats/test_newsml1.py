from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.schemas import PubStatus
from tests.formats.xmlcases import article, field_cases, field_value, parsed, sample_path

AFP = "newsml-1.2/iptc-ninjs/tools/xslt/afp.com_newsml1.2_sample.xml"
EFE = "newsml-1.2/gextech-iptc-newsml/src/test/resources/BAS-Y-MUNDO-MXC_20160116_1402.XML"
BW_ZH = "newsml-1.2/iptc-ninjs/examples/NewsML/businesswire-newsml-20130605006126.xml"
BW_EN = "newsml-1.2/iptc-ninjs/examples/NewsML/businesswire-newsml-20130515006361.xml"
PHOTOS = "newsml-1.2/gextech-iptc-newsml/src/test/resources/"

EXPECTED = {
    AFP: {
        "format": "newsml_1",
        "item_key": "urn:newsml:afp.com:20210516T080625Z:TX-PAR-WGF71",
        "version": 1,
        "agency": "AFP",
        "headline": "Israel strikes key Hamas targets as UN Security Council to meet",
        "slugline": "Israel-Palestinians-conflict",
        "byline": "Adel Zaanoun with Guillaume Lavallee in Jerusalem",
        "dateline_place": "Gaza City",
        "dateline_text": "Gaza City, Palestinian Territories, May 16, 2021 (AFP) -",
        "published_at": datetime(2021, 5, 16, 8, 6, 25, tzinfo=UTC),
        "first_created_at": datetime(2021, 5, 16, 8, 6, 25, tzinfo=UTC),
        "language": "en",
        "urgency": 4,
        "pubstatus": PubStatus.USABLE,
        "subject_codes": ["16000000", "16002000", "02003000", "11000000", "02000000", "02003001"],
        "update_marker": None,
        "paragraph_count": 42,
        "last_paragraph": "bur-dar-gl/fz",
    },
    EFE: {
        "item_key": "urn:newsml:texto.efeservicios.com:20160116T125900+0000:21548886",
        "agency": "Agencia EFE",
        "headline": "UE reafirma unidad en lucha antiterrorista por atentado en hotel de Burkina",
        "subheadline": "YIHADISMO BURKINA",
        "byline": "cae/tcr",
        # The NITF dateline holds only a date; the place comes from its evloc.
        "dateline_place": "Bruselas",
        # EFE repeats the dateline in the text: it is moved out of the body.
        "dateline_text": "Bruselas, 16 ene (EFE).-",
        "language": "es-ES",
        "urgency": 5,
        "subject_codes": ["02001010"],
        "paragraph_count": 8,
        "first_paragraph": 'La Unión Europea reiteró hoy que está determinada a utilizar "todos '
        'los instrumentos" para luchar junto a Burkina Faso y los otros país del Sahel contra el '
        "terrorismo, al condenar el atentado terrorista en un hotel de Uagadugú en el que "
        "fallecieron al menos 23 personas de 18 nacionalidades.",
    },
    EFE + "#1": {
        "item_key": "urn:newsml:texto.efeservicios.com:20160116T125700+0000:21548877",
        "item_index": 1,
        "headline": "Tsai anuncia un Gobierno más cercano al pueblo y defensor de la soberanía",
        "urgency": 2,
        "dateline_place": "Taiwán",
    },
    BW_ZH: {
        "item_key": "urn:newsml:businesswire.com:20010714:20130605006126",
        "agency": "Business Wire",
        "headline": "Cambrios被Gartner評選為「最酷供應商」",
        "slugline": "CA-CAMBRIOS-TECHNOLOGIES",
        "dateline_place": "加州桑尼維爾",
        "language": "zh",
        "copyright": "Copyright Business Wire 2013",
        "paragraph_count": 13,
    },
    BW_EN: {
        "headline": "Dell Redefines Workstation Computing Boundaries with Smallest Tower and Most "
        "Powerful Rack Workstations",
        "dateline_place": "ROUND ROCK, Texas",
        "language": "en",
        "warnings": ["double-encoded UTF-8 (mojibake) in the body repaired"],
    },
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    assert field_value(article(sample), field) == expected


def test_mojibake_is_repaired():
    assert "Industry’s Smallest Entry-Level Tower Workstations" in article(BW_EN).paragraphs


def test_business_wire_body_leaves_out_headline_and_contact_components():
    body = article(BW_ZH).body
    assert body.startswith("(美國商業資訊)--為透明及軟性導體市場")
    assert "bwalignc" not in body


def test_revision_data_is_kept():
    raw = article(AFP).raw_meta
    assert raw["public_identifier"] == "urn:newsml:afp.com:20210516T080625Z:TX-PAR-WGF71:1"
    assert (raw["revision_update"], raw["previous_revision"]) == ("N", "0")
    assert raw["news_lines"]["AdvisoryLine"].startswith("RECASTS")


def test_revisions_share_the_key_and_raise_the_version():
    data = sample_path(AFP).read_bytes()
    revised = data.replace(
        b'<RevisionId PreviousRevision="0" Update="N">1</RevisionId>',
        b'<RevisionId PreviousRevision="1" Update="U">2</RevisionId>',
    )
    second = parse_bytes(revised)[0]
    assert second.item_key == article(AFP).item_key
    assert second.version == 2
    assert second.update_marker == "partial update"


def test_embargo_from_status_will_change():
    data = (
        sample_path(AFP)
        .read_bytes()
        .replace(
            b'<Status FormalName="Usable"/>',
            b'<Status FormalName="Embargoed"/><StatusWillChange><FutureStatus FormalName="Usable"/>'
            b"<DateAndTime>20210516T120000Z</DateAndTime></StatusWillChange>",
        )
    )
    embargoed = parse_bytes(data)[0]
    assert embargoed.pubstatus is PubStatus.WITHHELD
    assert embargoed.embargo_until == datetime(2021, 5, 16, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("name", ["AFP_751HA.xml", "DV2209430.xml"])
def test_photo_with_caption_is_not_a_news_item(name):
    with pytest.raises(PermanentError) as raised:
        parsed(PHOTOS + name)
    assert raised.value.kind == "not_news_item"
    assert "photo" in raised.value.message


def test_same_bytes_same_keys():
    keys = [a.item_key for a in parse_bytes(sample_path(EFE).read_bytes())]
    assert keys == [a.item_key for a in parsed(EFE)]
    assert len(set(keys)) == 2
