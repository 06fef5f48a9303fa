"""NewsML-G2: a ``newsItem``, or a ``newsMessage`` whose ``itemSet`` holds several items.

Text news items become articles; their body is inline XHTML or embedded NITF. Package items
only reference other items (those in the same message are read on their own), and concept,
knowledge, planning and catalog items describe things rather than tell a story: they are
"not a news item", and so are picture, video and audio items without text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lxml import etree

from pipeline.errors import EmptyItemError, InvalidItemError, NotNewsItemError
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.embedded import EmbeddedBody, describe_content, read_embedded
from pipeline.formats.xmlitems import parse_items_document
from pipeline.formats.xmltext import paragraphs_of
from pipeline.formats.xmlutil import (
    all_of,
    attr,
    find_attr,
    find_text,
    first,
    language_of,
    local_name,
    text_of,
)
from pipeline.schemas import Article, Subject

G2_NAMESPACE = b"http://iptc.org/std/nar/2006-10-01/"
_NOT_NEWS = {
    "conceptItem": "a concept item (the description of a person, organisation, event or term)",
    "knowledgeItem": "a knowledge item (a set of concept descriptions)",
    "planningItem": "a planning item (news coverage planning)",
    "catalogItem": "a catalog item (scheme definitions)",
    "catalog": "a catalog (scheme definitions)",
    "packageItem": "a package item that only references other items",
}
_FRAGMENTS = frozenset({"contentSet", "contentMeta", "groupSet", "itemMeta"})
# What a newsMessage's itemSet holds (none nests in another).
_MESSAGE_ITEMS = frozenset({"newsItem", *_NOT_NEWS} - {"catalog"})
_ITEM_ROOTS = frozenset({"newsItem", "newsMessage", *_NOT_NEWS}) - {"catalog"}
_MEDIA_CLASSES = frozenset({"picture", "video", "audio", "graphic", "animation"})
_CORRECTION_SIGNALS = frozenset({"correction", "corrected", "corr"})
_UPDATE_SIGNALS = frozenset({"update", "correction", "corrected", "corr", "amend", "withdraw"})


class NewsMLG2Parser(WireParser):
    name = "newsml_g2"

    def can_parse(self, sniff: Sniff) -> bool:
        root = sniff.xml_root
        if root in _ITEM_ROOTS or root in _FRAGMENTS:
            return True
        # <catalog> alone is too common a root name: only the G2 one.
        return root == "catalog" and G2_NAMESPACE in sniff.head

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        document = parse_items_document(data, _MESSAGE_ITEMS, options.xml_max_depth)
        root = document.root
        kind = local_name(root)
        if kind in _FRAGMENTS:
            raise NotNewsItemError(f"a NewsML-G2 <{kind}> fragment, not a whole item")
        items = [root] if kind != "newsMessage" else list(_message_items(root))
        if not items:
            raise EmptyItemError("NewsML-G2 newsMessage carries no items")
        return articles_from_items(
            items, lambda item, index: _news_article(item, index, options), document.broken
        )


def _message_items(message: etree._Element) -> list[etree._Element]:
    item_set = first(message, "itemSet")
    return [item for item in (item_set if item_set is not None else []) if local_name(item)]


def _news_article(item: etree._Element, index: int, options: ParseOptions) -> Article:
    kind = local_name(item)
    if kind != "newsItem":
        raise NotNewsItemError(f"NewsML-G2 <{kind}> is {_NOT_NEWS.get(kind, 'not a news item')}")
    guid = attr(item, "guid")
    if not guid:
        raise InvalidItemError("NewsML-G2 newsItem has no @guid (required)")
    body = _body(item)
    return _build(item, guid, body, index, options)


def _item_class(item: etree._Element) -> str:
    qcode = find_attr(item, "itemMeta/itemClass", "qcode") or "ninat:text"
    return qcode.rsplit(":", 1)[-1]


def _body(item: etree._Element) -> EmbeddedBody:
    item_class = _item_class(item)
    found = None
    for content in all_of(item, "contentSet/*"):
        if local_name(content) in ("inlineXML", "inlineData"):
            found = content
            body = read_embedded(content, attr(content, "contenttype"))
            if body is not None and body.paragraphs:
                return body
    if item_class in _MEDIA_CLASSES or item_class == "composite":
        raise NotNewsItemError(f"NewsML-G2 {item_class} item without text")
    if found is None:
        raise EmptyItemError("NewsML-G2 newsItem has no inline content")
    holds = describe_content(found, attr(found, "contenttype"))
    raise EmptyItemError(f"NewsML-G2 newsItem has no body text (its content is {holds})")


def _build(
    item: etree._Element, guid: str, body: EmbeddedBody, index: int, options: ParseOptions
) -> Article:
    warnings: list[str] = []
    meta, content = first(item, "itemMeta"), first(item, "contentMeta")
    agency = _provider(meta)
    zone = options.timezone_for(agency)
    version = fields.version(attr(item, "version"), warnings)
    headline = _headline(content, body)
    paragraphs, lead = fields.clean_body(body.paragraphs, headline, warnings)
    dateline = find_text(content, "dateline") or body.dateline_text or (lead.text if lead else None)
    signals = [attr(s, "qcode") or "" for s in all_of(meta, "signal")]
    return Article(
        format=NewsMLG2Parser.name,
        item_key=_strip_version(guid, version),
        version=version,
        item_index=index,
        agency=agency,
        headline=fields.headline_or_lead(headline, paragraphs, warnings),
        subheadline=_subheadline(content, body),
        slugline=find_text(content, "slugline"),
        byline=find_text(content, "by") or (body.nitf.byline if body.nitf else None),
        dateline_place=_place(content, dateline),
        dateline_text=dateline,
        published_at=_published(meta, content, zone, warnings),
        first_created_at=_time(meta, "firstCreated", zone, warnings)
        or _time(content, "contentCreated", zone, warnings),
        embargo_until=_time(meta, "embargoed", zone, warnings),
        language=fields.language(find_attr(content, "language", "tag") or language_of(item)),
        urgency=fields.urgency(find_text(content, "urgency"), warnings),
        pubstatus=fields.pubstatus(find_attr(meta, "pubStatus", "qcode"), warnings),
        subjects=_subjects(content),
        copyright=_copyright(item),
        is_correction=any(_local(s) in _CORRECTION_SIGNALS for s in signals),
        update_marker=next((s for s in signals if _local(s) in _UPDATE_SIGNALS), None),
        paragraphs=paragraphs,
        raw_meta=_raw_meta(item, meta, content, signals),
        warnings=warnings,
    )


def _local(qcode: str) -> str:
    return qcode.rsplit(":", 1)[-1].casefold()


def _strip_version(guid: str, version: int) -> str:
    """The guid common to all versions: some agencies append ':<version>' to it."""
    suffix = f":{version}"
    return guid[: -len(suffix)] if guid.endswith(suffix) else guid


def _provider(meta: etree._Element | None) -> str | None:
    provider = first(meta, "provider")
    qcode = attr(provider, "qcode")
    return (
        find_text(provider, "name")
        or attr(provider, "literal")
        or (qcode.rsplit(":", 1)[-1] if qcode else None)
    )


def _time(
    parent: etree._Element | None, name: str, zone: str, warnings: list[str]
) -> datetime | None:
    return fields.timestamp(find_text(parent, name), zone, name, warnings)


def _published(
    meta: etree._Element | None, content: etree._Element | None, zone: str, warnings: list[str]
) -> datetime | None:
    """``versionCreated``; when it is empty or missing, the next time the item states."""
    if created := _time(meta, "versionCreated", zone, warnings):
        return created
    for parent, name in ((content, "contentModified"), (meta, "firstCreated"),
                         (content, "contentCreated")):  # fmt: skip
        if moment := _time(parent, name, zone, warnings):
            warnings.append(f"no versionCreated; published_at taken from {name}")
            return moment
    return None


def _headline(content: etree._Element | None, body: EmbeddedBody) -> str | None:
    for headline in all_of(content, "headline"):
        if "sub" not in (attr(headline, "role") or ""):
            return text_of(headline)
    return (body.nitf.headline if body.nitf else None) or body.title


def _subheadline(content: etree._Element | None, body: EmbeddedBody) -> str | None:
    for headline in all_of(content, "headline"):
        if "sub" in (attr(headline, "role") or ""):
            return text_of(headline)
    return body.nitf.subheadline if body.nitf else None


def _place(content: etree._Element | None, dateline: str | None) -> str | None:
    located = first(content, "located")
    place = find_text(located, "name") or attr(located, "literal")
    if place:
        return place
    return fields.dateline_place(dateline)


def _subjects(content: etree._Element | None) -> list[Subject]:
    subjects = []
    for subject in all_of(content, "subject"):
        concept = first(subject, "mainConcept")
        source = concept if concept is not None else subject
        qcode = attr(source, "qcode")
        scheme = qcode.split(":", 1)[0] if qcode and ":" in qcode else None
        name = find_text(source, "name") or attr(source, "literal")
        if qcode or name:
            subjects.append(Subject(code=qcode, name=name, scheme=scheme))
    return subjects


def _copyright(item: etree._Element) -> str | None:
    rights = first(item, "rightsInfo")
    holder = first(rights, "copyrightHolder")
    return (
        find_text(rights, "copyrightNotice") or find_text(holder, "name") or attr(holder, "literal")
    )


def _raw_meta(
    item: etree._Element,
    meta: etree._Element | None,
    content: etree._Element | None,
    signals: list[str],
) -> dict[str, Any]:
    return {
        "guid": attr(item, "guid"),
        "standardversion": attr(item, "standardversion"),
        "item_class": find_attr(meta, "itemClass", "qcode"),
        "services": [attr(s, "qcode") for s in all_of(meta, "service") if attr(s, "qcode")],
        "signals": signals,
        "ed_notes": ["\n".join(paragraphs_of([note])[0]) for note in all_of(meta, "edNote")],
        "usage_terms": find_text(item, "rightsInfo/usageTerms"),
        "genres": [attr(g, "qcode") or text_of(g) for g in all_of(content, "genre")],
        "keywords": [k for kw in all_of(content, "keyword") if (k := text_of(kw))],
        "located_qcode": find_attr(content, "located", "qcode"),
        "links": [dict(link.attrib) for link in all_of(meta, "link")],
    }
