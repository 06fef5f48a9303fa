"""One name, one type per document, and every occurrence of an established name.

spaCy labels each occurrence on its own, so "Roscosmos" comes out as a person, a product and an
organisation in one article. Every occurrence votes for its label; rule-backed spans (curated
names, designators, acronym definitions) count three times; a surname of a full name the article
gives is a person, whatever the model reads it as alone, unless a rule or an organisation's
name in the article says otherwise; the leading part of an organisation's name ("Seaview" in
"Seaview Treatment Center") votes once for an organisation, and three times where it follows
"at", "into", "in" or "from" ("checked into Pine Lodge" in an article that names the Pine
Lodge Center). The winner labels all occurrences, including those the model missed.
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
# "checked into Pine Lodge", "at Pine Lodge": a place one goes to or is at, not a person.
_PLACE_PREPOSITIONS = lexicon.words("at into in from")
Words = tuple[str, ...]


def consistent(doc: Doc, spans: list[Named], evidence: list[Named]) -> list[Named]:
    """The spans relabelled by the document's vote, plus the occurrences the model missed."""
    votes = _votes(doc, spans, evidence)
    labels = {words: counter.most_common(1)[0][0] for words, counter in votes.items()}
    relabelled = [replace(s, label=labels.get(s.words(doc), s.label)) for s in spans]
    return sorted(relabelled + _propagate(doc, relabelled, labels), key=lambda s: s.start)


def _votes(doc: Doc, spans: list[Named], evidence: list[Named]) -> dict[Words, Counter[str]]:
    votes: dict[Words, Counter[str]] = defaultdict(Counter)
    vouched: dict[Words, set[str]] = defaultdict(set)  # labels a rule gives the words
    for named in spans + evidence:  # evidence: also "Zorvek" from "Zorvek State Corporation"
        votes[named.words(doc)][named.label] += STRONG if named.strong else 1
        if named.strong:
            vouched[named.words(doc)].add(named.label)
    implied: dict[str, set[Words]] = defaultdict(set)
    for named in spans:
        for words, label, weight in _implied(doc, named):
            votes[words][label] += weight
            implied[label].add(words)
    for named in spans:
        words = named.words(doc)
        if words in implied[ORG] and _after_place_preposition(doc, named):
            votes[words][ORG] += STRONG
    for words in implied[PER] - implied[ORG]:
        if vouched[words] <= {PER}:
            _outvote(votes[words], PER)
    return votes


def _outvote(votes: Counter[str], label: str) -> None:
    """``label`` wins over every other label the model gave: the surname of a person the
    article names in full is that person however often the model reads it alone as a company
    ("Sumner Redstone" once, then "Redstone" a dozen times as an organisation); not where a
    rule vouches for another label, or where the article names an organisation after it
    ("Ford Motor Co" beside "Henry Ford")."""
    others = max((count for other, count in votes.items() if other != label), default=0)
    votes[label] = max(votes[label], others + 1)


def _after_place_preposition(doc: Doc, named: Named) -> bool:
    return named.start > 0 and doc[named.start - 1].lower_ in _PLACE_PREPOSITIONS


def _implied(doc: Doc, named: Named) -> Iterator[tuple[Words, str, int]]:
    """Short forms a full name implies: a person's surname, an organisation's leading name."""
    words = named.words(doc)
    if named.label == PER and len(words) > 1:
        yield words[-1:], PER, STRONG
    if named.label == ORG and len(words) > 2 and words[-1].casefold() in lexicon.ORG_HEADS:
        for size in range(1, len(words)):
            leading = words[:size]
            if not gazetteer().is_known(" ".join(leading)) and not _function_word(doc, leading[-1]):
                yield leading, ORG, 1


def _function_word(doc: Doc, word: str) -> bool:
    """ "The" of "The Associated Press", "of" of "Bank of ...": no name ends in one."""
    return doc.vocab[word.casefold()].is_stop


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
