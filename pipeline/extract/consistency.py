"""One name, one type per document, and every occurrence of an established name.

spaCy labels each occurrence on its own, so "Roscosmos" comes out as a person, a product and an
organisation in one article. Every occurrence votes for its label; rule-backed spans (curated
names, designators, acronym definitions) count three times; a surname of a full name the article
gives votes for a person; the leading part of an organisation's name ("Promises" in "Promises
Treatment Center") votes once for an organisation. The winner labels all occurrences, including
those the model missed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc

from pipeline.extract import columns, lexicon
from pipeline.extract.gazetteer import gazetteer
from pipeline.extract.spans import NORP, ORG, PER, RULE, Named, inside_name
from pipeline.extract.titles import is_honorific, is_title

STRONG = 3  # a curated name or a textual cue outweighs three contrary model guesses
Words = tuple[str, ...]


def consistent(doc: Doc, spans: list[Named], evidence: list[Named]) -> list[Named]:
    """The spans relabelled by the document's vote, plus the occurrences the model missed."""
    votes = _votes(doc, spans, evidence)
    labels = {words: counter.most_common(1)[0][0] for words, counter in votes.items()}
    relabelled = [replace(s, label=labels.get(_words(doc, s), s.label)) for s in spans]
    return sorted(relabelled + _propagate(doc, relabelled, labels), key=lambda s: s.start)


def _votes(doc: Doc, spans: list[Named], evidence: list[Named]) -> dict[Words, Counter[str]]:
    votes: dict[Words, Counter[str]] = defaultdict(Counter)
    for named in spans + evidence:  # evidence: also "Zorvek" from "Zorvek State Corporation"
        votes[_words(doc, named)][named.label] += STRONG if named.strong else 1
    for named in spans:
        for words, label, weight in _implied(doc, named):
            votes[words][label] += weight
    return votes


def _implied(doc: Doc, named: Named) -> Iterator[tuple[Words, str, int]]:
    """Short forms a full name implies: a person's surname, an organisation's leading name."""
    words = _words(doc, named)
    if named.label == PER and len(words) > 1:
        yield words[-1:], PER, STRONG
    if named.label == ORG and len(words) > 2 and words[-1].casefold() in lexicon.ORG_HEADS:
        for size in range(1, len(words) - 1):
            if not gazetteer().is_known(" ".join(words[:size])):
                yield words[:size], ORG, 1


def _propagate(doc: Doc, spans: list[Named], labels: dict[Words, str]) -> list[Named]:
    taken = {i for s in spans for i in range(s.start, s.end)}
    texts = columns.texts(doc)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        positions[text].append(i)
    found: list[Named] = []
    for words, label in sorted(labels.items(), key=lambda item: -len(item[0])):
        if label == NORP:
            continue
        for start in positions.get(words[0], []):
            end = start + len(words)
            cells = set(range(start, end))
            if (
                tuple(texts[start:end]) == words
                and not cells & taken
                and _standalone(doc, start, end)
            ):
                found.append(Named(start, end, label, method=RULE))
                taken |= cells
    return found


def _standalone(doc: Doc, start: int, end: int) -> bool:
    first = doc[start].text
    if not first[:1].isupper() or is_title(first) or is_honorific(first):
        return False
    return not inside_name(doc, start, end)


def _words(doc: Doc, named: Named) -> Words:
    return tuple(t.text for t in named.span(doc))
