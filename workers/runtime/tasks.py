"""Thin Celery tasks: ids in, a stage's pure work, the ids out after commit.

A parse message carries one file id, or several when a backlog was taken in at once (the
watcher and ``wire ingest`` group them; a large file among them goes on alone). Past parse,
messages carry parts of files: ``[file id, first item, end]``, at most ``WIRE_BATCH_FILES``
items a message, so that the items of one large file (an SGML collection, a feed) spread
over every worker; an item (file id and item index) is the unit of idempotency and every item
gets its own verdict. Dedupe is always one item per transaction: its advisory locks stay a
few dozen whatever the size of the file. Transactions, batches, retries and failures are the
base class's (:class:`workers.runtime.stage_task.StageTask`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import partial
from typing import Any

import structlog
from celery.exceptions import SoftTimeLimitExceeded
from spacy.language import Language
from sqlalchemy.orm import Session

from pipeline.formats import ParseOptions
from pipeline.schemas import Extraction
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from pipeline.storage.items import Part
from workers.runtime import resources as runtime
from workers.runtime.app import app
from workers.runtime.stage_task import StageTask, send_on, several, spent_since
from workers.stages import run as stages

log = structlog.get_logger()


@app.task(name="wire.parse", bind=True, base=StageTask, max_retries=None)
def parse(self: StageTask, *file_ids: int, **_: Any) -> None:
    options = runtime.parse_options()
    together = _large_sent_alone(file_ids) if len(file_ids) > 1 else list(file_ids)
    if not together:
        return
    ahead = _parse_ahead(together[0], options) if len(together) == 1 else {}
    stage = partial(stages.parse_files, options=options, ahead=ahead)
    self.run_units(together, stage, extract, together=True)


# A file this large holds dozens of items or more (a wire item is a few KB). Parsed with the
# other files of a backlog's message, all its items would be stored in their one transaction
# and its first ones would wait for the last; alone, it is parsed ahead a part at a time.
ALONE_BYTES = 256 * 1024


def _large_sent_alone(file_ids: Sequence[int]) -> list[int]:
    """The message's files but the large ones, each sent again in a message of its own. Best
    effort: a file not sent (the ledger or the broker away) is parsed here with the rest."""
    sent: list[int] = []
    try:
        with session_scope(runtime.stage_engine()) as session:
            large = ledger.larger_than(session, file_ids, ALONE_BYTES)
        for file_id in large:
            parse.delay(file_id)
            sent.append(file_id)
    except Exception as error:
        log.warning("parse.not_sent_alone", file_ids=list(file_ids), error=str(error)[:200])
    return [file_id for file_id in file_ids if file_id not in sent]


def _parse_ahead(file_id: int, options: ParseOptions) -> dict[int, stages.ParsedAhead]:
    """A lone file (how a large collection arrives) parsed, and all of it but its last part
    stored and sent on, before the stage's claim. Best effort: where it fails, the stage
    parses the file in its transaction (and its items go on from there)."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        send = partial(send_on, extract)
        ahead = stages.parse_ahead(runtime.stage_engine(), file_id, options, send)
    except Exception as error:
        log.warning("parse.ahead_failed", file_id=file_id, error=str(error)[:200])
        return {}
    if ahead is None:
        return {}
    log.info("stage.ahead", stage="wire.parse", items=ahead.stored, **spent_since(started, cpu))
    return {file_id: ahead}


@app.task(name="wire.extract", bind=True, base=StageTask, max_retries=None)
def extract(self: StageTask, *given: int | list[int], **_: Any) -> None:
    parts = [Part.of(one) for one in given]
    nlp = runtime.nlp()
    try:
        ahead = _extract_ahead(parts, nlp) if several(parts) else {}
    except SoftTimeLimitExceeded:
        self.split(parts)
        return
    stage = partial(stages.extract_items, nlp=nlp, ahead=ahead)
    self.run_units(parts, stage, dedupe, together=True)


def _extract_ahead(parts: Sequence[Part], nlp: Language) -> dict[int, Extraction]:
    """Best effort: where it fails, the stage extracts in its transaction (and each item
    alone if that fails too)."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        ahead = stages.extract_ahead(runtime.stage_engine(), parts, nlp)
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:
        log.warning("extract.ahead_failed", parts=len(parts), error=str(error)[:200])
        return {}
    log.info("stage.ahead", stage="wire.extract", items=len(ahead), **spent_since(started, cpu))
    return ahead


@app.task(name="wire.dedupe", bind=True, base=StageTask, max_retries=None)
def dedupe(self: StageTask, *given: int | list[int], **_: Any) -> None:
    self.run_units([Part.of(one) for one in given], _dedupe_items, None, together=False)


def _dedupe_items(session: Session, parts: list[Part]) -> list[Part]:
    for item in parts:
        stages.dedupe_item(session, item)
    return []
