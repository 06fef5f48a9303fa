"""B³ scoring and the ECB+ story clustering report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.evaluation.stories import b_cubed, evaluate_stories, read_documents
from tests.corpus import CORPUS

ECBPLUS = CORPUS / "story-clusters" / "ecbplus" / "ECB+_LREC2014" / "ECB+"


def test_b_cubed_of_a_split_cluster():
    scores = b_cubed(["a", "a", "b"], [1, 1, 1])
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_b_cubed_of_a_merged_cluster():
    scores = b_cubed([0, 0, 0, 0], ["x", "x", "y", "z"])
    assert scores.precision == pytest.approx((2 / 4 + 2 / 4 + 1 / 4 + 1 / 4) / 4)
    assert scores.recall == 1.0
    assert scores.f1 == pytest.approx(2 * 0.375 / 1.375)


def test_b_cubed_needs_aligned_labels():
    with pytest.raises(ValueError, match="one predicted and one gold"):
        b_cubed([1], [1, 2])


def test_reader_takes_gold_clusters_from_file_names_and_drops_the_url_line():
    documents = read_documents(ECBPLUS)
    assert {d.topic for d in documents} == {"1", "2"}
    assert {d.subtopic for d in documents} == {"1ecb", "1ecbplus", "2ecb", "2ecbplus"}
    plus = next(d for d in documents if d.name == "1_1ecbplus.xml")
    assert not plus.article.headline.startswith("http")
    assert "http" not in plus.article.body.split()[0]
    first = next(d for d in documents if d.name == "1_10ecb.xml")
    assert first.article.headline.startswith("Perennial party girl Tara Reid")


def test_report_scores_both_levels_for_both_signal_sets():
    report = evaluate_stories(ECBPLUS)
    row = r"^(text(?:\+extracted)?)\s+(topic|sub-topic)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$"
    rows = re.findall(row, report, re.M)
    assert [(signals, level) for signals, level, *_ in rows] == [
        ("text", "topic"), ("text", "sub-topic"),
        ("text+extracted", "topic"), ("text+extracted", "sub-topic"),
    ]  # fmt: skip
    assert all(0.0 <= float(value) <= 1.0 for *_, p, r, f in rows for value in (p, r, f))
    assert "60 documents, 2 topics, 4 sub-topics" in report


def test_folder_without_documents_is_an_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no ECB"):
        evaluate_stories(tmp_path)
