"""The contract every wire-format module fulfils."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from pipeline.schemas import Article
from pipeline.settings import DEFAULT_AGENCY_TIMEZONES, Settings

_XML_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_TEXT_CONTROLS = frozenset(b"\t\n\v\f\r\x01\x02\x03\x04\x16\x1b\x1e\x1f\x7f")
_BINARY_CONTROLS = tuple(code for code in range(32) if code not in _TEXT_CONTROLS)


@dataclass(frozen=True)
class Sniff:
    """Cheap facts about the first bytes of a file, shared by every ``can_parse``."""

    data: bytes

    @cached_property
    def head(self) -> bytes:
        return _strip_bom(self.data[:8192]).lstrip()

    @cached_property
    def head_text(self) -> str:
        """The head decoded loosely (UTF-16 and control bytes folded away)."""
        head = self.data[:8192]
        if self.is_utf16:
            head = head.replace(b"\x00", b"")
        return _strip_bom(head).decode("utf-8", "replace").lstrip()

    @cached_property
    def is_utf16(self) -> bool:
        return self.data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(self.data[:8192])

    @cached_property
    def is_binary(self) -> bool:
        """NUL bytes in the head that are not UTF-16's high bytes."""
        return b"\x00" in self.data[:4096] and not self.is_utf16

    @cached_property
    def looks_binary(self) -> bool:
        """NUL bytes (see ``is_binary``), or more than 3 in 100 bytes of the head control bytes
        that are neither whitespace nor the transmission codes of wire text (SOH, STX, ETX,
        EOT, SYN, ESC, RS, US, DEL): pictures, archives, compressed or random data. (Random
        bytes hold about 8 in 100 of these; text, whatever its encoding, none.)"""
        if self.is_binary:
            return True
        head = self.data[:4096]
        strange = sum(head.count(bytes([code])) for code in _BINARY_CONTROLS)
        return strange * 100 > 3 * len(head)

    @cached_property
    def is_xml(self) -> bool:
        return self.head_text.startswith("<")

    @cached_property
    def xml_root(self) -> str | None:
        """Local name of the first element, without parsing (skips prolog and comments)."""
        if not self.is_xml:
            return None
        text = re.sub(r"<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", self.head_text, flags=re.S)
        match = _XML_ROOT.search(text.encode())
        return match.group(1).decode() if match else None

    @cached_property
    def is_json(self) -> bool:
        return self.head_text[:1] in ("{", "[")


def _strip_bom(data: bytes) -> bytes:
    for bom in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without BOM: ASCII text with a NUL in every other byte."""
    sample = head[:200]
    return len(sample) >= 8 and sample.count(0) >= len(sample) * 0.4


@dataclass(frozen=True)
class ParseOptions:
    """What parsing may be configured by. Parsers never read settings themselves."""

    agency_timezones: tuple[tuple[str, str], ...] = tuple(DEFAULT_AGENCY_TIMEZONES.items())
    default_timezone: str = "UTC"
    xml_max_depth: int = 200

    @classmethod
    def from_settings(cls, settings: Settings) -> ParseOptions:
        return cls(
            agency_timezones=tuple(settings.agency_timezones.items()),
            default_timezone=settings.default_timezone,
            xml_max_depth=settings.xml_max_depth,
        )

    def timezone_for(self, agency: str | None) -> str:
        """IANA zone for an agency's local timestamps (case-insensitive), else the default."""
        wanted = (agency or "").casefold()
        for name, zone in self.agency_timezones:
            if name.casefold() == wanted:
                return zone
        return self.default_timezone


class WireParser(ABC):
    """One wire format. Subclasses for agency variants override as little as they can."""

    name: ClassVar[str]

    @abstractmethod
    def can_parse(self, sniff: Sniff) -> bool:
        """True when the bytes are in this format. Must be cheap: called for every file."""

    @abstractmethod
    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        """Every news item in the file, in order. Raises PermanentError for unusable input."""
