"""Sentences never cross a paragraph break: a pipeline step that fixes the boundaries first.

The parser splits sentences as it parses and respects boundaries already set, so marking the
first word after a blank line as a sentence start before it runs keeps a headline, a dateline
or a list line from being read as one sentence with the paragraph after it (a wrong subject,
a wrong date, a wrong actor).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.schemas import PARAGRAPH_SEPARATOR

NAME = "paragraph_breaks"


@Language.component(NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or PARAGRAPH_SEPARATOR in token.text
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = False
    return doc


def keep_paragraphs(nlp: Language) -> None:
    """Add the step before the parser (once)."""
    if NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
