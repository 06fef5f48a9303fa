"""The one format registry: detect a file's format from its bytes and parse it.

Order matters: specific formats are tried before general ones, and plain text last.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import (
    EmptyItemError,
    MalformedInputError,
    PermanentError,
    UnknownFormatError,
)
from pipeline.formats.anpa import AnpaParser
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import SkippedItem, collecting_skipped
from pipeline.formats.dpa_digitalwires import DpaDigitalwiresParser
from pipeline.formats.ecbplus import EcbPlusParser
from pipeline.formats.feeds import AtomParser, RssParser
from pipeline.formats.iptc7901 import Iptc7901Parser
from pipeline.formats.jsonutil import json_fault
from pipeline.formats.newsml1 import NewsML1Parser
from pipeline.formats.newsml_g2 import NewsMLG2Parser
from pipeline.formats.ninjs import NinjsParser
from pipeline.formats.nitf import NitfParser
from pipeline.formats.pa_json import PaJsonParser
from pipeline.formats.plaintext import PlainTextParser
from pipeline.formats.sgml import ReutersSgmlParser
from pipeline.language import telling_guess
from pipeline.schemas import Article

__all__ = [
    "PARSERS",
    "ParseOptions",
    "ParsedFile",
    "SkippedItem",
    "detect",
    "parse_bytes",
    "parse_file",
]

PARSERS: tuple[WireParser, ...] = (
    PaJsonParser(),
    DpaDigitalwiresParser(),
    NinjsParser(),
    Iptc7901Parser(),
    AnpaParser(),
    NewsMLG2Parser(),
    NewsML1Parser(),
    NitfParser(),
    EcbPlusParser(),
    ReutersSgmlParser(),
    RssParser(),
    AtomParser(),
    PlainTextParser(),
)


def _check_unique_names(parsers: tuple[WireParser, ...]) -> None:
    names = [parser.name for parser in parsers]
    if len(names) != len(set(names)):
        raise RuntimeError(f"duplicate parser names in registry: {names}")


_check_unique_names(PARSERS)


def detect(data: bytes, name: str = "<bytes>") -> WireParser:
    """The parser for these bytes. The file name is only used in the error message."""
    if not data.strip():
        raise PermanentError("empty_file", "file is empty", name)
    sniff = Sniff(data)
    for parser in PARSERS:
        if parser.can_parse(sniff):
            return parser
    if sniff.looks_binary:
        raise PermanentError("binary_data", "binary data, not a wire text", name)
    fault = json_fault(sniff.data) if sniff.is_json else None
    if fault is not None:  # JSON no format claimed by its head: broken, not unknown
        raise MalformedInputError(fault, name, kind="malformed_json")
    raise UnknownFormatError(_unknown_reason(sniff), name)


def parse_bytes(
    data: bytes, name: str = "<bytes>", options: ParseOptions | None = None
) -> list[Article]:
    """Detect and parse; every permanent error names the file."""
    try:
        articles = detect(data, name).parse(data, name, options or ParseOptions())
    except PermanentError as error:
        raise error.for_file(name) from error
    if not articles:
        raise EmptyItemError("file holds no news item with text", name)
    return [_with_language(article) for article in articles]


def _with_language(article: Article) -> Article:
    """An article whose format declares no language (IPTC 7901, ANPA, plain text, a feed or
    item without one) records the one its text is guessed to be in, as extraction and story
    matching read it, flagged ``raw_meta.language_guessed``: the column answers "which copy is
    German" for every format. A text too poor in function words to tell (a results table)
    keeps none."""
    guessed = None if article.language else telling_guess(f"{article.headline}\n{article.body}")
    if guessed is None:
        return article
    return article.model_copy(
        update={"language": guessed, "raw_meta": {**article.raw_meta, "language_guessed": True}}
    )


@dataclass(frozen=True)
class ParsedFile:
    articles: list[Article]
    skipped: list[SkippedItem]  # items of the file that yielded no article, with the reason


def parse_file(
    data: bytes, name: str = "<bytes>", options: ParseOptions | None = None
) -> ParsedFile:
    """:func:`parse_bytes` with the items it skipped: a many-item file's good items are
    stored and each bad one is quarantined on its own."""
    with collecting_skipped() as skipped:
        articles = parse_bytes(data, name, options)
    return ParsedFile(articles, list(skipped))


def _unknown_reason(sniff: Sniff) -> str:
    if sniff.xml_root:
        return f"XML with root element <{sniff.xml_root}> is not a supported wire format"
    if sniff.is_json:
        return "JSON document is not a supported wire format (no ninjs, digitalwires or PA fields)"
    return "text without a wire layout (no headline and 'PLACE (Agency) -' dateline found)"
