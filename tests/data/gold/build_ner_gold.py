"""Build each ``<name>.conll`` of this folder from the hand annotations in ``<name>.yaml``.

Run from the repository root: ``python tests/data/gold/build_ner_gold.py``. Only spaCy's
rule-based tokenizer is used (a blank English pipeline, no statistical model), so the gold tags
are exactly the annotator's. A listed surface that never occurs as whole tokens is an annotation
error and stops the build. The YAML's leading comment block (source, licence, who annotated and
when) heads the CoNLL file as ``#`` lines, which ``wire eval ner`` skips.

A document without ``paragraphs`` has text that may not be redistributed: it names its
``source`` file, its ``line`` there (one document to a line) and ``sha256``, the first 12 hex
digits of the SHA-256 of that line's stripped text. ``--text SOURCE=PATH`` gives the file; the
line is checked against the digest and the set's CoNLL file is written to ``--out``, never next
to the YAML. A set whose text is not given is skipped, and said so.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import spacy
import yaml

HERE = Path(__file__).parent
Tokens = list[str]


def main(argv: list[str] | None = None, folder: Path = HERE) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", action="append", default=[], metavar="SOURCE=PATH")
    parser.add_argument("--out", type=Path, help="folder for the sets built from --text")
    args = parser.parse_args(argv)
    texts = {name: Path(path) for name, path in (t.split("=", 1) for t in args.text)}
    for source in sorted(folder.glob("*.yaml")):
        docs = yaml.safe_load(source.read_text(encoding="utf-8"))
        outside = {doc["source"] for doc in docs if "paragraphs" not in doc}
        if outside - texts.keys() or (outside and args.out is None):
            needs = " ".join(f"--text {name}=PATH" for name in sorted(outside))
            print(f"{source.name}: skipped, text not stored ({needs} --out DIR)", file=sys.stderr)
            continue
        build(source, args.out if outside else folder, texts)


def build(source: Path, out: Path, texts: dict[str, Path]) -> Path:
    """Write the CoNLL file of one YAML set into ``out``; outside text is read from ``texts``."""
    tokenizer = spacy.blank("en").tokenizer
    docs = yaml.safe_load(source.read_text(encoding="utf-8"))
    lines: list[str] = _header(source.read_text(encoding="utf-8"))
    files: dict[str, list[str]] = {}
    for doc in docs:
        if "paragraphs" not in doc:
            if doc["source"] not in files:
                text = texts[doc["source"]].read_text(encoding="utf-8", errors="replace")
                files[doc["source"]] = text.splitlines()
            doc = {**doc, "paragraphs": [_line(doc, files[doc["source"]])]}
        lines += _document(doc, lambda t: [w.text for w in tokenizer(t) if w.text.strip()])
    out.mkdir(parents=True, exist_ok=True)
    target = out / source.with_suffix(".conll").name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{source.name}: {len(docs)} documents", file=sys.stderr)
    return target


def _line(doc: dict[str, Any], lines: list[str]) -> str:
    """The document's line of its source file, stripped, once its digest is checked."""
    text = lines[doc["line"] - 1].strip() if 0 < doc["line"] <= len(lines) else ""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest[:12] != doc["sha256"]:
        raise SystemExit(
            f"{doc['id']}: line {doc['line']} of {doc['source']} is not the annotated text "
            f"(sha256 {digest[:12]}, annotated {doc['sha256']})"
        )
    return text


def _header(text: str) -> list[str]:
    """The leading comment lines of a YAML file, each ending in a word, never in a tag."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.rstrip())
    return lines


def _document(doc: dict[str, Any], tokenize: Any) -> list[str]:
    split = str.split if doc["tokenized"] else tokenize
    paragraphs: list[Tokens] = [split(p) for p in doc["paragraphs"]]
    entities = [_entity(entry, _keeping_brackets(split)) for entry in doc["entities"]]
    tags = [["O"] * len(words) for words in paragraphs]
    for label, surface in sorted(entities, key=lambda e: -len(e[1])):
        if not _tag_all(paragraphs, tags, surface, label):
            raise SystemExit(f"{doc['id']}: {' '.join(surface)!r} not found as whole tokens")
    lines = ["-DOCSTART- O", ""]
    for words, labels in zip(paragraphs, tags, strict=True):
        lines += [f"{word} {label}" for word, label in zip(words, labels, strict=True)] + [""]
    return lines


def _keeping_brackets(split: Any) -> Any:
    """The tokenizer would cut "[Adani]" into brackets and word: brackets stay on the word."""

    def tokens(text: str) -> Tokens:
        words: Tokens = []
        for part in text.split():
            core = part.strip("[]")
            pieces = split(core)
            pieces[0] = "[" + pieces[0] if part.startswith("[") else pieces[0]
            pieces[-1] = pieces[-1] + "]" if part.endswith("]") else pieces[-1]
            words += pieces
        return words

    return tokens


def _entity(entry: str, split: Any) -> tuple[str, Tokens]:
    label, surface = entry.split(" ", 1)
    return label, split(surface)


def _tag_all(paragraphs: list[Tokens], tags: list[Tokens], surface: Tokens, label: str) -> bool:
    """IOB2-tag every free occurrence; True when the surface occurs at all. A surface with
    a bracketed part ("[Adani] group") is matched whole and tags only that part: the name in
    its context, where the same words elsewhere are another entity."""
    words_only = [w.strip("[]") for w in surface]
    inside = _bracketed(surface)
    size, seen = len(surface), False
    for words, labels in zip(paragraphs, tags, strict=True):
        for i in range(len(words) - size + 1):
            if words[i : i + size] != words_only:
                continue
            seen = True
            first, last = i + inside[0], i + inside[1]
            if all(tag == "O" for tag in labels[first:last]):
                labels[first:last] = [f"B-{label}"] + [f"I-{label}"] * (last - first - 1)
    return seen


def _bracketed(surface: Tokens) -> tuple[int, int]:
    """Token range of the bracketed part of a surface, or the whole surface."""
    opens = [i for i, w in enumerate(surface) if w.startswith("[")]
    closes = [i for i, w in enumerate(surface) if w.endswith("]")]
    return (opens[0], closes[0] + 1) if opens and closes else (0, len(surface))


if __name__ == "__main__":
    main()
