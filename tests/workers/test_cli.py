"""`wire parse` and `wire extract`: JSON lines on stdout, errors on stderr, no services."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.corpus import SEED
from workers.cli.main import app

runner = CliRunner()


def _lines(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_parse_prints_the_contract_fields():
    (article,) = _lines("parse", str(SEED))
    assert article["headline"] == "Roscosmos reports signing lunar station memorandum with China"
    assert article["dateline_place"] == "MOSCOW"
    assert article["agency"] == "Interfax"
    assert article["published_at"] == "2021-03-09T14:29:00Z"
    assert article["language"] == "en"
    assert str(article["body"]).startswith("Russia and China have signed a memorandum")
    assert str(article["item_key"]).startswith("text:interfax:")
    assert article["version"] == 1


def test_extract_adds_entities_with_offsets_and_events():
    (article,) = _lines("extract", str(SEED))
    body = str(article["body"])
    entities = article["entities"]
    assert isinstance(entities, list)
    assert entities
    for entity in entities:
        assert {"kind", "name", "text", "start", "end"} <= set(entity)
        assert body[entity["start"] : entity["end"]] == entity["text"]
    names = {entity["name"] for entity in entities}
    assert {"Dmitry Rogozin", "CNSA", "Russia", "China"} <= names
    assert isinstance(article["events"], list)
    actions = article["actions"]
    assert isinstance(actions, list)
    assert {"signed", "verb", "sign"} <= {
        value for action in actions for value in (action["text"], action["part"], action["lemma"])
    }
    assert all(body[a["start"] : a["end"]] == a["text"] for a in actions)


def test_rejected_file_goes_to_stderr_with_nonzero_exit(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_text("This is not xml\n")
    result = runner.invoke(app, ["parse", str(bad), str(SEED)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert "unknown_format" in result.stderr
    assert len(result.stdout.splitlines()) == 1  # the good file still printed


@pytest.mark.parametrize("command", ["watch", "worker"])
def test_separate_processes_need_a_broker(command: str, monkeypatch: pytest.MonkeyPatch):
    from pipeline.settings import get_settings

    monkeypatch.delenv("WIRE_BROKER_URL", raising=False)
    get_settings.cache_clear()
    result = runner.invoke(app, [command])
    get_settings.cache_clear()
    assert result.exit_code == 2
    assert "WIRE_BROKER_URL" in result.stderr


def test_eval_ner_prints_both_systems_last():
    from tests.corpus import ROOT

    gold = ROOT / "tests" / "data" / "gold" / "ner-wire-heldout.conll"
    result = runner.invoke(app, ["eval", "ner", str(gold)])
    assert result.exit_code == 0, result.output
    first, *_, last = result.stdout.strip().splitlines()
    assert first.startswith("ner-wire-heldout.conll: never used to tune")
    assert re.fullmatch(r"overall PER/ORG/LOC F1: ours \d\.\d{3} bare \d\.\d{3}", last)


def test_eval_dates_prints_accuracy(tmp_path: Path):
    gold = tmp_path / "dates.tsv"
    gold.write_text(
        "text\treference_date\texpected\tprecision\n"
        "on Tuesday\t2021-03-09\t2021-03-09\tday\n"
        "in January\t2021-03-09\t2021-01\tmonth\n"
    )
    result = runner.invoke(app, ["eval", "dates", str(gold)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("date resolution: 2/2 correct (100.0%)")


def test_eval_copy_prints_a_row_per_group_flagged_and_lists_faults(tmp_path: Path):
    tuned, unseen = tmp_path / "tuned", tmp_path / "unseen"
    tuned.mkdir()
    unseen.mkdir()
    (tuned / SEED.name).write_bytes(SEED.read_bytes())
    (unseen / "table.txt").write_text(
        "Prices of fuel in Moscow\n\n"
        "MOSCOW. March 9 (Interfax) - Lukoil raised prices at its stations on Tuesday.\n\n"
        "Lukoil | 52.10 | 53.40 | 2.5\nRosneft | 51.90 | 52.80 | 1.7\n"
    )
    (unseen / "notes.md").write_text("not a wire file\n")
    result = runner.invoke(app, ["eval", "copy", str(tmp_path), "--tuned", str(tuned)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].split()[:4] == ["group", "tuned", "on", "it?"]
    rows = {line.split()[0]: line.split() for line in lines[3:7]}
    assert rows["all"][1:4] == ["PARTLY", "(1/2)", "2"]
    assert rows["tuned"][1:3] == ["YES", "1"]
    assert rows["unseen"][1:3] == ["no", "1"]
    assert rows["Interfax"][1:4] == ["PARTLY", "(1/2)", "2"]  # both are Interfax copy
    listed = lines.index("events with a pronoun or unresolved nominal actor or target: 0")
    assert lines[listed + 1] == "entity names with markup: 0"


def test_eval_stories_reports_ecbplus_flagged_as_tuned_then_each_feed():
    from tests.corpus import CORPUS, ROOT

    ecbplus = CORPUS / "story-clusters" / "ecbplus" / "ECB+_LREC2014" / "ECB+"
    feed = ROOT / "tests" / "data" / "stories" / "dpa-german-items.txt"
    result = runner.invoke(app, ["eval", "stories", str(ecbplus), "--feed", str(feed)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[1].startswith("  TUNED: the threshold and weights were chosen on these")
    assert any(line.startswith("feed dpa-german-items.txt: 32 items") for line in lines)
    assert re.fullmatch(r"  stories \d+, largest \d+ items .*F1 \d\.\d{3}", lines[-1])
