"""Extraction: entities and events from one article, as pure functions over a spaCy Doc.

One model per process, loaded once by :func:`load_nlp`; batches go through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from pipeline.english import looks_english
from pipeline.extract import entities, events
from pipeline.extract.prose import reading_text
from pipeline.extract.ruler import match_by_columns
from pipeline.schemas import Article, Extraction

# "lang-2": articles without a language tag are read only when they look English.
EXTRACTOR_VERSION = f"entities-{entities.VERSION}+events-{events.VERSION}+lang-2"
_BATCH = 16
_WORDS_TO_TELL_LANGUAGE = 40


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """The spaCy pipeline, loaded once per process and model name; its attribute ruler finds
    the same matches faster (:mod:`ruler`)."""
    nlp = spacy.load(model)
    match_by_columns(nlp)
    return nlp


def extract_article(article: Article, nlp: Language) -> Extraction:
    return next(extract_articles([article], nlp))


def extract_articles(articles: Iterable[Article], nlp: Language) -> Iterator[Extraction]:
    """Extractions in input order; spaCy sees the bodies it can read as one batch.

    An article in another language than the model's yields an empty extraction marked
    ``language_supported=False``: an English model on German text finds mostly noise. The
    model reads the body with its tables, lists and ticker markup blanked (:mod:`prose`):
    same offsets, no entity or event from a price list.
    """
    batch = list(articles)
    readable = [article for article in batch if speaks(nlp, article)]
    docs = iter(nlp.pipe((reading_text(article.body) for article in readable), batch_size=_BATCH))
    for article in batch:
        if not speaks(nlp, article):
            yield Extraction(extractor_version=EXTRACTOR_VERSION, language_supported=False)
            continue
        doc = next(docs)
        found = entities.find_entities(doc, article)
        yield Extraction(
            extractor_version=EXTRACTOR_VERSION,
            entities=found.entities,
            mentions=found.mentions,
            events=events.find_events(doc, article, found),
            dateline_key=found.dateline_place.key if found.dateline_place else None,
        )


def speaks(nlp: Language, article: Article) -> bool:
    """True when the model's language is the article's.

    When the format does not say (IPTC 7901, ANPA, some feeds), an English model still reads
    only text that looks English; texts too short to tell, and other models, are given the
    benefit of the doubt.
    """
    if not article.language:
        too_short = len(article.body.split()) < _WORDS_TO_TELL_LANGUAGE
        return nlp.lang != "en" or too_short or looks_english(article.body)
    return article.language.split("-")[0].casefold() == nlp.lang
