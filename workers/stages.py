"""The three pipeline stages over one source file, each one unit of work on a Session.

Tasks wrap these with transactions, retries and chaining; the benchmark calls them directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import structlog
from spacy.language import Language
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.extract import extract_articles
from pipeline.extract.happening import happening_key
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.schemas import EventRecord, Extraction
from pipeline.settings import get_settings
from pipeline.storage import articles, extraction, ledger
from pipeline.storage.db import session_scope
from workers.deduping import dedupe_article
from workers.storying import assign_story

log = structlog.get_logger()


def parse_stage(session: Session, file_id: int, options: ParseOptions) -> bool:
    """Parse the file's bytes into articles. False when there is nothing (more) to do; True
    without work when the stage committed before, so that only the next message is sent again."""
    claim = ledger.claim(session, file_id, "parse", content=True)
    if claim is None or claim.done_before:
        return claim is not None
    parsed = parse_bytes(claim.content, claim.name, options)
    articles.replace_articles(session, file_id, parsed)
    return True


def extract_stage(
    session: Session, file_id: int, nlp: Language, ahead: Mapping[int, Extraction] | None = None
) -> bool:
    """``ahead`` holds extractions computed before the transaction (see :func:`extract_ahead`),
    by article id; the file's articles are read and extracted here when any of them is missing."""
    claim = ledger.claim(session, file_id, "extract")
    if claim is None or claim.done_before:
        return claim is not None
    stored = articles.extraction_state(session, file_id)
    results = _extractions(session, file_id, [article_id for article_id, _ in stored], nlp, ahead)
    for (article_id, first), result in zip(stored, results, strict=True):
        keys = [_happening(record, article_id) for record in result.events]
        extraction.replace_extraction(session, article_id, result, keys, first=first)
    return True


def _extractions(
    session: Session,
    file_id: int,
    article_ids: list[int],
    nlp: Language,
    ahead: Mapping[int, Extraction] | None,
) -> list[Extraction]:
    if ahead and all(article_id in ahead for article_id in article_ids):
        return [ahead[article_id] for article_id in article_ids]
    loaded = articles.load_articles(session, file_id)
    return list(extract_articles([article for _, article in loaded], nlp))


def extract_ahead(engine: Engine, file_ids: Sequence[int], nlp: Language) -> dict[int, Extraction]:
    """The articles of several files through the model in one ``nlp.pipe`` (batches run ~10%
    faster per article than one file at a time), outside any transaction. Best effort: where
    it fails, each file is extracted in its own stage and fails there alone."""
    try:
        with session_scope(engine) as session:
            loaded = articles.load_pending(session, file_ids, "extract")
        extracted = list(extract_articles([article for _, article in loaded], nlp))
    except Exception as error:
        log.warning("extract.ahead_failed", files=len(file_ids), error=str(error)[:200])
        return {}
    return {article_id: result for (article_id, _), result in zip(loaded, extracted, strict=True)}


def _happening(record: EventRecord, article_id: int) -> str:
    """The cross-article key; an undated event cannot be matched, so it stays the article's own."""
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
