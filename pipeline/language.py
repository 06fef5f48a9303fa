"""The language of an article: the one its format declares, else a guess from its words.

Every stage asks this one module: extraction chooses the pipeline that reads the text (or the
name lists alone), story matching the stop words and stemmer. Many formats declare nothing
(IPTC 7901, ANPA, plain text), and short copy is common there, so the guess must work on a
headline and a few lines: it weighs the function words of each language (spaCy's stop-word
lists, plain sets, no model) among the text's first words.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "en"
# Languages an undeclared text is tested against: those of the agencies whose formats carry no
# language field (7901 and ANPA copy of European services), and languages of other scripts,
# whose function words no Latin-script text shares (more Latin-script lists, such as
# Lithuanian's, take short English texts for theirs).
GUESSED = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "nb", "da", "fi", "ar", "el", "ru")
_SAMPLE_CHARS = 3000
_SAMPLE_WORDS = 200  # the first words of a text are enough to tell its language
_WORD = re.compile(r"[^\W\d_]+")
# Another language than English needs the weight of two function words of its own: a short
# English text may hold one word a single other language lists ("met", Dutch for "with").
_LEAST_WEIGHT = 2.0


def language_of(declared: str | None, text: str) -> str:
    """The declared language ("de-DE" as "de"), else the language the text is guessed to be in."""
    return declared_code(declared) or guess(text)


def declared_code(declared: str | None) -> str | None:
    """The ISO 639 code of a declared language ("de", "de-DE", "de_de" all as "de")."""
    code = (declared or "").strip().casefold().replace("_", "-").split("-")[0]
    return code or None


def guess(text: str) -> str:
    """The language whose function words weigh most among the text's first words.

    A word several languages list counts for each of them by its share ("in" is English,
    German and Dutch; "und" German alone), so a language is not favoured for listing more
    words. English wins ties and texts with too few function words to tell (a headline of
    names, a table): that gives them to the English model, as most undeclared copy is English.
    """
    return telling_guess(text) or DEFAULT_LANGUAGE


def telling_guess(text: str) -> str | None:
    """:func:`guess`, but None where the text holds too few function words to tell (a
    results table, a headline of names): what may be recorded as the text's language."""
    sample = _WORD.findall(unicodedata.normalize("NFKC", text[:_SAMPLE_CHARS]).casefold())
    scores = dict.fromkeys(GUESSED, 0.0)
    weights = _weights()
    for word in sample[:_SAMPLE_WORDS]:
        for code, weight in weights.get(word, ()):
            scores[code] += weight
    best = max(GUESSED, key=lambda code: (scores[code], code == DEFAULT_LANGUAGE))
    return best if scores[best] >= _LEAST_WEIGHT else None


@cache
def _weights() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each function word with the languages that list it, each weighing 1 / their number."""
    listed = {code: _folded(stop_words(code)) for code in GUESSED}
    shared = Counter(word for words in listed.values() for word in words)
    found: dict[str, list[tuple[str, float]]] = {}
    for code, words in listed.items():
        for word in words:
            found.setdefault(word, []).append((code, 1.0 / shared[word]))
    return {word: tuple(languages) for word, languages in found.items()}


@cache
def stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words of a language (its package code: "nb", not "no"), as listed.

    Read from the list's own file: importing the language's package would also build its
    tokenizer exceptions, seconds for French, in a process that never tokenizes French.
    """
    spacy = importlib.util.find_spec("spacy")  # a dependency: found, not imported
    assert spacy is not None
    assert spacy.origin is not None
    path = Path(spacy.origin).parent / "lang" / code / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_stop_words_{code}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def _folded(words: frozenset[str]) -> frozenset[str]:
    """The words as the guess sees the text: composed, casefolded, split at non-letters."""
    return frozenset(
        folded
        for word in words
        for folded in _WORD.findall(unicodedata.normalize("NFKC", word).casefold())
    )
