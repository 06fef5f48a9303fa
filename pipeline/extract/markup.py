"""Stock-ticker and company markup in wire text: removed from what is read, kept as a cue.

Business wires mark a listed company with its ticker after the name ("Standard Oil Co <SRD>",
"British Petroleum Co Plc <BP>", "Dell (NASDAQ: DELL)") and an unlisted one by angle brackets
around the name ("<Comissaria Smith> said"). Read as text, the markup sticks to names ("SRD>
TO FORM"); read as markup, it says that the name is an organisation, and a company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CharSpan = tuple[int, int]

_TICKER = re.compile(
    r"<[A-Z][A-Z0-9&]{0,6}(?:\.[A-Z]{1,3})?>"
    r"|\((?:NYSE|NASDAQ|Nasdaq|AMEX|LSE|TSX|ASX|OTC[A-Z]*)(?: [A-Za-z]+)?"
    r"\s?:\s?[A-Z][A-Z0-9.]{0,7}\)"
)
_BRACKETED = re.compile(r"<([^<>\n]{1,80})>")


def markup_spans(text: str) -> list[CharSpan]:
    """What to blank: whole tickers, and the brackets (only) around a bracketed name."""
    spans = [(m.start(), m.end()) for m in _TICKER.finditer(text)]
    for match in _BRACKETED.finditer(text):
        if not _TICKER.fullmatch(match.group()):
            spans += [(match.start(), match.start() + 1), (match.end() - 1, match.end())]
    return sorted(spans)


def ticker_name_ends(text: str) -> list[int]:
    """Offsets where a name followed by a ticker ends ("Standard Oil Co" before "<SRD>")."""
    ends = []
    for match in _TICKER.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1].isalnum():
            ends.append(len(before))
    return ends


def bracketed_names(text: str) -> list[CharSpan]:
    """Ranges of capitalised names written inside angle brackets ("<Comissaria Smith>")."""
    return [
        match.span(1)
        for match in _BRACKETED.finditer(text)
        if not _TICKER.fullmatch(match.group()) and match.group(1)[:1].isupper()
    ]


@dataclass(frozen=True)
class CompanyCues:
    """What the markup of one text says: names that are companies, and where such names end."""

    names: list[CharSpan] = field(default_factory=list)
    name_ends: list[int] = field(default_factory=list)


def company_cues(text: str) -> CompanyCues:
    return CompanyCues(bracketed_names(text), ticker_name_ends(text))
