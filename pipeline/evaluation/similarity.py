"""The story step's similarity against people's ratings of document pairs.

Data sets of this kind give documents one to a line and a square matrix of ratings, row i and
column j the mean rating of documents i and j (the Lee corpus's 50 news articles with their
readers' ratings on a scale of 1-5, divided by 5, as gensim ships them in its test data:
``lee.cor`` and ``similarities0-1.txt``). The upper triangle is read; the diagonal and what
lies below it are ignored. Every document is read as one undated English article with no
headline, so that nothing but its text (and what is extracted from it) is compared.

The report says how closely the story step's scores follow the ratings (Pearson and Spearman
correlation over all pairs) and what the story step does with the documents placed as one
day: which pairs it puts in one story and how those pairs were rated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pipeline.dedupe import stories
from pipeline.evaluation.stories import cluster_features, story_features
from pipeline.extract import extract_articles, load_nlp
from pipeline.schemas import Article
from pipeline.settings import Settings, get_settings

# Ratings at or above this are pairs most readers called related (4 of 5 and up).
RELATED = 0.8


@dataclass(frozen=True)
class RatedPairs:
    articles: list[Article]
    pairs: list[tuple[int, int]]  # i < j, in row order
    ratings: npt.NDArray[np.float64]  # one per pair


def read_rated(lines: Path, ratings: Path) -> RatedPairs:
    """Documents one to a line and their square ratings matrix; a ``ValueError`` names the
    file and the problem where they do not fit together."""
    texts = lines.read_text(encoding="utf-8", errors="replace").splitlines()
    blank = [number for number, text in enumerate(texts, 1) if not text.strip()]
    if blank:
        raise ValueError(f"{lines}: line {blank[0]} is blank; every line must be a document")
    matrix = _matrix(ratings)
    if len(matrix) != len(texts):
        raise ValueError(
            f"{ratings}: {len(matrix)} rows of ratings for the {len(texts)} documents of {lines}"
        )
    articles = [
        Article(
            format="lines", item_key=f"{lines.name}:{number}", item_index=number, headline="",
            paragraphs=[text.strip()], language="en",
        )
        for number, text in enumerate(texts)
    ]  # fmt: skip
    pairs = list(combinations(range(len(texts)), 2))
    values = np.array([matrix[i][j] for i, j in pairs], dtype=np.float64)
    return RatedPairs(articles, pairs, values)


def evaluate_similarity(lines: Path, ratings: Path, settings: Settings | None = None) -> str:
    """The report printed by ``wire eval similarity LINES RATINGS``."""
    settings = settings or get_settings()
    rated = read_rated(lines, ratings)
    extracted = list(extract_articles(rated.articles, load_nlp(settings.spacy_model)))
    weights = stories.StoryWeights.from_settings(settings)
    report = [
        f"story similarity against people's ratings: {len(rated.articles)} documents of "
        f"{lines.name}, {len(rated.pairs)} rated pairs of {ratings.name}",
        f"{'signals':<15} {'Pearson':>8} {'Spearman':>9}",
    ]
    features = {}
    for label, found in (("text", None), ("text+extracted", extracted)):
        features[label] = [
            story_features(index, article, found[index] if found else None)
            for index, article in enumerate(rated.articles)
        ]
        scores = pair_scores(features[label], rated.pairs, weights)
        report.append(
            f"{label:<15} {pearson(scores, rated.ratings):8.3f} "
            f"{spearman(scores, rated.ratings):9.3f}"
        )
    placed = cluster_features(features["text+extracted"], settings)
    report += _placement(placed, rated)
    return "\n".join(report)


def pair_scores(
    features: Sequence[stories.StoryFeatures],
    pairs: Sequence[tuple[int, int]],
    weights: stories.StoryWeights,
) -> npt.NDArray[np.float64]:
    """The story step's similarity of each pair, as it scores a new article against an
    earlier one."""
    return np.array(
        [stories.similarity(features[j], features[i], weights) for i, j in pairs],
        dtype=np.float64,
    )


def pearson(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    """Pearson's correlation; 0 where either side does not vary."""
    x_centred, y_centred = x - x.mean(), y - y.mean()
    spread = float(np.sqrt((x_centred**2).sum() * (y_centred**2).sum()))
    return float((x_centred * y_centred).sum()) / spread if spread else 0.0


def spearman(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    """Spearman's correlation: Pearson's on the ranks, tied values sharing their mean rank."""
    return pearson(_ranks(x), _ranks(y))


def _ranks(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[np.argsort(values, kind="stable")] = np.arange(len(values), dtype=np.float64)
    tied = np.unique(values, return_inverse=True)[1]
    return np.asarray((np.bincount(tied, weights=ranks) / np.bincount(tied))[tied])


def _placement(placed: Sequence[int], rated: RatedPairs) -> list[str]:
    """The pairs placed in one story and how they were rated, against the related pairs."""
    together = np.array([placed[i] == placed[j] for i, j in rated.pairs], dtype=bool)
    related = rated.ratings >= RELATED
    sizes = np.bincount(np.unique(placed, return_inverse=True)[1])
    lines = [
        f"placed as one day: {len(sizes)} stories, largest {sizes.max()}; "
        f"{int(together.sum())} pairs in one story, rated {_mean(rated.ratings[together])} on "
        f"average (all pairs {_mean(rated.ratings)})",
        f"pairs rated >= {RELATED}: {int(related.sum())}, of them in one story "
        f"{int((related & together).sum())}; pairs in one story rated below it "
        f"{int((together & ~related).sum())}",
    ]
    return lines


def _mean(values: npt.NDArray[np.float64]) -> str:
    return f"{values.mean():.3f}" if len(values) else "-"


def _matrix(path: Path) -> list[list[float]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append([float(value) for value in line.split()])
        except ValueError as error:
            raise ValueError(f"{path}: line {number}: {error}") from None
    if any(len(row) != len(rows) for row in rows):
        raise ValueError(f"{path}: the ratings are not a square matrix ({len(rows)} rows)")
    return rows
