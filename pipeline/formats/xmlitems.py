"""XML documents of many items (RSS and Atom feeds, NewsML-G2 and NewsML 1.2 messages) that
are malformed inside some of their items: the items that are well-formed are read, and each
broken one is reported at its position among the document's items.

One unescaped ``&`` in one item's title makes a whole feed malformed XML, so a strict parse
loses every item of it. libxml2's recovery mode would read on, but it repairs silently: an
unclosed tag swallows the items after it. Here a document that fails the strict parse is cut
at its items' tags, every item is parsed on its own in its place (after the document's own
opening, for its namespaces and encoding; an error's position is said as the file's), and the
document is read again without the items that failed. Where the fault lies outside every item
(the channel's header, say) or the document cannot be cut at its items, the strict parse's
error stands. Items are found by their tags in the bytes, so a fault that makes one item look
like two, or two like one, is reported as the items it seems to be; nothing is read that a
strict parse of the item would not read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from lxml import etree

from pipeline.errors import MalformedInputError, PermanentError
from pipeline.formats.xmlsafe import Moved, parse_xml

# Comments and CDATA sections blanked (same length, so offsets hold) before items are looked
# for: a feed's description may quote markup that looks like an item's tag.
_OPAQUE = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"


@dataclass(frozen=True)
class ItemsDocument:
    """The document as read, and why each item left out of it could not be read, by its
    position among all the document's items (the ones read keep their order around them)."""

    root: etree._Element
    broken: dict[int, PermanentError]


def parse_items_document(
    data: bytes, item_names: Collection[str], max_depth: int, nested: bool = False
) -> ItemsDocument:
    """:func:`parse_xml`, and where the document is malformed inside some of its items (named
    by ``item_names``, local names of elements, which may be ``nested``: then the outermost
    are the items), the document without them."""
    try:
        return ItemsDocument(parse_xml(data, max_depth), {})
    except MalformedInputError:
        salvaged = _salvage(data, item_names, max_depth, nested)
        if salvaged is None:
            raise
        return salvaged


@dataclass(frozen=True)
class _Span:
    start: int
    stop: int
    closed: bool  # False: the next item (or the end of the file) came before its closing tag


def _salvage(
    data: bytes, item_names: Collection[str], max_depth: int, nested: bool
) -> ItemsDocument | None:
    spans = list(_item_spans(data, item_names, nested))
    if not spans:
        return None
    lines = _Lines(data, spans[0].start)
    head = lines.head
    closers = _closing_tags(head)
    if closers is None:
        return None
    broken = {
        index: fault
        for index, span in enumerate(spans)
        if (fault := _item_fault(data, lines, span, closers, max_depth)) is not None
    }
    if not broken or len(broken) == len(spans):
        return None  # the fault is elsewhere, or no item is left to read
    kept = b"".join(
        data[span.start : spans[index + 1].start if index + 1 < len(spans) else span.stop]
        for index, span in enumerate(spans)
        if index not in broken
    )
    for ending in (data[spans[-1].stop :], closers):
        try:
            return ItemsDocument(parse_xml(head + kept + ending, max_depth), broken)
        except PermanentError:
            continue
    return None


def _item_fault(
    data: bytes, lines: _Lines, span: _Span, closers: bytes, max_depth: int
) -> PermanentError | None:
    """Why the item cannot be read on its own, after the document's opening (its namespaces
    and encoding; a fault's line and column said as the file's); None when it can."""
    if not span.closed:
        line, column = lines.at(span.start)
        where = "no closing tag before the file ends: truncated?" if span.stop == len(data) else (
            "the next item opens before its closing tag"
        )  # fmt: skip
        message = (
            f"malformed XML: the item opened at line {line}, column {column} has no end: {where}"
        )
        return MalformedInputError(message, kind="malformed_xml")
    head = lines.head
    moved = Moved(lines.at(span.start), lines.at(len(head)))
    try:
        parse_xml(head + data[span.start : span.stop] + closers, max_depth, moved)
    except PermanentError as fault:
        return fault
    return None


def _item_spans(data: bytes, item_names: Collection[str], nested: bool) -> Iterator[_Span]:
    """Each item from its opening tag to its closing tag; one whose closing tag is missing
    runs to the next item's opening tag (or the end of the file) and is not ``closed``. The
    text between one item's close and the next item's opening stays with neither. Items that
    may be ``nested`` are the outermost ones, each running to the close that balances its
    opening (a missing close: to the end of the file)."""
    names = b"|".join(re.escape(name.encode()) for name in sorted(item_names))
    scanned = _OPAQUE.sub(lambda found: b" " * len(found.group()), data)
    if nested:
        yield from _outermost(scanned, names)
        return
    opening = re.compile(rb"<(" + _NAME + rb"(?:" + names + rb"))(?=[\s/>])[^>]*?(/?)>")
    starts = list(opening.finditer(scanned))
    for number, start in enumerate(starts):
        limit = starts[number + 1].start() if number + 1 < len(starts) else len(data)
        if start.group(2):  # <item/>: nothing inside
            yield _Span(start.start(), start.end(), True)
            continue
        close = re.compile(rb"</" + re.escape(start.group(1)) + rb"\s*>")
        found = close.search(scanned, start.end(), limit)
        if found is None:
            yield _Span(start.start(), limit, False)
        else:
            yield _Span(start.start(), found.end(), True)


def _outermost(scanned: bytes, names: bytes) -> Iterator[_Span]:
    tag = re.compile(rb"<(/?)" + _NAME + rb"(?:" + names + rb")(?=[\s/>])[^>]*?(/?)>")
    depth, start = 0, 0
    for found in tag.finditer(scanned):
        closing, empty = found.group(1), found.group(2)
        if empty:
            if not depth:
                yield _Span(found.start(), found.end(), True)
            continue
        if not closing:
            start = found.start() if not depth else start
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                yield _Span(start, found.end(), True)
    if depth:
        yield _Span(start, len(scanned), False)


class _Lines:
    """Line and column of the file's bytes, found by bisection (a feed has thousands of items)."""

    def __init__(self, data: bytes, head_length: int) -> None:
        self.head = data[:head_length]
        self.breaks = [found.start() for found in re.finditer(b"\n", data)]

    def at(self, offset: int) -> tuple[int, int]:
        """libxml2's line and column (both from 1, the column in bytes) of the byte at
        ``offset``."""
        before = bisect_left(self.breaks, offset)
        line_start = self.breaks[before - 1] + 1 if before else 0
        return before + 1, offset - line_start + 1


def _closing_tags(head: bytes) -> bytes | None:
    """The closing tags of the elements still open at the end of ``head`` (innermost first),
    as they were written; None when ``head`` itself is malformed."""
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
    )
    open_tags: list[str] = []
    try:
        parser.feed(head)
        for event, element in parser.read_events():
            if event == "start":
                local = etree.QName(element).localname
                open_tags.append(f"{element.prefix}:{local}" if element.prefix else local)
            else:
                open_tags.pop()
    except etree.XMLSyntaxError:
        return None
    return "".join(f"</{tag}>" for tag in reversed(open_tags)).encode()
