"""Plain agency text: an optional timestamp line, a headline, then ``PLACE, DATE (Agency) -``.

Example (Interfax)::

    9 Mar 2021 17:29

    Roscosmos reports signing lunar station memorandum with China

    MOSCOW. March 9 (Interfax) - Russia and China have signed ...

The format carries no id, so the item key is derived from agency, timestamp and headline (minus
'UPDATE 2-' style prefixes): a re-send gets the same key, an update the same key and a higher
version.
"""

from __future__ import annotations

import re
from datetime import datetime

from pipeline.errors import EmptyItemError, UnknownFormatError
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.dateline import Dateline, find_dateline
from pipeline.formats.encoding import decode
from pipeline.formats.identity import stable_key, strip_update_prefix
from pipeline.formats.timestamps import parse_wire_timestamp
from pipeline.schemas import Article

_BLANK_LINES = re.compile(r"\n\s*\n")
_MAX_HEADLINE = 300
_LEAD_PARAGRAPHS = 3


class PlainTextParser(WireParser):
    name = "plain_text"

    def can_parse(self, sniff: Sniff) -> bool:
        if sniff.is_xml or sniff.is_json or sniff.is_binary:
            return False
        blocks = _blocks(sniff.head_text)
        return any(find_dateline(block) for block in blocks[: _LEAD_PARAGRAPHS + 2])

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        text, warnings = decode(data)
        blocks = _blocks(text)
        lead = _lead_index(blocks)
        if lead is None:
            raise UnknownFormatError("no 'PLACE (Agency) -' dateline in the first paragraphs")
        return [_article(blocks, lead, options, warnings)]


def _blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(block.split()) for block in _BLANK_LINES.split(text) if block.strip()]


def _lead_index(blocks: list[str]) -> int | None:
    for index, block in enumerate(blocks[: _LEAD_PARAGRAPHS + 2]):
        if find_dateline(block) and index > 0:
            return index
    return None


def _article(blocks: list[str], lead: int, options: ParseOptions, warnings: list[str]) -> Article:
    dateline = find_dateline(blocks[lead])
    assert dateline is not None  # _lead_index found it
    stamp_text, headline_raw = _header(blocks[:lead], warnings)
    headline, marker, is_correction, version = strip_update_prefix(headline_raw)
    published = parse_wire_timestamp(stamp_text, options.timezone_for(dateline.agency))
    if stamp_text and published is None:
        warnings.append(f"unparsed timestamp line: {stamp_text!r}")
    paragraphs = _body(blocks, lead, dateline)
    return Article(
        format=PlainTextParser.name,
        item_key=_item_key(dateline, published, headline),
        version=version,
        agency=dateline.agency,
        headline=headline,
        dateline_place=dateline.normalised_place,
        dateline_text=dateline.text,
        published_at=published,
        first_created_at=published,
        is_correction=is_correction,
        update_marker=marker,
        paragraphs=paragraphs,
        raw_meta={"timestamp": stamp_text, "dateline_date": dateline.date_text},
        warnings=warnings,
    )


def _header(blocks: list[str], warnings: list[str]) -> tuple[str | None, str]:
    """Timestamp line (if any) and headline from the blocks before the dateline."""
    lines = [line for block in blocks for line in [block]]
    stamp = lines[0] if lines and _is_timestamp_line(lines[0]) else None
    rest = lines[1:] if stamp else lines
    if not rest:
        raise EmptyItemError("no headline before the dateline")
    if len(rest) > 1:
        warnings.append(f"{len(rest)} header blocks before the dateline; the last is the headline")
    headline = rest[-1]
    if len(headline) > _MAX_HEADLINE:
        raise UnknownFormatError("headline line is longer than a wire headline can be")
    return stamp, headline


def _is_timestamp_line(line: str) -> bool:
    return len(line) <= 40 and bool(re.search(r"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}", line))


def _body(blocks: list[str], lead: int, dateline: Dateline) -> list[str]:
    first = blocks[lead][dateline.body_start :].strip()
    paragraphs = [first, *blocks[lead + 1 :]] if first else blocks[lead + 1 :]
    if not paragraphs:
        raise EmptyItemError()
    return paragraphs


def _item_key(dateline: Dateline, published: datetime | None, headline: str) -> str:
    stamp = published.strftime("%Y%m%d%H%M") if published else dateline.date_text
    return stable_key(f"text:{(dateline.agency or '').casefold()}", stamp, headline)
