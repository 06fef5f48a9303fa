"""Quotation marks before a point of the text, counted from the start of its paragraph."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.extract.attribution import in_quote, marks_before, quote_mark
from pipeline.extract.columns import text_of
from pipeline.schemas import PARAGRAPH_SEPARATOR

PARAGRAPHS = [
    '"We will not resign," the minister said, "whatever the polls say."',
    "Critics called it 'a disgrace' and 'unworkable'.",
    "“It is over,” he added. The vote is on Monday.",
]


def _walked(doc: Doc, end: int) -> int:
    """The count by walking the paragraph's tokens: each mark that ends by ``end``."""
    start = doc.text.rfind("\n", 0, end) + 1
    return sum(1 for t in doc if quote_mark(t) and t.idx >= start and t.idx + len(t) <= end)


def test_marks_before_every_offset_are_those_of_the_paragraph_so_far(nlp):
    doc = nlp(PARAGRAPH_SEPARATOR.join(PARAGRAPHS))
    counts = [marks_before(doc, end) for end in range(len(doc.text) + 1)]
    assert counts == [_walked(doc, end) for end in range(len(doc.text) + 1)]
    assert max(counts) == 4  # the first paragraph's, never carried into the next


def test_words_inside_quotes_and_outside(nlp):
    doc = nlp(PARAGRAPH_SEPARATOR.join(PARAGRAPHS))
    inside = {t.text for t in doc if in_quote(t) and t.is_alpha}
    assert {"We", "resign", "whatever", "polls", "It"} <= inside
    assert not {"minister", "said", "Critics", "added", "vote", "Monday"} & inside


def test_the_text_is_read_once_per_doc(nlp):
    doc = nlp(PARAGRAPHS[0])
    assert text_of(doc) == doc.text
    assert text_of(doc) is text_of(doc)
