"""Articles stored by the parse stage come back as they were parsed, for every sample."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.schemas import Article
from pipeline.storage import articles, ledger
from pipeline.storage.db import session_scope
from tests.corpus import CORPUS, corpus_files

pytestmark = pytest.mark.services


def _parsed_samples() -> list[tuple[str, list[Article]]]:
    found = []
    for relative in corpus_files():
        try:
            found.append((relative, parse_bytes((CORPUS / relative).read_bytes(), relative)))
        except PermanentError:
            continue  # the samples that must fail: no articles to store
    return found


def test_every_parsed_sample_round_trips_through_the_article_table(engine: Engine, clean_db: None):
    samples = _parsed_samples()
    assert len(samples) > 100
    for relative, parsed in samples:
        with session_scope(engine) as session:
            file_id = ledger.record_file(session, relative, relative.encode()).file_id
            ids = articles.replace_articles(session, file_id, parsed)
            loaded = articles.load_articles(session, [file_id])
        assert [article_id for article_id, _ in loaded] == ids, relative
        # Stored by position in the file: a parser may number items it skipped.
        expected = [
            article.model_copy(update={"item_index": n}) for n, article in enumerate(parsed)
        ]
        assert [article for _, article in loaded] == expected, relative


def test_a_reparse_replaces_the_articles_in_place_and_drops_the_rest(
    engine: Engine, clean_db: None
):
    first, second = (
        Article(format="plain", item_key=f"k:{n}", headline=f"H{n}", paragraphs=[f"Body {n}."])
        for n in (1, 2)
    )
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, "a.txt", b"a").file_id
        before = articles.replace_articles(session, file_id, [first, second])
        after = articles.replace_articles(session, file_id, [second])
        loaded = articles.load_articles(session, [file_id])
    assert after == before[:1]
    assert loaded == [(before[0], second)]


def test_files_stored_together_keep_their_own_articles_counts_and_formats(
    engine: Engine, clean_db: None
):
    """Several files' articles in one upsert: each file gets its ids in item order, its
    article count and format, and a re-parse of several drops only each file's own extras."""
    items = [
        Article(format=kind, item_key=f"k:{n}", headline=f"H{n}", paragraphs=[f"Body {n}."])
        for n, kind in enumerate(["plain", "plain", "nitf", "nitf"])
    ]
    with session_scope(engine) as session:
        a, b, c = (ledger.record_file(session, f"{n}", n.encode()).file_id for n in "abc")
        stored = articles.store_parsed(session, {b: items[2:], a: items[:2], c: []})
        again = articles.store_parsed(session, {a: items[:1], b: items[2:]})
        loaded = articles.load_articles(session, [b, a, c])
        counts = session.execute(
            text("SELECT id, article_count, format FROM source_file ORDER BY id")
        ).all()
    assert [len(stored[f]) for f in (a, b, c)] == [2, 2, 0]
    assert again == {a: stored[a][:1], b: stored[b]}
    assert [article_id for article_id, _ in loaded] == [*stored[a][:1], *stored[b]]
    assert [tuple(row) for row in counts] == [(a, 1, "plain"), (b, 2, "nitf"), (c, 0, None)]
