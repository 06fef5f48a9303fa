"""People, organisations and places from spaCy's NER, each tied to a canonical entity."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.schemas import Article, Entity, EntityKind, Mention

VERSION = "1"
_KINDS = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.LOCATION,
    "LOC": EntityKind.LOCATION,
    "FAC": EntityKind.LOCATION,
}
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


@dataclass
class FoundEntities:
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def find_entities(doc: Doc, article: Article) -> FoundEntities:
    found = FoundEntities()
    known: dict[str, Entity] = {}
    sentence_of = _sentence_index(doc)
    for span in doc.ents:
        kind = _KINDS.get(span.label_)
        if kind is None:
            continue
        name = _canonical_name(span)
        key = entity_key(kind, name)
        known.setdefault(key, Entity(key=key, kind=kind, name=name))
        found.mentions.append(
            Mention(
                entity_key=key,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence_index=sentence_of[span.start],
            )
        )
    found.entities = list(known.values())
    return found


def entity_key(kind: EntityKind, name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return f"{kind.value}:{re.sub(r'[^a-z0-9]+', '-', folded).strip('-')}"


def _canonical_name(span: Span) -> str:
    text = _LEADING_ARTICLE.sub("", span.text.strip())
    return re.sub(r"['’]s$", "", text)


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            index[token.i] = number
    return index
