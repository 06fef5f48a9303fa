"""Write each line of a one-article-per-line text file as a ninjs item the pipeline reads.

Run from the repository root: ``python -m scripts.lines_to_ninjs TEXT OUTDIR NAME [--language
en]``. Corpora of plain news text often come one article to a line with no headline or date
(the Lee corpus of 300 ABC news articles that gensim ships as test data,
``gensim/test/test_data/lee_background.cor``); ``wire eval copy`` and ``wire eval
sample-events`` read them once written as ``OUTDIR/NAME-000.json``, ... (uri
``urn:NAME:000``, headline ``NAME item 0``). Blank lines are skipped but keep their number.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path


def items(lines: list[str], name: str, language: str) -> Iterator[tuple[str, str]]:
    """(file name, ninjs JSON) of every non-blank line, numbered by its line."""
    width = max(3, len(str(len(lines))))
    for number, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        label = f"{number:0{width}d}"
        item = {
            "uri": f"urn:{name}:{label}",
            "type": "text",
            "language": language,
            "headline": f"{name} item {number}",
            "body_text": text,
        }
        yield f"{name}-{label}.json", json.dumps(item, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("name")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    lines = args.text.read_text(encoding="utf-8", errors="replace").splitlines()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for file_name, document in items(lines, args.name, args.language):
        (args.outdir / file_name).write_text(document, encoding="utf-8")


if __name__ == "__main__":
    main()
