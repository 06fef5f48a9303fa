"""The ledger's reads hold up with a backlog of 100,000 files in flight."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pipeline.storage import ledger
from pipeline.storage.db import session_scope

pytestmark = pytest.mark.services


def test_states_of_more_ids_than_a_statement_has_parameters(engine: Engine, clean_db: None):
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, "a.txt", b"a").file_id
        found = ledger.states(session, [*range(10**6, 10**6 + 70_000), file_id])
    assert [(state.file_id, state.status) for state in found] == [(file_id, "queued")]
