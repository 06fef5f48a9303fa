"""Every wire file of the vendored corpus has an expected outcome in one of the corpus tables."""

from __future__ import annotations

from tests.corpus import corpus_files
from tests.formats.corpus_text_json import EXPECTED as TEXT_JSON
from tests.formats.corpus_xml import EXPECTED as XML


def test_every_corpus_file_has_an_expected_outcome():
    covered = set(TEXT_JSON) | set(XML)
    missing = [name for name in corpus_files() if name not in covered]
    assert not missing, f"corpus files without an expected outcome: {missing}"


def test_tables_name_only_real_files():
    assert not (set(TEXT_JSON) | set(XML)) - set(corpus_files())


def test_tables_do_not_overlap():
    assert not set(TEXT_JSON) & set(XML)
