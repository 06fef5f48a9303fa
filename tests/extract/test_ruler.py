"""The attribute ruler matched by columns finds exactly what spaCy's Matcher finds."""

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language

from tests.extract.conftest import MODEL
from tests.extract.test_extract_stable import articles, sources

# Contractions and spacing that the ruler's exception patterns are written for.
ODDITIES = (
    "He ain't gonna do it, y'all.  \n\n  Gotta go, c'mon, let's see. Nothin' there is, is it?",
    "I'm sure it is what they'd have done; it's not that we've any doubt whether it will.",
    "",
    "   ",
)


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as shipped, with spaCy's own attribute ruler."""
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The bodies of the snapshot's articles, and the oddities."""
    available = [(name, path) for name, path in sources().items() if path.is_file()]
    return [a.body for name, path in available for a in articles(name, path)] + list(ODDITIES)


def test_the_ruler_matches_as_the_stock_matcher(nlp, stock, texts):
    ruler = nlp.get_pipe("attribute_ruler")
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(texts))
    for doc in docs:
        expected = stock.get_pipe("attribute_ruler").matcher(doc, allow_missing=True)
        assert sorted(set(ruler.matcher(doc, allow_missing=True))) == sorted(set(expected))


def test_tokens_are_annotated_as_by_the_stock_pipeline(nlp, stock, texts):
    columns = [POS, TAG, MORPH, LEMMA]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert ours.to_array(columns).tolist() == theirs.to_array(columns).tolist()


def test_the_ruler_still_reports_its_patterns(nlp, stock):
    assert nlp.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns
