"""Content words per language: stop words, reporting words and a stem, for story similarity.

A story is recognised by what its happening is about, so the words every text of a language
carries (articles, pronouns, auxiliaries, "said", weekdays) must count for nothing, and the
inflected forms of one word must count as one ("Straßenbahn", "Straßenbahnen"). The stop-word
lists are spaCy's (``spacy.lang.<xx>.stop_words``, plain sets, no model), the stems Snowball's
(the ``snowballstemmer`` package). An article's language is the one :mod:`pipeline.language`
gives (declared, else guessed); one without lists here is read as English.
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from pipeline.dedupe.fingerprints import normalise_text
from pipeline.language import DEFAULT_LANGUAGE, language_of, stop_words

# ISO 639-1 code → (spaCy language package, Snowball algorithm).
_LANGUAGES = {
    "ar": ("ar", "arabic"), "ca": ("ca", "catalan"), "cs": ("cs", "czech"),
    "da": ("da", "danish"), "de": ("de", "german"), "el": ("el", "greek"),
    "en": ("en", "english"), "es": ("es", "spanish"), "fi": ("fi", "finnish"),
    "fr": ("fr", "french"), "hu": ("hu", "hungarian"), "id": ("id", "indonesian"),
    "it": ("it", "italian"), "lt": ("lt", "lithuanian"), "nb": ("nb", "norwegian"),
    "nl": ("nl", "dutch"), "nn": ("nn", "norwegian"), "no": ("nb", "norwegian"),
    "pl": ("pl", "polish"), "pt": ("pt", "portuguese"), "ro": ("ro", "romanian"),
    "ru": ("ru", "russian"), "sv": ("sv", "swedish"), "tr": ("tr", "turkish"),
}  # fmt: skip

# Reporting words and names of days and months: every wire story of the language has them,
# so they say nothing about which story it is (folded like the text: casefolded, ß as ss).
# English months stay words: "march" is a protest, "may" a stop word already.
_NEWS_WORDS = {
    "en": """said says told according reported report reports statement added noted news
        agency monday tuesday wednesday thursday friday saturday sunday today yesterday week
        year years time people""",
    "de": """sagte sagten sagt sagen erklärte erklärt teilte mitteilte mitgeteilt mitteilung
        berichtete berichtet bericht angaben zufolge nachrichtenagentur dpa uhr montag dienstag
        mittwoch donnerstag freitag samstag sonnabend sonntag heute gestern woche jahr jahre
        jahren januar februar märz april mai juni juli august september oktober november
        dezember""",
    "fr": """dit déclaré selon annoncé indiqué agence afp lundi mardi mercredi jeudi vendredi
        samedi dimanche aujourd hier semaine année ans janvier février mars avril mai juin
        juillet août septembre octobre novembre décembre""",
    "es": """dijo afirmó según informó agencia efe lunes martes miércoles jueves viernes
        sábado domingo hoy ayer semana año años enero febrero marzo abril mayo junio julio
        agosto septiembre octubre noviembre diciembre""",
}


@dataclass(frozen=True)
class Language:
    code: str
    stop_words: frozenset[str]
    stemmer: _Stemmer


def language_code(declared: str | None, text: str) -> str:
    """The language of a text whose stop words and stemmer are here (its declared or guessed
    one, "no" and "nn" as Norwegian), else English."""
    code = language_of(declared, text)
    return code if code in _LANGUAGES else DEFAULT_LANGUAGE


@cache
def language(code: str) -> Language:
    spacy_code, algorithm = _LANGUAGES[code]
    listed = stop_words(spacy_code)
    news = _NEWS_WORDS.get(code, "").split()
    # Folded as the text is (casefolded, punctuation a space: "aujourd'hui" is two words).
    ignored = frozenset(
        folded for word in [*listed, *news] for folded in normalise_text(word).split()
    )
    # The pure-Python stemmer, named directly: ``snowballstemmer.stemmer`` hands out PyStemmer's
    # where that is installed, whose Snowball release may stem some words otherwise, and stems
    # are stored (a host with it and one without would disagree).
    module = importlib.import_module(f"snowballstemmer.{algorithm}_stemmer")
    stemmer = getattr(module, f"{algorithm.title()}Stemmer")()
    return Language(code, ignored, stemmer)


@lru_cache(maxsize=1 << 16)
def stem(code: str, word: str) -> str:
    """The word's stem (Snowball in Python costs ~0.1 ms a word; most words recur, so the
    stems of the recent ones are kept)."""
    with _STEMMING:  # a stemmer keeps the word it works on in itself
        return str(language(code).stemmer.stemWord(word))


_STEMMING = threading.Lock()


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...  # noqa: N802 (the package's name)
