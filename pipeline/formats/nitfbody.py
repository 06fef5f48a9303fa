"""The story paragraphs of an NITF document embedded in another format (ninjs ``bodies[]``)."""

from __future__ import annotations

import html.entities
import re

from pipeline.formats.xmlsafe import parse_xml

_BLOCKS = ("p", "hl2", "pre", "li")
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def nitf_paragraphs(xml: str) -> list[str]:
    """Text of the block elements of ``body.content``, in document order."""
    root = parse_xml(_html_entities_decoded(xml).encode("utf-8"))
    paragraphs = []
    for content in root.iter("{*}body.content"):
        for element in content.iter(*(f"{{*}}{tag}" for tag in _BLOCKS)):
            text = " ".join("".join(element.itertext()).split())
            if text:
                paragraphs.append(text)
    return paragraphs


def _html_entities_decoded(xml: str) -> str:
    """HTML named entities (``&auml;``) as characters: JSON exports keep them in NITF strings,
    where an XML parser without the NITF DTD would refuse them as undefined."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        char = html.entities.html5.get(f"{name};")
        if char is None or name in _XML_NAMED or char in "<>&\"'":
            return match.group(0)
        return char

    return _NAMED.sub(replace, xml)
