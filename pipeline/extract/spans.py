"""The typed spans that recognition produces, and the labels they carry (CoNLL-style)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

PER, ORG, LOC, MISC, NORP = "PER", "ORG", "LOC", "MISC", "NORP"
# How a span was found; stored on each mention as its ``method``.
MODEL, RULE, LEXICON, GAZETTEER = "model", "rule", "lexicon", "gazetteer"
MODEL_LABELS = {
    "PERSON": PER,
    "PER": PER,  # French and other WikiNER-trained pipelines
    "ORG": ORG,
    "GPE": LOC,
    "LOC": LOC,
    "FAC": LOC,
    "NORP": NORP,
    "EVENT": MISC,
    "WORK_OF_ART": MISC,
    "LAW": MISC,
    "PRODUCT": MISC,
    "LANGUAGE": MISC,
    "MISC": MISC,
}


@dataclass(frozen=True)
class Named:
    """A token range with a label; ``strong`` when a rule, not the model, vouches for it;
    ``method`` says which (the model, a textual rule, a name list, the gazetteer)."""

    start: int
    end: int
    label: str
    strong: bool = False
    method: str = MODEL

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text

    def words(self, doc: Doc) -> tuple[str, ...]:
        """The name's token texts: one key for every occurrence of the same name."""
        return tuple(token.text for token in self.span(doc))


def inside_name(doc: Doc, start: int, end: int) -> bool:
    """ "AP" in "AP Moller" is part of another name: capitalised words run on."""
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and end - start == 1
