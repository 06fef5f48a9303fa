import json

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from tests.corpus import corpus_file, corpus_files
from tests.formats.corpus_xml import EXPECTED

GROUPS = ("newsml-g2/", "newsml-1.2/", "nitf/", "invalid/", "story-clusters/")


def test_every_xml_family_corpus_file_has_an_expectation():
    files = [name for name in corpus_files() if name.startswith(GROUPS)]
    assert sorted(set(files) - set(EXPECTED)) == []
    assert sorted(set(EXPECTED) - set(files)) == []


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_corpus_file(name, expected):
    path = corpus_file(name)
    if expected != "ok":
        with pytest.raises(PermanentError) as raised:
            parse_bytes(path.read_bytes(), path.name)
        assert raised.value.kind == expected
        return
    articles = parse_bytes(path.read_bytes(), path.name)
    assert articles
    assert all(article.headline.strip() and article.body.strip() for article in articles)
    # Articles travel as JSON between stages: raw_meta included.
    assert all(json.loads(article.model_dump_json()) for article in articles)
