"""Control-byte framing shared by the character-stream wire formats (IPTC 7901, ANPA-1312).

A message is ``[SYN SYN] SOH header STX text ETX trailer [EOT]``; a file may carry several.
Framing is read on the raw bytes, because decoding removes the control bytes that delimit the
parts; each part is then decoded on its own (controls such as BEL and DEL removed).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.formats.encoding import decode

SOH = b"\x01"
STX = b"\x02"
ETX = b"\x03"
EOT = b"\x04"
SYN = b"\x16"
_LEAD_IN_LIMIT = 64
# Unit separator and device controls separate header fields (ANPA selector and format codes):
# they read as spaces, not as nothing.
_FIELD_SEPARATORS = bytes.maketrans(b"\x1f\x11\x12\x13\x14", b"     ")


@dataclass(frozen=True)
class Frame:
    """One framed message, each part decoded, line ends normalised to ``\\n``."""

    header: str
    text: str
    trailer: str
    warnings: tuple[str, ...]


def is_framed(data: bytes) -> bool:
    """True when the bytes open with SOH (after SYNs or blank space) and carry an STX."""
    head = data[:_LEAD_IN_LIMIT].lstrip(SYN + b" \r\n\t")
    return head.startswith(SOH) and STX in data


def header_of(data: bytes) -> str:
    """The decoded header of the first message, for cheap detection."""
    first = data.split(SOH, 1)[-1].split(STX, 1)[0]
    return _text(first.translate(_FIELD_SEPARATORS))[0]


def split_frames(data: bytes) -> list[Frame]:
    """Every SOH-started message of the file, in order."""
    return [_frame(chunk) for chunk in data.split(SOH)[1:] if chunk.strip(SYN + EOT + b" \r\n")]


def _frame(chunk: bytes) -> Frame:
    warnings: list[str] = []
    header, has_stx, rest = chunk.partition(STX)
    if not has_stx:
        header, rest = b"", header
        warnings.append("message without STX: header and text cannot be told apart")
    text, has_etx, trailer = rest.partition(ETX)
    if not has_etx:
        warnings.append("message without ETX: text taken to the end of the message")
    header = header.translate(_FIELD_SEPARATORS)
    parts = [_text(part) for part in (header, text, trailer.split(EOT)[0])]
    for _part, part_warnings in parts:
        warnings.extend(w for w in part_warnings if w not in warnings)
    return Frame(parts[0][0], parts[1][0], parts[2][0], tuple(warnings))


def _text(part: bytes) -> tuple[str, list[str]]:
    text, warnings = decode(part)
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings
