"""PA (Press Association) wire JSON as delivered by the PA API (``"source-feed": "PA_API"``).

A ninjs-like flat object with PA's own names: ``usn`` (unique story number, shared by every
version of the story) is the item key, ``version`` the version, ``slug`` the slugline, ``priority``
the urgency. ``body_text`` holds plain text or, for tables and results, HTML.
"""

from __future__ import annotations

import re

from pipeline.errors import EmptyItemError, NotNewsItemError
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.htmltext import html_paragraphs, text_paragraphs
from pipeline.formats.jsonutil import (
    JsonObject,
    compact_meta,
    int_of,
    load_json_object,
    sniff_json,
    text_of,
)
from pipeline.schemas import Article, Subject

_AGENCY = "PA"
_HTML = re.compile(r"<(?:p|br|table|tr|div|ul|ol|li|h\d)\b", re.IGNORECASE)
_META_KEYS = (
    "uri", "source-feed", "unique-name", "type", "format", "dateTimeSent", "originalUrn",
    "mediaCatCodes", "destinations", "keywords", "tabVtxt", "ednote", "usage", "abstract",
)  # fmt: skip


_MARKS = {"source-feed", "usn"}  # PA's own names, which no other JSON format uses


class PaJsonParser(WireParser):
    name = "pa_json"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff_json(
            sniff,
            lambda document: (
                isinstance(document, dict) and {"source-feed", "usn"} <= document.keys()
            ),
            lambda head: '"source-feed"' in head,
        )

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        document = load_json_object(data, "PA JSON must be one object per story")
        return [_article(document.value, options, document.warnings)]


def _article(doc: JsonObject, options: ParseOptions, decoding: tuple[str, ...]) -> Article:
    warnings = list(decoding)
    kind = text_of(doc, "type")
    if kind not in (None, "text"):
        raise NotNewsItemError(f"PA {kind} item, not a text story")
    headline = text_of(doc, "headline", "slug")
    paragraphs = _body(text_of(doc, "body_text") or "")
    if headline is None or not paragraphs:
        raise EmptyItemError("PA story without headline or body text")
    zone = options.timezone_for(_AGENCY)
    return Article(
        format=PaJsonParser.name,
        item_key=f"pa:{text_of(doc, 'usn')}",
        version=_version(doc, warnings),
        agency=_AGENCY,
        headline=headline,
        subheadline=text_of(doc, "subhead"),
        slugline=text_of(doc, "slug"),
        byline=text_of(doc, "byline"),
        dateline_place=text_of(doc, "location"),
        published_at=fields.timestamp(doc.get("versionCreated"), zone, "versionCreated", warnings),
        first_created_at=fields.timestamp(doc.get("firstVersion"), zone, "firstVersion", warnings),
        language=text_of(doc, "language"),
        urgency=fields.urgency(text_of(doc, "priority"), warnings),
        pubstatus=fields.pubstatus(text_of(doc, "status"), warnings),
        subjects=_subjects(doc),
        copyright=text_of(doc, "copyrightNotice", "copyrightHolder"),
        paragraphs=paragraphs,
        raw_meta=compact_meta(doc, _META_KEYS),
        warnings=warnings,
    )


def _body(body: str) -> list[str]:
    return html_paragraphs(body) if _HTML.search(body) else text_paragraphs(body)


def _version(doc: JsonObject, warnings: list[str]) -> int:
    version = int_of(doc.get("version"))
    if version is None:
        warnings.append(f"PA version {doc.get('version')!r} is not a number; taken as 0")
        return 0
    return version


def _subjects(doc: JsonObject) -> list[Subject]:
    subjects = doc.get("subjects")
    codes = subjects.get("code") if isinstance(subjects, dict) else None
    if not isinstance(codes, list):
        return []
    return [Subject(code=code, scheme="pa") for code in codes if isinstance(code, str) and code]
