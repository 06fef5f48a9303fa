"""`wire reprocess --stage extract`: old extraction rows recomputed in place."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from pipeline.extract import EXTRACTOR_VERSION
from tests.corpus import SEED
from workers.cli.main import app

pytestmark = pytest.mark.services
runner = CliRunner()


def test_outdated_extraction_is_recomputed(engine: Engine, clean_db: None, celery_worker: object):
    result = runner.invoke(app, ["ingest", "--wait", str(SEED)])
    assert result.exit_code == 0, result.output
    with engine.begin() as connection:
        mentions = connection.execute(text("SELECT count(*) FROM mention")).scalar()
        connection.execute(text("UPDATE article SET extractor_version = 'entities-0'"))
        connection.execute(text("UPDATE mention SET extractor_version = 'entities-0'"))
    result = runner.invoke(app, ["reprocess", "--stage", "extract"])
    assert result.exit_code == 0, result.output
    assert "re-extracting 1 file(s)" in result.stdout
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT DISTINCT extractor_version FROM mention"))
        assert [row[0] for row in versions] == [EXTRACTOR_VERSION]
        assert connection.execute(text("SELECT count(*) FROM mention")).scalar() == mentions
        assert connection.execute(text("SELECT status FROM source_file")).scalar() == "done"
    again = runner.invoke(app, ["reprocess"])
    assert "re-extracting 0 file(s)" in again.stdout
