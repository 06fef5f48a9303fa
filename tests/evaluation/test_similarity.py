"""The story step's similarity against rated document pairs (``wire eval similarity``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from pipeline.evaluation.similarity import evaluate_similarity, pearson, read_rated, spearman
from workers.cli.main import app

# Written for these tests: two reports of one happening, then two unrelated items.
DOCUMENTS = [
    "Firefighters in Sydney battled a bushfire that destroyed 20 homes in the Blue Mountains "
    "on Tuesday, the Rural Fire Service said. Commissioner Shane Fitzsimmons said crews were "
    "still fighting the bushfire near Katoomba.",
    "A bushfire in the Blue Mountains west of Sydney destroyed 20 homes, Rural Fire Service "
    "commissioner Shane Fitzsimmons said, as crews fought the fire near Katoomba into the night.",
    "The Reserve Bank of Australia left its cash rate unchanged at 4.5 per cent, governor Ian "
    "Macfarlane said, citing steady inflation and a strong dollar.",
    "The Wallabies beat the All Blacks 24 to 19 in Brisbane, with winger Lote Tuqiri scoring "
    "two tries before a crowd of 50,000.",
]
RATINGS = """1 1.0 0.2 0.2
0 1 0.2 0.2
0 0 1 0.4
0 0 0 1
"""


def _files(tmp_path: Path, documents: list[str], ratings: str) -> tuple[Path, Path]:
    lines, matrix = tmp_path / "docs.txt", tmp_path / "ratings.txt"
    lines.write_text("\n".join(documents) + "\n", encoding="utf-8")
    matrix.write_text(ratings, encoding="utf-8")
    return lines, matrix


def test_pearson_and_spearman_of_known_series():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert pearson(x, np.array([1.0, 3.0, 2.0, 4.0])) == pytest.approx(0.8)
    assert pearson(x, -x) == pytest.approx(-1.0)
    assert pearson(x, np.ones(4)) == 0.0
    # Tied values share their mean rank: ranks 0, 1.5, 1.5, 3 against 0, 1, 2, 3.
    assert spearman(np.array([1.0, 2.0, 2.0, 3.0]), x) == pytest.approx(4.5 / np.sqrt(22.5))


def test_pairs_are_read_from_the_upper_triangle(tmp_path):
    rated = read_rated(*_files(tmp_path, DOCUMENTS, RATINGS))
    assert rated.pairs == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    assert rated.ratings.tolist() == [1.0, 0.2, 0.2, 0.2, 0.2, 0.4]
    assert [article.headline for article in rated.articles] == [""] * 4
    assert rated.articles[1].body == DOCUMENTS[1]


@pytest.mark.parametrize(
    ("documents", "ratings", "problem"),
    [
        (DOCUMENTS[:3], RATINGS, r"ratings.txt: 4 rows of ratings for the 3 documents"),
        ([*DOCUMENTS[:1], " ", *DOCUMENTS[2:]], RATINGS, r"docs.txt: line 2 is blank"),
        (DOCUMENTS, "1 0.5\n0 1 0.3\n", r"ratings.txt: the ratings are not a square matrix"),
        (DOCUMENTS, "1 x 0.2 0.2\n" + RATINGS, r"ratings.txt: line 1: could not convert"),
    ],
)
def test_files_that_do_not_fit_name_the_file_and_the_problem(tmp_path, documents, ratings, problem):
    with pytest.raises(ValueError, match=problem):
        read_rated(*_files(tmp_path, documents, ratings))


def test_report_scores_the_pairs_and_places_the_two_reports_together(tmp_path):
    lines = evaluate_similarity(*_files(tmp_path, DOCUMENTS, RATINGS)).splitlines()
    assert lines[0] == (
        "story similarity against people's ratings: 4 documents of docs.txt, 6 rated pairs "
        "of ratings.txt"
    )
    text, extracted = (float(line.split()[1]) for line in lines[2:4])
    assert text > 0.9
    assert extracted > 0.9
    assert lines[4].startswith("placed as one day: 3 stories, largest 2; 1 pairs in one story")
    assert lines[5] == (
        "pairs rated >= 0.8: 1, of them in one story 1; pairs in one story rated below it 0"
    )


def test_command_prints_the_problem_and_exits_2(tmp_path):
    lines, matrix = _files(tmp_path, DOCUMENTS[:2], RATINGS)
    result = CliRunner().invoke(app, ["eval", "similarity", str(lines), str(matrix)])
    assert result.exit_code == 2
    assert "error: " in result.stderr
    assert "4 rows of ratings for the 2 documents" in result.stderr
