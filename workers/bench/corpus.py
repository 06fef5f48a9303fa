"""Generate N unique wire items of typical length from real English wire sentences.

Each item is plain agency text (timestamp, headline, ``PLACE, DATE (Agency) -`` lead) built from
sentences of the bundled samples and any English files given, so that every item has its own id,
headline and text while reading like wire copy. Generated data is never committed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.english import looks_english
from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from workers.inbox.files import files_under

_AGENCIES = (("MOSCOW", "Interfax"), ("BEIJING", "Xinhua"), ("WASHINGTON", "AP"),
             ("PARIS", "AFP"), ("LONDON", "Reuters"), ("BERLIN", "dpa"))  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_START = datetime(2021, 3, 1, 6, 0, tzinfo=UTC)


def sentence_pool(sources: list[Path]) -> list[str]:
    """Body sentences of every English article of the parseable source files (files or
    folders). English by its text, not by what the item declares: many items declare no
    language, and a German one taken for English gave items of mixed languages."""
    pool: list[str] = []
    for path in files_under(sources):
        try:
            articles = parse_bytes(path.read_bytes(), path.name)
        except PermanentError:
            continue
        for article in articles:
            if looks_english(article.body):
                pool.extend(s for s in _SENTENCE.split(article.body) if 40 <= len(s) <= 400)
    if len(pool) < 20:
        raise ValueError("too few English sentences to generate varied items")
    return pool


def generate(
    pool: list[str], count: int, words: tuple[int, int] = (300, 600), seed: int = 7
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of ``count`` distinct items; the same seed gives the same items."""
    rng = random.Random(seed)
    for number in range(count):
        yield f"bench-{number:06d}.txt", _item(pool, number, rng, words).encode()


def _item(pool: list[str], number: int, rng: random.Random, words: tuple[int, int]) -> str:
    place, agency = _AGENCIES[number % len(_AGENCIES)]
    stamp = _START + timedelta(minutes=7 * number)
    target = rng.randint(*words)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < target:
        paragraphs.append(rng.choice(pool))
    headline = f"{' '.join(rng.choice(pool).split()[:9]).rstrip('.,;:')} ({number})"
    lead = f"{place}, {stamp:%B} {stamp.day} ({agency}) - {paragraphs[0]}"
    return "\n\n".join([f"{stamp:%d %b %Y %H:%M}", headline, lead, *paragraphs[1:]]) + "\n"
