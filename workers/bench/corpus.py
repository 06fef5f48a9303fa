"""Generate N unique wire items of typical length from real wire sentences, or collect real items.

Each item is plain agency text (timestamp, headline, ``PLACE, DATE (Agency) -`` lead) built from
sentences of the bundled samples and any files given, so that every item has its own id,
headline and text while reading like wire copy; or many such items in one file, as a Reuters-21578
SGML collection or an RSS 2.0 feed carries them. Generated data is never committed.

Real items (:func:`real_stories`) are the articles of the given files as they are, headline,
dateline, time and paragraphs, each once: a many-item file of real copy for the benchmark, as
a day's collection would hold it (its items far more varied than generated ones).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.language import guess
from pipeline.schemas import Article
from workers.inbox.files import files_under

_AGENCIES = (("MOSCOW", "Interfax"), ("BEIJING", "Xinhua"), ("WASHINGTON", "AP"),
             ("PARIS", "AFP"), ("LONDON", "Reuters"), ("BERLIN", "dpa"))  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_START = datetime(2021, 3, 1, 6, 0, tzinfo=UTC)


def sentence_pool(sources: list[Path], language: str = "en") -> list[str]:
    """Body sentences of every article in ``language`` of the parseable source files (files or
    folders). English by its text, not by what the item declares: many items declare no
    language, and a German one taken for English gave items of mixed languages; another
    language by what the item declares."""
    pool: list[str] = []
    for article in _articles_in(sources, language):
        pool.extend(s for s in _SENTENCE.split(article.body) if 40 <= len(s) <= 400)
    if len(pool) < 20:
        raise ValueError("too few sentences to generate varied items")
    return pool


def real_stories(sources: list[Path], language: str = "en") -> list[Story]:
    """The distinct articles in ``language`` of the parseable source files, in file order,
    numbered from 0: each keeps its own headline, paragraphs, dateline place, agency and time
    (a steady made-up time where it has none)."""
    stories: list[Story] = []
    bodies: set[str] = set()
    for article in _articles_in(sources, language):
        if article.body in bodies:
            continue
        bodies.add(article.body)
        number = len(stories)
        stamp = article.published_at or _START + timedelta(minutes=7 * number)
        place, agency = _AGENCIES[number % len(_AGENCIES)]
        stories.append(
            Story(
                number, stamp, article.dateline_place or place, article.agency or agency,
                article.headline, article.paragraphs,
            )
        )  # fmt: skip
    return stories


def _articles_in(sources: list[Path], language: str) -> Iterator[Article]:
    """The articles in ``language`` of the parseable files (files or folders), in file order."""
    for path in files_under(sources):
        try:
            articles = parse_bytes(path.read_bytes(), path.name)
        except PermanentError:
            continue
        yield from (a for a in articles if _in_language(a.body, a.language, language))


def _in_language(body: str, declared: str | None, language: str) -> bool:
    guessed = guess(body)
    if language == "en":
        return guessed == "en"
    return (declared or "").casefold().startswith(language) and guessed != "en"


def generate(
    pool: list[str], count: int, words: tuple[int, int] = (300, 600), seed: int = 7
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of ``count`` distinct items; the same seed gives the same items."""
    rng = random.Random(seed)
    for number in range(count):
        yield f"bench-{number:06d}.txt", _plain(_story(pool, number, rng, words)).encode()


@dataclass(frozen=True)
class Story:
    number: int
    stamp: datetime
    place: str
    agency: str
    headline: str
    paragraphs: list[str]


def _story(pool: list[str], number: int, rng: random.Random, words: tuple[int, int]) -> Story:
    place, agency = _AGENCIES[number % len(_AGENCIES)]
    stamp = _START + timedelta(minutes=7 * number)
    target = rng.randint(*words)
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < target:
        paragraphs.append(rng.choice(pool))
    headline = f"{' '.join(rng.choice(pool).split()[:9]).rstrip('.,;:')} ({number})"
    return Story(number, stamp, place, agency, headline, paragraphs)


def _plain(story: Story) -> str:
    stamp, paragraphs = story.stamp, story.paragraphs
    lead = f"{story.place}, {stamp:%B} {stamp.day} ({story.agency}) - {paragraphs[0]}"
    return "\n\n".join([f"{stamp:%d %b %Y %H:%M}", story.headline, lead, *paragraphs[1:]]) + "\n"


def collection(
    pool: list[str],
    count: int,
    form: str = "sgml",
    first: int = 0,
    words: tuple[int, int] = (60, 200),
    language: str = "en",
) -> bytes:
    """One file of ``count`` distinct items numbered from ``first`` (short ones by default, as
    in agency collections): a Reuters-21578 SGML collection (``sgml``) or an RSS 2.0 feed
    (``rss``) whose channel declares ``language``. The same arguments give the same bytes."""
    rng = random.Random(first)
    stories = [_story(pool, number, rng, words) for number in range(first, first + count)]
    return collection_of(stories, form, language)


def collection_of(stories: list[Story], form: str = "sgml", language: str = "en") -> bytes:
    """The items as one Reuters-21578 SGML collection (``sgml``) or RSS 2.0 feed (``rss``)."""
    if form == "sgml":
        return "".join(_sgml_item(story) for story in stories).encode()
    if form == "rss":
        items = "".join(_rss_item(story) for story in stories)
        return _RSS.format(language=language, items=items).encode()
    raise ValueError(f"unknown collection form {form!r} (sgml or rss)")


def _sgml_item(story: Story) -> str:
    stamp = f"{story.stamp:%d-%b-%Y %H:%M:%S}.00".upper()
    body = "\n    ".join(escape(paragraph, quote=False) for paragraph in story.paragraphs)
    return (
        f'<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" NEWID="{story.number + 1}">\n'
        f"<DATE>{stamp}</DATE>\n<TEXT>\n<TITLE>{escape(story.headline.upper(), quote=False)}"
        f"</TITLE>\n<DATELINE>    {story.place}, {story.stamp:%b} {story.stamp.day} - </DATELINE>"
        f"<BODY>{body}\n Reuter\n</BODY></TEXT>\n</REUTERS>\n"
    )


def _rss_item(story: Story) -> str:
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in story.paragraphs)
    return (
        f"<item><title>{escape(story.headline)}</title>"
        f'<guid isPermaLink="false">bench-{story.number:06d}</guid>'
        f"<pubDate>{format_datetime(story.stamp)}</pubDate>"
        f"<description>{escape(body)}</description></item>\n"
    )


_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Bench Wire</title><link>https://wire.example.com/</link>
<description>Generated from real wire sentences</description><language>{language}</language>
{items}</channel></rss>
"""
