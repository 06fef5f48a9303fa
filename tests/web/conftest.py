"""A database with corpus files ingested by a real worker, and ``wire serve`` reading it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from tests.corpus import corpus_file
from tests.support import database
from tests.support.serving import Served, wire_serve
from tests.support.waiting import wait_for

FILES = (
    "plain-text/interfax-2021-03-09-lunar-station.txt",
    "newsml-g2/gextech-iptc-newsml/src/test/resources/201601026085EY-MIDEAST-CRISISSYRIA_FIGHTERS.xml",
    "newsml-g2/iptc-ninjs/tools/xslt/TT_newsmlg2_sample.xml",
    "newsml-g2/dpa-digitalwires-to-newsmlg2/tests/data/output/dw-1.xml",
    "pa-fingerpost-json/guardian-newswires-pa/ingestion-lambda/test/fixtures/PA_API.json",
    "newsml-g2/iptc-newsml-g2/examples/ap_metadata_example.xml",  # a video item: rejected
)
QUIET = "Interfax"  # given a silence of one second: quiet by the time the page is read


@pytest.fixture(scope="module")
def ingested(database_url: str, engine: Engine, celery_worker: object) -> int:
    """The corpus files through the pipeline, and one more file recorded but never sent (the
    backlog); returns the number of files that went through."""
    from workers.runtime.tasks import parse

    database.truncate_all(database_url)
    file_ids = [
        database.record_file(engine, corpus_file(name).name, corpus_file(name).read_bytes())
        for name in FILES
    ]
    parse.delay(*file_ids)
    wait_for(lambda: _final(engine) == len(file_ids), timeout=180, what="the corpus files")
    database.record_file(engine, "pending.txt", b"recorded, never sent")
    return len(file_ids)


def _final(engine: Engine) -> int:
    query = "SELECT count(*) FROM source_file WHERE status IN ('done', 'duplicate', 'failed')"
    with engine.connect() as connection:
        return int(connection.execute(text(query)).scalar_one())


@pytest.fixture(scope="module")
def served(
    ingested: int, pipeline_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    env = {**pipeline_env, "WIRE_SOURCE_MAX_SILENCE": json.dumps({QUIET: 1})}
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    with wire_serve(env, log_path) as running:
        yield running
