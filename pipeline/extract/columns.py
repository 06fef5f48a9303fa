"""Token attributes of a whole Doc read as columns, without building a Token per word.

Iterating a Doc creates a Python ``Token`` for every word, which costs more than the rules that
look at it; scans over every token read these columns instead and touch ``Token`` objects only
where something may match.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy
from spacy.attrs import LOWER, ORTH, POS, SENT_START
from spacy.tokens import Doc

_TEXT = "wire_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc (the property joins every token anew on each access;
    the layers read the text a few times per event)."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return str(found)


def texts(doc: Doc) -> list[str]:
    """``token.text`` of every token."""
    return _strings(doc, ORTH)


def lowers(doc: Doc) -> list[str]:
    """``token.lower_`` of every token."""
    return _strings(doc, LOWER)


def pos_tags(doc: Doc) -> list[str]:
    """``token.pos_`` of every token."""
    return _strings(doc, POS)


def positions(doc: Doc, words: Collection[str]) -> list[int]:
    """Indices of the tokens whose text is one of ``words``."""
    wanted = [doc.vocab.strings.as_int(word) for word in words if word in doc.vocab.strings]
    found = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), wanted))
    return [int(i) for i in found]


def sentence_numbers(doc: Doc) -> list[int]:
    """Number of the sentence of every token, counted as ``doc.sents`` counts them."""
    if not len(doc):
        return []
    starts = doc.to_array(SENT_START) == 1
    starts[0] = False  # the first sentence starts at token 0 whatever its flag
    return [int(n) for n in numpy.cumsum(starts)]


def _strings(doc: Doc, attr: int) -> list[str]:
    strings = doc.vocab.strings
    return [strings[key] for key in doc.to_array(attr).tolist()]
