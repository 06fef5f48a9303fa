"""The model's attribute ruler, matched by columns: same annotations, a fraction of the cost.

spaCy's ``attribute_ruler`` maps fine tags to parts of speech (and a few exceptions) through a
general ``Matcher``, which walks some 180 patterns state by state for every token: in the small
English model it costs more than the tagger, parser and lemmatizer together. Its patterns are
short fixed sequences of tokens whose tag, lower form or dependency must equal, be among (or
not among) given values or match a regular expression; such a pattern is found here by
comparing the Doc's attribute columns with the values, token position by token position. A
pattern using anything else (operators, other attributes) still goes through a ``Matcher``.
The ruler receives the same matches and applies them with its own code, so the annotations are
those of the stock component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Attributes whose string values the Matcher compares as string-store ids, and flags it compares
# as booleans: a token pattern over these alone is a set-membership test per column.
_STRING_ATTRS = frozenset({"TAG", "LOWER", "DEP"})
_FLAG_ATTRS = frozenset({"IS_SPACE"})
_COLUMNS: list[int | str] = sorted(_STRING_ATTRS | _FLAG_ATTRS)
_SETS = {"IN": False, "NOT_IN": True}  # operator -> whether membership is inverted
_Mask = numpy.ndarray[Any, numpy.dtype[numpy.bool_]]


class _Among:
    """The column's value is one of the ids (or, inverted, none of them)."""

    def __init__(self, column: int, ids: Iterable[int], inverted: bool = False) -> None:
        # Typed as the columns are: a string id compared as a Python int may go through float.
        self.column, self.ids, self.inverted = column, [numpy.uint64(i) for i in ids], inverted

    def mask(self, values: numpy.ndarray[Any, Any], vocab: Vocab) -> _Mask:
        # A comparison per id: the sets are a handful of ids, less than numpy.isin costs to set up.
        member = numpy.zeros(len(values), dtype=bool)
        for key in self.ids:
            member |= values[:, self.column] == key
        return ~member if self.inverted else member


class _Matches:
    """The column's string matches a regular expression (``re.search``, as the Matcher does)."""

    def __init__(self, column: int, expression: str) -> None:
        self.column, self.expression = column, re.compile(expression)

    def mask(self, values: numpy.ndarray[Any, Any], vocab: Vocab) -> _Mask:
        # Each distinct string searched once: "the" comes back dozens of times per article.
        distinct = numpy.unique(values[:, self.column]).tolist()
        hits = [key for key in distinct if self.expression.search(vocab.strings[key])]
        return _Among(self.column, hits).mask(values, vocab)


_Test = _Among | _Matches


def match_by_columns(nlp: Language) -> None:
    """Let the pipeline's attribute ruler, if it has one, find its matches by columns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    ruler.matcher = ColumnMatcher(ruler.vocab, ruler.matcher, ruler.patterns)


class ColumnMatcher:
    """What the attribute ruler asks of its Matcher: the same (key, start, end) matches."""

    def __init__(self, vocab: Vocab, stock: Matcher, patterns: Iterable[dict[str, Any]]) -> None:
        self.vocab, self.stock, self.rest = vocab, stock, Matcher(vocab)
        self.sequences: list[tuple[int, list[list[_Test]]]] = []
        for number, entry in enumerate(patterns):
            key = vocab.strings.add(str(number))  # the key the ruler gave this entry
            for pattern in entry["patterns"]:
                self._add(key, pattern)

    def __call__(self, doc: Doc, allow_missing: bool = False, as_spans: bool = False) -> Any:
        """Matches as ``Matcher.__call__(doc, allow_missing=True, as_spans=False)`` gives them,
        the only way the ruler calls it; order aside, which the ruler sorts away."""
        values = doc.to_array(_COLUMNS)
        found: list[tuple[int, int, int]] = []
        for key, tokens in self.sequences:
            starts = numpy.flatnonzero(_sequence_mask(values, tokens, doc.vocab)).tolist()
            found += [(key, start, start + len(tokens)) for start in starts]
        # An empty Matcher warns on every call: the model's own patterns all fit columns.
        return found + self.rest(doc, allow_missing=True) if len(self.rest) else found

    def get(self, key: str) -> Any:
        """The patterns of a key, for the ruler's error messages and its ``patterns``."""
        return self.stock.get(key)

    def _add(self, key: int, pattern: list[dict[str, Any]]) -> None:
        tokens = [_tests(self.vocab, token) for token in pattern]
        if all(tokens):
            self.sequences.append((key, [t for t in tokens if t]))
        else:
            self.rest.add(key, [pattern])


def _sequence_mask(
    values: numpy.ndarray[Any, Any], tokens: list[list[_Test]], vocab: Vocab
) -> _Mask:
    """Where the sequence starts: token k of the pattern tested at every start + k."""
    mask = numpy.ones(max(len(values) - len(tokens) + 1, 0), dtype=bool)
    for k, tests in enumerate(tokens):
        for test in tests:
            mask &= test.mask(values[k : k + len(mask)], vocab)
    return mask


def _tests(vocab: Vocab, token: dict[str, Any]) -> list[_Test] | None:
    """Column tests equivalent to one token of a pattern; None for what they cannot express."""
    tests = [_test(vocab, attr, value) for attr, value in token.items()]
    return [t for t in tests if t is not None] if tests and None not in tests else None


def _test(vocab: Vocab, attr: str, value: Any) -> _Test | None:
    column = _COLUMNS.index(attr) if attr in _COLUMNS else -1
    if attr in _FLAG_ATTRS and isinstance(value, bool):
        return _Among(column, [value])
    if attr not in _STRING_ATTRS:
        return None
    if isinstance(value, str):
        return _Among(column, [vocab.strings.add(value)])
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, operand),) = value.items()
    if operator == "REGEX" and isinstance(operand, str):
        return _Matches(column, operand)
    if operator in _SETS and all(isinstance(s, str) for s in operand):
        return _Among(column, (vocab.strings.add(s) for s in operand), _SETS[operator])
    return None
