"""Build each ``<name>.conll`` of this folder from the hand annotations in ``<name>.yaml``.

Run from the repository root: ``python tests/data/gold/build_ner_gold.py``. Only spaCy's
rule-based tokenizer is used (a blank English pipeline, no statistical model), so the gold tags
are exactly the annotator's. A listed surface that never occurs as whole tokens is an annotation
error and stops the build.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import spacy
import yaml

HERE = Path(__file__).parent
Tokens = list[str]


def main() -> None:
    tokenizer = spacy.blank("en").tokenizer
    for source in sorted(HERE.glob("*.yaml")):
        docs = yaml.safe_load(source.read_text(encoding="utf-8"))
        lines: list[str] = []
        for doc in docs:
            lines += _document(doc, lambda t: [w.text for w in tokenizer(t) if w.text.strip()])
        source.with_suffix(".conll").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{source.name}: {len(docs)} documents", file=sys.stderr)


def _document(doc: dict[str, Any], tokenize: Any) -> list[str]:
    split = str.split if doc["tokenized"] else tokenize
    paragraphs: list[Tokens] = [split(p) for p in doc["paragraphs"]]
    entities = [_entity(entry, split) for entry in doc["entities"]]
    tags = [["O"] * len(words) for words in paragraphs]
    for label, surface in sorted(entities, key=lambda e: -len(e[1])):
        if not _tag_all(paragraphs, tags, surface, label):
            raise SystemExit(f"{doc['id']}: {' '.join(surface)!r} not found as whole tokens")
    lines = ["-DOCSTART- O", ""]
    for words, labels in zip(paragraphs, tags, strict=True):
        lines += [f"{word} {label}" for word, label in zip(words, labels, strict=True)] + [""]
    return lines


def _entity(entry: str, split: Any) -> tuple[str, Tokens]:
    label, surface = entry.split(" ", 1)
    return label, split(surface)


def _tag_all(paragraphs: list[Tokens], tags: list[Tokens], surface: Tokens, label: str) -> bool:
    """IOB2-tag every free occurrence; True when the surface occurs at all."""
    size, seen = len(surface), False
    for words, labels in zip(paragraphs, tags, strict=True):
        for i in range(len(words) - size + 1):
            if words[i : i + size] != surface:
                continue
            seen = True
            if all(tag == "O" for tag in labels[i : i + size]):
                labels[i : i + size] = [f"B-{label}"] + [f"I-{label}"] * (size - 1)
    return seen


if __name__ == "__main__":
    main()
