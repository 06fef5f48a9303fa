"""CoNLL reading and scoring on tiny hand-made examples."""

import re
from pathlib import Path

import pytest

from pipeline.evaluation.ner import (
    GoldDocument,
    evaluate_ner,
    provenance,
    read_conll,
    score,
    tag_spans,
)

IOB1 = """\
-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- O O

Paris NNP I-NP I-LOC
Lyon NNP I-NP B-LOC
and CC O O
Nice NNP I-NP I-LOC
"""

IOB2 = """\
-DOCSTART- O

EU B-ORG
rejects O
German B-MISC
call O
. O

Peter B-PER
Blackburn I-PER

-DOCSTART- O

Paris B-LOC
Lyon B-LOC
and O
Nice B-LOC
"""


def test_reader_skips_a_header_but_keeps_a_hash_token():
    text = "# Source: a wire, licence CC BY\n# annotated by hand\n" + IOB2.replace(
        "call O", "call O\n# O\n#Budget O"
    )
    first, _ = read_conll(text.splitlines())
    assert first.tokens == [
        "EU",
        "rejects",
        "German",
        "call",
        "#",
        "#Budget",
        ".",
        "Peter",
        "Blackburn",
    ]


@pytest.mark.parametrize("text", [IOB1, IOB2], ids=["iob1", "iob2"])
def test_reader_gives_the_same_spans_for_iob1_and_iob2(text):
    first, second = read_conll(text.splitlines())
    assert first.tokens == ["EU", "rejects", "German", "call", ".", "Peter", "Blackburn"]
    assert tag_spans(first.tags) == [(0, 1, "ORG"), (2, 3, "MISC"), (5, 7, "PER")]
    assert tag_spans(second.tags) == [(0, 1, "LOC"), (1, 2, "LOC"), (3, 4, "LOC")]


def test_iob2_inside_after_another_type_opens_a_span():
    assert tag_spans(["B-PER", "I-ORG", "I-ORG", "O", "I-LOC"]) == [
        (0, 1, "PER"),
        (1, 3, "ORG"),
        (4, 5, "LOC"),
    ]


def test_file_without_docstart_is_one_document():
    (doc,) = read_conll(["Rome B-LOC", "", "falls O"])
    assert len(doc.sentences) == 2


def test_text_offsets_point_at_each_token():
    doc = GoldDocument([[("EU", "B-ORG"), ("rejects", "O")], [("Peter", "B-PER")]])
    text, offsets = doc.text_and_offsets()
    assert text == "EU rejects\n\nPeter"
    assert [text[start:end] for start, end in offsets] == ["EU", "rejects", "Peter"]


def test_score_counts_exact_span_and_type():
    gold = {(0, 0, 1, "ORG"), (0, 2, 3, "MISC"), (0, 5, 7, "PER"), (1, 0, 1, "LOC")}
    predicted = {(0, 0, 1, "ORG"), (0, 5, 6, "PER"), (1, 0, 1, "ORG")}
    scores = score(gold, predicted)
    assert (scores["ORG"].true_positives, scores["ORG"].predicted, scores["ORG"].gold) == (1, 2, 1)
    assert scores["PER"].f1 == 0.0  # "Peter" alone is not "Peter Blackburn"
    headline = scores["PER/ORG/LOC"]
    assert (headline.precision, headline.recall) == pytest.approx((1 / 3, 1 / 3))
    assert headline.f1 == pytest.approx(1 / 3)
    assert scores["all"].recall == pytest.approx(1 / 4)


def test_empty_scores_are_zero_not_errors():
    assert score(set(), set())["PER"].f1 == 0.0


def test_report_ends_with_the_headline(nlp, tmp_path):
    path = tmp_path / "gold.conll"
    path.write_text(IOB2, encoding="utf-8")
    report = evaluate_ner(path, nlp)
    assert re.fullmatch(
        r"overall PER/ORG/LOC F1: ours \d\.\d{3} bare \d\.\d{3}", report.splitlines()[-1]
    )
    assert report.splitlines()[0] == "gold.conll: not a file of this project: never used to tune it"
    assert "2 documents, 11 tokens" in report.splitlines()[1]


@pytest.mark.parametrize(
    ("name", "flag"),
    [
        ("ner-wire.conll", "USED TO TUNE"),
        ("ner-ecbplus-t1-dev.conll", "USED TO TUNE"),
        ("ner-wire-heldout.conll", "never used to tune"),
        ("ner-wire-heldout-2.conll", "never used to tune"),
        ("ner-ecbplus-t2.conll", "TUNED BY THE NAMES LIST (tests/data/gold/ner-ecbplus-t2"),
    ],
)
def test_project_gold_says_whether_it_was_used_to_tune(name, flag):
    data = (Path(__file__).parents[1] / "data" / "gold" / name).read_bytes()
    assert provenance(data).startswith(flag)
