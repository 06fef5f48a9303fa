"""The extract stage gives exactly the output it gave when the snapshot was taken.

A guard for work that must not change behaviour (speed-ups, refactoring): every entity, mention
and event of a fixed set of articles is compared with ``tests/data/extract-snapshot.json``.
When a change is *meant* to alter the output, regenerate the snapshot deliberately, review its
diff and commit it with the change (and a new extractor version):

    python -m tests.extract.test_extract_stable
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from pipeline.errors import PermanentError
from pipeline.evaluation.ecbplus import as_article, read_document
from pipeline.extract import extract_articles, load_nlp
from pipeline.formats import parse_bytes
from pipeline.schemas import Article
from tests.corpus import CORPUS, ROOT, SEED

SNAPSHOT = ROOT / "tests" / "data" / "extract-snapshot.json"
SAMPLES = ROOT / "samples"
_ECB = "story-clusters/ecbplus/ECB+_LREC2014/ECB+"
ECB_DOCUMENTS = ("1/1_1ecbplus.xml", "1/1_2ecb.xml", "2/2_1ecb.xml", "2/2_4ecbplus.xml")


def sources() -> dict[str, Path]:
    """Snapshot name -> file: the seed, every bundled sample, a few ECB+ documents."""
    named = {"corpus/seed": SEED}
    named |= {f"samples/{p.name}": p for p in sorted(SAMPLES.iterdir()) if p.suffix != ".md"}
    named |= {f"ecbplus/{name}": CORPUS / _ECB / name for name in ECB_DOCUMENTS}
    return named


def articles(name: str, path: Path) -> list[Article]:
    if name.startswith("ecbplus/"):
        return [as_article(read_document(path))]
    try:
        return parse_bytes(path.read_bytes(), path.name)
    except PermanentError:  # a sample that is no wire item ("not-a-wire-item.txt")
        return []


def extracted(name: str, path: Path, nlp: Language) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in extract_articles(articles(name, path), nlp)]


@pytest.fixture(scope="module")
def snapshot() -> dict[str, list[dict[str, Any]]]:
    loaded: dict[str, list[dict[str, Any]]] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize(("name", "path"), sorted(sources().items()))
def test_extraction_matches_snapshot(name, path, nlp, snapshot):
    assert extracted(name, path, nlp) == snapshot[name]


def main() -> None:
    """Rewrite the snapshot from the current code (see the module doc for when)."""
    from tests.extract.conftest import MODEL

    nlp = load_nlp(MODEL)
    taken = {name: extracted(name, path, nlp) for name, path in sources().items()}
    SNAPSHOT.write_text(json.dumps(taken, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
