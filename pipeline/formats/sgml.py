"""SGML wire collections of the Reuters-21578 kind: many ``<REUTERS NEWID=...>`` items a file.

The files are not XML (no root element, a DOCTYPE naming an SGML DTD, raw ``&#3;`` control
references), so they are read by a tolerant scanner: one regular expression per item and per
field, which is linear in the file size. Each item has ``DATE``, category lists (``TOPICS``,
``PLACES``, ``PEOPLE``, ``ORGS``, ``EXCHANGES``, ``COMPANIES`` of ``<D>`` entries) and a
``TEXT`` with ``TITLE``, ``DATELINE`` and ``BODY`` (ending in "Reuter" and ``&#3;``).
``TEXT TYPE="BRIEF"`` items are a title only and are skipped; ``TYPE="UNPROC"`` items are raw
text whose first line stands in for the title.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any

from pipeline.errors import EmptyItemError, InvalidItemError, MalformedInputError
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.encoding import decode
from pipeline.formats.timestamps import to_utc
from pipeline.formats.xmlutil import squash
from pipeline.schemas import Article, Subject

_ITEM = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.S)
_ENTRY = re.compile(r"<D>(.*?)</D>", re.S)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n(?=[ \t])|\n\s*\n")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$", re.I)
_CATEGORIES = ("PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")


class ReutersSgmlParser(WireParser):
    name = "reuters_sgml"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff.xml_root == "REUTERS"

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        text, warnings = decode(data)
        items = list(_ITEM.finditer(text))
        if not items:
            raise MalformedInputError("no complete <REUTERS>...</REUTERS> item", kind="malformed")
        zone = options.timezone_for("Reuters")
        articles = articles_from_items(
            items, lambda item, index: _article(item[1], item[2], index, zone)
        )
        if warnings:
            head = articles[0]
            articles[0] = head.model_copy(update={"warnings": warnings + head.warnings})
        return articles


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
