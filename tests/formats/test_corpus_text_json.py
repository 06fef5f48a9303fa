"""Every corpus file of the JSON, 7901 and plain-text groups parses or fails as expected."""

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from tests.corpus import corpus_file, corpus_files
from tests.formats.corpus_text_json import EXPECTED

GROUPS = (
    "ninjs/",
    "dpa-digitalwires-json/",
    "pa-fingerpost-json/",
    "iptc7901/",
    "schemas/",
    "plain-text/",
)


def _outcome(relative: str) -> str:
    data = corpus_file(relative).read_bytes()
    try:
        articles = parse_bytes(data, relative)
    except PermanentError as error:
        return error.kind
    complete = all(article.headline and article.body for article in articles)
    return "ok" if articles and complete else "incomplete article"


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_corpus_file_outcome(relative):
    assert _outcome(relative) == EXPECTED[relative]


def test_every_file_of_the_groups_has_an_expectation():
    files = [name for name in corpus_files() if name.startswith(GROUPS)]
    assert sorted(files) == sorted(EXPECTED)
