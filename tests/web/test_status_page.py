"""``wire serve`` over HTTP: every panel's JSON, /metrics, and what bad requests get."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline.storage import ledger, reports
from pipeline.storage.db import get_engine, session_scope
from pipeline.storage.scratch import scratch_database
from tests.support.database import mark_done
from tests.support.serving import Served, wire_serve
from tests.web.conftest import QUIET

pytestmark = pytest.mark.services


def _json(served: Served, path: str) -> dict[str, object]:
    status, kind, body = served.get(path)
    assert status == 200, body
    assert kind.startswith("application/json")
    return json.loads(body)  # type: ignore[no-any-return]


def test_every_panel_has_data(served: Served):
    throughput = _json(served, "/api/throughput?hours=2")
    assert len(throughput["minutes"]) == 121
    assert throughput["total"] >= 5
    assert _json(served, "/api/backlog")["latest"] == 1  # the file never sent
    failures = _json(served, "/api/failures?limit=5")
    assert failures["by_kind"]
    assert failures["latest"][0]["name"] == "ap_metadata_example.xml"
    sources = _json(served, "/api/sources")
    assert sources["quiet"] == [QUIET]
    assert {"Interfax", "TT", "dpa", "PA"} <= {s["source"] for s in sources["sources"]}
    articles = _json(served, "/api/articles?limit=100")["articles"]
    interfax = next(a for a in articles if a["agency"] == "Interfax")
    assert {"Roscosmos", "Dmitry Rogozin"} <= {e["name"] for e in interfax["entities"]}
    assert interfax["events"]
    assert _json(served, "/api/stories")["stories"]


def test_metrics_report_the_ledger_sources_and_queues(served: Served):
    status, kind, body = served.get("/metrics")
    assert status == 200
    assert kind.startswith("text/plain")
    lines = body.splitlines()
    assert "wire_database_up 1.0" in lines
    assert f'wire_source_quiet{{source="{QUIET}"}} 1.0' in lines
    assert 'wire_source_quiet{source="TT"} 0.0' in lines
    assert 'wire_files{status="queued"} 1.0' in lines
    assert "wire_broker_up 1.0" in lines
    assert any(line.startswith("wire_queue_messages{queue=") for line in lines)
    assert any(
        line.startswith("wire_lag_seconds ") and float(line.split()[1]) > 0 for line in lines
    )
    assert any(line.startswith("wire_articles_stored ") for line in lines)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/throughput?hours=0", "hours must be from 1 to 48"),
        ("/api/throughput?hours=49", "hours must be from 1 to 48"),
        ("/api/backlog?hours=-1", "hours must be a whole number"),
        ("/api/backlog?hours=1e3", "hours must be a whole number"),
        ("/api/articles?limit=99999999999999999999", "limit must be a whole number"),
        ("/api/articles?limit=%00", "limit must be a whole number"),
        ("/api/stories?limit=1&limit=2", "limit is given 2 times"),
        ("/api/sources?hours=1", "unknown query parameter 'hours'"),
        ("/api/failures?limit=5;DROP%20TABLE%20article", "limit must be a whole number"),
        ("/?hours=%D9%A3", "hours must be a whole number"),  # an Arabic-Indic digit three
        ("/?%3Cscript%3Ealert(1)%3C/script%3E=1", "unknown query parameter"),
        ("/metrics?name[]=x", "unknown query parameter"),
        ("/?" + "x" * 5000 + "=1", "unknown query parameter"),
    ],
)
def test_bad_query_parameters_get_400_with_a_message(served: Served, path: str, message: str):
    status, kind, body = served.get(path)
    assert status == 400
    assert message in body
    assert "Traceback" not in body
    assert len(body) < 400  # hostile names and values are cut, not echoed whole
    if path.startswith("/api/"):
        assert json.loads(body)["error"]
    else:
        assert kind.startswith("text/plain")


def test_unknown_panels_and_methods_are_refused(served: Served):
    status, _, body = served.get("/api/nothing")
    assert status == 404
    assert "throughput" in json.loads(body)["panels"]
    assert served.get("/nothing")[0] == 404
    request = urllib.request.Request(served.url + "/api/sources", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    with refused.value as error:
        assert error.code == 405


def test_the_page_works_on_an_empty_database(
    postgres_server: str, pipeline_env: dict[str, str], tmp_path: Path
):
    with scratch_database(postgres_server, "wire_empty") as url:
        env = {**pipeline_env, "WIRE_DATABASE_URL": url}
        with wire_serve(env, tmp_path / "serve.log") as empty:
            status, _, page = empty.get("/?hours=1")
            assert status == 200
            assert "no articles stored yet" in page
            for panel in ("throughput", "backlog", "failures", "sources", "articles", "stories"):
                assert empty.get(f"/api/{panel}")[0] == 200
            assert "wire_articles_stored 0.0" in empty.get("/metrics")[2]


def test_a_superseded_failure_is_no_failure_in_metrics_the_api_or_the_page(
    postgres_server: str, pipeline_env: dict[str, str], tmp_path: Path
):
    """A failed file mended and taken in again (as ``wire retry-failed`` does) is counted as
    ``wire status`` counts it: superseded, not failed."""
    with scratch_database(postgres_server, "wire_superseded") as url:
        with session_scope(get_engine(url)) as session:
            failed = []
            for name in ("mended.xml", "broken.xml"):
                failed.append(ledger.record_file(session, name, f"<{name}".encode()).file_id)
                reason = f"{name}: XML syntax error [malformed_xml]"
                ledger.mark_failed(session, failed[-1], "malformed_xml", reason)
            mended = ledger.record_file(session, "mended.xml", b"<mended/>").file_id
            ledger.supersede(session, failed[0], mended)
            mark_done(session, mended)
        with session_scope(get_engine(url)) as session:
            counted = dict(reports.files_by_status(session))  # what `wire status` prints
        assert counted == {"done": 1, "failed": 1, "superseded": 1}
        with wire_serve({**pipeline_env, "WIRE_DATABASE_URL": url}, tmp_path / "s.log") as served:
            lines = served.get("/metrics")[2].splitlines()
            failures = _json(served, "/api/failures?limit=5")
            page = served.get("/")[2]
    for status in ("queued", "processing", "done", "duplicate", "failed", "superseded"):
        assert f'wire_files{{status="{status}"}} {counted.get(status, 0)}.0' in lines
    assert [line for line in lines if line.startswith("wire_files_failed{")] == [
        'wire_files_failed{kind="malformed_xml"} 1.0'
    ]
    assert failures["by_kind"] == [{"kind": "malformed_xml", "files": 1}]
    assert [failure["name"] for failure in failures["latest"]] == ["broken.xml"]  # type: ignore[attr-defined]
    assert "broken.xml" in page
    assert "mended.xml" not in page
