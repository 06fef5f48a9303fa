"""Entities from table lines: the suspect-line test and the count with and without the filter."""

from pipeline.evaluation.tables import measure, render, suspect_line
from tests.extract.conftest import make_article

TABLE = (
    "Bristol Bears beat Sale Sharks on Saturday, the club said.",
    "P | W | D | L | Pts\nBristol Bears | 10 | 8 | 0 | 2 | 37\nSale Sharks | 10 | 3 | 0 | 7 | 20",
)


def test_rows_columns_and_short_scores_are_suspect_prose_with_a_date_is_not():
    assert suspect_line("Mar 48.0 47.5")
    assert suspect_line("Bristol Bears | 10 | 8 | 0 | 2 | 37")
    assert suspect_line("Italien - Slowakei 1:0")
    assert not suspect_line("Reid checked herself in on Tuesday, December 9, 2008, at a clinic.")
    assert not suspect_line("Bristol Bears beat Sale Sharks on Saturday, the club said.")


def test_the_filter_keeps_table_rows_from_extraction(nlp):
    report = measure([("table.txt", make_article(*TABLE))], nlp)
    assert report.articles == 1
    assert report.mentions >= 2
    assert report.suspect == []
    assert {s.mention for s in report.suspect_unfiltered} >= {"Bristol Bears"}
    assert report.per_hundred_unfiltered > report.per_hundred == 0.0
    assert "in 100" in render(report).splitlines()[1]
