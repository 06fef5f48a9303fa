"""The repository is the whole project: nothing it holds reads a folder beside the checkout."""

from __future__ import annotations

import re
import subprocess

from tests.corpus import CORPUS, ROOT

# A path that climbs out of the checkout into a sibling folder ("../shared", "parent / 'shared'").
_OUTSIDE = re.compile(r"\.\./shared|parent\s*/\s*[\"']shared[\"']|parents\[\d\]\s*/\s*[\"']shared")
_THIS_TEST = "tests/test_self_contained.py"


def _tracked_text_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [name for name in listed if not name.startswith("tests/data/corpus/")]


def test_no_project_file_names_a_folder_beside_the_checkout():
    offenders = []
    for name in _tracked_text_files():
        path = ROOT / name
        if path.is_symlink():  # a link out of the checkout reads outside it as surely
            if ROOT not in path.resolve().parents:
                offenders.append(f"{name}: a link to {path.resolve()}")
            continue
        if name == _THIS_TEST:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        lines = text.splitlines()
        offenders += [f"{name}: {line.strip()}" for line in lines if _OUTSIDE.search(line)]
    assert not offenders, "files reading outside the repository:\n" + "\n".join(offenders)


def test_the_vendored_corpus_carries_its_sources_and_licences():
    assert (CORPUS / "SOURCES.md").is_file()
    licences = {p.name for p in (CORPUS / "LICENSES").iterdir()}
    assert {"Apache-2.0.txt", "MIT-IPTC.txt", "NOTICE-dpa.txt", "CC-BY.txt"} <= licences
    assert (CORPUS / "story-clusters/ecbplus/ECB+_LREC2014/LICENSEDATA.TXT").is_file()


def test_the_pattern_finds_what_it_is_for():
    assert _OUTSIDE.search('CORPUS = ROOT.parent / "shared" / "corpus"')
    assert _OUTSIDE.search("wire eval ner ../shared/corpus/x")
    assert not _OUTSIDE.search("a shared helper")
