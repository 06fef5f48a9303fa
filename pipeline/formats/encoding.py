"""Turn wire bytes into text without ever failing on an undecodable byte."""

from __future__ import annotations

import codecs
import re
import unicodedata

from pipeline.formats.base import _looks_utf16

_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 and C1 controls except tab, newline and carriage return: 7901/ANPA framing bytes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decoded text (controls removed, NFC) and warnings about how it was decoded."""
    text, encoding = _decode_raw(data)
    warnings = [] if encoding in ("utf-8", "ascii") else [f"decoded as {encoding}"]
    cleaned = _CONTROL.sub("", text)
    if "\ufffd" in cleaned:
        warnings.append("undecodable bytes replaced with U+FFFD")
    return unicodedata.normalize("NFC", cleaned), warnings


def _decode_raw(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOM_CODECS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace"), encoding
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding, "replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """cp1251 (Russian agencies) when it yields mostly Cyrillic letters, else cp1252/latin-1."""
    as_1251 = data.decode("cp1251", "replace")
    letters = sum(ch.isalpha() for ch in as_1251) or 1
    if len(_CYRILLIC.findall(as_1251)) / letters > 0.3:
        return as_1251, "cp1251"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
