"""The three pipeline stages over one source file, each one unit of work on a Session.

Tasks wrap these with transactions, retries and chaining; the benchmark calls them directly.
"""

from __future__ import annotations

from spacy.language import Language
from sqlalchemy.orm import Session

from pipeline.dedupe import rules
from pipeline.extract import extract_articles
from pipeline.extract.happenings import happening_key
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.storage import articles, dedupe, extraction, ledger


def parse_stage(session: Session, file_id: int, options: ParseOptions) -> bool:
    """Parse the file's bytes into articles. False when there is nothing (more) to do; True
    without work when the stage committed before, so that only the next message is sent again."""
    claim = ledger.claim(session, file_id, "parse")
    if claim is None or claim.done_before:
        return claim is not None
    parsed = parse_bytes(claim.row.content, claim.row.original_name, options)
    articles.replace_articles(session, file_id, parsed)
    return True


def extract_stage(session: Session, file_id: int, nlp: Language) -> bool:
    claim = ledger.claim(session, file_id, "extract")
    if claim is None or claim.done_before:
        return claim is not None
    stored = articles.load_articles(session, file_id)
    extracted = extract_articles([article for _, article in stored], nlp)
    for (article_id, _), result in zip(stored, extracted, strict=True):
        keys = [happening_key(record) for record in result.events]
        extraction.replace_extraction(session, article_id, result, keys)
    return True


def dedupe_stage(session: Session, file_id: int) -> str | None:
    """Decide every article of the file; returns the file's final status."""
    if ledger.claim(session, file_id, "dedupe") is None:
        return None
    stored = articles.load_articles(session, file_id)
    duplicates = [_dedupe_article(session, article_id) for article_id, _ in stored]
    status = "duplicate" if stored and all(duplicates) else "done"
    ledger.mark_final(session, file_id, status)
    return status


def _dedupe_article(session: Session, article_id: int) -> bool:
    """Link the article to its canonical copy or into its item's version chain."""
    facts = dedupe.facts(session, article_id)
    dedupe.lock_item(session, facts.item_key)
    duplicate = rules.exact_duplicate(facts, dedupe.exact_candidates(session, facts))
    dedupe.set_duplicate_of(
        session, article_id, duplicate.related_article_id if duplicate else None
    )
    decisions = [duplicate] if duplicate else _link_versions(session, facts)
    dedupe.record_decisions(session, article_id, decisions)
    return duplicate is not None


def _link_versions(session: Session, facts: rules.ArticleFacts) -> list[rules.Decision]:
    versions = dedupe.item_versions(session, facts.item_key)
    previous = rules.predecessor(facts, versions)
    following = rules.successor(facts, versions)
    dedupe.set_supersedes(session, facts.article_id, previous.article_id if previous else None)
    if following:
        dedupe.set_supersedes(session, following.article_id, facts.article_id)
    dedupe.set_killed(session, facts.item_key, rules.is_killed(versions))
    if previous is None:
        return []
    reason = f"version {facts.version} of item {facts.item_key} supersedes {previous.version}"
    return [rules.Decision("newer_version", previous.article_id, None, reason)]
