"""Named-entity recognition for wire copy: spaCy's spans corrected by a domain layer.

The layer, in order: trims ("the", possessives, titles), curated organisations and named things,
organisation designators ("X State Corporation"), acronym definitions, type fixes from the
gazetteer and head nouns, then one name one type per document (a weighted vote over every
occurrence) and the remaining occurrences of names the document has established. The bare model
runs unchanged, so the same Doc also yields the baseline for evaluation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from pipeline.extract import lexicon
from pipeline.extract.acronyms import find_definitions
from pipeline.extract.gazetteer import gazetteer
from pipeline.extract.titles import is_honorific, is_title, strip_titles

PER, ORG, LOC, MISC, NORP = "PER", "ORG", "LOC", "MISC", "NORP"
MODEL_LABELS = {
    "PERSON": PER,
    "ORG": ORG,
    "GPE": LOC,
    "LOC": LOC,
    "FAC": LOC,
    "NORP": NORP,
    "EVENT": MISC,
    "WORK_OF_ART": MISC,
    "LAW": MISC,
    "PRODUCT": MISC,
    "LANGUAGE": MISC,
}
_STRONG = 3  # a curated name or a textual cue outweighs three contrary model guesses
_MAX_NAME_WORDS = 3
_TRAILING = frozenset({"'s", "’s", "'", "’", ".", ",", "-"})


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    label: str
    strong: bool = False

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def bare_spans(doc: Doc) -> list[Named]:
    """The model's own entities mapped to our labels: the baseline."""
    return [
        Named(s.start, s.end, MODEL_LABELS[s.label_]) for s in doc.ents if s.label_ in MODEL_LABELS
    ]


def recognize(doc: Doc) -> list[Named]:
    """Entity spans of the document, sorted, non-overlapping."""
    model = [fixed for s in bare_spans(doc) if (fixed := _fix_type(doc, _trim(doc, s)))]
    strong = _curated(doc) + _designated(doc) + _acronym_spans(doc)
    spans = _overlay(strong, model)
    spans = _overlay(_titled_people(doc, spans), spans)
    labels = _vote(doc, spans, strong)
    spans = [Named(s.start, s.end, labels.get(_text(doc, s), s.label), s.strong) for s in spans]
    return sorted(spans + _propagate(doc, spans, strong), key=lambda s: s.start)


def _trim(doc: Doc, named: Named) -> Named:
    start, end = named.start, named.end
    while start < end - 1 and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start + 1 and doc[end - 1].text in _TRAILING:
        end -= 1
    if named.label == PER:
        stripped = strip_titles(doc[start:end])
        start = stripped.start
    return Named(start, end, named.label, named.strong)


def _fix_type(doc: Doc, named: Named) -> Named | None:
    text = _text(doc, named)
    if text in lexicon.CELESTIAL:
        return None
    label = _head_label(doc, named) or named.label
    if label in {PER, ORG, MISC} and gazetteer().is_country(text):
        label = LOC
    if label == PER and _not_a_person(doc, named):
        label = MISC
    if named.start > 0 and is_honorific(doc[named.start - 1].text):
        label = PER
    return Named(named.start, named.end, label)


def _head_label(doc: Doc, named: Named) -> str | None:
    """Multi-word names are typed by their head noun: "... Research Station" is a thing."""
    head = doc[named.end - 1].lower_
    if named.end - named.start < 2 or named.label == NORP:
        return None
    if head in lexicon.ORG_HEADS:
        return ORG
    return MISC if head in lexicon.MISC_HEADS else None


def _not_a_person(doc: Doc, named: Named) -> bool:
    """ "the Gateway", "project Gateway": a determiner or a common noun before a single name."""
    if named.end - named.start > 1 or named.start == 0:
        return False
    before = doc[named.start - 1]
    return before.lower_ in {"the", "a", "an"} or before.lower_ in lexicon.MISC_HEADS


@lru_cache(maxsize=4)
def _phrase_matcher(vocab: Vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab)
    for label, table in ((ORG, lexicon.ORGANIZATIONS), (MISC, lexicon.NAMED_THINGS)):
        names = [name for canonical, aliases in table.items() for name in (canonical, *aliases)]
        matcher.add(label, [_tokens(vocab, name) for name in names])
    return matcher


def _tokens(vocab: Vocab, text: str) -> Doc:
    return Doc(vocab, words=text.replace("-", " - ").split())


def _curated(doc: Doc) -> list[Named]:
    matcher = _phrase_matcher(doc.vocab)
    return [
        Named(start, end, doc.vocab.strings[key], strong=True)
        for key, start, end in matcher(doc)
        if not _inside_name(doc, start, end)
    ]


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """ "AP" in "AP Moller" is part of another name: capitalised words run on."""
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and end - start == 1


def _designated(doc: Doc) -> list[Named]:
    """ "Roscosmos State Corporation" / "the Roscosmos state corporation": an organisation."""
    found: list[Named] = []
    for token in doc:
        size = _designator_at(doc, token.i)
        capitalised = token.text[:1].isupper()
        start = _name_before(doc, token.i, capitalised) if size else token.i
        if start == token.i:
            continue
        found.append(Named(start, token.i, ORG, strong=True))
        if capitalised:
            found.append(Named(start, token.i + size, ORG, strong=True))
    return found


def _name_before(doc: Doc, i: int, capitalised: bool) -> int:
    """Start of the proper name before a designator; a capitalised one may follow adjectives."""
    parts = {"PROPN", "ADJ"} if capitalised else {"PROPN"}
    start = i
    while (
        start > doc[i].sent.start
        and doc[start - 1].pos_ in parts
        and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    return start


def _designator_at(doc: Doc, i: int) -> int:
    for size in (2, 1):
        words = doc[i : i + size].text.casefold()
        if i + size <= len(doc) and words in lexicon.ORG_DESIGNATORS:
            return size
    return 0


def _acronym_spans(doc: Doc) -> list[Named]:
    found: list[Named] = []
    for definition in find_definitions(doc):
        long = definition.long
        head = long[-1].lower_
        label = MISC if head in lexicon.MISC_HEADS else ORG
        if gazetteer().is_country(long.text):
            label = LOC
        found.append(Named(definition.short.start, definition.short.end, label, strong=True))
        if long[0].text[:1].isupper():
            found.append(Named(long.start, long.end, label, strong=True))
    return found


def _titled_people(doc: Doc, spans: list[Named]) -> list[Named]:
    """Names the model missed after a title: "Chinese Ambassador to Russia Zhang Hanhui"."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    ends = {s.end: s for s in spans}
    found: list[Named] = []
    for start, end in _proper_runs(doc, taken):
        before = start
        if before in ends and doc[ends[before].start - 1].lower_ in {"to", "of"}:
            before = ends[before].start - 1  # skip "to Russia" back to the title
        if before > 0 and (is_title(doc[before - 1].text) or is_honorific(doc[before - 1].text)):
            found.append(Named(start, end, PER, strong=True))
    return found


def _proper_runs(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of up to three capitalised proper nouns outside known spans."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and _proper(doc[j].text, doc[j].pos_):
            j += 1
        if 0 < j - i <= _MAX_NAME_WORDS:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _proper(text: str, pos: str) -> bool:
    return pos == "PROPN" and text[:1].isupper() and not is_title(text)


def _overlay(strong: list[Named], model: list[Named]) -> list[Named]:
    """Strong spans win overlaps (longest first); model spans fill the rest."""
    chosen: list[Named] = []
    taken: set[int] = set()
    ordered = sorted(strong, key=lambda s: s.start - s.end) + model
    for named in ordered:
        cells = set(range(named.start, named.end))
        if cells & taken:
            continue
        chosen.append(named)
        taken |= cells
    return chosen


def _vote(doc: Doc, spans: list[Named], strong: list[Named]) -> dict[str, str]:
    """One name, one type per document: a weighted vote over all its occurrences."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for named in spans:
        votes[_text(doc, named)][named.label] += _STRONG if named.strong else 1
    for named in strong:  # also the bare name inside "X State Corporation"
        votes[_text(doc, named)][named.label] += _STRONG
    return {text: counter.most_common(1)[0][0] for text, counter in votes.items()}


def _propagate(doc: Doc, spans: list[Named], evidence: list[Named]) -> list[Named]:
    """Occurrences the model missed of names the document established, and bare surnames."""
    names: dict[tuple[str, ...], str] = {}
    for s in spans + evidence:  # evidence: also "Zorvek" from "Zorvek State Corporation"
        if s.label != NORP:
            names.setdefault(tuple(t.text for t in s.span(doc)), s.label)
        if s.label == PER and s.end - s.start > 1:
            names.setdefault((doc[s.end - 1].text,), PER)
    taken = {i for s in spans for i in range(s.start, s.end)}
    found: list[Named] = []
    for words, label in sorted(names.items(), key=lambda item: -len(item[0])):
        for start in _occurrences(doc, words):
            cells = set(range(start, start + len(words)))
            if not cells & taken and _standalone(doc, start, start + len(words)):
                found.append(Named(start, start + len(words), label))
                taken |= cells
    return found


def _occurrences(doc: Doc, words: tuple[str, ...]) -> list[int]:
    size = len(words)
    return [
        i
        for i in range(len(doc) - size + 1)
        if doc[i].text == words[0] and tuple(t.text for t in doc[i : i + size]) == words
    ]


def _standalone(doc: Doc, start: int, end: int) -> bool:
    first = doc[start].text
    if not first[:1].isupper() or is_title(first) or is_honorific(first):
        return False
    return not _inside_name(doc, start, end)


def _text(doc: Doc, named: Named) -> str:
    return doc[named.start : named.end].text
