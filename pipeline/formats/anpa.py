"""ANPA-1312 (NAA wire standard, AP layout)::

    SYN SYN SOH a0561 US ...                service letter + sequence, selector codes
    u a DC3 DC1 BC-US-Senate 1stLd-Writethru 11-13 0530
                                            priority, category, slug, take/version words,
                                            reference date mm-dd, word count
    STX ^BC-US-Senate, 1st Ld-Writethru,0530<   '^' header lines: slug echo, "Eds:" notes,
        ^Senate votes ...<                  headline, "^By ..." byline, byline title
        TAB WASHINGTON (AP) _ The Senate ...   tab-indented paragraphs
    ETX AP-WF-11-13-13 1642GMT EOT          trailer: transmission time in GMT

No story id: the key is derived from agency, slug and reference date, shared by every take. The
n-th lead ("1stLd-Writethru") is version n+1; a kill, withhold or correction notice without its
own ordinal supersedes the highest lead its note names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipeline.errors import EmptyItemError, MalformedInputError
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.dateline import Dateline, find_dateline
from pipeline.formats.identity import stable_key
from pipeline.formats.wirestream import Frame, header_of, is_framed, split_frames
from pipeline.schemas import Article, PubStatus, Subject

_LINE_TWO = re.compile(
    r"^\s*(?P<priority>[a-z])\s+(?P<category>[a-z])\s+(?P<slug>\S+)(?P<words>(?:\s+\S+)*?)"
    r"\s+(?P<month>\d{2})-(?P<day>\d{2})\s+(?P<count>\d{4})\b",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"(?P<agency>[A-Z]+)-\w+-(?P<month>\d{2})-(?P<day>\d{2})-(?P<year>\d{2})\s+"
    r"(?P<hour>\d{2})(?P<minute>\d{2})\s*GMT"
)
# f flash, b bulletin, u urgent, r regular, s/a/d lower priorities (deferred, advance).
_URGENCY = {"f": 1, "b": 2, "u": 3, "r": 5, "s": 6, "a": 7, "d": 8}
_LEAD = re.compile(r"(?P<n>\d+)(?:st|nd|rd|th)\s*Ld", re.IGNORECASE)
_STATUS_WORDS = {"kill": PubStatus.CANCELED, "withhold": PubStatus.WITHHELD}
_STATUS_PREFIX = re.compile(r"^(?:KILL|WITHHOLD|ELIMINATION)\s*[-:_]\s*", re.IGNORECASE)
_CORRECTION = re.compile(r"\bCORRECT(?:S|ION|ED)\b", re.IGNORECASE)
_EMBARGO = re.compile(
    r"\b(?:embargoed|hold for release|for release)\b(?:\s+(?:until|at))?\s+"
    r"(?P<hour>\d{2})(?P<minute>\d{2})\s*GMT\s+(?P<month>[A-Z][a-z]{2})\w*\.?\s+(?P<day>\d{1,2})",
    re.IGNORECASE,
)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_END_MARKS = ("(END)", "(MORE)", "END", "MORE")
# The keyword line echoed as the first text line ("BC-LT--Argentina-Cancer Beauty,466"): a
# service designator prefix, or a trailing ",word count". Never a headline.
_KEYWORD_ECHO = re.compile(r"^(?:(?:BC|AM|PM|AP)-\S.*|\S.*,\d{2,5})$", re.IGNORECASE)
# Version and take words of the keyword line ("1stLd-Writethru", "Correction", "Adv12", "Bjt");
# words before the first of them continue the keyword ("Argentina-Cancer Beauty").
_TAKE_WORD = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)\S*|\S*(?:Ld|Writethru|Correct|Kill|Withhold|Advisory|Sub|Add|"
    r"Insert|Precede|Urgent|Bjt|Adv\d|Take|Elimination|Update|Repeat|Lead|Fix|Sked)\S*)$",
    re.IGNORECASE,
)
_SERVICE_PREFIX = re.compile(r"^(?:[A-Z]{2,3}-+)+", re.IGNORECASE)


class AnpaParser(WireParser):
    name = "anpa1312"

    def can_parse(self, sniff: Sniff) -> bool:
        if not is_framed(sniff.data):
            return False
        lines = header_of(sniff.data).split("\n")
        return len(lines) > 1 and bool(_LINE_TWO.match(lines[1]))

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        return articles_from_items(split_frames(data), _article)


@dataclass
class _Heading:
    """The '^' lines after STX."""

    headline: str = ""
    byline: str | None = None
    byline_title: str | None = None
    notes: list[str] = field(default_factory=list)
    # Further heading lines: the entries of a headline list ("AP Top News at ...").
    extra: list[str] = field(default_factory=list)


def _article(frame: Frame, index: int) -> Article:
    warnings = list(frame.warnings)
    service, header = _header(frame.header)
    heading, paragraphs, dateline = _story(frame.text, header["slug"])
    trailer = _TRAILER.search(frame.trailer)
    sent = _sent_at(trailer, warnings)
    agency = dateline.agency if dateline else (trailer["agency"] if trailer else None)
    words = header["words"].split()
    keyword, takes = _keyword_and_takes(header["slug"], words)
    notes = " ".join(heading.notes)
    version = _version(words, notes)
    return Article(
        format=AnpaParser.name,
        item_key=_item_key(agency, header, sent),
        version=version,
        item_index=index,
        agency=agency,
        headline=_STATUS_PREFIX.sub("", heading.headline),
        slugline=keyword,
        byline=heading.byline,
        dateline_place=dateline.normalised_place if dateline else None,
        dateline_text=dateline.text if dateline else None,
        published_at=sent,
        first_created_at=sent if version == 1 else None,
        embargo_until=_embargo(notes, sent, warnings),
        urgency=_URGENCY.get(header["priority"].casefold()),
        pubstatus=_status(words),
        subjects=[Subject(code=header["category"], scheme="anpa-category")],
        is_correction=bool(_CORRECTION.search(notes) or "Correction" in words),
        update_marker=" ".join(takes) or None,
        paragraphs=paragraphs,
        raw_meta=_raw_meta(service, header, heading, frame.trailer),
        warnings=warnings,
    )


def _story(text: str, slug: str) -> tuple[_Heading, list[str], Dateline | None]:
    """Heading lines, body paragraphs with the dateline split off, and the dateline.

    A headline list has its entries as body; a one-line alert is its own body, and its
    headline is that line without the dateline.
    """
    heading, body_lines = _heading(text, slug)
    paragraphs = _paragraphs(body_lines) or heading.extra or [heading.headline]
    alert = paragraphs == [heading.headline]
    dateline = find_dateline(paragraphs[0]) if paragraphs[0] else None
    if dateline:
        paragraphs[0] = paragraphs[0][dateline.body_start :].strip()
        if alert:
            heading.headline = paragraphs[0]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if not heading.headline and paragraphs:
        heading.headline = _first_sentence(paragraphs[0])
    if not heading.headline or not paragraphs:
        raise EmptyItemError("ANPA message without headline or body text")
    return heading, paragraphs, dateline


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text[: end + 1] if 0 < end < 200 else text[:200]


def _header(text: str) -> tuple[str, dict[str, str]]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    match = _LINE_TWO.match(lines[1]) if len(lines) > 1 else None
    if match is None:
        raise MalformedInputError("ANPA keyword line unreadable", kind="malformed_header")
    return lines[0], {key: value or "" for key, value in match.groupdict().items()}


def _heading(text: str, slug: str) -> tuple[_Heading, list[str]]:
    """The header lines (before the first body line) and the remaining lines.

    Header lines start with '^'; a message without any has its untabbed lines before the
    first tab-indented paragraph as header (or its first line, when nothing is indented).
    """
    heading = _Heading()
    lines = text.strip("\n").split("\n")
    split = next((i for i, line in enumerate(lines) if not line.startswith("^")), len(lines))
    if split == 0:
        split = next((i for i, line in enumerate(lines) if _indented(line)), 1)
    for line in lines[:split]:
        _classify(line.lstrip("^").rstrip().rstrip("<=").strip(), slug, heading)
    return heading, lines[split:]


def _indented(line: str) -> bool:
    return line.startswith(("\t", "   "))


def _is_keyword_echo(line: str, slug: str) -> bool:
    """The slug line repeated, with or without its service prefix ("BC-LT--")."""
    if line.startswith(slug) or _KEYWORD_ECHO.match(line):
        return True
    bare = _SERVICE_PREFIX.sub("", slug).casefold()
    echoed = _SERVICE_PREFIX.sub("", line).casefold()
    return bool(bare) and (echoed == bare or echoed.startswith(bare + ","))


def _classify(line: str, slug: str, heading: _Heading) -> None:
    if not line or _is_keyword_echo(line, slug):
        return
    if line.casefold().startswith(("eds:", "editors:", "editor's note")):
        heading.notes.append(line.split(":", 1)[-1].strip() if ":" in line else line)
    elif line.startswith("By ") and heading.headline:
        heading.byline = line
    elif heading.byline and heading.byline_title is None:
        heading.byline_title = line
    elif not heading.headline:
        heading.headline = line
    else:
        heading.extra.append(line)


def _paragraphs(lines: list[str]) -> list[str]:
    """Tab-indented paragraphs; an untabbed line continues the paragraph before it."""
    paragraphs: list[str] = []
    for line in lines:
        if line.strip() in _END_MARKS:
            break
        if _indented(line) or not paragraphs:
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {line.strip()}".strip()
    return [" ".join(paragraph.split()) for paragraph in paragraphs]


def _sent_at(trailer: re.Match[str] | None, warnings: list[str]) -> datetime | None:
    if trailer is None:
        warnings.append("ANPA trailer without a transmission time")
        return None
    year, month, day = 2000 + int(trailer["year"]), int(trailer["month"]), int(trailer["day"])
    return datetime(year, month, day, int(trailer["hour"]), int(trailer["minute"]), tzinfo=UTC)


def _keyword_and_takes(slug: str, words: list[str]) -> tuple[str, list[str]]:
    """The whole keyword and the take words after it (the item key keeps using the slug)."""
    first_take = next((i for i, word in enumerate(words) if _TAKE_WORD.match(word)), len(words))
    return " ".join([slug, *words[:first_take]]), words[first_take:]


def _version(words: list[str], notes: str) -> int:
    """n-th lead is version n+1; a notice without ordinal supersedes the lead its note names."""
    own = [int(match["n"]) for word in words if (match := _LEAD.search(word))]
    if own:
        return own[0] + 1
    if any(word.casefold() in (*_STATUS_WORDS, "correction", "writethru") for word in words):
        named = [int(match["n"]) for match in _LEAD.finditer(notes)]
        return max(named, default=0) + 2
    return 1


def _status(words: list[str]) -> PubStatus:
    for word in words:
        if status := _STATUS_WORDS.get(word.casefold()):
            return status
    return PubStatus.USABLE


def _embargo(notes: str, sent: datetime | None, warnings: list[str]) -> datetime | None:
    match = _EMBARGO.search(notes)
    if match is None:
        return None
    month = _MONTHS.get(match["month"].casefold())
    if month is None or sent is None:
        warnings.append(f"embargo note without a readable time: {match.group(0)!r}")
        return None
    hour, minute, day = int(match["hour"]), int(match["minute"]), int(match["day"])
    return datetime(sent.year, month, day, hour, minute, tzinfo=UTC)


def _item_key(agency: str | None, header: dict[str, str], sent: datetime | None) -> str:
    year = str(sent.year) if sent else None
    namespace = f"anpa:{(agency or 'unknown').casefold()}"
    return stable_key(namespace, header["slug"], year, header["month"], header["day"])


def _raw_meta(
    service: str, header: dict[str, str], heading: _Heading, trailer: str
) -> dict[str, object]:
    meta: dict[str, object] = {
        "service": service,
        "priority": header["priority"],
        "category": header["category"],
        "take": header["words"].strip(),
        "word_count": int(header["count"]),
        "trailer": trailer.strip(),
    }
    if heading.notes:
        meta["ednote"] = " ".join(heading.notes)
    if heading.byline_title:
        meta["byline_title"] = heading.byline_title
    return meta
