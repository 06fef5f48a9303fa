"""IPTC 7901 character-stream news (dpa layout)::

    SOH bdt0000 2 pl 41  dpa 0000          source+serial, priority, category, words, agency
        Partei/Deutschland/Grüne/           keyword (slug) line
    STX (Eil BEL BEL)                       notes in parentheses, headline, byline ("Von ...")
        Grünen-Spitze tritt ... ab =        " =" closes the headline block
        Berlin (dpa) - Die Grünen-Spitze ... body, paragraphs split by blank lines, wrapped
        # Notizblock ...                    dpa notepad: editor's notes, not story text
    ETX 251037 Sep 24                       trailer: DDhhmm Mon YY (agency local time)

Take-key lines of the heading ("REFILE", "1ST LEAD", "EXTRA") are the update marker, not part
of the headline; an n-th lead is version n+1. A message whose control characters were stripped
on the way (no SOH/STX/ETX) is still 7901 when it opens with the header line and closes its
headline with " =": its parts are found by their layout.

7901 carries no item id. The key is derived from agency, service, keyword line and the day
of transmission, so a re-send (corrected or not) keeps it; a note announcing a correction or
update ("(Berichtigung: ...)", "(neu: ...)", "(2. Zusammenfassung)") raises the version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.errors import EmptyItemError, MalformedInputError
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.batch import articles_from_items
from pipeline.formats.dateline import Dateline, find_dateline
from pipeline.formats.encoding import decode
from pipeline.formats.identity import stable_key
from pipeline.formats.timestamps import to_utc
from pipeline.formats.wirestream import Frame, header_of, is_framed, split_frames
from pipeline.schemas import Article, Subject

_HEADER = re.compile(
    r"^\s*(?P<source>[A-Za-z]+)(?P<serial>\d+)\s+(?P<priority>\d)\s+(?P<category>[A-Za-z]{1,3})"
    r"\s+(?P<words>\d+)(?:\s+(?P<info>.*))?$"
)
_TRAILER = re.compile(
    r"(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})\s+(?P<gmt>GMT\s+|UTC\s+)?"
    r"(?P<month>[^\W\d_]{3})[^\W\d_]*\.?(?:\s+(?P<year>\d{2,4}))?"
)
# English and German month abbreviations (dpa writes "Okt", "Dez", "Mär").
_MONTH_NAMES = (
    "jan", "feb", "mar mär mrz", "apr", "may mai", "jun", "jul", "aug", "sep", "oct okt", "nov",
    "dec dez",
)  # fmt: skip
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_NOTEPAD = re.compile(r"^(?:# Notizblock|\* \* \* \*)\s*$", re.MULTILINE)
# dpa's closing line: author and desk abbreviations in lower case ("dpa kre/su yysw a3 lön mda").
_CLOSING_LINE = re.compile(r"^dpa(?:[-/][a-z]+)?(?: [a-zäöüß0-9/]{1,10}){2,6}$")
_CORRECTION = re.compile(r"^(?:(?P<n>\d+)\.\s*)?(?:Berichtigung|Korrektur)", re.IGNORECASE)
_UPDATE = re.compile(
    r"^(?:(?P<n>\d+)\.\s*)?(?:neu:|Zusammenfassung|Aktualisierung|Update)", re.IGNORECASE
)
# Take keys of English services, each on its own heading line (upper case, as sent).
_TAKE_KEY = re.compile(
    r"^(?:REFILE|RPT|REPEAT|CORRECTED|CORRECTION|CORRECTS|EXTRA|URGENT|FLASH|BULLETIN|ADVISORY|"
    r"SUMMARY|ROUNDUP|NEW LEAD|LEAD|INSERT|FIX|(?:UPDATE|WRAPUP|ADD)(?: \d+)?|"
    r"(?P<n>\d+)(?:ST|ND|RD|TH) (?:LEAD|ADD|WRITETHRU|UPDATE|ROUNDUP))$"
)
_TAKE_CORRECTIONS = frozenset({"CORRECTED", "CORRECTION", "CORRECTS"})
_UNFRAMED_HEADLINE_LINES = 25
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")
_LIST_ITEM = re.compile(r"^\s+[*-]\s+")


class Iptc7901Parser(WireParser):
    name = "iptc7901"

    def can_parse(self, sniff: Sniff) -> bool:
        if is_framed(sniff.data):
            return bool(_HEADER.match(header_of(sniff.data).split("\n")[0]))
        if sniff.is_xml or sniff.is_json or sniff.is_binary:
            return False
        return _looks_unframed(sniff.head_text)

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        frames = split_frames(data) if is_framed(data) else [_unframed(data)]
        return articles_from_items(frames, lambda frame, index: _article(frame, index, options))


def _looks_unframed(text: str) -> bool:
    """A header line first, and a headline closed by " =" soon after it."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
    if not lines or not _HEADER.match(lines[0]):
        return False
    return any(line.endswith("=") for line in lines[1:_UNFRAMED_HEADLINE_LINES])


def _unframed(data: bytes) -> Frame:
    """Header (the header line and the keyword lines ending in '/'), text, and trailer line."""
    decoded, warnings = decode(data)
    lines = decoded.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    end = 1
    while end < len(lines) and (not lines[end].strip() or lines[end].rstrip().endswith("/")):
        end += 1
    last = len(lines) - 1
    trailer = lines[last] if last >= end and _TRAILER.fullmatch(lines[last].strip()) else ""
    text = lines[end : last if trailer else len(lines)]
    warnings.append("7901 message without control characters: parts found by their layout")
    return Frame("\n".join(lines[:end]), "\n".join(text), trailer, tuple(warnings))


@dataclass
class _Heading:
    """The block between STX and the " =" that closes it."""

    headline: str = ""
    byline: str | None = None
    notes: list[str] = field(default_factory=list)
    take_keys: list[str] = field(default_factory=list)


@dataclass
class _Story:
    """The text between STX and ETX, taken apart."""

    heading: _Heading
    paragraphs: list[str]
    dateline: Dateline | None
    teaser: list[str]
    notepad: str
    closing: str | None


def _article(frame: Frame, index: int, options: ParseOptions) -> Article:
    warnings = list(frame.warnings)
    header = _header(frame.header)
    story = _story(frame.text, warnings)
    agency = _agency(header, story.dateline)
    published = _trailer_time(frame.trailer, options.timezone_for(agency), warnings)
    version, marker, is_correction = _version(story.heading)
    keyword = _keyword_line(frame.header)
    return Article(
        format=Iptc7901Parser.name,
        item_key=_item_key(agency, header, keyword, published),
        version=version,
        item_index=index,
        agency=agency,
        headline=story.heading.headline,
        slugline=keyword,
        byline=story.heading.byline,
        dateline_place=story.dateline.normalised_place if story.dateline else None,
        dateline_text=story.dateline.text if story.dateline else None,
        published_at=published,
        urgency=int(header["priority"]) if header["priority"] != "0" else None,
        subjects=[Subject(code=header["category"], scheme="iptc7901-category")],
        is_correction=is_correction,
        update_marker=marker,
        paragraphs=story.paragraphs,
        raw_meta=_raw_meta(header, story, frame.trailer),
        warnings=warnings,
    )


def _story(text: str, warnings: list[str]) -> _Story:
    """Heading, story paragraphs (dateline split off), teaser, notepad and closing line."""
    heading, body_text = _split_heading(text, warnings)
    story_text, notepad = _split_notepad(body_text)
    paragraphs, closing = _paragraphs(story_text)
    lead = _lead_index(paragraphs)
    dateline = find_dateline(paragraphs[lead]) if lead is not None else None
    if dateline and lead is not None:
        paragraphs[lead] = paragraphs[lead][dateline.body_start :].strip()
    teaser = paragraphs[:lead] if lead else []
    paragraphs = [paragraph for paragraph in paragraphs[len(teaser) :] if paragraph]
    if not heading.headline or not paragraphs:
        raise EmptyItemError("7901 message without headline or body text")
    return _Story(heading, paragraphs, dateline, teaser, notepad.strip(), closing)


def _header(text: str) -> dict[str, str]:
    match = _HEADER.match(text.split("\n")[0])
    if match is None:
        raise MalformedInputError("7901 header line unreadable", kind="malformed_header")
    return {key: value for key, value in match.groupdict().items() if value}


def _keyword_line(header_text: str) -> str | None:
    """The keyword (slug) lines after the header line, without the trailing '/'."""
    lines = [line.strip() for line in header_text.split("\n")[1:] if line.strip()]
    return " ".join(lines).rstrip("/").strip() or None


def _split_heading(text: str, warnings: list[str]) -> tuple[_Heading, str]:
    """The heading block (up to the line ending in '=') and the text after it."""
    lines = text.lstrip("\n").split("\n")
    end = next((i for i, line in enumerate(lines[:20]) if line.rstrip().endswith("=")), None)
    if end is None:
        warnings.append("no ' =' closing the 7901 headline; first line taken as headline")
        end = 0
    block = [line.strip() for line in lines[: end + 1]]
    block[-1] = block[-1].rstrip("= ").strip()
    return _heading(block), "\n".join(lines[end + 1 :])


def _heading(lines: list[str]) -> _Heading:
    heading = _Heading()
    headline: list[str] = []
    for entry in _entries(lines):
        if entry.startswith("(") and entry.endswith(")"):
            heading.notes.append(" ".join(entry[1:-1].split()))
        elif _TAKE_KEY.match(entry) and not headline:
            heading.take_keys.append(entry)
        elif entry.startswith(("Von ", "By ")) and headline:
            heading.byline = entry
        else:
            headline.append(entry)
    heading.headline = " ".join(headline)
    return heading


def _entries(lines: list[str]) -> list[str]:
    """Lines with multi-line parenthesised notes joined into one entry."""
    entries: list[str] = []
    open_note = False
    for line in filter(None, lines):
        if open_note:
            entries[-1] += " " + line
        else:
            entries.append(line)
        open_note = entries[-1].startswith("(") and not entries[-1].endswith(")")
    return entries


def _split_notepad(text: str) -> tuple[str, str]:
    match = _NOTEPAD.search(text)
    return (text[: match.start()], text[match.start() :]) if match else (text, "")


def _paragraphs(story: str) -> tuple[list[str], str | None]:
    """Unwrapped paragraphs; table rows and list items become paragraphs of their own."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", story):
        paragraphs.extend(_block_paragraphs(block.split("\n")))
    closing = None
    if paragraphs and _CLOSING_LINE.match(paragraphs[-1]):
        closing = paragraphs.pop()
    return paragraphs, closing


def _block_paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        row = _TABLE_ROW.match(line.strip())
        starts_item = bool(_LIST_ITEM.match(line))
        if (row or starts_item) and current:
            paragraphs.append(" ".join(current))
            current = []
        if row:
            paragraphs.append(" | ".join(c.strip() for c in row.group(1).split("|") if c.strip()))
            continue
        current.append(_LIST_ITEM.sub("", line).strip() if starts_item else line.strip())
    paragraphs.append(" ".join(part for part in current if part))
    return [" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip()]


def _lead_index(paragraphs: list[str]) -> int | None:
    """The paragraph opening with the dateline (a teaser may come before it)."""
    for index, paragraph in enumerate(paragraphs[:3]):
        if find_dateline(paragraph):
            return index
    return None


def _agency(header: dict[str, str], dateline: Dateline | None) -> str | None:
    """'dpa' from a '(dpa/lni)' dateline, else from the header's agency field ('dpa-spe')."""
    if dateline and dateline.agency:
        return dateline.agency.split("/")[0].strip()
    info = header.get("info", "").split()
    return re.split(r"[-/]", info[0])[0] if info else None


def _trailer_time(trailer: str, zone: str, warnings: list[str]) -> datetime | None:
    match = _TRAILER.search(trailer)
    month = _MONTHS.get(match["month"].casefold()) if match else None
    if match is None or month is None or match["year"] is None:
        warnings.append(f"7901 trailer without a full date: {trailer.strip()!r}")
        return None
    year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
    moment = datetime(year, month, int(match["day"]), int(match["hour"]), int(match["minute"]))
    return to_utc(moment, "UTC" if match["gmt"] else zone)


def _version(heading: _Heading) -> tuple[int, str | None, bool]:
    """Version, update marker and correction flag from the heading notes, else its take keys."""
    for note in heading.notes:
        for pattern, is_correction in ((_CORRECTION, True), (_UPDATE, False)):
            if match := pattern.match(note):
                ordinal = int(match["n"]) if match["n"] else 1
                return ordinal + 1, note, is_correction
    if not heading.take_keys:
        return 1, None, False
    leads = [int(m["n"]) for key in heading.take_keys if (m := _TAKE_KEY.match(key)) and m["n"]]
    is_correction = not _TAKE_CORRECTIONS.isdisjoint(heading.take_keys)
    return max(leads, default=0) + 1, " ".join(heading.take_keys), is_correction


def _item_key(
    agency: str | None, header: dict[str, str], keyword: str | None, published: datetime | None
) -> str:
    day = published.date().isoformat() if published else None
    namespace = f"iptc7901:{(agency or 'unknown').casefold()}"
    return stable_key(namespace, header.get("source"), keyword, day)


def _raw_meta(header: dict[str, str], story: _Story, trailer: str) -> dict[str, object]:
    meta: dict[str, object] = {"header": header, "trailer": trailer.strip()}
    optional = {
        "notes": story.heading.notes,
        "teaser": " ".join(story.teaser),
        "notepad": story.notepad,
        "closing_line": story.closing,
    }
    meta.update({key: value for key, value in optional.items() if value})
    return meta
