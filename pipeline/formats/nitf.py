"""NITF 3.x (News Industry Text Format), standalone and as the body of NewsML 1.2 and G2 items.

``head/docdata`` carries identity and management data (doc-id, du-key, urgency, issue and
release dates, management-status, correction, evloc), ``head/tobject`` the IPTC subject codes,
``body/body.head`` the headlines, byline and dateline, ``body/body.content`` the text.
``read_nitf_body`` is the part the NewsML formats reuse for their embedded NITF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree

from pipeline.errors import EmptyItemError, UnknownFormatError
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.dateline import Dateline
from pipeline.formats.identity import stable_key
from pipeline.formats.xmlsafe import parse_xml
from pipeline.formats.xmltext import paragraphs_of
from pipeline.formats.xmlutil import (
    XML_LANG,
    all_of,
    attr,
    find_attr,
    find_text,
    first,
    local_name,
    squash,
    text_of,
)
from pipeline.schemas import Article, Subject

_SUBJECT = "tobject.subject.refnum"
_LABELS = ("detail", "matter", "type")  # most specific first


@dataclass(frozen=True)
class NitfBody:
    """What ``body`` says: the part of NITF every format that embeds it can use."""

    headline: str | None
    subheadline: str | None
    byline: str | None
    dateline_text: str | None
    dateline_place: str | None
    paragraphs: list[str]


def read_nitf_body(nitf: etree._Element) -> NitfBody:
    head = first(nitf, "body/body.head")
    dateline = first(head, "dateline")
    return NitfBody(
        headline=find_text(head, "hedline/hl1") or find_text(nitf, "head/title"),
        subheadline=find_text(head, "hedline/hl2"),
        byline=find_text(head, "byline"),
        dateline_text=_dateline_text(dateline),
        dateline_place=find_text(dateline, "location")
        or fields.dateline_place(_dateline_text(dateline))
        or _evloc_place(first(nitf, "head/docdata")),
        paragraphs=paragraphs_of(all_of(nitf, "body/body.content"))[0],
    )


def _dateline_text(dateline: etree._Element | None) -> str | None:
    """Dateline words without the machine date (EFE sends only a story.date in it)."""
    if dateline is None:
        return None
    parts = [dateline.text or ""]
    for child in dateline:
        if local_name(child) != "story.date":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return squash("".join(parts))


class NitfParser(WireParser):
    name = "nitf"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff.xml_root == "nitf"

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        root = parse_xml(data, options.xml_max_depth)
        if local_name(root) != "nitf":
            raise UnknownFormatError(f"root element <{local_name(root)}> is not <nitf>")
        return [_article(root, options)]


def _article(nitf: etree._Element, options: ParseOptions) -> Article:
    warnings: list[str] = []
    body = read_nitf_body(nitf)
    if not body.paragraphs:
        raise EmptyItemError("NITF body.content has no text")
    paragraphs, lead = fields.clean_body(body.paragraphs, body.headline, warnings)
    docdata = first(nitf, "head/docdata")
    agency = (
        find_attr(docdata, "doc-id", "regsrc")
        or find_text(nitf, "body/body.head/distributor")
        or (lead.agency if lead else None)
    )
    zone = options.timezone_for(agency)
    status = attr(docdata, "management-status")
    correction = first(docdata, "correction")
    headline = fields.headline_or_lead(body.headline, paragraphs, warnings)
    issued = fields.timestamp(find_attr(docdata, "date.issue", "norm"), zone, "issue", warnings)
    return Article(
        format=NitfParser.name,
        item_key=_item_key(docdata, agency, issued, headline, warnings),
        version=fields.version(find_attr(docdata, "du-key", "version"), warnings),
        agency=agency,
        headline=headline,
        subheadline=body.subheadline,
        slugline=_slugline(docdata),
        byline=body.byline,
        dateline_place=body.dateline_place or _lead_place(lead),
        dateline_text=body.dateline_text or (lead.text if lead else None),
        published_at=issued,
        embargo_until=fields.timestamp(
            find_attr(docdata, "date.release", "norm"), zone, "release", warnings
        ),
        language=fields.language(attr(nitf, "baselang") or attr(nitf, XML_LANG)),
        urgency=fields.urgency(find_attr(docdata, "urgency", "ed-urg"), warnings),
        pubstatus=fields.pubstatus(status, warnings),
        subjects=_subjects(nitf),
        copyright=_copyright(nitf, docdata),
        is_correction=correction is not None,
        update_marker=_correction_note(correction),
        paragraphs=paragraphs,
        raw_meta=_raw_meta(nitf, docdata),
        warnings=warnings,
    )


def _item_key(
    docdata: etree._Element | None,
    agency: str | None,
    issued: datetime | None,
    headline: str,
    warnings: list[str],
) -> str:
    doc_id = find_attr(docdata, "doc-id", "id-string")
    if doc_id:
        return f"nitf:{agency.casefold()}:{doc_id}" if agency else f"nitf:{doc_id}"
    warnings.append("NITF has no doc-id; the key is derived from agency, issue date and headline")
    return stable_key(f"nitf:{(agency or 'unknown').casefold()}", str(issued), headline)


def _slugline(docdata: etree._Element | None) -> str | None:
    return find_attr(docdata, "du-key", "key") or find_attr(docdata, "key-list/keyword", "key")


def _evloc_place(docdata: etree._Element | None) -> str | None:
    evloc = first(docdata, "evloc")
    for name in ("city", "county-dist", "state-prov", "iso-cc"):
        if value := attr(evloc, name):
            return value
    return None


def _lead_place(lead: Dateline | None) -> str | None:
    return lead.normalised_place if lead else None


def _subjects(nitf: etree._Element) -> list[Subject]:
    """IPTC subject codes of ``tobject.subject``, named by their most specific label."""
    subjects = []
    for subject in all_of(nitf, "head/tobject/tobject.subject"):
        label = next(
            filter(None, (attr(subject, f"tobject.subject.{part}") for part in _LABELS)), None
        )
        owner = (attr(subject, "tobject.subject.ipr") or "IPTC").casefold()
        scheme = "iptc-subjectcode" if owner == "iptc" else owner
        subjects.append(Subject(code=attr(subject, _SUBJECT), name=label, scheme=scheme))
    return subjects


def _copyright(nitf: etree._Element, docdata: etree._Element | None) -> str | None:
    notice = first(docdata, "doc.copyright")
    holder = attr(notice, "holder")
    if holder:
        year = attr(notice, "year")
        return f"© {year} {holder}" if year else f"© {holder}"
    return find_text(nitf, "body/body.head/rights/rights.owner")


def _correction_note(correction: etree._Element | None) -> str | None:
    if correction is None:
        return None
    return attr(correction, "info") or "correction"


def _raw_meta(nitf: etree._Element, docdata: etree._Element | None) -> dict[str, Any]:
    meta = {
        attr(item, "name"): attr(item, "content")
        for item in all_of(nitf, "head/meta")
        if attr(item, "name")
    }
    return {
        "doc_id": find_attr(docdata, "doc-id", "id-string"),
        "du_key": find_attr(docdata, "du-key", "key"),
        "management_status": attr(docdata, "management-status"),
        "management_doc_idref": attr(docdata, "management-doc-idref"),
        "correction_id": find_attr(docdata, "correction", "id-string"),
        "ed_msg": find_attr(docdata, "ed-msg", "info"),
        "evloc": [dict(evloc.attrib) for evloc in all_of(docdata, "evloc")],
        "keywords": [attr(k, "key") for k in all_of(docdata, "key-list/keyword") if attr(k, "key")],
        "meta": meta,
        "abstract": text_of(first(nitf, "body/body.head/abstract")),
    }
