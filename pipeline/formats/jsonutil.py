"""Loading and field access shared by the JSON wire formats (ninjs, dpa digitalwires, PA).

Detection parses the document once: ``can_parse`` of every JSON format asks for the same bytes,
so the parsed document is memoised for the few most recent inputs.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.errors import MalformedInputError, NotNewsItemError, PermanentError
from pipeline.formats.base import Sniff
from pipeline.formats.encoding import decode

JsonObject = dict[str, Any]
# An HTML character reference: named ("&auml;"), decimal or hexadecimal.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")


@dataclass(frozen=True)
class JsonDocument:
    """A parsed document and the warnings of decoding its bytes."""

    value: Any
    warnings: tuple[str, ...]


def sniff_json(
    sniff: Sniff, recognises: Callable[[Any], bool], marked: Callable[[str], bool]
) -> bool:
    """Whether the bytes are JSON of one format: its document ``recognises``; where the bytes are
    not valid JSON, the format whose ``marked`` head they show claims them, so that they are
    refused as ``malformed_json`` by the parser they were meant for, not as an unknown format."""
    if not sniff.is_json:
        return False
    document = try_load_json(sniff.data)
    return marked(sniff.head_text) if document is None else recognises(document)


def load_json_object(data: bytes, refusal: str) -> JsonDocument:
    """The document of a format that carries one object per file; ``refusal`` says otherwise."""
    document = load_json(data)
    if not isinstance(document.value, dict):
        raise NotNewsItemError(refusal)
    return document


def load_json(data: bytes) -> JsonDocument:
    """The parsed document, or ``malformed_json`` naming line and column of the fault.

    Callers must not mutate the value: it is shared with the detection cache.
    """
    result = _cached_load(data)
    if isinstance(result, _Fault):
        raise MalformedInputError(result.message, kind="malformed_json")
    return result


@dataclass(frozen=True)
class JsonArray:
    """The elements of a JSON array read one by one, where the array as a whole is malformed:
    the elements that parse, in order, and why each other one cannot be read, by its position
    among all the array's elements."""

    values: list[Any]
    broken: dict[int, PermanentError]
    warnings: tuple[str, ...]


_DECODER = json.JSONDecoder()


def load_json_array(data: bytes) -> JsonArray | None:
    """A malformed document that is an array, read element by element: an element that does
    not parse (a missing quote or comma, the file cut inside it) is reported with the line and
    column of its fault, and reading goes on at the next line that opens an element as the
    first one opens (same indentation, same bracket): pretty-printed and one-item-a-line arrays
    lose only their broken elements; an array on one line loses everything from its first
    broken element, reported as one. None when the bytes are no array, no element parses, or
    text follows the array."""
    text, warnings = decode(data)
    position = _skip_space(text, 0)
    if not text.startswith("[", position):
        return None
    position = _skip_space(text, position + 1)
    resync = _element_openings(text, position)
    values: list[Any] = []
    broken: dict[int, PermanentError] = {}
    while position < len(text) and text[position] != "]":
        try:
            value, end = _DECODER.raw_decode(text, position)
            values.append(value)  # whole, even where the comma after it is missing
            after = _skip_space(text, end)
            position = _skip_space(text, after + 1) if text.startswith(",", after) else after
        except json.JSONDecodeError as error:
            found = resync.search(text, error.pos + 1) if resync else None
            position = found.start() + 1 if found else len(text)
            cut = found is None and not text.rstrip().endswith("]")
            broken[len(values) + len(broken)] = _element_fault(error, cut)
    if position < len(text) and text[position + 1 :].strip():
        return None  # text after the array: the strict parse's fault stands
    if position >= len(text) and not broken:
        fault = "the file ends before the array closes: truncated?"
        broken[len(values)] = MalformedInputError(f"malformed JSON: {fault}", kind="malformed_json")
    return JsonArray(values, broken, tuple(warnings)) if values else None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _element_openings(text: str, first: int) -> re.Pattern[str] | None:
    """Where an element of the array opens as its first one does: at a line's start with the
    first's indentation and bracket. None when the first shares its line with the array's
    opening (an array on one line: no line tells where an element opens)."""
    line_start = text.rfind("\n", 0, first) + 1
    indent = text[line_start:first]
    if indent.strip() or first >= len(text):
        return None
    return re.compile("\n" + re.escape(indent) + re.escape(text[first]))


def _element_fault(error: json.JSONDecodeError, cut: bool) -> MalformedInputError:
    """The fault of a broken element, said with its line and column in the file; ``cut``: the
    file ends inside the element."""
    reason = f"{error.msg}; the file ends inside it: truncated?" if cut else error.msg
    message = f"malformed JSON at line {error.lineno}, column {error.colno}: {reason}"
    return MalformedInputError(message, kind="malformed_json")


def json_fault(data: bytes) -> str | None:
    """Where bytes that should be JSON fail to parse (line and column), or None."""
    result = _cached_load(data)
    return result.message if isinstance(result, _Fault) else None


def try_load_json(data: bytes) -> Any | None:
    """The parsed value, or None when the bytes are not valid JSON."""
    result = _cached_load(data)
    return None if isinstance(result, _Fault) else result.value


@dataclass(frozen=True)
class _Fault:
    """A parse failure, cached as a value (an exception object would carry its traceback)."""

    message: str


@lru_cache(maxsize=4)
def _cached_load(data: bytes) -> JsonDocument | _Fault:
    text, warnings = decode(data)
    try:
        return JsonDocument(json.loads(text), tuple(warnings))
    except json.JSONDecodeError as error:
        return _Fault(f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}")


def text_of(doc: JsonObject, *keys: str) -> str | None:
    """The first of ``keys`` holding a non-blank string (or number), stripped."""
    for key in keys:
        value = doc.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def objects_of(doc: JsonObject, key: str) -> list[JsonObject]:
    """The objects in list ``key`` (a lone object counts as a list of one)."""
    value = doc.get(key)
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def int_of(value: Any) -> int | None:
    """An integer from a JSON number or numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def compact_meta(doc: JsonObject, keys: tuple[str, ...]) -> JsonObject:
    """The listed keys that carry a value, for ``raw_meta`` (JSON values stay JSON)."""
    return {key: doc[key] for key in keys if doc.get(key) not in (None, "", [], {})}


def decode_entities(text: str | None) -> str | None:
    """``text`` with HTML character references decoded: newsroom JSON exports keep them
    ("Milit&auml;r&ouml;vning") in fields that are plain text."""
    if text is None or not _ENTITY.search(text):
        return text
    return html.unescape(text)
