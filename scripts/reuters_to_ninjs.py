"""Write Reuters-21578 articles, one XML file each, as ninjs items and one-article-per-line text.

Run from the repository root: ``python -m scripts.reuters_to_ninjs FILE.xml... --out OUTDIR
[--lines TEXT]``. The R package tm (Debian's ``r-cran-tm``) ships 70 Reuters newswire articles
of February and March 1987 from the Reuters-21578 collection, one ``<REUTERS>`` element to a
file (``texts/acq/reut-*.xml``, ``texts/crude/reut-*.xml``). Each is written as
``OUTDIR/<folder>-<file>.json`` (uri ``urn:reuters-21578:NEWID``) with its title as headline,
its ``<DATE>`` as ``versioncreated`` (no zone is given, so none is written) and its body as
paragraphs, the dateline ("HOUSTON, Feb 26 -") opening the first as on the wire. The wire's
line breaks are joined, paragraphs split where a line is indented, and the closing "Reuter"
signature dropped. ``--lines`` also writes each article's dateline and body as one line, in the
order the files are given, which ``tests/data/gold/build_ner_gold.py`` reads by line number.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree

from pipeline.formats.xmlsafe import parse_xml
from scripts.ninjs_items import ninjs_item

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]{2,}")
_SIGNATURE = re.compile(r"\s*\bReuter\s*$")


@dataclass(frozen=True)
class Article:
    new_id: str
    created: str
    headline: str
    paragraphs: list[str]

    @property
    def line(self) -> str:
        """Dateline and body as one line of text."""
        return " ".join(self.paragraphs)


def article(xml_text: str) -> Article:
    """One Reuters-21578 ``<REUTERS>`` element read into headline, date and paragraphs."""
    root = parse_xml(xml_text.encode())
    created = datetime.strptime(_text(root, "DATE").split(".")[0], "%d-%b-%Y %H:%M:%S")
    body = _SIGNATURE.sub("", _text(root, "TEXT/BODY"))
    paragraphs = [_one_line(p) for p in _PARAGRAPH_BREAK.split(body) if p.strip()]
    dateline = _one_line(_text(root, "TEXT/DATELINE"))
    if dateline and paragraphs:
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    return Article(
        new_id=root.get("NEWID", ""),
        created=created.isoformat(),
        headline=_one_line(_text(root, "TEXT/TITLE")),
        paragraphs=paragraphs,
    )


def ninjs(item: Article, language: str = "en") -> str:
    """The article as a ninjs 1.x item."""
    uri = f"urn:reuters-21578:{item.new_id}"
    return ninjs_item(uri, item.headline, item.paragraphs, item.created, language)


def _text(root: etree._Element, path: str) -> str:
    found = root.find(path)
    return "" if found is None or found.text is None else found.text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="folder for the ninjs items")
    parser.add_argument("--lines", type=Path, help="also write one article to a line here")
    parser.add_argument("--language", default="en")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    lines = []
    for path in args.files:
        item = article(path.read_text(encoding="utf-8"))
        name = f"{path.parent.name}-{path.stem}.json"
        (args.out / name).write_text(ninjs(item, args.language), encoding="utf-8")
        lines.append(item.line)
    if args.lines:
        args.lines.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
