"""What extraction gives on real copy, with no gold: the faults that need none to be seen.

For every article of any wire files, extracted as the pipeline extracts them, and counted
overall, apart for the data used to tune and the unseen data, and per agency:

- the share of bare statements: CAMEO 010 "make statement" that reports no coded event (a
  reporting verb over a coded event gives way to it, so a 010 left is a statement of nothing
  the lexicon knows), and the share of events per scheme (CAMEO or the wire codes);
- events whose actor or target is a pronoun or a word for no one
  (:func:`~pipeline.evaluation.events.has_pronoun_role`) or an unresolved nominal ("the
  company": it stands for a named company or for no one), and events with no actor; the target
  for the first is 0;
- entity names holding markup: angle brackets, braces, an HTML/XML character reference
  ("&amp;"), a ticker ("<SRD>", "(NYSE: DELL)"); a bare "&" is part of names ("AT&T");
- mentions on table, price-list and results lines, by the suspect-line test of
  :mod:`pipeline.evaluation.tables` (an upper bound: prose with figures is suspect too);
- evidence sentences that run across a paragraph break (offsets index the body, paragraphs
  joined by :data:`~pipeline.schemas.PARAGRAPH_SEPARATOR`).

An article is tuning data when its file is under one of the paths named as such: every row
says how many of its articles are, so a figure on tuning data is not taken for one on unseen copy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from spacy.language import Language

from pipeline.evaluation.events import has_pronoun_role
from pipeline.evaluation.judged import SourceArticle, distinct, files_under, read_sources
from pipeline.evaluation.scoring import ratio
from pipeline.evaluation.tables import Suspect, on_suspect_lines
from pipeline.extract import extract_articles
from pipeline.extract.cameo import CAMEO, WIRE
from pipeline.extract.coreference import COMPANY_NOUNS
from pipeline.extract.markup import markup_spans
from pipeline.formats import ParseOptions
from pipeline.schemas import PARAGRAPH_SEPARATOR, Article, EventRecord, Extraction

STATEMENT = "010"
_MARKUP = re.compile(r"[<>{}]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_DETERMINERS = frozenset({"the", "this", "that"})
_PER = 100
_SHOWN = 160


@dataclass(frozen=True)
class Example:
    """One fault, with where it is and what a person needs to judge it."""

    source: str
    tuned: bool
    what: str
    sentence: str


@dataclass
class Block:
    """The counts of one group of articles."""

    articles: int = 0
    tuned_articles: int = 0
    events: int = 0
    bare_statements: int = 0
    schemes: Counter[str] = field(default_factory=Counter)
    pronoun_roles: int = 0
    empty_actors: int = 0
    entities: int = 0
    markup_names: int = 0
    mentions: int = 0
    table_mentions: int = 0
    across_paragraphs: int = 0

    def tuned_label(self) -> str:
        if self.tuned_articles == 0:
            return "no"
        if self.tuned_articles == self.articles:
            return "YES"
        return f"PARTLY ({self.tuned_articles}/{self.articles})"


@dataclass
class CopyReport:
    """Counts overall, for tuned and unseen articles, per agency, and the faults listed."""

    overall: Block = field(default_factory=Block)
    tuned: Block = field(default_factory=Block)
    unseen: Block = field(default_factory=Block)
    agencies: dict[str, Block] = field(default_factory=dict)
    pronoun_examples: list[Example] = field(default_factory=list)
    markup_examples: list[Example] = field(default_factory=list)
    table_examples: list[Example] = field(default_factory=list)
    paragraph_examples: list[Example] = field(default_factory=list)


def is_bare_statement(event: EventRecord, reported_by: frozenset[int]) -> bool:
    """A CAMEO 010 whose trigger reports no other event of the article (``reported_by``: the
    offsets of the article's attribution triggers)."""
    return (
        event.scheme == CAMEO and event.code == STATEMENT and event.trigger_start not in reported_by
    )


def is_unresolved_nominal(text: str) -> bool:
    """ "the company", "This bank": a company noun standing for a named one, left as written."""
    words = text.casefold().split()
    return len(words) == 2 and words[0] in _DETERMINERS and words[1] in COMPANY_NOUNS


def has_unnamed_role(event: EventRecord) -> bool:
    """An actor or target that names no one: a pronoun or an unresolved nominal."""
    roles = [text for text in (event.actor_text, event.target_text) if text]
    return has_pronoun_role(event) or any(map(is_unresolved_nominal, roles))


def has_markup(name: str) -> bool:
    """Markup characters, a character reference or a ticker in an entity's name."""
    return bool(_MARKUP.search(name) or markup_spans(name))


def crosses_paragraphs(article: Article, event: EventRecord) -> bool:
    return PARAGRAPH_SEPARATOR in article.body[event.start : event.end]


def sources(
    paths: Iterable[Path], tuned: Iterable[Path], options: ParseOptions, root: Path | None = None
) -> Iterator[SourceArticle]:
    """The articles of the files under ``paths``, tuning data when under a ``tuned`` path."""
    tuned_roots = [path.resolve() for path in tuned]
    for path in files_under(paths):
        used = any(path.resolve().is_relative_to(tuned_root) for tuned_root in tuned_roots)
        yield from read_sources([path], options, used, root)


def measure_copy(articles: Iterable[SourceArticle], nlp: Language) -> CopyReport:
    """Every distinct article extracted and counted (the same item in two formats once)."""
    chosen = list(distinct(articles))
    report = CopyReport()
    extractions = extract_articles((source.article for source in chosen), nlp)
    for source, extraction in zip(chosen, extractions, strict=True):
        add_article(report, source, extraction)
    return report


def add_article(report: CopyReport, source: SourceArticle, extraction: Extraction) -> None:
    """One article's counts added to its groups, its faults to the listed ones."""
    found = _count(source, extraction, report)
    agency = source.article.agency or f"no agency ({source.article.format})"
    kind = report.tuned if source.tuned else report.unseen
    for block in (report.overall, kind, report.agencies.setdefault(agency, Block())):
        _add(block, found)


def _count(source: SourceArticle, extraction: Extraction, report: CopyReport) -> Block:
    """One article's counts; its faults are appended to the report's examples."""
    article, events = source.article, extraction.events
    reported_by = frozenset(
        e.attribution_trigger_start for e in events if e.attribution_trigger_start is not None
    )
    found = Block(articles=1, tuned_articles=int(source.tuned), events=len(events))
    found.bare_statements = sum(is_bare_statement(event, reported_by) for event in events)
    found.schemes = Counter(event.scheme for event in events)
    found.empty_actors = sum(not event.actor_text for event in events)
    unnamed = [event for event in events if has_unnamed_role(event)]
    crossing = [event for event in events if crosses_paragraphs(article, event)]
    marked = [entity.name for entity in extraction.entities if has_markup(entity.name)]
    tables = on_suspect_lines(source.source, article.body, extraction.mentions)
    found.pronoun_roles, found.across_paragraphs = len(unnamed), len(crossing)
    found.entities, found.markup_names = len(extraction.entities), len(marked)
    found.mentions, found.table_mentions = len(extraction.mentions), len(tables)
    report.pronoun_examples += [_event_example(source, e, _roles(e)) for e in unnamed]
    report.paragraph_examples += [_event_example(source, e, e.trigger) for e in crossing]
    report.markup_examples += [Example(source.source, source.tuned, name, "") for name in marked]
    report.table_examples += [_table_example(source, suspect) for suspect in tables]
    return found


def _add(block: Block, found: Block) -> None:
    for counted in fields(Block):
        if counted.name == "schemes":
            block.schemes.update(found.schemes)
        else:
            setattr(
                block, counted.name, getattr(block, counted.name) + getattr(found, counted.name)
            )


def _roles(event: EventRecord) -> str:
    return (
        f"{event.code} {event.trigger!r}: actor {event.actor_text!r}, target {event.target_text!r}"
    )


def _event_example(source: SourceArticle, event: EventRecord, what: str) -> Example:
    sentence = " ".join(source.article.body[event.start : event.end].split())
    return Example(source.source, source.tuned, what, sentence)


def _table_example(source: SourceArticle, suspect: Suspect) -> Example:
    return Example(source.source, source.tuned, suspect.mention, suspect.line)


def render(report: CopyReport) -> str:
    rows = [
        "extraction on real copy: one row per group of distinct articles; tuned on it? says how "
        "many of its articles were used to tune (their figures are upper bounds)",
        "bare-010: CAMEO 010 statements reporting no coded event, of events; unnamed: pronoun or "
        "unresolved nominal actor/target (target 0); markup: entity names with markup (target 0); "
        "table: mentions on table/price/results lines, in 100 (target <= 1); across: evidence "
        "sentences across a paragraph break",
        _HEADER.format(*_COLUMNS),
    ]
    # With one kind of data only, its row would repeat the overall one.
    mixed = report.tuned.articles and report.unseen.articles
    kinds = {"tuned": report.tuned, "unseen": report.unseen} if mixed else {}
    blocks = {"all": report.overall, **kinds, **report.agencies}
    rows += [_block_row(name, block) for name, block in blocks.items()]
    listed = (
        ("events with a pronoun or unresolved nominal actor or target", report.pronoun_examples),
        ("entity names with markup", report.markup_examples),
        ("mentions on table, price or results lines (judge each)", report.table_examples),
        ("evidence sentences across a paragraph break", report.paragraph_examples),
    )
    for title, examples in listed:
        rows.append(f"{title}: {len(examples)}")
        rows += [_example_row(example) for example in examples]
    return "\n".join(rows)


_COLUMNS = ("group", "tuned on it?", "articles", "events", "bare-010", "cameo/wire", "unnamed",
            "empty actor", "markup", "table", "across")  # fmt: skip
_HEADER = "{:<22} {:<20} {:>8} {:>6}  {:<14} {:<10} {:>7}  {:<14} {:<9} {:<17} {}"


def _block_row(name: str, block: Block) -> str:
    in_100 = _PER * ratio(block.table_mentions, block.mentions)
    table = f"{block.table_mentions}/{block.mentions} ({in_100:.2f})"
    return _HEADER.format(
        name[:22],
        block.tuned_label(),
        block.articles,
        block.events,
        _share(block.bare_statements, block.events),
        f"{block.schemes[CAMEO]}/{block.schemes[WIRE]}",
        block.pronoun_roles,
        _share(block.empty_actors, block.events),
        f"{block.markup_names}/{block.entities}",
        table,
        f"{block.across_paragraphs}/{block.events}",
    )


def _share(part: int, whole: int) -> str:
    return f"{part} ({_PER * ratio(part, whole):.1f} %)"


def _example_row(example: Example) -> str:
    used = "tuned" if example.tuned else "unseen"
    sentence = f" | {example.sentence[:_SHOWN]}" if example.sentence else ""
    return f"  {example.source} [{used}]: {example.what}{sentence}"
