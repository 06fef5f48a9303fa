"""The story paragraphs of an NITF document embedded in another format (ninjs ``bodies[]``).

TT sends its NITF dialect (TTNITF) there too: SGML rather than XML (unclosed ``<MODVER>``,
``<SIZEMODE>``), so it is read with the tolerant HTML parser, the story being the children of
``BRODTEXT``. The markup is a JSON string, not an XML document with a DTD: HTML named entities
are decoded, and names no DTD of ours defines (TT's ``&tstr;``) are dropped rather than refusing
the story.
"""

from __future__ import annotations

import html.entities
import re

import lxml.html

from pipeline.formats.xmlsafe import parse_xml

_BLOCKS = ("p", "hl2", "pre", "li")
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def nitf_paragraphs(xml: str) -> list[str]:
    """Text of the block elements of ``body.content``, in document order."""
    decoded = _html_entities_decoded(xml)
    if decoded.lstrip().startswith("<TTNITF"):
        return _ttnitf_paragraphs(decoded)
    root = parse_xml(decoded.encode("utf-8"))
    paragraphs = []
    for content in root.iter("{*}body.content"):
        for element in content.iter(*(f"{{*}}{tag}" for tag in _BLOCKS)):
            text = " ".join("".join(element.itertext()).split())
            if text:
                paragraphs.append(text)
    return paragraphs


def _ttnitf_paragraphs(markup: str) -> list[str]:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
    blocks = (block for text in root.iter("brodtext") for block in text)
    return [text for block in blocks if (text := " ".join(block.text_content().split()))]


def _html_entities_decoded(xml: str) -> str:
    """HTML named entities (``&auml;``) as characters, unknown ones removed: an XML parser
    without the NITF DTD would refuse both as undefined."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        char = html.entities.html5.get(f"{name};")
        if name in _XML_NAMED or (char is not None and char in "<>&\"'"):
            return match.group(0)
        return char or ""

    return _NAMED.sub(replace, xml)
