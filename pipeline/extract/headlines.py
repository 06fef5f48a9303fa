"""Title-case headlines read as sentences.

In "Maria Jensen Checks Into Rehab" the tagger takes every capitalised word for part of a
name, so the verb is lost. Before the model reads the text, a line written in title case gets
its common words lower-cased: the words the article itself writes in lower case elsewhere (in any
form: "Checks" for "checked"), the words of the event lexicons, and function words ("into",
"to", "after"). A word the article writes capitalised inside a
sentence is a name and keeps its capital ("Jensen", "Pine Lodge"), as do the line's first word
and words in capitals ("MIA"). Only letters change case, so every offset stays an offset into
the body, and the parse is carried over to the body's own words (:func:`with_text`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc
from thinc.types import Ints2d

from pipeline.extract import cameo
from pipeline.extract.lexicon import words

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A line is a title-case headline when it is short and all its longer words are capitalised
# (a sentence has some in lower case: "said", "that").
_MAX_WORDS = 25
_MIN_CAPITALISED = 3
_LONG = 4
# What the model gives a token, carried over to the body's own words.
_PARSE = [TAG, POS, MORPH, HEAD, DEP, LEMMA, ENT_IOB, ENT_TYPE]
_SUFFIXES = ("ing", "ed", "es", "s")
_SENTENCE_ENDS = '.!?"“”:;('
_FUNCTION_WORDS = words(
    "a an the and or but nor to into onto in on at by for from of off out over under up down "
    "with without after before during since until amid against about as than then is are was "
    "were be been being has have had will would can could may might must shall should do does "
    "did not no his her its their our your my he she it they we you him them this that these "
    "those who what when where why how back again"
)


def sentence_case(text: str) -> str:
    """The text with its title-case lines' common words in lower case (same length)."""
    lines = text.split("\n")
    titles = [title_case(line) for line in lines]
    if not any(titles):
        return text
    prose = [line for line, title in zip(lines, titles, strict=True) if not title]
    names, lower = _usage(prose)
    lower |= _event_stems()
    return "\n".join(
        _lowered(line, names, lower) if title else line
        for line, title in zip(lines, titles, strict=True)
    )


def title_case(line: str) -> bool:
    """A short line whose long words are all capitalised ("Maria Jensen Checks Into Rehab")."""
    found = _WORD.findall(line)
    long = [word for word in found if len(word) >= _LONG]
    capitalised = [word for word in long if word[0].isupper()]
    return len(found) <= _MAX_WORDS and len(long) == len(capitalised) >= _MIN_CAPITALISED


def _usage(prose: list[str]) -> tuple[set[str], set[str]]:
    """Words the prose writes capitalised inside a sentence (names), and in lower case."""
    names: set[str] = set()
    lower: set[str] = set()
    for line in prose:
        for match in _WORD.finditer(line):
            word = match.group()
            before = line[: match.start()].rstrip()
            if word[0].islower():
                lower.add(stem(word))
            elif before and before[-1] not in _SENTENCE_ENDS:
                names.add(word.casefold())
    return names, lower


def _lowered(line: str, names: set[str], lower: set[str]) -> str:
    chars = list(line)
    for number, match in enumerate(_WORD.finditer(line)):
        word = match.group()
        if number == 0 or not word[0].isupper() or word.isupper():
            continue
        common = word.casefold()
        if common not in names and (stem(common) in lower or common in _FUNCTION_WORDS):
            chars[match.start()] = word[0].lower()
    return "".join(chars)


def stem(word: str) -> str:
    """A crude stem that lets the forms of one word meet ("checks", "checked", "check")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


@cache
def _event_stems() -> frozenset[str]:
    """Stems of the words that name events (the lexicons' verbs and nouns)."""
    return frozenset(stem(word) for word in cameo.lexicon_words())


def with_text(doc: Doc, text: str) -> Doc:
    """The parse of ``doc`` over ``text``, a text of the same length that differs only in case:
    the model read the sentence-cased headline, every word kept is written as the body has it."""
    if doc.text == text:
        return doc
    words = [text[token.idx : token.idx + len(token.text)] for token in doc]
    spaces = [bool(token.whitespace_) for token in doc]
    restored = Doc(doc.vocab, words=words, spaces=spaces)
    restored.from_array(_PARSE, cast(Ints2d, doc.to_array(_PARSE)))
    return restored
