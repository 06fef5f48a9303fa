from pathlib import Path

from pipeline.evaluation.dates import evaluate_dates, read_gold
from pipeline.schemas import DatePrecision

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "dates-wire.tsv"

TINY = (
    "# a comment line\n"
    "text\treference_date\texpected\tprecision\tsource\n"
    "said on Tuesday\t2021-03-09\t2021-03-09\tday\tmade up\n"
    "said in January\t2021-03-09\t2021-01\tmonth\tmade up\n"
    "will sign it in January\t2020-12-10\t2021-01\tmonth\tmade up\n"
    "said last week\t2021-03-09\t2021-03-01/2021-03-07\trange\tmade up\n"
    "said in 2019\t2021-03-09\t2020\tyear\tdeliberately wrong gold\n"
)


def test_reader_parses_rows_and_skips_comments(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(TINY, encoding="utf-8")
    rows = read_gold(path)
    assert len(rows) == 5
    assert rows[1].expected == "2021-01"
    assert rows[3].precision is DatePrecision.RANGE


def test_scorer_counts_hits_and_lists_misses(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(TINY, encoding="utf-8")
    report = evaluate_dates(path)
    assert report.splitlines()[0] == "date resolution: 4/5 correct (80.0%)"
    assert "  year   0/1 (0.0%)" in report
    assert "expected 2020 year, got 2019 year" in report


def test_shipped_gold_is_large_enough_and_well_formed():
    rows = read_gold(GOLD)
    assert len(rows) >= 100
    assert {row.precision for row in rows} == set(DatePrecision)
