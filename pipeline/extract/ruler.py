"""The model's attribute ruler, matched by columns: same annotations, a fraction of the cost.

spaCy's ``attribute_ruler`` maps fine tags to parts of speech (and a few exceptions) through a
general ``Matcher``, which walks some 180 patterns state by state for every token: in the small
English model it costs more than the tagger, parser and lemmatizer together. Almost all of
those patterns are one token whose attributes must equal, or be among, given values; those are
found here by comparing the Doc's attribute columns with the values, and only the rest (several
tokens, regular expressions) go through a ``Matcher``. The ruler receives the same matches and
applies them with its own code, so the annotations are those of the stock component.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Attributes whose string values the Matcher compares as string-store ids, and flags it compares
# as booleans: a single-token pattern over these alone is a set-membership test per column.
_STRING_ATTRS = frozenset({"TAG", "LOWER", "DEP"})
_FLAG_ATTRS = frozenset({"IS_SPACE"})
_SETS = {"IN": False, "NOT_IN": True}  # operator -> whether membership is inverted
# (column, allowed values, inverted): values typed as the columns are, since a string id
# compared as a Python int may go through float and lose its low bits.
_Test = tuple[int, list[numpy.uint64], bool]


def match_by_columns(nlp: Language) -> None:
    """Let the pipeline's attribute ruler, if it has one, find its matches by columns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    ruler.matcher = ColumnMatcher(ruler.vocab, ruler.matcher, ruler.patterns)


class ColumnMatcher:
    """What the attribute ruler asks of its Matcher: the same (key, start, end) matches."""

    def __init__(self, vocab: Vocab, stock: Matcher, patterns: Iterable[dict[str, Any]]) -> None:
        self.stock = stock
        self.rest = Matcher(vocab)
        self.columns: list[int | str] = sorted(_STRING_ATTRS | _FLAG_ATTRS)
        self.simple: list[tuple[int, list[_Test]]] = []
        for number, entry in enumerate(patterns):
            key = vocab.strings.add(str(number))  # the key the ruler gave this entry
            for pattern in entry["patterns"]:
                self._add(vocab, key, pattern)

    def __call__(self, doc: Doc, allow_missing: bool = False, as_spans: bool = False) -> Any:
        """Matches as ``Matcher.__call__(doc, allow_missing=True, as_spans=False)`` gives them,
        the only way the ruler calls it; order aside, which the ruler sorts away."""
        values = doc.to_array(self.columns)
        found: list[tuple[int, int, int]] = []
        for key, tests in self.simple:
            hits = numpy.logical_and.reduce(
                [_holds(values[:, c], ids, out) for c, ids, out in tests]
            )
            found += [(key, i, i + 1) for i in numpy.flatnonzero(hits).tolist()]
        return found + self.rest(doc, allow_missing=True)

    def get(self, key: str) -> Any:
        """The patterns of a key, for the ruler's error messages and its ``patterns``."""
        return self.stock.get(key)

    def _add(self, vocab: Vocab, key: int, pattern: list[dict[str, Any]]) -> None:
        tests = _tests(vocab, pattern, self.columns)
        if tests is None:
            self.rest.add(key, [pattern])
        else:
            self.simple.append((key, tests))


def _holds(column: numpy.ndarray[Any, Any], ids: list[numpy.uint64], inverted: bool) -> Any:
    """Which tokens have one of the ids (or none of them): a comparison per id, since the
    sets are a handful of ids and ``numpy.isin`` costs more to set up than that."""
    member = numpy.logical_or.reduce([column == value for value in ids])
    return ~member if inverted else member


def _tests(
    vocab: Vocab, pattern: list[dict[str, Any]], columns: list[int | str]
) -> list[_Test] | None:
    """Column tests equivalent to a one-token pattern; None for a pattern they cannot express."""
    if len(pattern) != 1 or not pattern[0]:
        return None
    tests = [_test(vocab, attr, value, columns) for attr, value in pattern[0].items()]
    return None if None in tests else [t for t in tests if t is not None]


def _test(vocab: Vocab, attr: str, value: Any, columns: list[int | str]) -> _Test | None:
    if attr in _FLAG_ATTRS and isinstance(value, bool):
        return columns.index(attr), [numpy.uint64(value)], False
    if attr not in _STRING_ATTRS:
        return None
    if isinstance(value, str):
        value = {"IN": [value]}
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, strings),) = value.items()
    if operator not in _SETS or not all(isinstance(s, str) for s in strings):
        return None
    ids = [numpy.uint64(vocab.strings.add(s)) for s in strings]
    return columns.index(attr), ids, _SETS[operator]
