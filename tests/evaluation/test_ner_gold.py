"""The shipped wire gold set: its shape, and the margin of our recognizer over the bare model."""

import hashlib
import importlib.util
from pathlib import Path

import pytest
import yaml

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


def test_held_out_ecbplus_gold_is_sixteen_documents_with_a_header():
    text = (GOLD / "ner-ecbplus-t2.conll").read_text(encoding="utf-8")
    spans = [span for doc in read("ner-ecbplus-t2.conll") for span in tag_spans(doc.tags)]
    assert text.startswith("# Held-out NER gold on ECB+ topic 2 (CC BY 3.0")
    assert len(read("ner-ecbplus-t2.conll")) == 16
    assert len(spans) >= 400


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "ner-wire.conll",
        "ner-wire-heldout.conll",
        "ner-wire-heldout-2.conll",
        "ner-ecbplus-t2.conll",
    ],
)
def test_ours_beats_the_bare_model_by_five_points(nlp, name):
    report = evaluate(read(name), nlp)
    assert report.ours["PER/ORG/LOC"].f1 >= report.bare["PER/ORG/LOC"].f1 + 0.05


def test_held_out_ecbplus_tokens_are_the_corpus_own():
    """Only the tags of ner-ecbplus-t2 are hand-made: its text is rebuilt from the ECB+ XML."""
    module = load_script("ecbplus_to_yaml")
    gold = yaml.safe_load((GOLD / "ner-ecbplus-t2.yaml").read_text(encoding="utf-8"))
    corpus = GOLD.parent / "corpus"
    for doc in gold:
        rebuilt = module.skeleton(corpus / doc["source"])
        assert (rebuilt["id"], rebuilt["paragraphs"]) == (doc["id"], doc["paragraphs"])


def load_script(name: str):
    """A script of the gold folder, which is no package, loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, GOLD / f"{name}.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_builder():
    return load_script("build_ner_gold")


OUTSIDE_LINES = ["Ann Lee of Lee Corp flew to Paris.", "  Lee said Paris was grey.  "]


def outside_set(folder: Path, second_digest: str) -> Path:
    """A gold set whose text is not stored: two documents, one line of lines.txt each."""
    first = hashlib.sha256(OUTSIDE_LINES[0].encode()).hexdigest()[:12]
    docs = [
        {"id": "one", "line": 1, "sha256": first, "entities": ["PER Ann Lee", "ORG Lee Corp"]},
        {"id": "two", "line": 2, "sha256": second_digest, "entities": ["PER Lee"]},
    ]
    for doc in docs:
        doc.update(source="lines.txt", tokenized=False)
        doc["entities"].append("LOC Paris")
    (folder / "lines.txt").write_text("\n".join(OUTSIDE_LINES) + "\n", encoding="utf-8")
    source = folder / "outside.yaml"
    source.write_text("# Made-up set.\n" + yaml.safe_dump(docs), encoding="utf-8")
    return source


def test_gold_text_read_from_a_lines_file_is_tagged(tmp_path):
    second = hashlib.sha256(OUTSIDE_LINES[1].strip().encode()).hexdigest()[:12]
    outside_set(tmp_path, second)
    out = tmp_path / "out"
    load_builder().main(
        ["--text", f"lines.txt={tmp_path / 'lines.txt'}", "--out", str(out)], tmp_path
    )
    assert not (tmp_path / "outside.conll").exists()
    with (out / "outside.conll").open(encoding="utf-8") as lines:
        docs = read_conll(lines)
    assert [list(tag_spans(doc.tags)) for doc in docs] == [
        [(0, 2, "PER"), (3, 5, "ORG"), (7, 8, "LOC")],
        [(0, 1, "PER"), (2, 3, "LOC")],
    ]
    assert (out / "outside.conll").read_text(encoding="utf-8").startswith("# Made-up set.\n-DOC")


def test_gold_text_with_a_wrong_digest_stops_the_build_naming_the_document(tmp_path):
    outside_set(tmp_path, "0" * 12)
    with pytest.raises(SystemExit, match=r"^two: line 2 of lines\.txt is not the annotated text"):
        load_builder().main(
            ["--text", f"lines.txt={tmp_path / 'lines.txt'}", "--out", str(tmp_path)], tmp_path
        )


def test_gold_set_without_its_text_is_skipped_and_said(tmp_path, capsys):
    outside_set(tmp_path, "0" * 12)
    load_builder().main([], tmp_path)
    assert "outside.yaml: skipped" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.conll"))
