"""Story clustering of one day's feed: the size of the largest story and B³ against the
happenings each item reports.

A feed file lists items, each on a line ``=== <happening> <HH:MM> <headline>`` followed by its
body paragraphs, or ``=== <happening> <HH:MM> @<wire file>`` for an item read from a wire file
(a path relative to the feed file, parsed by the format registry). Every item is placed on one
day at the time given, whatever its file says, so that all of them fall in one story window,
and they arrive in the order of those times. Lines starting with ``#`` describe the feed (where
it comes from, whether anything was tuned on it) and are printed with its figures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.evaluation.stories import b_cubed, cluster_features, story_features
from pipeline.extract import extract_articles, load_nlp
from pipeline.formats import parse_bytes
from pipeline.schemas import Article
from pipeline.settings import Settings

_ITEM = re.compile(r"^=== (?P<happening>\S+) (?P<hour>\d\d):(?P<minute>\d\d) (?P<rest>.+)$")
_DAY = datetime(2026, 11, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Feed:
    name: str
    description: list[str]
    happenings: list[str]
    articles: list[Article]


def read_feed(path: Path) -> Feed:
    """The feed's items as articles, in order, with the happening each reports."""
    description: list[str] = []
    items: list[tuple[re.Match[str], list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            description.append(line.lstrip("# ").rstrip())
        elif line.startswith("==="):
            found = _ITEM.match(line)
            if found is None:
                raise ValueError(f"{path}:{number}: not '=== <happening> <HH:MM> <headline>'")
            items.append((found, []))
        elif line.strip() and items:
            items[-1][1].append(line.strip())
        elif line.strip():
            raise ValueError(f"{path}:{number}: text before the first item")
    items.sort(key=lambda item: (item[0]["hour"], item[0]["minute"]))  # arrival order, stable
    articles = [_article(path, index, head, body) for index, (head, body) in enumerate(items)]
    return Feed(path.name, description, [head["happening"] for head, _ in items], articles)


def evaluate_feed(path: Path, settings: Settings) -> str:
    """Items, happenings, the largest story and B³ of the feed clustered as the pipeline
    does (text, and the entities and happenings extracted, in arrival order)."""
    feed = read_feed(path)
    if not feed.articles:
        raise ValueError(f"{path}: no items")
    predicted = cluster_feed(feed.articles, settings)
    largest = Counter(predicted).most_common(1)[0][1]
    scores = b_cubed(predicted, feed.happenings)
    return "\n".join([
        f"feed {feed.name}: {len(feed.articles)} items, {len(set(feed.happenings))} "
        f"happenings (largest {Counter(feed.happenings).most_common(1)[0][1]} items)",
        *(f"  {line}" for line in feed.description),
        f"  stories {len(set(predicted))}, largest {largest} items "
        f"({largest / len(predicted):.0%} of the feed); "
        f"B3 P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f}",
    ])  # fmt: skip


def cluster_feed(articles: Sequence[Article], settings: Settings) -> list[int]:
    """A story number per article, as :func:`stories.cluster` places them."""
    extracted = extract_articles(articles, load_nlp(settings.spacy_model))
    features = [
        story_features(index, article, extraction)
        for index, (article, extraction) in enumerate(zip(articles, extracted, strict=True))
    ]
    return cluster_features(features, settings)


def _article(path: Path, index: int, head: re.Match[str], body: list[str]) -> Article:
    at = _DAY + timedelta(hours=int(head["hour"]), minutes=int(head["minute"]))
    rest = head["rest"]
    if rest.startswith("@"):
        source = path.parent / rest[1:]
        (article, *_) = parse_bytes(source.read_bytes(), source.name)
        return article.model_copy(update={"published_at": at})
    return Article.model_validate({
        "format": "plaintext", "item_key": f"feed:{path.stem}:{index}", "version": 1,
        "headline": rest, "published_at": at, "pubstatus": "usable", "paragraphs": body,
    })  # fmt: skip
