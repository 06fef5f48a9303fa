"""Body paragraphs out of marked-up text: NITF ``body.content``, inline XHTML, feed HTML.

One walk over the tree: block elements (p, headings, list items, table rows, ...) end a
paragraph, inline elements (a, b, span, ...) flow into the current one, and elements that are
not story text (media and their captions, page headers, scripts) are skipped with their
content but not with the text that follows them.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from pipeline.formats.xmlutil import local_name, squash

_BLOCKS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2", "li", "dd", "dt", "blockquote",
        "pre", "tr", "div", "section", "article", "aside", "ul", "ol", "dl", "table", "block",
        "body", "body.content", "caption", "address", "nitf-table",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_BREAKS = frozenset({"br", "hr"})
# Not story text: pictures and their captions, the page header (dpa repeats headline and
# slugline there), scripts and styles, and NITF's head/end matter.
_SKIPPED = frozenset(
    {
        "media", "media-caption", "media-reference", "media-metadata", "media-producer",
        "img", "figure", "figcaption", "picture", "video", "audio", "object", "iframe",
        "script", "style", "head", "header", "nav", "footer", "title", "body.head", "body.end",
        "meta", "link", "template", "noscript",
    }
)  # fmt: skip


class _Collector:
    def __init__(self, skip_classes: frozenset[str]) -> None:
        self.paragraphs: list[str] = []
        self.skipped: list[etree._Element] = []
        self._buffer: list[str] = []
        self._skip_classes = skip_classes

    def flush(self) -> None:
        text = squash("".join(self._buffer))
        if text:
            self.paragraphs.append(text)
        self._buffer.clear()

    def add(self, text: str | None) -> None:
        if text:
            self._buffer.append(text)

    def is_skipped(self, element: etree._Element, name: str) -> bool:
        if not name or name in _SKIPPED:
            return True
        classes = set((element.get("class") or "").split())
        if classes & self._skip_classes:
            self.skipped.append(element)
            return True
        return False

    def walk(self, element: etree._Element) -> None:
        name = local_name(element)
        if self.is_skipped(element, name):
            return
        self._open(name)
        self.add(element.text)
        for child in element:
            self.walk(child)
            self.add(child.tail)
        self._open(name)

    def _open(self, name: str) -> None:
        """Called on entering and leaving an element: blocks and breaks end a paragraph."""
        if name in _BLOCKS or name in _BREAKS:
            self.flush()
        elif name in _CELLS:
            self.add(" ")


def paragraphs_of(
    roots: Iterable[etree._Element], skip_classes: frozenset[str] = frozenset()
) -> tuple[list[str], list[etree._Element]]:
    """Paragraph texts under ``roots``, and the elements skipped for one of ``skip_classes``.

    ``skip_classes`` names HTML classes whose elements are metadata rather than text (dpa marks
    the dateline lead-in ``<span class="dateline">``); the caller may read them.
    """
    collector = _Collector(skip_classes)
    for root in roots:
        collector.walk(root)
        collector.flush()
    return collector.paragraphs, collector.skipped
