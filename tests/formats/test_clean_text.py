"""No text field of any parsed item carries raw markup or mojibake.

Runs over every file of the vendored corpus that parses, and over the spec-built samples: a tag
("<P>Wage ...") or a double-encoded letter ("DÃ©cÃ¨s", "Industryâ€™s") in a headline, byline,
dateline or paragraph means a body was read as the wrong type or bytes in the wrong charset.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import parse_bytes
from pipeline.schemas import Article
from tests.corpus import corpus_file, corpus_files

SPEC_BUILT = Path(__file__).resolve().parent / "fixtures" / "spec-built"
TEXT_FIELDS = ("headline", "subheadline", "slugline", "byline", "dateline_text", "dateline_place")
# An HTML/XML tag: "<p>", "</P>", "<br/>", "<span class=...>" (not "a < b" or "<3").
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9.:-]*(?:\s[^<>]*)?/?>")
# UTF-8 read as Latin-1 or cp1252: a lead byte's letter followed by a continuation byte's.
MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]|â€|Ã[\u0080-\u00bf]|Â\u00a0")
# Every wire file (the schemas are not wire files; invalid/ holds one rejected non-XML file).
SAMPLES = [name for name in corpus_files() if not name.startswith(("schemas/", "invalid/"))]


def _parsed(path: Path) -> list[Article]:
    try:
        return parse_bytes(path.read_bytes(), path.name)
    except PermanentError:
        return []  # rejected files have their outcome tested in the corpus tables


def _texts(article: Article) -> list[tuple[str, str]]:
    fields = [(name, getattr(article, name)) for name in TEXT_FIELDS]
    fields += [(f"paragraph {i}", text) for i, text in enumerate(article.paragraphs)]
    return [(name, text) for name, text in fields if text]


def _faults(articles: list[Article]) -> list[str]:
    return [
        f"item {article.item_index} {name}: {text[:80]!r}"
        for article in articles
        for name, text in _texts(article)
        if TAG.search(text) or MOJIBAKE.search(text)
    ]


@pytest.mark.parametrize("name", SAMPLES)
def test_corpus_item_text_is_clean(name):
    assert _faults(_parsed(corpus_file(name))) == []


@pytest.mark.parametrize("path", sorted(SPEC_BUILT.glob("spec-built-*")), ids=lambda p: p.name)
def test_spec_built_item_text_is_clean(path):
    articles = _parsed(path)
    assert articles
    assert _faults(articles) == []


@pytest.mark.parametrize(
    "text", ["<P>Wage growth", "By X</p>", "DÃ©cÃ¨s", "Industryâ€™s", "a<br/>b"]
)
def test_the_checks_catch_what_they_are_for(text):
    assert TAG.search(text) or MOJIBAKE.search(text)


@pytest.mark.parametrize("text", ["5 < 6 and 7 > 3", "Ärger über Öl", "Señor Müller", "x <3"])
def test_the_checks_pass_clean_text(text):
    assert not TAG.search(text)
    assert not MOJIBAKE.search(text)
