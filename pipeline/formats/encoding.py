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
    """cp1251 (Russian agencies) when high bytes come in runs, else cp1252/latin-1.

    Cyrillic words are made of high bytes only; Western text has an accented letter here
    and there inside ASCII words.
    """
    if _high_bytes_in_runs(data):
        return data.decode("cp1251", "replace"), "cp1251"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _high_bytes_in_runs(data: bytes) -> bool:
    high = [i for i, byte in enumerate(data) if byte >= 0xC0]
    if not high:
        return False
    in_runs = sum(1 for i in high if data[i - 1 : i] >= b"\x80" or data[i + 1 : i + 2] >= b"\x80")
    return in_runs / len(high) > 0.6
