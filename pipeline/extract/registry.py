"""Listed companies from a public registry package: names that are organisations, and companies.

The names are the constituents of twenty stock indices (S&P 500 and 600, Nasdaq 100, Dow
Jones, FTSE 100, DAX family, CAC 40, AEX, BEL 20, IBEX 35, Euro Stoxx 50, OMX Helsinki and
Stockholm, SMI, Nikkei 225: some 1,800 companies) as shipped by the ``pytickersymbols`` package
(MIT licence; compiled from Wikipedia). Each is kept without its legal form and a leading "The"
("Anglo American plc" -> "Anglo American").

A name of two words or more is distinctive enough to be found in any text ("Deutsche Bank",
"Smith & Nephew"). A one-word name often is a word or a surname too ("Target", "Next",
"Ford"): it only settles the type of a span something else found.
"""

from __future__ import annotations

from functools import lru_cache

from pytickersymbols.indices_data import INDICES

from pipeline.extract.canonical import without_legal_form

_SHORTEST_SINGLE = 4


@lru_cache(maxsize=1)
def listed_companies() -> frozenset[str]:
    """Every listed company's name without legal form, as written."""
    names = set()
    for index in INDICES.values():
        for company in index["companies"]:
            name = _stem(str(company["name"]))
            if name:
                names.add(name)
    return frozenset(names)


def company_phrases() -> list[str]:
    """Names of two words or more: found wherever they are written."""
    return sorted(name for name in listed_companies() if len(name.split()) > 1)


def is_listed_company(name: str) -> bool:
    """A listed company's name, with or without its legal form."""
    stem = _stem(name)
    single = len(stem.split()) == 1
    return stem in listed_companies() and (not single or len(stem) >= _SHORTEST_SINGLE)


def _stem(name: str) -> str:
    name = without_legal_form(name.strip().rstrip(".,").strip())
    return name[4:] if name.startswith("The ") else name
