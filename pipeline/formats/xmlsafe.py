"""Parse untrusted XML: no entity expansion, no DTD or network loading, bounded depth.

Entity declarations are refused before lxml sees the document (billion laughs and external
entities need them); a DOCTYPE that merely names an external DTD is allowed but never loaded,
so any entity that DTD would define is reported as undefined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from pipeline.errors import MalformedInputError, PermanentError, UnsafeInputError

# Case-sensitive on purpose: XML only knows "<!DOCTYPE", and a literal prefix keeps the search
# over the whole document fast (a long comment may push the DOCTYPE far from the start).
_DOCTYPE = re.compile(rb"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S)
_DECLARATION = re.compile(rb"<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)|%\s*\w+\s*;", re.I)
DEFAULT_MAX_DEPTH = 200
# libxml2's own defences (entity amplification, recursion, depth) are attacks, not typos.
_LIBXML_GUARDS = ("amplification", "entity reference loop", "huge")
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_SINGLE_BYTE = frozenset({b"iso-8859-1", b"iso8859-1", b"latin-1", b"latin1", b"windows-1252",
                          b"cp1252", b"us-ascii", b"ascii", b"iso-8859-15"})  # fmt: skip
_MULTIBYTE_UTF8 = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


@dataclass(frozen=True)
class Moved:
    """Where a part of a file parsed on its own stood in the file: the file's line and column
    of the part's first byte, and the line and column it had in the text parsed."""

    file_at: tuple[int, int]
    parsed_at: tuple[int, int]

    def place(self, line: int, column: int) -> tuple[int, int]:
        """A parse error's position in the text parsed, as the file's."""
        if line != self.parsed_at[0]:
            return line - self.parsed_at[0] + self.file_at[0], column
        return self.file_at[0], column - self.parsed_at[1] + self.file_at[1]


def parse_xml(
    data: bytes, max_depth: int = DEFAULT_MAX_DEPTH, moved: Moved | None = None
) -> etree._Element:
    """The root element, or MalformedInputError (with line and column, the file's where the
    text parsed is a ``moved`` part of it) / UnsafeInputError."""
    _refuse_declarations(data)
    try:
        root = etree.fromstring(data, parser=_parser(_encoding_override(data)))
    except etree.XMLSyntaxError as error:
        raise _malformed(error, moved) from error
    if root is None:
        raise MalformedInputError("XML document has no root element", kind="malformed_xml")
    if _deeper_than(root, max_depth):
        raise UnsafeInputError(f"XML nested deeper than {max_depth} levels")
    _refuse_entity_references(root)
    return root


def _encoding_override(data: bytes) -> str | None:
    """UTF-8 for a document that declares a single-byte charset but holds valid UTF-8.

    Newsroom exports often keep an ``iso-8859-1`` declaration over UTF-8 bytes; read as
    declared, every accented letter turns into two ("DÃ©cÃ¨s"). Bytes that decode as UTF-8
    and hold multibyte sequences are practically never meant as Latin-1.
    """
    declared = _DECLARED.match(data[:200])
    if declared is None or declared.group(1).lower() not in _SINGLE_BYTE:
        return None
    if not _MULTIBYTE_UTF8.search(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


def _parser(encoding: str | None = None) -> etree.XMLParser:
    """A fresh parser per document: lxml parsers must not be shared between threads.

    libxml2 itself stops at 256 levels without ``huge_tree``, so the tree that is built before
    the depth check is bounded (and a configured limit above 256 acts as 256).
    """
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


@lru_cache(maxsize=8)
def _depth_probe(max_depth: int) -> etree.XPath:
    # An element max_depth steps below the root sits at level max_depth + 1; evaluated in C.
    return etree.XPath("boolean(" + "/".join(["*"] * max_depth) + ")")


def _deeper_than(root: etree._Element, max_depth: int) -> bool:
    return bool(_depth_probe(max_depth)(root))


def _refuse_declarations(data: bytes) -> None:
    doctype = _DOCTYPE.search(data.replace(b"\x00", b"") if b"\x00" in data[:512] else data)
    if doctype and _DECLARATION.search(doctype.group(0)):
        raise UnsafeInputError("XML DOCTYPE declares entities or markup (refused)")


def _malformed(error: etree.XMLSyntaxError, moved: Moved | None = None) -> PermanentError:
    line, column = error.position if error.position else (error.lineno, 0)
    if moved is not None:
        line, column = moved.place(line, column)
    message = str(error.msg).split(", line ")[0]
    if "Entity" in message and "not defined" in message:
        return UnsafeInputError(f"undefined entity (external DTDs are never loaded): {message}")
    if "Excessive depth" in message:
        return UnsafeInputError("XML nested deeper than libxml2's limit of 256 levels")
    if any(sign in message for sign in _LIBXML_GUARDS):
        return UnsafeInputError(f"XML refused by the parser's limits: {message}")
    return MalformedInputError(
        f"malformed XML at line {line}, column {column}: {message}", kind="malformed_xml"
    )


def _refuse_entity_references(root: etree._Element) -> None:
    for _ in root.iter(etree.Entity):
        raise UnsafeInputError("XML uses entity references that are never expanded")
