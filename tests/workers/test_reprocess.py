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


def test_ingest_records_a_refused_file_and_counts_each_status(
    engine: Engine, clean_db: None, celery_worker: object, tmp_path
):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "empty.xml").write_bytes(b"")
    (folder / "story.txt").write_bytes(SEED.read_bytes())
    (folder / "again.txt").write_bytes(SEED.read_bytes() + b"\n")  # the same story, re-sent
    result = runner.invoke(app, ["ingest", "--wait", str(folder)])
    assert result.exit_code == 0, result.output
    assert "empty.xml: empty file (kind empty_file; failed as file" in result.stderr
    assert "3 file(s): 1 done, 1 duplicate, 1 failed" in result.stdout
    assert (folder / "empty.xml").exists()  # files stay where they are
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT original_name, status, error_kind FROM source_file ORDER BY id")
        )
        found = {name: (status, kind) for name, status, kind in rows}
    assert found.pop("empty.xml") == ("failed", "empty_file")
    assert sorted(found.values()) == [("done", None), ("duplicate", None)]  # whichever came first
