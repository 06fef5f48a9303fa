"""Events judged one by one, as an event-data coder judges them: a sample anyone can redraw.

:func:`draw_sample` extracts the events of real wire files (any format the registry parses, or
ECB+ documents) and draws ``count`` of them at a fixed seed into rows with empty judgment
columns; :func:`write_sample` writes them as a TSV a person fills in, and :func:`score_judged`
reads a filled-in TSV back and gives four figures:

- ``happening``: the trigger reports a real happening, whatever its code (y/n);
- ``code_ok`` (optional column): the code names that happening's kind (y/n; na when no
  happening); with it, ``coded`` is the share of all events that are a happening rightly coded;
- ``actor_ok``, ``target_ok``, ``date_ok``: the field is right (y/n), or ``na`` when there is
  nothing to judge: the event is no happening, or the field is empty and the text names no such
  thing for this happening. An empty field where the text names one is ``n``.

Each row says whether its data was used to tune the extractor (``tuned``: yes/no): figures are
printed for all rows and apart for the tuned and the unseen ones, so a figure on tuning data is
never taken for one on unseen copy. Comment lines (``#``) carry who judged and when.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline.errors import PermanentError
from pipeline.evaluation.ecbplus import as_article, read_document
from pipeline.evaluation.events import TUNED_TOPICS
from pipeline.extract import extract_articles
from pipeline.extract.dates import reference_date
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.schemas import Article, EventRecord, Extraction

JUDGMENTS = ("happening", "actor_ok", "target_ok", "date_ok")
# Judged when the file has the column: the code names the happening's kind.
OPTIONAL = ("code_ok",)
_ANSWERS = frozenset({"y", "n", "na"})
_ECB_SUFFIXES = ("ecb.xml", "ecbplus.xml")
# Cells are single lines without tabs (:func:`_one_line`): no quoting, so quotes in sentences
# stay as written and the file reads well in any editor.
_PLAIN: dict[str, Any] = {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None}


@dataclass(frozen=True)
class SampleRow:
    """One drawn event with what a coder needs to judge it; judgments empty until judged."""

    number: int
    source: str
    article: str
    tuned: str
    reference: str
    sentence: str
    trigger: str
    scheme: str
    code: str
    label: str
    actor: str
    target: str
    date: str
    date_text: str
    place: str
    modality: str
    attribution: str
    happening: str = ""
    code_ok: str = ""
    actor_ok: str = ""
    target_ok: str = ""
    date_ok: str = ""
    note: str = ""


COLUMNS = tuple(field.name for field in fields(SampleRow))


@dataclass(frozen=True)
class SourceArticle:
    """An article with the file it came from and whether that file was used to tune."""

    source: str
    article: Article
    tuned: bool


def read_sources(
    paths: Iterable[Path], options: ParseOptions, tuned: bool = False, root: Path | None = None
) -> Iterator[SourceArticle]:
    """Articles of the files (folders walked, sorted), ECB+ documents included. An ECB+ topic
    in :data:`TUNED_TOPICS` is tuning data whatever ``tuned`` says; files no parser takes are
    skipped."""
    for path in files_under(paths):
        name = _relative(path, root)
        if path.name.endswith(_ECB_SUFFIXES):
            topic = path.name.split("_", 1)[0]
            article = as_article(read_document(path))
            yield SourceArticle(name, article, tuned or topic in TUNED_TOPICS)
            continue
        try:
            articles = parse_bytes(path.read_bytes(), str(path), options)
        except PermanentError:
            continue
        yield from (SourceArticle(name, article, tuned) for article in articles)


def files_under(paths: Iterable[Path]) -> list[Path]:
    """The files, and every file under the folders, sorted within each folder."""
    found: list[Path] = []
    for path in paths:
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return found


def _relative(path: Path, root: Path | None) -> str:
    resolved = path.resolve()
    if root is not None and resolved.is_relative_to(root):
        return str(resolved.relative_to(root))
    return str(path)


def draw_sample(
    sources: Iterable[SourceArticle],
    nlp: Language,
    count: int,
    seed: int = 0,
    exclude: frozenset[str] = frozenset(),
    dated: bool = False,
) -> list[SampleRow]:
    """``count`` events drawn at random (fixed seed) from the articles' events, leaving out the
    articles whose id is in ``exclude`` and repeats of an article already read (one
    item in two formats). With ``dated``, only events that carry a date are drawn: a sample
    of general events holds few, too few to tell how right dates are."""
    chosen = [s for s in distinct(sources) if s.article.item_key not in exclude]
    extractions = extract_articles((s.article for s in chosen), nlp)
    drawn = [
        (source, extraction, event)
        for source, extraction in zip(chosen, extractions, strict=True)
        for event in extraction.events
        if event.date is not None or not dated
    ]
    picked = random.Random(seed).sample(drawn, min(count, len(drawn)))
    return [_row(n, s, x, e) for n, (s, x, e) in enumerate(picked, start=1)]


def distinct(sources: Iterable[SourceArticle]) -> Iterator[SourceArticle]:
    """The first of articles whose item id or body was seen already (the same item shipped in
    several formats is one article)."""
    seen: set[str] = set()
    for source in sources:
        keys = {source.article.item_key, " ".join(source.article.body.split())}
        if not keys & seen:
            seen |= keys
            yield source


def _row(
    number: int, source: SourceArticle, extraction: Extraction, event: EventRecord
) -> SampleRow:
    body = source.article.body
    places = {m.entity_key: m.text for m in extraction.mentions}
    date = ""
    if event.date is not None:
        end = f"/{event.date_end}" if event.date_end else ""
        date = f"{event.date}{end} {event.date_precision}"
    return SampleRow(
        number=number,
        source=source.source,
        article=source.article.item_key,
        tuned="yes" if source.tuned else "no",
        reference=str(reference_date(source.article) or ""),
        sentence=_one_line(body[event.start : event.end]),
        trigger=event.trigger,
        scheme=event.scheme,
        code=event.code,
        label=event.label,
        actor=_one_line(event.actor_text or ""),
        target=_one_line(event.target_text or ""),
        date=date,
        date_text=_one_line(event.date_text or ""),
        place=places.get(event.location_key or "", ""),
        modality=event.modality.value,
        attribution=_one_line(event.attribution or ""),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_sample(rows: list[SampleRow], path: Path, header: list[str]) -> None:
    """The rows as a TSV, after ``#`` comment lines (how it was drawn, how to judge)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in header:
            handle.write(f"# {line}\n")
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n", **_PLAIN)
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)


def read_sample(path: Path) -> list[SampleRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        reader = csv.DictReader(lines, **_PLAIN)
        return [_read_row(row) for row in reader]


def _read_row(row: dict[str, str]) -> SampleRow:
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    return SampleRow(**{**values, "number": int(values["number"])})  # type: ignore[arg-type]


def excluded_articles(paths: Iterable[Path]) -> frozenset[str]:
    """Article ids of every row of earlier samples: a held-out draw leaves them out."""
    return frozenset(row.article for path in paths for row in read_sample(path))


@dataclass(frozen=True)
class Figure:
    right: int
    judged: int

    def line(self, name: str) -> str:
        share = f"{100 * self.right / self.judged:5.1f} %" if self.judged else "    - "
        return f"  {name:<10} {share}  ({self.right} of {self.judged})"


def figures(rows: list[SampleRow]) -> dict[str, Figure]:
    """Share of ``y`` among the rows judged y or n, per judgment; ``na`` and blanks left out.
    Code, roles and dates are judged only on real happenings. When codes are judged,
    ``coded`` is the share of all events that are a happening with the right code."""
    found = {}
    for name in ("happening", *OPTIONAL, *JUDGMENTS[1:]):
        answers = [getattr(row, name) for row in rows]
        if name != "happening":
            answers = [a for row, a in zip(rows, answers, strict=True) if row.happening == "y"]
        judged = sum(a in ("y", "n") for a in answers)
        if judged or name in JUDGMENTS:
            found[name] = Figure(answers.count("y"), judged)
    if "code_ok" not in found:
        return found
    coded = [r for r in rows if r.happening == "n" or r.code_ok in ("y", "n")]
    right = sum(r.happening == "y" and r.code_ok == "y" for r in coded)
    order = ["happening", "code_ok", "coded", *JUDGMENTS[1:]]
    found["coded"] = Figure(right, len(coded))
    return {name: found[name] for name in order}


def unjudged(rows: list[SampleRow]) -> list[int]:
    """Rows with a blank or unknown answer (every judgment must be y, n or na)."""
    return [row.number for row in rows if any(getattr(row, n) not in _ANSWERS for n in JUDGMENTS)]


def score_judged(path: Path) -> str:
    rows = read_sample(path)
    lines = [f"judged events: {path.name}, {len(rows)} rows"]
    missing = unjudged(rows)
    if missing:
        listed = ", ".join(map(str, missing[:20]))
        lines.append(f"  not judged, left out: {len(missing)} (rows {listed})")
        rows = [row for row in rows if row.number not in missing]
    groups = [("all", rows)]
    for flag in ("yes", "no"):
        group = [row for row in rows if row.tuned == flag]
        if group and len(group) < len(rows):
            groups.append((f"tuned={flag}", group))
    for name, group in groups:
        lines.append(f"{name}: {len(group)} events, {_tuned_note(group)}")
        lines += [figure.line(_NAMES[n]) for n, figure in figures(group).items()]
    return "\n".join(lines)


_NAMES = {
    "happening": "happening",
    "code_ok": "code",
    "coded": "coded",
    "actor_ok": "actor",
    "target_ok": "target",
    "date_ok": "date",
}


def _tuned_note(rows: list[SampleRow]) -> str:
    flags = {row.tuned for row in rows}
    if flags == {"no"}:
        return "data not used for tuning"
    if flags == {"yes"}:
        return "data USED FOR TUNING"
    return "data partly USED FOR TUNING"
