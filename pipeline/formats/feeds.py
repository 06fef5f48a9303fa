"""RSS (0.9x, 1.0 RDF and 2.0) and Atom 1.0 feed files: one article per item or entry.

Feed bodies are HTML escaped into the XML text; they are parsed as HTML fragments by lxml's HTML
parser (no network, no entity loading) and flattened to paragraphs like every other body.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree

from pipeline.errors import EmptyItemError, InvalidItemError, PermanentError, UnknownFormatError
from pipeline.formats import fields
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.embedded import plain_paragraphs
from pipeline.formats.identity import stable_key
from pipeline.formats.timestamps import to_utc
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
    squash,
    text_of,
)
from pipeline.schemas import Article, Subject

ATOM_NAMESPACE = b"http://www.w3.org/2005/Atom"
RSS1_NAMESPACE = b"http://purl.org/rss/1.0/"
_EMAIL_AND_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")
_HTML = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def html_paragraphs(markup: str | None) -> list[str]:
    """Paragraphs of an HTML fragment ('<p>One</p><p>Two &amp; three</p>')."""
    if not markup or not markup.strip():
        return []
    if "<" not in markup:
        return plain_paragraphs(markup)
    root = lxml.html.fragment_fromstring(markup, create_parent="div", parser=_HTML)
    return paragraphs_of([root])[0]


def feed_time(raw: str | None, zone: str, warnings: list[str]) -> datetime | None:
    """RFC 822 (RSS pubDate) or ISO 8601 (Atom, dc:date) to UTC."""
    if not raw:
        return None
    try:
        return to_utc(email.utils.parsedate_to_datetime(raw), zone)
    except (TypeError, ValueError):
        return fields.timestamp(raw, zone, "feed", warnings)


def _feed_articles(
    channel: etree._Element,
    entries: list[etree._Element],
    build: Callable[[etree._Element, int], Article],
    broken: Mapping[int, PermanentError],
) -> list[Article]:
    if not entries:
        raise EmptyItemError(f"feed <{local_name(channel)}> has no items")
    return articles_from_items(entries, build, broken)


class RssParser(WireParser):
    name = "rss"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff.xml_root == "rss" or (sniff.xml_root == "RDF" and RSS1_NAMESPACE in sniff.head)

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        document = parse_items_document(data, ("item",), options.xml_max_depth)
        root = document.root
        channel = first(root, "channel")
        if channel is None:
            raise UnknownFormatError("RSS document without a <channel>")
        # RSS 2.0 nests items in the channel, RSS 1.0 (RDF) puts them beside it.
        items = all_of(channel, "item") or all_of(root, "item")
        facts = _Channel.of(channel)
        return _feed_articles(
            channel,
            items,
            lambda item, index: _rss_article(item, facts, index, options),
            document.broken,
        )


@dataclass(frozen=True)
class _Channel:
    """What every item takes from its channel, read once per feed: a field the channel lacks
    is looked for among all its children, items included, so reading it per item took time
    growing with the square of the items (23 s for 3,000)."""

    title: str | None
    link: str | None
    language: str | None
    copyright: str | None

    @classmethod
    def of(cls, channel: etree._Element) -> _Channel:
        return cls(
            find_text(channel, "title"),
            find_text(channel, "link"),
            find_text(channel, "language"),
            find_text(channel, "copyright") or find_text(channel, "rights"),
        )


def _rss_article(
    item: etree._Element, channel: _Channel, index: int, options: ParseOptions
) -> Article:
    warnings: list[str] = []
    agency = channel.title
    zone = options.timezone_for(agency)
    bodies = [find_text(item, "encoded"), find_text(item, "description")]
    paragraphs = next(filter(None, map(_item_paragraphs, bodies)), [])
    if not paragraphs:
        raise EmptyItemError(f"RSS item {index} has no description or content")
    headline = _plain(find_text(item, "title"))
    published = feed_time(find_text(item, "pubDate") or find_text(item, "date"), zone, warnings)
    return Article(
        format=RssParser.name,
        item_key=_rss_key(item, channel, published, headline),
        item_index=index,
        agency=agency,
        headline=fields.headline_or_lead(headline, paragraphs, warnings),
        byline=_author(find_text(item, "author")) or find_text(item, "creator"),
        published_at=published,
        language=fields.language(channel.language or find_text(item, "language")),
        subjects=[_rss_subject(category) for category in all_of(item, "category")],
        copyright=channel.copyright,
        paragraphs=paragraphs,
        raw_meta=_rss_meta(item, channel),
        warnings=warnings,
    )


def _author(author: str | None) -> str | None:
    """RSS 2.0 authors are 'email (Name)': the name is the byline."""
    match = _EMAIL_AND_NAME.match(author or "")
    return match[1].strip() if match else author


def _item_paragraphs(markup: str | None) -> list[str]:
    return html_paragraphs(markup) if markup else []


def _plain(title: str | None) -> str | None:
    """Titles may carry escaped markup too."""
    return squash(" ".join(html_paragraphs(title))) if title and "<" in title else title


def _rss_key(
    item: etree._Element, channel: _Channel, published: datetime | None, title: str | None
) -> str:
    """The guid or link when it is a URI (globally unique), else a hash within the channel."""
    guid = find_text(item, "guid") or find_text(item, "link") or attr(item, _RDF_ABOUT)
    if guid and "://" in guid:
        return guid
    channel_id = channel.link or channel.title
    return stable_key(f"rss:{channel_id}", guid or f"{published}|{title}")


_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def _rss_subject(category: etree._Element) -> Subject:
    return Subject(name=text_of(category), scheme=attr(category, "domain"))


def _rss_meta(item: etree._Element, channel: _Channel) -> dict[str, Any]:
    return {
        "guid": find_text(item, "guid"),
        "link": find_text(item, "link"),
        "comments": find_text(item, "comments"),
        "enclosures": [attr(e, "url") for e in all_of(item, "enclosure") if attr(e, "url")],
        "channel_title": channel.title,
        "channel_link": channel.link,
    }


class AtomParser(WireParser):
    name = "atom"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff.xml_root == "feed" and ATOM_NAMESPACE in sniff.head

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        document = parse_items_document(data, ("entry",), options.xml_max_depth)
        feed = document.root
        if local_name(feed) != "feed":
            raise UnknownFormatError(f"root element <{local_name(feed)}> is not an Atom <feed>")
        entries = all_of(feed, "entry")
        facts = _Feed.of(feed)
        return _feed_articles(
            feed,
            entries,
            lambda entry, index: _atom_article(entry, facts, index, options),
            document.broken,
        )


@dataclass(frozen=True)
class _Feed:
    """What every entry takes from its feed, read once (see _Channel)."""

    title: str | None
    feed_id: str | None
    language: str | None
    rights: str | None

    @classmethod
    def of(cls, feed: etree._Element) -> _Feed:
        title = " ".join(atom_text(first(feed, "title"))) or None
        return cls(title, find_text(feed, "id"), language_of(feed), find_text(feed, "rights"))


def atom_text(element: etree._Element | None) -> list[str]:
    """Paragraphs of an Atom text construct, whichever of text/html/xhtml its type is."""
    if element is None:
        return []
    kind = attr(element, "type") or "text"
    if kind == "xhtml":
        return paragraphs_of(list(element))[0]
    if kind == "html":
        return html_paragraphs(element.text)
    return plain_paragraphs(element.text)


def _atom_article(entry: etree._Element, feed: _Feed, index: int, options: ParseOptions) -> Article:
    warnings: list[str] = []
    entry_id = find_text(entry, "id")
    if not entry_id:
        raise InvalidItemError(f"Atom entry {index} has no <id> (required)")
    agency = feed.title
    zone = options.timezone_for(agency)
    paragraphs = atom_text(first(entry, "content")) or atom_text(first(entry, "summary"))
    if not paragraphs:
        raise EmptyItemError(f"Atom entry {entry_id} has no content or summary")
    headline = " ".join(atom_text(first(entry, "title"))) or None
    authors = [name for a in all_of(entry, "author") if (name := find_text(a, "name"))]
    return Article(
        format=AtomParser.name,
        item_key=entry_id,
        item_index=index,
        agency=agency,
        headline=fields.headline_or_lead(headline, paragraphs, warnings),
        byline=", ".join(authors) or None,
        published_at=feed_time(find_text(entry, "updated"), zone, warnings),
        first_created_at=feed_time(find_text(entry, "published"), zone, warnings),
        language=fields.language(language_of(entry) or feed.language),
        subjects=[_atom_subject(category) for category in all_of(entry, "category")],
        copyright=find_text(entry, "rights") or feed.rights,
        paragraphs=paragraphs,
        raw_meta={
            "link": find_attr(entry, "link", "href"),
            "feed_id": feed.feed_id,
            "feed_title": agency,
        },
        warnings=warnings,
    )


def _atom_subject(category: etree._Element) -> Subject:
    return Subject(
        code=attr(category, "term"),
        name=attr(category, "label") or attr(category, "term"),
        scheme=attr(category, "scheme"),
    )
