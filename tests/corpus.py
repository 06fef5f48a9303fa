"""The sample corpus vendored under tests/data/corpus (real wire files; see its SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
SEED = CORPUS / "plain-text" / "interfax-2021-03-09-lunar-station.txt"


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        raise FileNotFoundError(f"corpus file {relative} not found under {CORPUS}")
    return path


def corpus_files() -> list[str]:
    """Every wire file of the corpus, relative to it, sorted (its notices left out)."""
    return sorted(
        str(p.relative_to(CORPUS))
        for p in CORPUS.rglob("*")
        if p.is_file() and p.parent != CORPUS and p.parent.name != "LICENSES"
    )
