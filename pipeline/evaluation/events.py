"""Score event extraction against ECB+ gold components.

Triggers: our trigger token against gold action markables (``ACTION_*``/``NEG_ACTION_*``).
Arguments: the ECB+ release in the corpus links components only by coreference, not action to
participant, so an argument is scored as a span: our actor/target text, date text and place
mention found in the evidence sentence must overlap a gold markable of the same component
(participant, time, location) in that sentence; recall counts the gold components of sentences
where we found a gold action. Only sentences carrying some gold markable are scored, because
ECB+ annotates a selection of sentences per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline.evaluation.ecbplus import Component, EcbDocument, Markable, as_article, read_corpus
from pipeline.evaluation.scoring import f1, ratio
from pipeline.extract import extract_articles
from pipeline.schemas import EventRecord, Extraction


@dataclass(frozen=True)
class Span:
    """A predicted or gold span of one document, as ECB+ token ids."""

    document: str
    component: Component
    tokens: frozenset[int]


@dataclass
class Tally:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    def line(self, name: str) -> str:
        precision = ratio(self.correct, self.predicted)
        recall = ratio(self.found, self.gold)
        score = f1(precision, recall)
        return (f"  {name:<12} P {precision:.3f} ({self.correct}/{self.predicted})  "
                f"R {recall:.3f} ({self.found}/{self.gold})  F1 {score:.3f}")  # fmt: skip


def evaluate_events(directory: Path, nlp: Language) -> str:
    documents = read_corpus(directory)
    extractions = extract_articles((as_article(d) for d in documents), nlp)
    tallies: dict[Component, Tally] = {component: Tally() for component in Component}
    for document, extraction in zip(documents, extractions, strict=True):
        for component, tally in score_document(document, extraction).items():
            tallies[component].add(tally)
    return "\n".join(_report(len(documents), tallies))


def score_document(document: EcbDocument, extraction: Extraction) -> dict[Component, Tally]:
    scored = document.annotated_sentences()
    gold = [m for m in document.markables if m.sentence in scored]
    events = [e for e in extraction.events if _sentence_of(document, e) in scored]
    triggers = {_trigger_span(document, e) for e in events}
    actions = [m for m in gold if m.component is Component.ACTION]
    tallies = {Component.ACTION: tally(triggers, actions)}
    hit_sentences = {m.sentence for m in actions if any(t.tokens & m.tokens for t in triggers)}
    arguments = {span for e in events for span in _argument_spans(document, extraction, e)}
    for component in (Component.PARTICIPANT, Component.TIME, Component.LOCATION):
        wanted = [m for m in gold if m.component is component and m.sentence in hit_sentences]
        ours = {span for span in arguments if span.component is component}
        tallies[component] = tally(ours, wanted, [m for m in gold if m.component is component])
    return tallies


def tally(
    predicted: Iterable[Span], gold: list[Markable], judge: list[Markable] | None = None
) -> Tally:
    """Precision judged against ``judge`` (default: the gold), recall over ``gold``."""
    spans = list(predicted)
    against = gold if judge is None else judge
    correct = sum(any(s.tokens & m.tokens for m in against) for s in spans)
    found = sum(any(s.tokens & m.tokens for s in spans) for m in gold)
    return Tally(len(spans), correct, len(gold), found)


def _sentence_of(document: EcbDocument, event: EventRecord) -> int | None:
    tokens = document.tokens_between(event.trigger_start, event.trigger_start + 1)
    return document.token_sentence[min(tokens)] if tokens else None


def _trigger_span(document: EcbDocument, event: EventRecord) -> Span:
    end = event.trigger_start + len(event.trigger)
    tokens = frozenset(document.tokens_between(event.trigger_start, end))
    return Span(document.name, Component.ACTION, tokens)


def _argument_spans(
    document: EcbDocument, extraction: Extraction, event: EventRecord
) -> list[Span]:
    """Our arguments located in the evidence sentence (texts of other sentences are skipped)."""
    places = [m.text for m in extraction.mentions if m.entity_key == event.location_key]
    wanted = [
        (Component.PARTICIPANT, event.actor_text),
        (Component.PARTICIPANT, event.target_text),
        (Component.TIME, event.date_text),
        (Component.LOCATION, places[0] if event.location_key and places else None),
    ]
    sentence = document.body[event.start : event.end]
    spans = []
    for component, text in wanted:
        where = sentence.find(text) if text else -1
        if text and where >= 0:
            start = event.start + where
            tokens = frozenset(document.tokens_between(start, start + len(text)))
            spans.append(Span(document.name, component, tokens))
    return spans


def _report(documents: int, tallies: dict[Component, Tally]) -> list[str]:
    arguments = Tally()
    for component in (Component.PARTICIPANT, Component.TIME, Component.LOCATION):
        arguments.add(tallies[component])
    return [
        f"ECB+ events: {documents} documents (annotated sentences only)",
        tallies[Component.ACTION].line("trigger"),
        arguments.line("arguments"),
        tallies[Component.PARTICIPANT].line("participant"),
        tallies[Component.TIME].line("time"),
        tallies[Component.LOCATION].line("location"),
    ]
