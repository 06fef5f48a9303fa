"""HTML bodies (ninjs, dpa digitalwires, PA) to plain paragraphs.

Every block element (``p``, headings, list items, table rows, ...) becomes one paragraph; ``br``
becomes a line break inside it; table cells are joined with `` | ``. Markup that is not story
text (``head``, ``script``, ``style``) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.html
from lxml import etree

# Private-use characters as markers: they never occur in agency copy.
_PARAGRAPH = "\ue000"
_LINE = "\ue001"
_CELL = "\ue002"
_BLOCKS = frozenset(
    str.split(
        "address article aside blockquote body caption dd div dl dt figcaption figure footer "
        "h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section table tbody thead tfoot tr ul"
    )
)
_CELLS = frozenset({"td", "th"})
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_DROPPED = frozenset({"head", "title", "script", "style", "template"})
# An opening or closing block or break tag: text holding one is HTML, whatever it is labelled.
_HTML_TAG = re.compile(r"</?(?:p|br|div|h[1-6]|ul|ol|li|table|tr|blockquote|pre)\b[^<>]*>", re.I)


def looks_like_html(text: str | None) -> bool:
    """True when ``text`` carries HTML block markup (a body sent as escaped HTML)."""
    return bool(text) and bool(_HTML_TAG.search(text or ""))


def html_paragraphs(html: str, drop_classes: Iterable[str] = ()) -> list[str]:
    """Paragraphs of an HTML fragment or document; elements with ``drop_classes`` are skipped."""
    if not html.strip():
        return []
    try:
        # Bytes with a fixed encoding: a str carrying an XML declaration is refused by lxml.
        root = lxml.html.fromstring(html.encode("utf-8"), parser=_PARSER)
    except etree.ParserError:  # nothing but comments or processing instructions
        return []
    parts: list[str] = []
    _render(root, parts, frozenset(drop_classes))
    return _split("".join(parts))


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank lines separate them, line breaks inside are kept."""
    return _split(text.replace("\r\n", "\n").replace("\n\n", _PARAGRAPH).replace("\n", _LINE))


def _render(element: etree._Element, parts: list[str], drop: frozenset[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag not in _DROPPED and tag and not _has_class(element, drop):
        _open(tag, parts)
        parts.append(element.text or "")
        for child in element:
            _render(child, parts, drop)
        if tag in _BLOCKS:
            parts.append(_PARAGRAPH)
    parts.append(element.tail or "")


def _open(tag: str, parts: list[str]) -> None:
    if tag == "br":
        parts.append(_LINE)
    elif tag in _CELLS:
        parts.append(_CELL)
    elif tag in _BLOCKS:
        parts.append(_PARAGRAPH)


def _has_class(element: etree._Element, classes: frozenset[str]) -> bool:
    return bool(classes) and not classes.isdisjoint((element.get("class") or "").split())


def _split(marked: str) -> list[str]:
    paragraphs = (_paragraph(chunk) for chunk in marked.split(_PARAGRAPH))
    return [paragraph for paragraph in paragraphs if paragraph]


def _paragraph(chunk: str) -> str:
    lines = (_line(line) for line in chunk.split(_LINE))
    return "\n".join(line for line in lines if line)


def _line(line: str) -> str:
    cells = (" ".join(cell.split()) for cell in line.split(_CELL))
    return " | ".join(cell for cell in cells if cell)
