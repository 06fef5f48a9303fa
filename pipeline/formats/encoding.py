"""Turn wire bytes into text without ever failing on an undecodable byte."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

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
# A UTF-8 text with at most this share of broken sequences is UTF-8 with damage, not cp1252.
_UTF8_DAMAGE_LIMIT = 0.02
# In UTF-16 text of one script, the high byte of nearly every character is one of two values
# (0x00 for spaces and punctuation, the script's block: 0x04 for Cyrillic, 0x03 for Greek).
_UTF16_HIGH_BYTE_SHARE = 0.9
_UTF16_SAMPLE = 4096
# UTF-8 that was once read as cp1252 or latin-1 and re-encoded ("worldâ€™s", "Ã¼ber", "â€\x9d"):
# a lead-byte character followed by continuation-byte characters (cp1252's letters, or the C1
# code points latin-1 gives for the bytes cp1252 leaves undefined). Only runs that decode back
# to UTF-8 are repaired.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    "\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc"
    "\u2122\u0161\u203a\u0153\u017e\u0178]{1,3}"
)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decoded text (controls removed, NFC) and warnings about how it was decoded."""
    text, encoding = _decode_raw(data)
    warnings = [] if encoding in ("utf-8", "ascii") else [f"decoded as {encoding}"]
    cleaned = repair_mojibake(_CONTROL.sub("", text))
    if cleaned != _CONTROL.sub("", text):
        warnings.append("repaired UTF-8 text that had been decoded as cp1252 (mojibake)")
    if "\ufffd" in cleaned:
        warnings.append("undecodable bytes replaced with U+FFFD")
    return unicodedata.normalize("NFC", cleaned), warnings


def repair_mojibake(text: str) -> str:
    """``text`` with each double-encoded UTF-8 run decoded back; other text is untouched."""
    return _MOJIBAKE.sub(_unmangle, text)


def _unmangle(match: re.Match[str]) -> str:
    try:
        return b"".join(map(_cp1252_byte, match.group(0))).decode("utf-8")
    except UnicodeError:
        return match.group(0)


def _cp1252_byte(char: str) -> bytes:
    """The byte cp1252 (or, for the five bytes cp1252 leaves undefined, latin-1) maps to."""
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1")


def _decode_raw(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOM_CODECS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace"), encoding
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding, "replace"), encoding
    utf16 = _utf16_by_high_bytes(data)
    if utf16:
        return data.decode(utf16, "replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _damaged_utf8(data) or _decode_legacy(data)


def _utf16_by_high_bytes(data: bytes) -> str | None:
    """UTF-16 without BOM and without NULs (non-Latin scripts): one byte parity is uniform.

    Such bytes also pass as ASCII, so this runs before UTF-8; the uniform values must be
    control-range bytes, which real 8-bit text does not repeat at every other position.
    """
    if len(data) < 16 or len(data) % 2:
        return None
    for parity, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = data[parity:_UTF16_SAMPLE:2]
        top = Counter(high).most_common(2)
        common = sum(count for value, count in top if value < 0x20)
        if common >= len(high) * _UTF16_HIGH_BYTE_SHARE:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few broken bytes: keep it UTF-8 (the damage is flagged), not mojibake."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for char in text if "\x7f" < char != "\ufffd")
    if multibyte and broken <= max(1, multibyte * _UTF8_DAMAGE_LIMIT):
        return text, "utf-8"
    return None


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
