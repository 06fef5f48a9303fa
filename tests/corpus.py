"""Where the shared sample corpus lives: beside the repository, or WIRE_CORPUS_DIR."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("WIRE_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
SEED = CORPUS / "plain-text" / "interfax-2021-03-09-lunar-station.txt"


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        raise FileNotFoundError(
            f"corpus file {relative} not found under {CORPUS}; set WIRE_CORPUS_DIR to the corpus"
        )
    return path


def corpus_files() -> list[str]:
    """Every file of the corpus, relative to it, sorted."""
    if not CORPUS.is_dir():
        raise FileNotFoundError(f"sample corpus not found at {CORPUS}; set WIRE_CORPUS_DIR")
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file())
