"""SGML wire collections of the Reuters-21578 kind: many ``<REUTERS NEWID=...>`` items a file.

The files are not XML (no root element, a DOCTYPE naming an SGML DTD, raw ``&#3;`` control
references), so they are read by a tolerant scanner: one regular expression per item and per
field, which is linear in the file size. Each item has ``DATE``, category lists (``TOPICS``,
``PLACES``, ``PEOPLE``, ``ORGS``, ``EXCHANGES``, ``COMPANIES`` of ``<D>`` entries) and a
``TEXT`` with ``TITLE``, ``DATELINE`` and ``BODY`` (ending in "Reuter" and ``&#3;``).
``TEXT TYPE="BRIEF"`` items are a title only and are skipped; ``TYPE="UNPROC"`` items are raw
text whose first line stands in for the title.

Items are cut at their ``<REUTERS>`` and ``</REUTERS>`` tags one by one rather than matched as
pairs, so that a broken boundary loses no item: an item whose close is missing ends where the
next one opens, text closed without an opening tag and a file that ends inside an item are each
an item of their own, parsed when usable and else reported as skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pipeline.errors import EmptyItemError, InvalidItemError, MalformedInputError, PermanentError
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.encoding import decode
from pipeline.formats.timestamps import to_utc
from pipeline.formats.xmlutil import squash
from pipeline.schemas import Article, Subject

# An item's opening tag (group 1: its attributes) or its closing tag.
_BOUNDARY = re.compile(r"<REUTERS\b([^>]*)>|</REUTERS\s*>")
# A tag between items is an item's text that lost its tags (the DOCTYPE, "<!", is not one).
_STRAY_TAG = re.compile(r"<[A-Za-z/]")
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.S)
_ENTRY = re.compile(r"<D>(.*?)</D>", re.S)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n(?=[ \t])|\n\s*\n")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$", re.I)
_CATEGORIES = ("PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")
# The elements an item opens with, one of which comes first in a collection whose first item
# lost its opening tag.
_ITEM_FIELDS = frozenset({"DATE", "MKNOTE", "TOPICS", *_CATEGORIES, "UNKNOWN", "TEXT"})


class ReutersSgmlParser(WireParser):
    name = "reuters_sgml"

    def can_parse(self, sniff: Sniff) -> bool:
        if sniff.xml_root == "REUTERS":
            return True
        return sniff.xml_root in _ITEM_FIELDS and "</REUTERS>" in sniff.head_text

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        text, warnings = decode(data)
        items = _items(text)
        if not items:
            raise MalformedInputError("no <REUTERS> item", kind="malformed")
        zone = options.timezone_for("Reuters")
        articles = articles_from_items(items, lambda item, index: _built(item, index, zone))
        if warnings:
            head = articles[0]
            articles[0] = head.model_copy(update={"warnings": warnings + head.warnings})
        return articles


@dataclass(frozen=True)
class _Item:
    """One item's text between its boundaries, and what was wrong with them (None: nothing)."""

    attributes: str | None  # of the opening tag; None when the item has none
    block: str
    flaw: str | None = None


_NO_CLOSE = "no </REUTERS>: the item ends where the next one opens"
_NO_OPEN = "a </REUTERS> without its opening <REUTERS> tag: the item's NEWID is lost"
_NO_TAGS = "item text between items without <REUTERS> tags: the item's NEWID is lost"
_TRUNCATED = "file ends inside item {index}: truncated?"


def _items(text: str) -> list[_Item]:
    """The file's items in order, each boundary tag read on its own: a pair matched by one
    pattern would swallow the item after a missing close and skip text whose opening tag is
    missing, silently."""
    items: list[_Item] = []
    opening: re.Match[str] | None = None  # the tag of the item being read
    end = 0  # where the last boundary tag ended
    for tag in _BOUNDARY.finditer(text):
        closing = tag[0].startswith("</")
        if opening is not None:
            block = text[opening.end() : tag.start()]
            items.append(_Item(opening[1], block, None if closing else _NO_CLOSE))
        elif closing:
            items.append(_Item(None, text[end : tag.start()], _NO_OPEN))
        elif _STRAY_TAG.search(text[end : tag.start()]):
            items.append(_Item(None, text[end : tag.start()], _NO_TAGS))
        opening, end = (None if closing else tag), tag.end()
    if opening is not None or _STRAY_TAG.search(text[end:]):
        items.append(_Item(opening[1] if opening else None, text[end:], _TRUNCATED))
    return items


def _built(item: _Item, index: int, zone: str) -> Article:
    """The item's article, its boundary's flaw a warning on it; an item that is unusable with
    a flawed boundary is ``malformed``, the flaw named first (it is the likelier cause)."""
    flaw = item.flaw.format(index=index) if item.flaw else None
    if item.attributes is None:  # only a flawed boundary leaves an item without its tag
        raise MalformedInputError(f"{flaw} ({_title_of(item.block)})")
    try:
        article = _article(item.attributes, item.block, index, zone)
    except PermanentError as error:
        if flaw is None:
            raise
        raise MalformedInputError(f"{flaw} ({error.message})") from error
    if flaw is None:
        return article
    return article.model_copy(update={"warnings": [flaw, *article.warnings]})


def _title_of(block: str) -> str:
    """What names an item that lost its NEWID, for finding it in the file."""
    title = squash(_field(block, "TITLE"))
    return f"TITLE {title!r}" if title else "no TITLE"


def _field(block: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", block, re.S)
    return _clean(match[1]) if match else None


def _clean(raw: str) -> str:
    """Entities decoded (``&lt;``, ``&#3;``) and the control characters they yield removed."""
    return _CONTROLS.sub("", html.unescape(raw))


def _entries(block: str, tag: str) -> list[str]:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return [_clean(entry).strip() for entry in _ENTRY.findall(match[1])] if match else []


def _article(attributes: str, block: str, index: int, zone: str) -> Article:
    attrs = dict(_ATTRIBUTE.findall(attributes))
    new_id = attrs.get("NEWID")
    if not new_id:
        raise InvalidItemError("REUTERS item without NEWID")
    text_match = _TEXT.search(block)
    if not text_match:
        raise EmptyItemError(f"item NEWID={new_id} has no TEXT")
    text_type = dict(_ATTRIBUTE.findall(text_match[1])).get("TYPE", "NORM")
    headline, paragraphs = _headline_and_body(text_match[2], text_type, new_id)
    warnings: list[str] = []
    dateline = squash(_field(text_match[2], "DATELINE"))
    topics = _entries(block, "TOPICS")
    return Article(
        format=ReutersSgmlParser.name,
        item_key=f"reuters21578:{new_id}",
        item_index=index,
        agency="Reuters",
        headline=headline,
        dateline_place=dateline.split(",")[0].strip() if dateline else None,
        dateline_text=dateline,
        published_at=_date(_field(block, "DATE"), zone, warnings),
        language="en",
        subjects=[Subject(code=t, name=t, scheme="reuters-topics") for t in topics],
        paragraphs=paragraphs,
        raw_meta=_raw_meta(attrs, block, text_type),
        warnings=warnings + (["unprocessed (TYPE=UNPROC) item"] if text_type == "UNPROC" else []),
    )


def _headline_and_body(text: str, text_type: str, new_id: str) -> tuple[str, list[str]]:
    if text_type == "UNPROC":
        lines = [line for line in _clean(text).splitlines() if line.strip()]
        title, body = (lines[0].strip(), "\n".join(lines[1:])) if lines else ("", "")
    else:
        title, body = _field(text, "TITLE") or "", _field(text, "BODY") or ""
    paragraphs = _paragraphs(body)
    if not paragraphs:
        raise EmptyItemError(f"item NEWID={new_id} (TYPE={text_type}) has no BODY text")
    return squash(title) or paragraphs[0][:200], paragraphs


def _paragraphs(body: str) -> list[str]:
    """Indented lines open a paragraph; the closing 'Reuter' sign-off is not text."""
    body = _SIGN_OFF.sub("", body.rstrip())
    return [text for block in _PARAGRAPH_BREAK.split(body) if (text := squash(block))]


def _date(raw: str | None, zone: str, warnings: list[str]) -> datetime | None:
    """'26-FEB-1987 15:01:01.79' (hundredths of a second)."""
    if not raw:
        return None
    try:
        return to_utc(datetime.strptime(raw.strip(), "%d-%b-%Y %H:%M:%S.%f"), zone)
    except ValueError:
        warnings.append(f"unparsed DATE {raw.strip()!r}")
        return None


def _raw_meta(attrs: dict[str, str], block: str, text_type: str) -> dict[str, Any]:
    meta: dict[str, Any] = {name.casefold(): value for name, value in attrs.items()}
    meta["text_type"] = text_type
    for category in _CATEGORIES:
        meta[category.casefold()] = _entries(block, category)
    return meta
