"""The three pipeline stages, each one unit of work on a Session: parse and extract over the
files of a message (one file, or all of them at once: a backlog's files cost a few statements
together instead of a few each), dedupe over one file (its decisions depend on the order).

Tasks wrap these with transactions, retries and chaining; tests call them directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.language import Language
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.extract import extract_articles
from pipeline.extract.happening import happening_key
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.schemas import Article, EventRecord, Extraction
from pipeline.settings import get_settings
from pipeline.storage import articles, extraction, ledger
from pipeline.storage.db import session_scope
from workers.stages.deduping import dedupe_article
from workers.stages.storying import assign_story


class TooLargeTogetherError(Exception):
    """A message's files are larger together than one file may be (``WIRE_MAX_FILE_BYTES``):
    they are parsed one at a time, so that a worker never holds more than one file's worth."""


def parse_files(session: Session, file_ids: Sequence[int], options: ParseOptions) -> list[int]:
    """Parse the files' bytes into articles, all stored at once; returns the files that go on:
    those the stage committed before too, so that only their next message is sent again. A
    file that cannot be parsed raises: the task takes the files one at a time then."""
    budget = get_settings().max_file_bytes
    claims = ledger.claims(session, file_ids, "parse", content_budget=budget)
    parsed: dict[int, list[Article]] = {}
    for file_id, claim in claims.items():
        if claim.done_before:
            continue
        if claim.content is None:
            raise TooLargeTogetherError(f"files {list(claims)}: over {budget} bytes together")
        parsed[file_id] = parse_bytes(claim.content, claim.name, options)
    articles.store_parsed(session, parsed)
    return [file_id for file_id in file_ids if file_id in claims]


def extract_files(
    session: Session,
    file_ids: Sequence[int],
    nlp: Language,
    ahead: Mapping[int, Extraction] | None = None,
) -> list[int]:
    """Extract the files' articles and store them at once; returns the files that go on.
    ``ahead`` holds extractions computed before the transaction (see :func:`extract_ahead`),
    by article id; the articles are read and extracted here when any of them is missing."""
    claims = ledger.claims(session, file_ids, "extract")
    pending = [
        file_id for file_id in file_ids if file_id in claims and not claims[file_id].done_before
    ]
    stored = articles.extraction_states(session, pending)
    results = _extractions(session, pending, [article_id for article_id, _ in stored], nlp, ahead)
    extraction.store_extractions(
        session,
        [
            extraction.Extracted(article_id, result, _happenings(result, article_id), first)
            for (article_id, first), result in zip(stored, results, strict=True)
        ],
    )
    return [file_id for file_id in file_ids if file_id in claims]


def _extractions(
    session: Session,
    file_ids: list[int],
    article_ids: list[int],
    nlp: Language,
    ahead: Mapping[int, Extraction] | None,
) -> list[Extraction]:
    if ahead and all(article_id in ahead for article_id in article_ids):
        return [ahead[article_id] for article_id in article_ids]
    loaded = articles.load_articles(session, file_ids) if article_ids else []
    return list(extract_articles([article for _, article in loaded], nlp))


def extract_ahead(engine: Engine, file_ids: Sequence[int], nlp: Language) -> dict[int, Extraction]:
    """The articles of several files through the model in one ``nlp.pipe`` (batches run ~10%
    faster per article than one file at a time), outside any transaction."""
    with session_scope(engine) as session:
        loaded = articles.load_pending(session, file_ids, "extract")
    extracted = list(extract_articles([article for _, article in loaded], nlp))
    return {article_id: result for (article_id, _), result in zip(loaded, extracted, strict=True)}


def _happenings(result: Extraction, article_id: int) -> list[str]:
    """The cross-article key of each event; an undated event cannot be matched, so it stays
    the article's own."""
    return [_happening(record, article_id) for record in result.events]


def _happening(record: EventRecord, article_id: int) -> str:
    key = happening_key(record)
    if key is not None:
        return key
    parts = (record.code, record.actor_key, record.target_key, record.trigger_start)
    return f"undated|article:{article_id}|" + "|".join(str(part) for part in parts)


def dedupe_stage(session: Session, file_id: int) -> str | None:
    """Decide every article of the file; returns the file's final status."""
    if ledger.claim(session, file_id, "dedupe") is None:
        return None
    stored = articles.article_ids(session, file_id)
    settings = get_settings()
    duplicates = [dedupe_article(session, article_id, settings) for article_id in stored]
    for article_id in stored:  # last: the story lock is the final lock of the transaction
        assign_story(session, article_id, settings)
    status = "duplicate" if stored and all(duplicates) else "done"
    ledger.mark_final(session, file_id, status)
    return status
