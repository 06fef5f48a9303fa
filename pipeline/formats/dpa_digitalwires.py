"""dpa digitalwires JSON (``"format": "digitalwires@0.9"``): dpa's own delivery format.

The item key is the ``urn`` (shared by every version; the NewsML-G2 guid of the same item),
``version`` counts the versions. The story is ``article_html``; the teaser, the editor's notepad,
the infobox and the link box are kept apart in ``raw_meta`` so that the body holds the story
only, as it reads after the dateline. The slugline is the dpa keyword line that the 7901 output
of the same item carries: subjects, places, then keywords, joined with "/".
"""

from __future__ import annotations

from pipeline.errors import EmptyItemError, NotNewsItemError, PermanentError
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.dateline import Dateline, find_dateline
from pipeline.formats.htmltext import html_paragraphs
from pipeline.formats.jsonutil import (
    JsonObject,
    compact_meta,
    int_of,
    load_json_object,
    objects_of,
    sniff_json,
    text_of,
)
from pipeline.schemas import Article, Subject

_SUBJECT_TYPES = ("dpasubject", "geosubject", "keyword", "genre")
_SLUG_PARTS = ("dpasubject_names", "geosubject_names", "keyword_names")
_META_KEYS = (
    "entry_id", "type", "kicker", "teaser", "creditline", "usageterms", "autopublishnotice",
    "ednotes", "signal", "updated", "genre_names", "rubric_names",
)  # fmt: skip


class DpaDigitalwiresParser(WireParser):
    name = "dpa_digitalwires"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff_json(
            sniff,
            lambda document: isinstance(document, dict) and _is_digitalwires(document),
            lambda head: '"digitalwires@' in head,
        )

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        document = load_json_object(data, "digitalwires JSON must be one object per item")
        return [_article(document.value, options, document.warnings)]


def _is_digitalwires(doc: JsonObject) -> bool:
    declared = str(doc.get("format") or "").startswith("digitalwires")
    return declared or (isinstance(doc.get("urn"), str) and "article_html" in doc)


def _article(doc: JsonObject, options: ParseOptions, decoding: tuple[str, ...]) -> Article:
    warnings = list(decoding)
    headline = text_of(doc, "headline")
    paragraphs = html_paragraphs(text_of(doc, "article_html") or "", ("dateline",))
    if not paragraphs:
        raise _no_text(doc, headline)
    if headline is None:
        raise EmptyItemError("digitalwires item has no headline")
    dateline = find_dateline(text_of(doc, "dateline") or "")
    agency = _agency(doc, dateline)
    zone = options.timezone_for(agency)
    signal = text_of(doc, "signal")
    return Article(
        format=DpaDigitalwiresParser.name,
        item_key=_urn(doc),
        version=int_of(doc.get("version")) or 1,
        agency=agency,
        headline=headline,
        subheadline=text_of(doc, "subhead"),
        slugline=_slugline(doc),
        byline=text_of(doc, "byline"),
        dateline_place=dateline.normalised_place if dateline else None,
        dateline_text=dateline.text if dateline else text_of(doc, "dateline"),
        published_at=fields.timestamp(doc.get("version_created"), zone, "created", warnings),
        first_created_at=fields.timestamp(doc.get("content_created"), zone, "created", warnings),
        embargo_until=fields.timestamp(doc.get("embargoed"), zone, "embargoed", warnings),
        language=text_of(doc, "language"),
        urgency=fields.urgency(doc.get("urgency"), warnings),
        pubstatus=fields.pubstatus(text_of(doc, "pubstatus"), warnings),
        subjects=_subjects(doc),
        copyright=text_of(doc, "copyrightnotice"),
        is_correction=signal == "sig:correction",
        update_marker=signal.removeprefix("sig:") if signal else None,
        paragraphs=paragraphs,
        raw_meta=_raw_meta(doc),
        warnings=warnings,
    )


def _no_text(doc: JsonObject, headline: str | None) -> PermanentError:
    media = sorted({str(entry.get("type")) for entry in objects_of(doc, "associations")})
    if media:
        return NotNewsItemError(f"digitalwires {'/'.join(media)} item without article text")
    return EmptyItemError(f"digitalwires item {headline!r} has no article text")


def _urn(doc: JsonObject) -> str:
    urn = text_of(doc, "urn", "entry_id")
    if urn is None:
        raise NotNewsItemError("digitalwires document without 'urn'")
    return urn


def _agency(doc: JsonObject, dateline: Dateline | None) -> str | None:
    """The agency of the dateline ('dpa' of 'dpa/lni'), else the delivering provider."""
    if dateline and dateline.agency:
        return dateline.agency.split("/")[0].strip()
    providers = [c for c in objects_of(doc, "categories") if c.get("type") == "dnltype:provider"]
    return text_of(providers[0], "name") if providers else text_of(doc, "creditline")


def _slugline(doc: JsonObject) -> str | None:
    names = [name for key in _SLUG_PARTS for name in doc.get(key) or [] if isinstance(name, str)]
    return "/".join(names) or None


def _subjects(doc: JsonObject) -> list[Subject]:
    subjects = []
    for category in objects_of(doc, "categories"):
        kind = str(category.get("type") or "").removeprefix("dnltype:")
        if kind in _SUBJECT_TYPES:
            code, name = text_of(category, "qcode"), text_of(category, "name")
            subjects.append(Subject(code=code, name=name, scheme=kind))
    return subjects


def _raw_meta(doc: JsonObject) -> JsonObject:
    meta = compact_meta(doc, _META_KEYS)
    notepad = (objects_of(doc, "notepad") or [{}])[0]
    boxes = {
        "notepad": notepad.get("public_html"),
        "notepad_internal": notepad.get("nonpublic_html"),
        "infobox": doc.get("infobox_html"),
        "linkbox": doc.get("linkbox_html"),
    }
    for key, html in boxes.items():
        if isinstance(html, str) and (paragraphs := html_paragraphs(html)):
            meta[key] = paragraphs
    return meta
