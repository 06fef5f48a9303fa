"""Decoding of wire bytes: every encoding agencies send, and never a crash."""

import codecs

import pytest

from pipeline.formats import parse_bytes
from pipeline.formats.encoding import decode

RUSSIAN = "Россия и Китай подписали меморандум о создании лунной станции"
GERMAN = "Grünen-Spitze tritt nach Wahlniederlagen ab, sagt Müller in Köln"


def test_utf8_without_bom_gives_no_warning():
    assert decode(GERMAN.encode()) == (GERMAN, [])


def test_utf8_bom_is_dropped():
    assert decode(codecs.BOM_UTF8 + GERMAN.encode()) == (GERMAN, [])


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
@pytest.mark.parametrize("text", [RUSSIAN, GERMAN])
def test_utf16_with_bom(bom, encoding, text):
    assert decode(bom + text.encode(encoding)) == (text, [f"decoded as {encoding}"])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RUSSIAN, GERMAN])
def test_utf16_without_bom(encoding, text):
    assert decode(text.encode(encoding)) == (text, [f"decoded as {encoding}"])


def test_cp1251_russian():
    assert decode(RUSSIAN.encode("cp1251")) == (RUSSIAN, ["decoded as cp1251"])


def test_cp1252_western_with_typographic_quotes():
    text = "Café in Zürich – „Fassade“ für 5 €"
    assert decode(text.encode("cp1252")) == (text, ["decoded as cp1252"])


def test_latin1_byte_undefined_in_cp1252():
    text, warnings = decode("Café \x81 Zürich".encode("latin-1"))
    assert text == "Café  Zürich"
    assert warnings == ["decoded as latin-1"]


def test_wire_control_bytes_are_removed():
    text, _ = decode(b"\x16\x16\x01bdt0000\x1f\x02(Eil \x07\x07)\x03\x7f\x04")
    assert text == "bdt0000(Eil )"


def test_damaged_utf8_stays_utf8_with_a_warning():
    text, warnings = decode(GERMAN.encode() + b" \xff " + "über".encode())
    assert text == f"{GERMAN} \ufffd über"
    assert warnings == ["undecodable bytes replaced with U+FFFD"]


def test_undecodable_byte_in_a_wire_file_is_a_warning_not_a_crash():
    text = (
        "\x01bdt0000 4 pl 12  dpa 0000\n\nTest/\n\x02Schlagzeile =\n\n"
        "Berlin (dpa) - Ein Text über Köln.\n\x03251037 Sep 24\n\x04"
    )
    data = text.encode().replace("Köln".encode(), b"K\xffln")
    (article,) = parse_bytes(data, "broken.iptc")
    assert article.body == "Ein Text über K\ufffdln."
    assert "undecodable bytes replaced with U+FFFD" in article.warnings


def test_mojibake_of_utf8_read_as_cp1252_is_repaired():
    text, warnings = decode("the worldâ€™s Ã¼bergroÃŸe".encode())
    assert text == "the world’s übergroße"
    assert warnings == ["repaired UTF-8 text that had been decoded as cp1252 (mojibake)"]


def test_accented_text_is_not_mistaken_for_mojibake():
    text = "Müller, Ärger, Ödön, Straße, señor, naïve à la café»"
    assert decode(text.encode()) == (text, [])
