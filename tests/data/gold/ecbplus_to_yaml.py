"""Print the YAML skeleton of an NER gold file from ECB+ documents: the corpus's own tokens.

Run from the repository root with the ECB+ files as arguments, e.g. ``python
tests/data/gold/ecbplus_to_yaml.py $ECB/2/2_4ecb.xml $ECB/2/2_6ecb.xml > skeleton.yaml`` where
``ECB=tests/data/corpus/story-clusters/ecbplus/ECB+_LREC2014/ECB+``.
Each document becomes one entry with one paragraph per ECB+ sentence (tokens joined by a space,
``tokenized: true``) and an empty ``entities`` list for the annotator to fill; sentence 0 of an
``ecbplus`` file is its source URL and is left out, as the event evaluation does. Only the
entity lines are written by hand, so the tokens of the gold are exactly the corpus's.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

_CORPUS_ROOT = "story-clusters/ecbplus/"


def skeleton(path: Path) -> dict[str, object]:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    if path.name.endswith("ecbplus.xml"):
        sentences.pop(0, None)
    source = str(path)
    source = _CORPUS_ROOT + source.split(_CORPUS_ROOT, 1)[1] if _CORPUS_ROOT in source else source
    return {
        "id": "ecbplus-" + path.stem,
        "source": source,
        "tokenized": True,
        "paragraphs": [
            " ".join(w for w in words if w.strip()) for _, words in sorted(sentences.items())
        ],
        "entities": [],
    }


def main() -> None:
    docs = [skeleton(Path(name)) for name in sys.argv[1:]]
    yaml.safe_dump(docs, sys.stdout, allow_unicode=True, sort_keys=False, width=100)


if __name__ == "__main__":
    main()
