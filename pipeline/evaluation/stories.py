"""Story clustering scored on ECB+: B³ precision, recall and F1 at topic and sub-topic level.

The gold clusters come from the file names ``<topic>_<n>ecb.xml`` / ``<topic>_<n>ecbplus.xml``:
the topic is the coarse cluster, topic plus suffix the same seminal event. Documents are
clustered in name order with :func:`pipeline.dedupe.stories.cluster`, the function the pipeline
applies to each article as it arrives, and with the pipeline's settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from pipeline.dedupe import happenings, stories
from pipeline.evaluation.scoring import f1
from pipeline.extract import extract_articles, load_nlp
from pipeline.formats import parse_bytes
from pipeline.schemas import Article, Extraction
from pipeline.settings import Settings, get_settings

_NAME = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<kind>ecb|ecbplus)\.xml$")


@dataclass(frozen=True)
class Document:
    name: str
    topic: str
    subtopic: str
    article: Article


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def evaluate_stories(folder: Path, settings: Settings | None = None) -> str:
    """The report printed by ``wire eval stories DIR``."""
    settings = settings or get_settings()
    documents = read_documents(folder)
    if not documents:
        raise FileNotFoundError(f"no ECB+ documents (<topic>_<n>ecb[plus].xml) under {folder}")
    articles = [document.article for document in documents]
    extracted = list(extract_articles(articles, load_nlp(settings.spacy_model)))
    lines = [_header(documents, settings)]
    for label, found in (("text", None), ("text+extracted", extracted)):
        predicted = _clusters(articles, found, settings)
        for level, gold in (("topic", [d.topic for d in documents]),
                            ("sub-topic", [d.subtopic for d in documents])):  # fmt: skip
            scores = b_cubed(predicted, gold)
            lines.append(
                f"{label:<15} {level:<10} {scores.precision:6.3f} {scores.recall:6.3f} "
                f"{scores.f1:6.3f}"
            )
    return "\n".join(lines)


def read_documents(folder: Path) -> list[Document]:
    """Every ECB+ document under ``folder``, in topic and file-name order."""
    found = []
    for path in sorted(folder.rglob("*.xml"), key=_name_order):
        named = _NAME.match(path.name)
        if named:
            found.append(_read(path, named))
    return found


def b_cubed(predicted: Sequence[object], gold: Sequence[object]) -> Scores:
    """Mean per-item precision and recall of the item's predicted cluster against its gold one."""
    if len(predicted) != len(gold) or not gold:
        raise ValueError("B³ needs one predicted and one gold label per item")
    items = range(len(gold))
    precision = recall = 0.0
    for i in items:
        same_predicted = {j for j in items if predicted[j] == predicted[i]}
        same_gold = {j for j in items if gold[j] == gold[i]}
        both = len(same_predicted & same_gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    return Scores(precision / len(gold), recall / len(gold))


def _read(path: Path, named: re.Match[str]) -> Document:
    """The document through the ECB+ wire-format parser (URL line of ecbplus files dropped)."""
    (article,) = parse_bytes(path.read_bytes(), path.name)
    topic = named["topic"]
    return Document(path.name, topic, f"{topic}{named['kind']}", article)


def _clusters(
    articles: Sequence[Article], extracted: Sequence[Extraction] | None, settings: Settings
) -> list[int]:
    features = [
        story_features(index, article, extracted[index] if extracted else None)
        for index, article in enumerate(articles)
    ]
    return cluster_features(features, settings)


def cluster_features(features: Sequence[stories.StoryFeatures], settings: Settings) -> list[int]:
    """A story number per article, placed in order as the story step places them, with the
    settings' weights, threshold and window."""
    window = timedelta(hours=settings.story_window_hours)
    weights = stories.StoryWeights.from_settings(settings)
    return stories.cluster(features, weights, settings.story_threshold, window)


def story_features(
    index: int, article: Article, extraction: Extraction | None
) -> stories.StoryFeatures:
    """The article's features as the story step computes them, numbered by its position: its
    words and places, and, given its extraction, its entities and happenings."""
    found = stories.terms(article.headline, article.body, article.language)
    return stories.StoryFeatures(
        article_id=index,
        vector=stories.vector(found.weights),
        entities=stories.participants(extraction.entities) if extraction else frozenset(),
        published_at=article.published_at,
        places=stories.places_named(article.headline, article.body, found),
        happenings=happenings.happenings(extraction.events) if extraction else frozenset(),
    )


def _header(documents: Sequence[Document], settings: Settings) -> str:
    topics = len({d.topic for d in documents})
    subtopics = len({d.subtopic for d in documents})
    return (
        f"ECB+ story clustering: {len(documents)} documents, {topics} topics, {subtopics} "
        f"sub-topics; threshold {settings.story_threshold}\n"
        "  TUNED: the threshold and weights were chosen on these documents, so these figures "
        "are not a held-out measure\n"
        f"{'signals':<15} {'level':<10} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}"
    )


def _name_order(path: Path) -> tuple[int, int, str]:
    named = _NAME.match(path.name)
    return (int(named["topic"]), int(named["number"]), path.name) if named else (0, 0, path.name)
