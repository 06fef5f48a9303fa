"""The shipped wire gold set: its shape, and the margin of our recognizer over the bare model."""

from pathlib import Path

import pytest

from pipeline.evaluation.ner import evaluate, read_conll, tag_spans

GOLD = Path(__file__).parents[1] / "data" / "gold"


def read(name: str):
    with (GOLD / name).open(encoding="utf-8") as lines:
        return read_conll(lines)


@pytest.fixture(scope="module")
def documents():
    return read("ner-wire.conll")


def test_gold_has_thirty_documents_and_every_type(documents):
    types = {label for doc in documents for *_, label in tag_spans(doc.tags)}
    assert len(documents) >= 30
    assert types == {"PER", "ORG", "LOC", "MISC"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["ner-wire.conll", "ner-wire-heldout.conll", "ner-wire-heldout-2.conll"]
)
def test_ours_beats_the_bare_model_by_five_points(nlp, name):
    report = evaluate(read(name), nlp)
    assert report.ours["PER/ORG/LOC"].f1 >= report.bare["PER/ORG/LOC"].f1 + 0.05
