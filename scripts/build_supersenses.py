"""Build ``pipeline/extract/data/supersenses.tsv`` from a WordNet 3.0 database.

Run from the repository root: ``python -m scripts.build_supersenses DICT`` where ``DICT`` is the
folder of WordNet's ``index.*`` and ``data.*`` files (Princeton WordNet 3.0; Debian and Ubuntu
ship it as the ``wordnet-base`` package). The table gives each one-word verb the supersense
(lexicographer file) of its most frequent sense, and each one-word noun whose most frequent sense
names a happening (an act, an event, a process, a phenomenon) that supersense: what
:mod:`pipeline.extract.actions` reads. WordNet's licence travels with the table
(``WORDNET-LICENSE.txt`` beside it).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "pipeline" / "extract" / "data"
# WordNet's lexicographer files by number (lexnames(5)); only these two parts are read.
LEXICOGRAPHER_FILES = {
    4: "noun.act", 11: "noun.event", 19: "noun.phenomenon", 22: "noun.process",
    29: "verb.body", 30: "verb.change", 31: "verb.cognition", 32: "verb.communication",
    33: "verb.competition", 34: "verb.consumption", 35: "verb.contact", 36: "verb.creation",
    37: "verb.emotion", 38: "verb.motion", 39: "verb.perception", 40: "verb.possession",
    41: "verb.social", 42: "verb.stative", 43: "verb.weather",
}  # fmt: skip
HEADER = (
    "# The WordNet 3.0 lexicographer file of the lemma's most frequent"
    " sense (one-word verbs; nouns whose first sense is an act, event, process or phenomenon)."
    " Built by scripts/build_supersenses.py. WordNet 3.0 Copyright 2006 by Princeton"
    " University; licence in WORDNET-LICENSE.txt."
)


def _entries(lines: Iterable[str]) -> Iterator[str]:
    """The entry lines of a WordNet file: not its licence header (lines that start with two
    spaces) nor blank ones."""
    return (line for line in lines if line.strip() and not line.startswith("  "))


def synset_files(lines: Iterable[str]) -> dict[str, int]:
    """Lexicographer file number of every synset of a ``data.*`` file, by synset offset."""
    found = {}
    for line in _entries(lines):
        offset, number = line.split(maxsplit=2)[:2]
        found[offset] = int(number)
    return found


def first_senses(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(lemma, offset of its most frequent synset) of an ``index.*`` file; WordNet lists a
    lemma's synsets by frequency."""
    for line in _entries(lines):
        fields = line.split()
        pointers = int(fields[3])
        # lemma pos synset_cnt p_cnt [ptr_symbol x p_cnt] sense_cnt tagsense_cnt offsets...
        yield fields[0], fields[4 + pointers + 2]


def supersenses(index: Iterable[str], data: Iterable[str], part: str) -> Iterator[str]:
    """Table rows of one part of speech: one-word lemmas whose first sense is in a kept file."""
    files = synset_files(data)
    for lemma, offset in first_senses(index):
        name = LEXICOGRAPHER_FILES.get(files[offset])
        if name is not None and name.startswith(part) and lemma.isalpha():
            yield f"{lemma}\t{part}\t{name.split('.', 1)[1]}"


def build(folder: Path) -> list[str]:
    rows = [HEADER, "lemma\tpart\tsupersense"]
    for part in ("verb", "noun"):
        index = (folder / f"index.{part}").read_text(encoding="latin-1").splitlines()
        data = (folder / f"data.{part}").read_text(encoding="latin-1").splitlines()
        rows += supersenses(index, data, part)
    return rows


def main() -> None:
    folder = Path(sys.argv[1])
    (OUTPUT / "supersenses.tsv").write_text("\n".join(build(folder)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
