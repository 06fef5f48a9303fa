"""How many entity mentions of real copy come from table, price-list and results lines.

The prose filter (:mod:`pipeline.extract.prose`) blanks the lines it takes for tables before
extraction reads a body, so counting mentions on the lines it blanks would always give zero.
This measure looks with a broader, independent test instead: a line is *suspect* when it holds
columns (bars, tabs, runs of spaces), when a fifth of its words are figures, or when it is short
and holds a score or a time. Every mention on a suspect
line is counted, with the filter and without it, and listed for a person to judge: a sentence
with two figures ("rose 5 pct to 30 mln dlrs") is suspect but no table, so the count is an upper
bound and the listing says which are table rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from pipeline.errors import PermanentError
from pipeline.evaluation.scoring import ratio
from pipeline.extract import entities, extract_articles, reader
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.schemas import Article, Mention

_LINE = re.compile(r"[^\n]+")
_FIGURE = re.compile(r"\d")
_COLUMNS = re.compile(r"[|\t]|\S {3,}\S")
_SCORE = re.compile(r"\b\d{1,3}[:\-–]\d{1,3}\b")
_MIN_FIGURES = 2
_FIGURE_SHARE = 0.2
_SHORT = 12
_PER = 100
_SHOWN = 120


@dataclass(frozen=True)
class Suspect:
    """A mention on a suspect line, with the line, for a person to judge."""

    source: str
    line: str
    mention: str


@dataclass
class TableReport:
    articles: int = 0
    read_by_model: int = 0
    mentions: int = 0
    suspect: list[Suspect] = field(default_factory=list)
    mentions_unfiltered: int = 0
    suspect_unfiltered: list[Suspect] = field(default_factory=list)

    @property
    def per_hundred(self) -> float:
        return _PER * ratio(len(self.suspect), self.mentions)

    @property
    def per_hundred_unfiltered(self) -> float:
        return _PER * ratio(len(self.suspect_unfiltered), self.mentions_unfiltered)


def suspect_line(line: str) -> bool:
    """What a table row would show: columns, a fifth of its words figures (two at least), or a
    score or time on a short line. A paragraph of prose with a date and a sum is none."""
    words = line.split()
    figures = sum(1 for word in words if _FIGURE.search(word))
    if _COLUMNS.search(line) or (figures >= _MIN_FIGURES and figures >= _FIGURE_SHARE * len(words)):
        return True
    return len(words) <= _SHORT and bool(_SCORE.search(line))


def articles_in(folders: list[Path], options: ParseOptions) -> Iterator[tuple[str, Article]]:
    """Every article of every file under the folders that parses, named by its file."""
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                parsed = parse_bytes(path.read_bytes(), path.name, options)
            except PermanentError:
                continue  # not a wire file (licences, schemas, invalid samples)
            yield from ((str(path.relative_to(folder)), article) for article in parsed)


def measure(articles: Iterable[tuple[str, Article]], nlp: Language) -> TableReport:
    """Mentions on suspect lines of distinct bodies, with the prose filter (as the pipeline
    extracts) and without it (the model reading the whole body, for the articles it reads)."""
    distinct = list({article.body: (name, article) for name, article in articles}.values())
    report = TableReport(articles=len(distinct))
    extractions = extract_articles((article for _, article in distinct), nlp)
    for (name, article), extraction in zip(distinct, extractions, strict=True):
        report.mentions += len(extraction.mentions)
        report.suspect += on_suspect_lines(name, article.body, extraction.mentions)
    read = [(name, article) for name, article in distinct if reader(nlp, article) is nlp]
    report.read_by_model = len(read)
    docs = nlp.pipe((article.body for _, article in read), batch_size=16)
    for (name, article), doc in zip(read, docs, strict=True):
        mentions = entities.find_entities(doc, article).mentions
        report.mentions_unfiltered += len(mentions)
        report.suspect_unfiltered += on_suspect_lines(name, article.body, mentions)
    return report


def on_suspect_lines(source: str, body: str, mentions: list[Mention]) -> list[Suspect]:
    """The mentions on suspect lines of a body, each with its line."""
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(body)]
    found = []
    for mention in mentions:
        line = next((text for start, end, text in lines if start <= mention.start < end), "")
        if suspect_line(line):
            found.append(Suspect(source, line.strip(), mention.text))
    return found


def render(report: TableReport) -> str:
    rows = [
        f"entities from table lines: {report.articles} distinct articles",
        f"with the prose filter: {report.mentions} mentions, {len(report.suspect)} on lines "
        f"with columns, figures or a score ({report.per_hundred:.2f} in 100)",
        f"without it ({report.read_by_model} articles a model reads): "
        f"{report.mentions_unfiltered} mentions, {len(report.suspect_unfiltered)} on such lines "
        f"({report.per_hundred_unfiltered:.2f} in 100)",
        "mentions on such lines with the filter (judge each: a table row, or prose with figures):",
    ]
    rows += [_row(suspect) for suspect in report.suspect]
    rows.append("mentions on such lines without the filter:")
    rows += [_row(suspect) for suspect in report.suspect_unfiltered]
    return "\n".join(rows)


def _row(suspect: Suspect) -> str:
    return f"  {suspect.source}: {suspect.mention!r} | {suspect.line[:_SHOWN]}"
