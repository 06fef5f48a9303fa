"""NewsML 1.2: ``NewsML/NewsItem`` with Identification, NewsManagement and nested NewsComponents.

The story text sits in a ``ContentItem/DataContent`` (embedded NITF, XHTML, escaped HTML or
plain text) of a component whose Role is the body; components in other roles (title, headline,
logo, photo, contact, style sheet) are not story text. Agencies that split an item into one
component per part (Belga: Role Title, Lead, Body) have the title read as headline when
NewsLines carry none, and the lead put before the body. An item whose only text is the caption
of a photo is a picture item, "not a news item".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from lxml import etree

from pipeline.errors import (
    EmptyItemError,
    InvalidItemError,
    NotNewsItemError,
    PermanentError,
    UnknownFormatError,
)
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.embedded import EmbeddedBody, read_embedded
from pipeline.formats.xmlitems import parse_items_document
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

# Component roles whose content is not the story text.
_NOT_BODY = frozenset(
    {"title", "headline", "subheadline", "lead", "stylesheet", "logo", "photo", "picture",
     "graphic", "video", "audio", "contact", "caption", "thumbnail", "preview"}
)  # fmt: skip
_MEDIA = frozenset({"photo", "picture", "graphic", "video", "audio"})
# Roles naming the story text itself: chosen before any other text component.
_BODY_ROLES = ("body", "main", "text", "")
_TITLE_ROLES = frozenset({"title", "headline"})
# ContentItem Format names (NewsML 1.2 vocabulary) to the content type they mean.
_FORMATS = {"html": "text/html", "xhtml": "text/html", "text": "text/plain", "plain": "text/plain"}
_UPDATES = {"U": "partial update", "A": "management data update"}


class NewsML1Parser(WireParser):
    name = "newsml_1"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff.xml_root == "NewsML"

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        # A NewsComponent may hold NewsItems: the items are the outermost ones.
        document = parse_items_document(data, ("NewsItem",), options.xml_max_depth, nested=True)
        root = document.root
        if local_name(root) != "NewsML":
            raise UnknownFormatError(f"root element <{local_name(root)}> is not <NewsML>")
        items = all_of(root, "NewsItem")
        if not items:
            raise EmptyItemError("NewsML document carries no NewsItem")
        envelope = first(root, "NewsEnvelope")
        return articles_from_items(
            items, lambda item, index: _article(item, envelope, index, options), document.broken
        )


def _components(item: etree._Element) -> Iterator[etree._Element]:
    """Every NewsComponent not inside a component whose role is not story text."""
    pending = all_of(item, "NewsComponent")
    while pending:
        component = pending.pop(0)
        if _role(component) in _NOT_BODY:
            continue
        yield component
        pending[0:0] = all_of(component, "NewsComponent")


def _role(component: etree._Element) -> str:
    return (find_attr(component, "Role", "FormalName") or "").casefold()


def _body(item: etree._Element, components: list[etree._Element]) -> EmbeddedBody:
    """The text of the first component in a body role, else of the first text component."""
    ranked = sorted(components, key=_body_rank)
    for component in ranked:
        if body := _component_text(component):
            return body
    raise _no_text(item)


def _body_rank(component: etree._Element) -> int:
    role = _role(component)
    return _BODY_ROLES.index(role) if role in _BODY_ROLES else len(_BODY_ROLES)


def _component_text(component: etree._Element) -> EmbeddedBody | None:
    for content in all_of(component, "ContentItem"):
        data = first(content, "DataContent")
        body = read_embedded(data, _content_type(content)) if data is not None else None
        if body is not None and body.paragraphs:
            return body
    return None


def _content_type(content: etree._Element) -> str | None:
    """MimeType, else the Format name read as a type (Format HTML: escaped HTML text)."""
    if mime := find_attr(content, "MimeType", "FormalName"):
        return mime
    name = (find_attr(content, "Format", "FormalName") or "").casefold()
    return _FORMATS.get(name)


def _role_texts(item: etree._Element, roles: frozenset[str]) -> list[str]:
    """Texts of the components in ``roles`` (title, lead): one paragraph string each."""
    texts = []
    for component in item.iter("{*}NewsComponent"):
        if _role(component) in roles and (body := _component_text(component)):
            texts.append(" ".join(body.paragraphs))
    return texts


def _no_text(item: etree._Element) -> PermanentError:
    media = {
        (find_attr(content, "MediaType", "FormalName") or "").casefold()
        for content in item.iter("{*}ContentItem")
    }
    roles = {_role(component) for component in item.iter("{*}NewsComponent")}
    kinds = sorted((media | roles) & _MEDIA)
    if kinds:
        return NotNewsItemError(f"NewsML 1.2 {'/'.join(kinds)} item without a text story")
    return EmptyItemError("NewsML 1.2 NewsItem has no text ContentItem")


def _article(
    item: etree._Element, envelope: etree._Element | None, index: int, options: ParseOptions
) -> Article:
    warnings: list[str] = []
    ident = first(item, "Identification/NewsIdentifier")
    management = first(item, "NewsManagement")
    components = list(_components(item))
    body = _body(item, components)
    lines = _NewsLines(components)
    agency = _agency(item, envelope, ident)
    zone = options.timezone_for(agency)
    revision = first(ident, "RevisionId")
    headline = (
        lines.get("HeadLine")
        or next(iter(_role_texts(item, _TITLE_ROLES)), None)
        or (body.nitf.headline if body.nitf else None)
    )
    paragraphs, lead = fields.clean_body(_with_lead(item, body), headline, warnings)
    dateline = lines.get("DateLine") or (body.nitf.dateline_text if body.nitf else None)
    return Article(
        format=NewsML1Parser.name,
        item_key=_item_key(ident),
        version=fields.version(text_of(revision), warnings),
        item_index=index,
        agency=agency,
        headline=fields.headline_or_lead(headline, paragraphs, warnings),
        subheadline=lines.get("SubHeadLine") or (body.nitf.subheadline if body.nitf else None),
        slugline=lines.get("SlugLine") or find_text(item, "Identification/NameLabel"),
        byline=lines.get("ByLine") or _byline(item, body),
        dateline_place=_place(dateline, body, components) or (lead.place if lead else None),
        dateline_text=dateline or (lead.text if lead else None),
        published_at=_published(management, zone, warnings),
        first_created_at=_time(management, "FirstCreated", zone, warnings),
        embargo_until=_embargo(management, zone, warnings),
        language=_language(item, components),
        urgency=fields.urgency(find_attr(management, "Urgency", "FormalName"), warnings),
        pubstatus=fields.pubstatus(find_attr(management, "Status", "FormalName"), warnings),
        subjects=_subjects(components),
        copyright=lines.get("CopyrightLine"),
        is_correction=_is_correction(components),
        update_marker=_update_marker(revision),
        paragraphs=paragraphs,
        raw_meta=_raw_meta(item, envelope, ident, revision, lines),
        warnings=warnings,
    )


def _with_lead(item: etree._Element, body: EmbeddedBody) -> list[str]:
    """A separate lead component comes first in the story, unless the body repeats it."""
    leads = [t for t in _role_texts(item, frozenset({"lead"})) if t not in body.paragraphs[:1]]
    return leads + body.paragraphs


class _NewsLines:
    """The first non-empty value of each NewsLines field across the text components."""

    def __init__(self, components: list[etree._Element]) -> None:
        self._lines = [lines for c in components for lines in all_of(c, "NewsLines")]

    def get(self, name: str) -> str | None:
        return next(filter(None, (find_text(lines, name) for lines in self._lines)), None)

    def others(self) -> dict[str, str]:
        """Typed NewsLine entries (AdvisoryLine, ProductLine, ...)."""
        found: dict[str, str] = {}
        for lines in self._lines:
            for line in all_of(lines, "NewsLine"):
                kind = find_attr(line, "NewsLineType", "FormalName")
                text = find_text(line, "NewsLineText")
                if kind and text:
                    found.setdefault(kind, text)
        return found


def _item_key(ident: etree._Element | None) -> str:
    provider, item_id = find_text(ident, "ProviderId"), find_text(ident, "NewsItemId")
    if not provider or not item_id:
        raise InvalidItemError("NewsML 1.2 NewsIdentifier lacks ProviderId or ItemId")
    return f"urn:newsml:{provider}:{find_text(ident, 'DateId') or ''}:{item_id}"


def _agency(
    item: etree._Element, envelope: etree._Element | None, ident: etree._Element | None
) -> str | None:
    """The providing party; Business Wire names only itself as the envelope's sender."""
    provider = next(item.iter("{*}Provider"), None)
    for holder in (provider, first(envelope, "SentFrom")):
        if name := find_attr(holder, "Party", "FormalName"):
            return name
    return find_text(ident, "ProviderId")


def _byline(item: etree._Element, body: EmbeddedBody) -> str | None:
    if body.nitf and body.nitf.byline:
        return body.nitf.byline
    creator = next(item.iter("{*}Creator"), None)
    return find_attr(creator, "Party", "FormalName")


def _place(
    dateline: str | None, body: EmbeddedBody, components: list[etree._Element]
) -> str | None:
    if place := fields.dateline_place(dateline):
        return place
    if body.nitf and body.nitf.dateline_place:
        return body.nitf.dateline_place
    for component in components:
        for prop in all_of(component, "DescriptiveMetadata/Location/Property"):
            if attr(prop, "FormalName") == "City":
                return attr(prop, "Value")
    return None


def _time(
    parent: etree._Element | None, name: str, zone: str, warnings: list[str]
) -> datetime | None:
    return fields.timestamp(find_text(parent, name), zone, name, warnings)


def _published(
    management: etree._Element | None, zone: str, warnings: list[str]
) -> datetime | None:
    """``ThisRevisionCreated``; when it is empty, ``FirstCreated`` (said in a warning)."""
    if created := _time(management, "ThisRevisionCreated", zone, warnings):
        return created
    first_created = _time(management, "FirstCreated", zone, warnings)
    if first_created:
        warnings.append("no ThisRevisionCreated; published_at taken from FirstCreated")
    return first_created


def _embargo(management: etree._Element | None, zone: str, warnings: list[str]) -> datetime | None:
    """When a StatusWillChange announces the item becoming usable, that is its embargo."""
    change = first(management, "StatusWillChange")
    if (find_attr(change, "FutureStatus", "FormalName") or "").casefold() != "usable":
        return None
    return _time(change, "DateAndTime", zone, warnings)


def _language(item: etree._Element, components: list[etree._Element]) -> str | None:
    for component in components:
        if tag := find_attr(component, "DescriptiveMetadata/Language", "FormalName"):
            return fields.language(tag)
    return fields.language(language_of(item))


def _subjects(components: list[etree._Element]) -> list[Subject]:
    subjects: dict[str, Subject] = {}
    for component in components:
        for code in all_of(component, "DescriptiveMetadata/SubjectCode/*"):
            value = attr(code, "FormalName")
            if value and value not in subjects:
                scheme = attr(code, "Scheme") or "iptc-subjectcode"
                name = attr(code, "supCat")
                subjects[value] = Subject(code=value, name=name, scheme=scheme)
    return list(subjects.values())


def _is_correction(components: list[etree._Element]) -> bool:
    genres = (
        attr(genre, "FormalName") or ""
        for component in components
        for genre in all_of(component, "DescriptiveMetadata/Genre")
    )
    return any("correct" in genre.casefold() for genre in genres)


def _update_marker(revision: etree._Element | None) -> str | None:
    update = attr(revision, "Update")
    if update in _UPDATES:
        return _UPDATES[update]
    previous = attr(revision, "PreviousRevision")
    return f"revision of {previous}" if previous and previous != "0" else None


def _raw_meta(
    item: etree._Element,
    envelope: etree._Element | None,
    ident: etree._Element | None,
    revision: etree._Element | None,
    lines: _NewsLines,
) -> dict[str, Any]:
    return {
        "public_identifier": find_text(ident, "PublicIdentifier"),
        "revision_update": attr(revision, "Update"),
        "previous_revision": attr(revision, "PreviousRevision"),
        "name_label": find_text(item, "Identification/NameLabel"),
        "news_item_type": find_attr(item, "NewsManagement/NewsItemType", "FormalName"),
        "transmission_id": find_text(envelope, "TransmissionId"),
        "priority": find_attr(envelope, "Priority", "FormalName"),
        "news_lines": lines.others(),
    }
