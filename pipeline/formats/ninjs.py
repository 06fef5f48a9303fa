"""IPTC ninjs (News in JSON) 1.x, 2.x and 3.x, one item or a collection (a JSON array).

1.x names are lowercase (``headline``, ``body_html``, ``versioncreated``); 2.x keeps them
lowercase but uses arrays (``headlines[]``, ``bodies[]``, ``subjects[]``); 3.x is camelCase
(``versionCreated``, ``pubStatus``, ``embargoedUntil``). Each field is looked up under every
spelling, so one mapping serves all three. The item key is the ``guid`` newsroom systems export,
else the ``uri`` (common to all versions of an item); the version is ``version``. The schema's
pattern properties (``headline_main``, ``body_main``, ...) stand in for ``headline``/``body_*``;
a headline in a role other than "main" is the headline when no main one is given. Text fields
may carry HTML named entities (``&auml;``), which are decoded.

Picture, audio, video and event items carry no text story and are refused as not news items.
Schema deviations that leave the story readable (an unknown property, ``headlines`` given as a
string) are accepted with a warning naming the problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pipeline.errors import (
    EmptyItemError,
    InvalidItemError,
    MalformedInputError,
    NotNewsItemError,
    PermanentError,
)
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.dateline import Dateline, find_dateline
from pipeline.formats.htmltext import html_paragraphs, looks_like_html, text_paragraphs
from pipeline.formats.jsonutil import (
    JsonObject,
    compact_meta,
    decode_entities,
    int_of,
    load_json,
    load_json_array,
    objects_of,
    sniff_json,
    text_of,
)
from pipeline.formats.nitfbody import nitf_paragraphs
from pipeline.schemas import Article, Subject

_KNOWN_PROPERTIES = frozenset(
    str.split(
        # 1.4
        "$standard altids associations byline charcount contentcreated copyrightholder "
        "copyrightnotice ednote embargoed event expires firstcreated genre headline infosource "
        "language located mimetype object organisation person place profile pubstatus renditions "
        "representationtype rightsinfo slugline subject title trustindicator type urgency uri "
        "usageterms version versioncreated wordcount "
        # 2.x
        "bodies by descriptions events genres headlines infosources objects organisations people "
        "places standard subjects trustindicators "
        # 3.x
        "altIds contentCreated copyrightHolder copyrightNotice digitalSourceType edNote "
        "embargoedUntil eventDetails firstCreated infoSources plannedCoverage pubStatus "
        "representationType rightsInfo trustIndicators usageTerms versionCreated "
        # not in the schema, but what newsroom systems export: read as the item key
        "guid"
    )
)
_PATTERN_PREFIXES = ("body_", "headline_", "description_")
# Fields that mark a JSON object as a story when it names itself by ``guid`` and has no ``uri``.
_STORY_KEYS = ("headline", "headlines", "bodies", "body_html", "body_text", "versioncreated")
_SUB_ROLES = ("sub", "subheadline", "subtitle", "kicker")
_MEDIA_TYPES = frozenset({"picture", "audio", "video", "graphic"})
_HTML_TYPES = ("html", "xhtml")
_TEXT_DESCRIPTION_ROLES = frozenset({"text", "summary", "lead", "abstract", ""})
# TT's HTML bodies repeat section and source in a <div class="dat"> before the text.
_NON_STORY_CLASSES = ("dat",)
_META_KEYS = (
    "type", "profile", "edNote", "ednote", "usageTerms", "usageterms", "genres", "genre",
    "altIds", "altids", "representationType", "expires", "title", "infoSources", "rightsInfo",
)  # fmt: skip


class NinjsParser(WireParser):
    name = "ninjs"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff_json(sniff, _is_ninjs_document, _has_ninjs_marks)

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        try:
            document = load_json(data)
        except MalformedInputError:
            # A collection malformed inside some items loses only those (see load_json_array).
            salvaged = load_json_array(data)
            if salvaged is None:
                raise
            return _collection(salvaged.values, options, salvaged.warnings, salvaged.broken)
        if isinstance(document.value, dict):
            return [_article(document.value, 0, options, document.warnings)]
        return _collection(document.value, options, document.warnings)


def _is_ninjs_document(document: Any) -> bool:
    items = document if isinstance(document, list) else [document]
    return bool(items) and all(_is_ninjs_item(item) for item in items)


def _has_ninjs_marks(head: str) -> bool:
    return ('"uri"' in head or '"guid"' in head) and '"$schema"' not in head


def _is_ninjs_item(item: Any) -> bool:
    if not isinstance(item, dict) or "$schema" in item or "urn" in item:
        return False
    if isinstance(item.get("uri"), str):
        return True
    return isinstance(item.get("guid"), str) and (
        any(key in item for key in _STORY_KEYS)
        or any(key.startswith(("headline_", "body_")) for key in item)
    )


def _collection(
    items: list[Any],
    options: ParseOptions,
    decoding: tuple[str, ...],
    broken: Mapping[int, PermanentError] | None = None,
) -> list[Article]:
    """One article per text item; every other item is skipped with its reason (pictures and
    events as not news items); the collection is refused only if none has text."""
    try:
        return articles_from_items(
            items, lambda item, index: _article(item, index, options, decoding), broken
        )
    except NotNewsItemError as error:
        total = len(items) + len(broken or {})
        raise NotNewsItemError(
            f"ninjs collection of {total} items without text: {error.message}"
        ) from error


def _article(
    item: JsonObject, index: int, options: ParseOptions, decoding: tuple[str, ...]
) -> Article:
    if not isinstance(item, dict):
        kind = type(item).__name__
        raise InvalidItemError(f"a collection's item is a JSON {kind}, not an object")
    warnings = [*decoding, *_schema_warnings(item)]
    _refuse_non_text(item)
    main, subheadline = _headlines(item, warnings)
    headline, paragraphs, dateline = _story(item, main, warnings)
    agency = (dateline and dateline.agency) or text_of(item, "copyrightHolder", "copyrightholder")
    zone = options.timezone_for(agency)
    return Article(
        format=NinjsParser.name,
        item_key=_item_key(item),
        version=_version(item, warnings),
        item_index=index,
        agency=agency,
        headline=headline,
        subheadline=subheadline,
        slugline=decode_entities(text_of(item, "slugline")),
        byline=decode_entities(text_of(item, "by", "byline")),
        dateline_place=text_of(item, "located") or (dateline and dateline.normalised_place),
        dateline_text=dateline.text if dateline else None,
        published_at=_published(item, zone, warnings),
        first_created_at=_time(item, ("firstCreated", "firstcreated"), zone, warnings),
        embargo_until=_time(item, ("embargoedUntil", "embargoed"), zone, warnings),
        language=text_of(item, "language"),
        urgency=fields.urgency(item.get("urgency"), warnings),
        pubstatus=fields.pubstatus(text_of(item, "pubStatus", "pubstatus"), warnings),
        subjects=_subjects(item),
        copyright=text_of(item, "copyrightNotice", "copyrightnotice", "copyrightHolder"),
        paragraphs=paragraphs,
        raw_meta=_raw_meta(item),
        warnings=warnings,
    )


def _story(
    item: JsonObject, headline: str | None, warnings: list[str]
) -> tuple[str, list[str], Dateline | None]:
    """Headline, body paragraphs without it repeated, and the dateline split off the first."""
    paragraphs = _body(item, warnings)
    if headline is not None and paragraphs and paragraphs[0] == headline:
        paragraphs = paragraphs[1:]
    if headline is None or not paragraphs:
        raise EmptyItemError(_missing(headline, paragraphs))
    dateline = find_dateline(paragraphs[0], agency_required=False)
    if dateline:
        paragraphs[0] = paragraphs[0][dateline.body_start :].strip()
    return headline, [paragraph for paragraph in paragraphs if paragraph], dateline


def _schema_warnings(item: JsonObject) -> list[str]:
    unknown = sorted(
        key
        for key in item
        if key not in _KNOWN_PROPERTIES and not key.startswith(_PATTERN_PREFIXES)
    )
    return [f"property {key!r} is not in the ninjs schema; ignored" for key in unknown]


def _refuse_non_text(item: JsonObject) -> None:
    kind = text_of(item, "type")
    if kind in _MEDIA_TYPES:
        raise NotNewsItemError(f"ninjs {kind} item, not a text story")
    if kind in ("event", "planning") or "eventDetails" in item:
        raise NotNewsItemError("ninjs event item (eventDetails), not a text story")


def _headlines(item: JsonObject, warnings: list[str]) -> tuple[str | None, str | None]:
    """Main and sub headline from ``headline``/``headline_*`` (1.x) or ``headlines[]`` (2.x/3.x).

    Without a "main" role, the first headline not in a sub role ("simple", "short") is the main.
    """
    if isinstance(item.get("headlines"), str):
        warnings.append("'headlines' is a string, not an array of {role, value}; used as is")
        return decode_entities(text_of(item, "headlines")), None
    entries = [
        ((text_of(entry, "role") or "main").casefold(), text_of(entry, "value"))
        for entry in objects_of(item, "headlines")
    ]
    by_role = {role: value for role, value in reversed(entries) if value}
    others = [value for role, value in entries if value and role not in _SUB_ROLES]
    main = (
        text_of(item, "headline", "headline_main", *_pattern_keys(item, "headline_"))
        or by_role.get("main")
        or next(iter(others), None)
    )
    sub = next((by_role[role] for role in _SUB_ROLES if role in by_role), None)
    return decode_entities(main), decode_entities(sub)


def _pattern_keys(item: JsonObject, prefix: str) -> list[str]:
    """Keys of a ninjs pattern property (``body_main``, ``headline_short``), sorted."""
    return sorted(key for key in item if key.startswith(prefix))


def _body(item: JsonObject, warnings: list[str]) -> list[str]:
    paragraphs = _bodies_v2(item) or _bodies_v1(item)
    if paragraphs:
        return paragraphs
    description = _text_description(item)
    if description:
        warnings.append("item has no body; its text description is used as the body")
        return _html_or_text(description, False)
    return []


def _bodies_v2(item: JsonObject) -> list[str]:
    """``bodies[]``: HTML preferred (keeps paragraphs), then NITF, then plain text."""
    bodies = objects_of(item, "bodies")
    for wanted in (_is_html_body, _is_nitf_body, _is_text_body):
        for body in bodies:
            value = text_of(body, "value")
            if value and wanted(body):
                return _render_body(body, value)
    return []


def _render_body(body: JsonObject, value: str) -> list[str]:
    if _is_nitf_body(body):
        return nitf_paragraphs(value)
    return _html_or_text(value, _is_html_body(body))


def _html_or_text(value: str, is_html: bool) -> list[str]:
    """HTML as labelled or as found (``body_text`` holding ``<p>``); entities decoded either way."""
    if is_html or looks_like_html(value):
        return html_paragraphs(value, _NON_STORY_CLASSES)
    return text_paragraphs(decode_entities(value) or "")


def _is_html_body(body: JsonObject) -> bool:
    content_type = (text_of(body, "contentType") or "").casefold()
    role = (text_of(body, "role") or "").casefold()
    return "html" in content_type or role in _HTML_TYPES


def _is_nitf_body(body: JsonObject) -> bool:
    content_type = (text_of(body, "contentType") or "").casefold()
    return "nitf" in content_type or "nitf" in (text_of(body, "role") or "").casefold()


def _is_text_body(body: JsonObject) -> bool:
    return (text_of(body, "contentType") or "text/plain").casefold().startswith("text/plain")


def _bodies_v1(item: JsonObject) -> list[str]:
    """``body_html`` / ``body_xhtml`` (HTML) before ``body_text`` and other ``body_*``."""
    for key in ("body_html", "body_xhtml"):
        if html := text_of(item, key):
            return html_paragraphs(html, _NON_STORY_CLASSES)
    for key in ("body_text", "body_main", *_pattern_keys(item, "body_")):
        if text := text_of(item, key):
            return _html_or_text(text, False)
    return []


def _text_description(item: JsonObject) -> str | None:
    for entry in objects_of(item, "descriptions"):
        if (text_of(entry, "role") or "").casefold() in _TEXT_DESCRIPTION_ROLES:
            return text_of(entry, "value")
    return text_of(item, "description_text")


def _missing(headline: str | None, paragraphs: list[str]) -> str:
    if headline is None and not paragraphs:
        return "ninjs item has neither headline nor body text"
    if headline is None:
        return "ninjs item has no headline"
    return "ninjs item has no body text (no body_*, bodies[] or text description)"


def _item_key(item: JsonObject) -> str:
    key = text_of(item, "guid", "uri")
    if key is None:
        raise MalformedInputError("ninjs item without 'uri'", kind="schema_invalid")
    return key


def _version(item: JsonObject, warnings: list[str]) -> int:
    raw = item.get("version")
    version = int_of(raw)
    if version is None:
        if raw not in (None, ""):
            warnings.append(f"version {raw!r} is not a number; taken as 1")
        return 1
    return version


def _published(item: JsonObject, zone: str, warnings: list[str]) -> datetime | None:
    """``versionCreated``; when it is empty or missing, ``firstCreated`` (said in a warning)."""
    if created := _time(item, ("versionCreated", "versioncreated"), zone, warnings):
        return created
    first_created = _time(item, ("firstCreated", "firstcreated"), zone, warnings)
    if first_created:
        warnings.append("no versionCreated; published_at taken from firstCreated")
    return first_created


def _time(
    item: JsonObject, keys: tuple[str, ...], zone: str, warnings: list[str]
) -> datetime | None:
    value = text_of(item, *keys)
    return fields.timestamp(value, zone, keys[0], warnings)


def _subjects(item: JsonObject) -> list[Subject]:
    subjects = []
    for entry in objects_of(item, "subjects") + objects_of(item, "subject"):
        uri = text_of(entry, "uri")
        code = text_of(entry, "code", "literal") or (uri.rsplit("/", 1)[-1] if uri else None)
        scheme = text_of(entry, "scheme") or (uri.rsplit("/", 1)[0] if uri else None)
        name = text_of(entry, "name")
        if code or name:
            subjects.append(Subject(code=code, name=name, scheme=scheme))
    return subjects


def _raw_meta(item: JsonObject) -> JsonObject:
    meta = compact_meta(item, _META_KEYS)
    descriptions = [entry for entry in objects_of(item, "descriptions") if entry.get("value")]
    if descriptions:
        meta["descriptions"] = descriptions
    return meta
