"""Read ECB+ documents (Cybulska & Vossen, LREC 2014) into text with gold event components.

An ECB+ file holds tokens (``t_id``, ``sentence``) and stand-off markables anchored on token
ids: actions (``ACTION_*``, ``NEG_ACTION_*``), times (``TIME_*``), locations (``LOC_*``) and
participants (``HUMAN_PART_*``, ``NON_HUMAN_PART*``). We rebuild the text one paragraph per
sentence, tokens joined by spaces, and keep every token's character span in that body. Sentence
0 of the ``ecbplus`` files is the source URL and is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lxml import etree

from pipeline.extract.dates import resolve
from pipeline.formats.xmlsafe import parse_xml
from pipeline.schemas import PARAGRAPH_SEPARATOR, Article, DatePrecision

# The first sentences of a web article carry its publication date, when it has one.
_HEADER_SENTENCES = 3


class Component(StrEnum):
    ACTION = "action"
    PARTICIPANT = "participant"
    TIME = "time"
    LOCATION = "location"


_PREFIXES = (
    ("NEG_ACTION", Component.ACTION),
    ("ACTION", Component.ACTION),
    ("HUMAN_PART", Component.PARTICIPANT),
    ("NON_HUMAN_PART", Component.PARTICIPANT),
    ("TIME", Component.TIME),
    ("LOC", Component.LOCATION),
)


@dataclass(frozen=True)
class Markable:
    component: Component
    tag: str
    tokens: frozenset[int]
    sentence: int


@dataclass
class EcbDocument:
    name: str
    paragraphs: list[str]
    token_spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    token_sentence: dict[int, int] = field(default_factory=dict)
    markables: list[Markable] = field(default_factory=list)

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def tokens_between(self, start: int, end: int) -> set[int]:
        """Ids of the tokens overlapping the character span [start, end)."""
        return {t for t, (s, e) in self.token_spans.items() if s < end and start < e}

    def annotated_sentences(self) -> set[int]:
        return {markable.sentence for markable in self.markables}


def read_document(path: Path) -> EcbDocument:
    root = parse_xml(path.read_bytes())
    skip_url = path.name.endswith("ecbplus.xml")
    sentences: dict[int, list[tuple[int, str]]] = {}
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if not (skip_url and sentence == 0):
            sentences.setdefault(sentence, []).append((int(token.get("t_id")), token.text or ""))
    document = EcbDocument(path.name, [])
    for sentence, tokens in sorted(sentences.items()):
        _add_sentence(document, sentence, tokens)
    document.markables = _markables(root, document.token_sentence)
    return document


def as_article(document: EcbDocument) -> Article:
    """The document as a wire article, dated by its own header if it has one."""
    day = header_date(document)
    published = dt.datetime.combine(day, dt.time(12), dt.UTC) if day else None
    return Article(
        format="ecbplus",
        item_key=document.name,
        headline=document.paragraphs[0] if document.paragraphs else document.name,
        paragraphs=document.paragraphs,
        published_at=published,
    )


def header_date(document: EcbDocument) -> dt.date | None:
    """The first full calendar date written in the header ("May 03, 2013"), if any."""
    for paragraph in document.paragraphs[:_HEADER_SENTENCES]:
        found = resolve(paragraph, None)
        if found is not None and found.precision is DatePrecision.DAY:
            return found.start
    return None


def read_corpus(directory: Path) -> list[EcbDocument]:
    return [read_document(path) for path in sorted(directory.rglob("*.xml"))]


def _add_sentence(document: EcbDocument, sentence: int, tokens: list[tuple[int, str]]) -> None:
    offset = len(document.body) + (len(PARAGRAPH_SEPARATOR) if document.paragraphs else 0)
    words = []
    for t_id, text in tokens:
        document.token_spans[t_id] = (offset, offset + len(text))
        document.token_sentence[t_id] = sentence
        words.append(text)
        offset += len(text) + 1
    document.paragraphs.append(" ".join(words))


def _markables(root: etree._Element, token_sentence: dict[int, int]) -> list[Markable]:
    section = root.find("Markables")
    found = []
    for element in section if section is not None else ():
        component = _component(str(element.tag))
        anchors = [int(a.get("t_id")) for a in element.iter("token_anchor")]
        anchors = [t for t in anchors if t in token_sentence]
        if component is not None and anchors:
            sentence = token_sentence[anchors[0]]
            found.append(Markable(component, str(element.tag), frozenset(anchors), sentence))
    return found


def _component(tag: str) -> Component | None:
    return next((component for prefix, component in _PREFIXES if tag.startswith(prefix)), None)
