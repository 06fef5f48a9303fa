"""Helpers for field-level tests of the XML formats: parse once, one test per field."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pipeline.formats import parse_bytes
from pipeline.schemas import Article
from tests.corpus import corpus_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sample_path(name: str) -> Path:
    """``fixtures/NAME`` for our own fixtures, else a file of the vendored corpus."""
    if name.startswith("fixtures/"):
        return FIXTURES / name.removeprefix("fixtures/")
    return corpus_file(name)


@cache
def parsed(name: str) -> tuple[Article, ...]:
    path = sample_path(name)
    return tuple(parse_bytes(path.read_bytes(), path.name))


def article(sample: str) -> Article:
    """The article of ``sample``; 'NAME#2' is the third item of a multi-item file."""
    name, _, index = sample.partition("#")
    return parsed(name)[int(index or 0)]


def field_cases(expected: dict[str, dict[str, Any]]) -> list[tuple[str, str, Any]]:
    """(sample, field, value) triples for pytest.mark.parametrize."""
    return [
        (sample, name, value)
        for sample, fields in expected.items()
        for name, value in fields.items()
    ]


def field_value(article: Article, name: str) -> Any:
    """A field, or a derived view of it: 'subject_codes', 'paragraph_count', 'first_paragraph'."""
    derived = {
        "subject_codes": lambda: [subject.code for subject in article.subjects],
        "paragraph_count": lambda: len(article.paragraphs),
        "first_paragraph": lambda: article.paragraphs[0],
        "last_paragraph": lambda: article.paragraphs[-1],
    }
    return derived[name]() if name in derived else getattr(article, name)
