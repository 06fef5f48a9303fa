"""Prose and non-prose in an article body: tables, price lists, results, agate, headline lists.

Wire copy mixes sentences with blocks that are no sentences: commodity prices ("Mar 48.0
48.5 47.8"), company results ("Shr 30 cts vs 25 cts"), sports results, ticker lines, lists of
headlines. Read as text, their month names and abbreviations come out as people and
organisations ("Mar 48.0" a person, "Aug/Sept" an organisation). They stay in the body; only
entity and event extraction reads :func:`reading_text`, where they are blanked out.

A line (each line of each paragraph) is non-prose when most of its words are figures, when its
columns are aligned by runs of spaces or separated by bars or tabs, when it is a match result
(two sides and a score), or when it is one of several consecutive bullet lines with no
sentence end. Short lines with no sentence end that touch such a
block (a table's header, "(in mln dlrs)") belong to it. Stock-ticker markup (``<SRD>``) is
blanked everywhere: markup never reaches a name (:mod:`markup` reads it as a cue first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.lexicon import words
from pipeline.extract.markup import markup_spans

CharSpan = tuple[int, int]

_LINE = re.compile(r"[^\n]+")
_FIGURE = re.compile(
    r"^[(+\-–$£€¥]*[\d][\d.,:/\-–]*(?:pct|%|p|c|s|m|k|bn|mln)?[)%,;]*$", re.IGNORECASE
)
_MONTH_SLASH = re.compile(r"^[A-Z][a-z]{2,4}(?:/[A-Z][a-z]{2,4})+$")  # "Aug/Sept"
_ALIGNED = re.compile(r"\S(?: {3,}|\t)\S")
_BULLET = re.compile(r"^\s*(?:[-*•+·–—]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?;\"'”’)]\s*$")
_COLUMNS = re.compile(r"\S\s*[|\t]\s*\S.*[|\t]")  # "1. | Bayern München | 6 | 4"
_SCORE = re.compile(r"^\(?\d{1,3}[:\-–]\d{1,3}\)?[,;]?$")  # "2:1", "(1:0)", "6-4"
_PAIRING = re.compile(r"\s(?:-|–|v|vs\.?)\s")  # "Großbritannien - Slowakei"
_FIGURE_SHARE = 0.33
_FIGURE_SHARE_ANYWAY = 0.5
# Units and "vs" of agate lines: neither figures nor words.
_UNITS = words(
    "cts ct dlrs dlr mln bln billion million pct vs pence p stg yen marks francs lots tonnes "
    "bags kilos"
)
# Words of a sentence (English, French, German, Spanish): a line with one is no table row.
_SENTENCE_WORDS = words(
    "the a an of to in on at for from with by and or was were is are has have had said says "
    "will would le la les de des du et est der die das und ist el los las y en"
)
_MIN_FIGURES = 2
_SHORT_WORDS = 6
_MIN_BULLETS = 2
_MIN_ALIGNED_FIGURES = 1


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def ends_sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))


def non_prose_spans(text: str) -> list[CharSpan]:
    """Character ranges of the lines that are tables, lists or ticker lines, in order."""
    lines = [_Line(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]
    marked = [_tabular(line) for line in lines]
    _mark_bullet_runs(lines, marked)
    _extend_blocks(lines, marked)
    return [(line.start, line.end) for line, flag in zip(lines, marked, strict=True) if flag]


def prose_spans(text: str) -> list[CharSpan]:
    """Character ranges of the text that is prose: everything outside :func:`non_prose_spans`."""
    spans: list[CharSpan] = []
    position = 0
    for start, end in non_prose_spans(text):
        if start > position:
            spans.append((position, start))
        position = end
    if position < len(text):
        spans.append((position, len(text)))
    return spans


def reading_text(text: str) -> str:
    """The text extraction reads: non-prose lines and ticker markup blanked with spaces, so that
    every offset into it is an offset into the body."""
    chars = list(text)
    for start, end in [*non_prose_spans(text), *markup_spans(text)]:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _tabular(line: _Line) -> bool:
    """Figures among the words that are not units make the line a row: a third of them where
    no word of a sentence is there ("Shr 30 cts vs 25 cts"), more than half anyway."""
    words = [word for word in line.words if word.casefold() not in _UNITS]
    figures = sum(1 for word in words if _FIGURE.match(word) or _MONTH_SLASH.match(word))
    if figures >= _MIN_FIGURES:
        share = figures / len(words)
        sentence = any(word.casefold() in _SENTENCE_WORDS for word in words)
        if share > _FIGURE_SHARE_ANYWAY or (share >= _FIGURE_SHARE and not sentence):
            return True
    if _COLUMNS.search(line.text) or _result(line.text, words):
        return True
    return figures >= _MIN_ALIGNED_FIGURES and bool(_ALIGNED.search(line.text))


def _result(text: str, words: list[str]) -> bool:
    """A match result or fixture: two sides and a score or time, no word of a sentence
    ("Italien - Slowakei 1:0", "FSV Mainz 05 - RB Leipzig 15.30")."""
    scored = any(_SCORE.match(word) or _FIGURE.match(word) for word in words)
    sentence = any(word.casefold() in _SENTENCE_WORDS for word in words)
    return scored and not sentence and bool(_PAIRING.search(text))


def _mark_bullet_runs(lines: list[_Line], marked: list[bool]) -> None:
    """Headline lists: consecutive bullet lines none of which ends a sentence."""
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and _BULLET.match(line.text) and not line.ends_sentence:
            run.append(i)
            continue
        if len(run) >= _MIN_BULLETS:
            for j in run:
                marked[j] = True
        run = []


def _extend_blocks(lines: list[_Line], marked: list[bool]) -> None:
    """A short line with no sentence end next to a block of two lines or more is its header or
    caption (one figure line alone, a time stamp, has none)."""
    blocks = [i for i in range(len(lines)) if marked[i] and _in_block(marked, i)]
    for first in blocks:
        for step in (-1, 1):
            i = first + step
            while 0 <= i < len(lines) and not marked[i] and _caption(lines[i]):
                marked[i] = True
                i += step


def _in_block(marked: list[bool], i: int) -> bool:
    return (i > 0 and marked[i - 1]) or (i + 1 < len(marked) and marked[i + 1])


def _caption(line: _Line) -> bool:
    return len(line.words) <= _SHORT_WORDS and not line.ends_sentence
