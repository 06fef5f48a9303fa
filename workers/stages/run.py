"""The three pipeline stages, each one unit of work on a Session: parse over the files of a
message (one file, or all of them at once: a backlog's files cost a few statements together
instead of a few each), extract over the parts of files a message carries (a file's items in
parts, so that a file of many items keeps every worker busy), dedupe over one item (its
locks stay few whatever the size of its file).

Tasks wrap these with transactions, retries and chaining; tests call them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.errors import PermanentError
from pipeline.extract import extract_articles
from pipeline.extract.happening import happening_key
from pipeline.formats import ParsedFile, ParseOptions, parse_file
from pipeline.schemas import Article, EventRecord, Extraction
from pipeline.settings import get_settings
from pipeline.storage import articles, dedupe, extraction, items, ledger
from pipeline.storage.db import session_scope
from pipeline.storage.items import Part
from workers.stages.deduping import dedupe_subject
from workers.stages.storying import assign_story


class TooLargeTogetherError(Exception):
    """A message's files are larger together than one file may be (``WIRE_MAX_FILE_BYTES``):
    they are parsed one at a time, so that a worker never holds more than one file's worth."""


@dataclass(frozen=True)
class ParsedAhead:
    """A file parsed before its claim, and how many of its first items are stored already."""

    parsed: ParsedFile
    stored: int


def parse_ahead(
    engine: Engine, file_id: int, options: ParseOptions, send: Callable[[list[Part]], None]
) -> ParsedAhead | None:
    """Parse a file not yet parsed outside any transaction; of a file of more items than
    ``WIRE_BATCH_FILES``, store every part but the last (the first item a part of its own) in
    a transaction of its own and ``send`` it on at once: its first items are worked on within
    a second or so, and no transaction holds more than a part. The last part is stored by
    :func:`parse_files` with the file's claim, which makes the parse count as committed. None:
    nothing to parse, or bytes the stage must reject itself (with the file's verdict)."""
    with session_scope(engine) as session:
        found = ledger.unparsed(session, file_id)
    if found is None:
        return None
    try:
        parsed = parse_file(found[1], found[0], options)
    except PermanentError:
        return None
    size = get_settings().batch_files
    last = (len(parsed.articles) - 1) // size * size  # where the last part starts
    # The first item goes alone: the file's first article is through every stage after one
    # item's extraction, not a part's (a second or so behind a busy queue).
    bounds = sorted({0, 1, *range(size, last + 1, size)}) if last else []
    for start, stop in pairwise(bounds):
        with session_scope(engine) as session:
            articles.store_items(session, file_id, start, parsed.articles[start:stop])
        send([Part(file_id, start, stop)])
    return ParsedAhead(parsed, last)


def parse_files(
    session: Session,
    file_ids: Sequence[int],
    options: ParseOptions,
    ahead: Mapping[int, ParsedAhead] | None = None,
) -> list[Part]:
    """Parse the files' bytes into articles, all stored at once (the items a parser could not
    read quarantined each with its reason; of a file parsed ahead, only the items not stored
    yet); returns the parts of the files that go on, in parts of ``WIRE_BATCH_FILES`` items:
    the items stored now (of a file parsed ahead, those not sent on already), and of files
    the stage committed before, their items not yet through (only their next messages are
    sent again). A file that cannot be parsed raises: the task takes the files one at a time
    then."""
    settings = get_settings()
    known = ahead or {}
    budget = None if all(file_id in known for file_id in file_ids) else settings.max_file_bytes
    claims = ledger.claims(session, file_ids, "parse", content_budget=budget)
    parsed: dict[int, list[Article]] = {}
    stored: dict[int, int] = {}
    for file_id, claim in claims.items():
        if claim.done_before:
            continue
        result = known[file_id].parsed if file_id in known else _parsed(claim, budget, options)
        stored[file_id] = known[file_id].stored if file_id in known else 0
        parsed[file_id] = result.articles[stored[file_id] :]
        skipped = [(item.index, item.kind, item.message) for item in result.skipped]
        items.record_skipped(session, file_id, skipped)
    articles.store_parsed(session, parsed, stored)
    new = {
        file_id: range(stored[file_id], stored[file_id] + len(parsed[file_id]))
        for file_id in parsed
    }
    going_on = [file_id for file_id in file_ids if file_id in claims]
    return _going_on(session, going_on, new, settings.batch_files)


def _going_on(
    session: Session, file_ids: list[int], new: Mapping[int, range], size: int
) -> list[Part]:
    """The parts sent on: of a file parsed now, its items stored now; of a file whose parse
    committed before (a redelivery, a sweeper re-send), its items still open."""
    again = items.open_parts(session, [file_id for file_id in file_ids if file_id not in new], size)
    fresh = [
        part for file_id, stored in new.items() for part in items.chunked(file_id, stored, size)
    ]
    return fresh + again


def _parsed(claim: ledger.Claim, budget: int | None, options: ParseOptions) -> ParsedFile:
    if claim.content is None:
        raise TooLargeTogetherError(f"files over {budget} bytes together")
    return parse_file(claim.content, claim.name, options)


def extract_items(
    session: Session,
    parts: Sequence[Part],
    nlp: Language,
    ahead: Mapping[int, Extraction] | None = None,
) -> list[Part]:
    """Extract the parts' items not yet extracted and store them at once; returns the parts
    that go on (those with an item not failed in a file not final). ``ahead`` holds
    extractions computed before the transaction (see :func:`extract_ahead`), by article id;
    the articles are read and extracted here when any of them is missing."""
    claimed = items.claim(session, parts)
    pending = [item for item in claimed if item.stage == "parse"]
    results = _extractions(session, [item.article_id for item in pending], nlp, ahead)
    extraction.store_extractions(
        session,
        [
            extraction.Extracted(
                item.article_id, result, _happenings(result, item.article_id), item.never_extracted
            )
            for item, result in zip(pending, results, strict=True)
        ],
    )
    return [part for part in parts if any(_within(item, part) for item in claimed)]


def _within(item: items.Item, part: Part) -> bool:
    return item.file_id == part.file_id and part.start <= item.item_index < part.stop


def _extractions(
    session: Session,
    article_ids: list[int],
    nlp: Language,
    ahead: Mapping[int, Extraction] | None,
) -> list[Extraction]:
    if ahead and all(article_id in ahead for article_id in article_ids):
        return [ahead[article_id] for article_id in article_ids]
    loaded = articles.load_by_ids(session, article_ids) if article_ids else []
    return list(extract_articles(loaded, nlp))


def extract_ahead(engine: Engine, parts: Sequence[Part], nlp: Language) -> dict[int, Extraction]:
    """The parts' items through the model in one ``nlp.pipe`` (batches run ~10% faster per
    article than one at a time), outside any transaction."""
    with session_scope(engine) as session:
        pending = [item.article_id for item in items.at_stage(session, parts, "parse")]
        loaded = articles.load_by_ids(session, pending)
    extracted = list(extract_articles(loaded, nlp))
    return dict(zip(pending, extracted, strict=True))


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


def dedupe_item(session: Session, item: Part) -> str | None:
    """Decide one item (a part of one item) and place it in its story; returns its file's
    final status when it was the file's last item open, else None (also for an item already
    deduped or failed, or of a file already final)."""
    # Open at parse too: the messages only ever send it after extract, and the decision reads
    # no extraction (tests dedupe articles stored without one).
    subject = dedupe.claim(session, item.file_id, item.start)
    if subject is None:
        return None
    article_id = subject.facts.article_id
    settings = get_settings()
    deduped = dedupe_subject(session, subject, settings, placed_next=True)
    # Last: the story lock is the final one taken.
    assign_story(session, article_id, settings, subject.deduped_before, deduped.signature)
    return items.finish_file(session, item.file_id)
