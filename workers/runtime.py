"""Per-process resources: settings, the database engine, parse options, the spaCy model."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from sqlalchemy import Engine

from pipeline.extract import load_nlp
from pipeline.formats import ParseOptions
from pipeline.settings import get_settings
from pipeline.storage.connect import database_url
from pipeline.storage.db import get_engine


@lru_cache(maxsize=1)
def engine() -> Engine:
    return get_engine(database_url(get_settings()))


@lru_cache(maxsize=1)
def parse_options() -> ParseOptions:
    return ParseOptions.from_settings(get_settings())


def nlp() -> Language:
    return load_nlp(get_settings().spacy_model)
