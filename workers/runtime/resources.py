"""Per-process resources: settings, the database engine, parse options, the spaCy model."""

from __future__ import annotations

import gc
import os
from functools import lru_cache

from spacy.language import Language
from sqlalchemy import Engine

from pipeline.extract import extract_articles, load_nlp
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.settings import get_settings
from pipeline.storage.connect import database_url
from pipeline.storage.db import asynchronous_commit_engine, get_engine


@lru_cache(maxsize=1)
def engine() -> Engine:
    return get_engine(database_url(get_settings()))


@lru_cache(maxsize=1)
def stage_engine() -> Engine:
    """The stages' engine. Their commits need not wait for the disk (unless
    ``WIRE_DURABLE_STAGE_COMMITS``): a stage's work lost in a server crash leaves its items
    where they were, open, and the sweeper sends them again; what was taken in (the watcher's
    and ``wire ingest``'s records, on :func:`engine`) stays durable. Short items commit a
    dedupe transaction every few milliseconds, each holding the story lock until its commit."""
    settings = get_settings()
    url = database_url(settings)
    return get_engine(url) if settings.durable_stage_commits else asynchronous_commit_engine(url)


@lru_cache(maxsize=1)
def parse_options() -> ParseOptions:
    return ParseOptions.from_settings(get_settings())


def nlp() -> Language:
    settings = get_settings()
    return load_nlp(settings.spacy_model, settings.model_max_chars)


# Enough of a wire story to take every path the stages load tables for on first use: dateline,
# people, places, organisations, an event with a date.
_WARM_UP_TEXT = b"""9 Mar 2021 10:15

Russia and the United States agree to extend arms talks

MOSCOW. March 9 (Interfax) - Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State
Antony Blinken in Geneva on Tuesday and agreed to resume talks next week, the ministry said.
"""
# Young objects are collected after 10,000 allocations instead of 700: the model allocates
# fast, and full collections of the heap were ~5% of extraction (8.5 ms of 150 per article,
# measured with gc.callbacks; 1.5 ms after).
_GC_THRESHOLDS = (10_000, 10, 10)


def warm_up() -> Language:
    """Load the model and every table the stages load on their first article, then settle the
    heap: what is alive now lives as long as the process, so the collector stops scanning it
    (``gc.freeze``) and runs less often. For a process about to work through many articles."""
    model = nlp()
    list(extract_articles(parse_bytes(_WARM_UP_TEXT, "warm-up.txt", parse_options()), model))
    gc.collect()
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    return model


def pin_to_core(index: int) -> int:
    """Pin this process to one of the cores it may use, the ``index``-th modulo their number
    (a pool's indices are distinct, so its processes spread evenly); returns the core."""
    cores = sorted(os.sched_getaffinity(0))
    core = cores[index % len(cores)]
    os.sched_setaffinity(0, {core})
    return core
