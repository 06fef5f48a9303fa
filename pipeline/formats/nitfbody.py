"""The story paragraphs of an NITF document embedded in another format (ninjs ``bodies[]``)."""

from __future__ import annotations

from pipeline.formats.xmlsafe import parse_xml

_BLOCKS = ("p", "hl2", "pre", "li")


def nitf_paragraphs(xml: str) -> list[str]:
    """Text of the block elements of ``body.content``, in document order."""
    root = parse_xml(xml.encode("utf-8"))
    paragraphs = []
    for content in root.iter("{*}body.content"):
        for element in content.iter(*(f"{{*}}{tag}" for tag in _BLOCKS)):
            text = " ".join("".join(element.itertext()).split())
            if text:
                paragraphs.append(text)
    return paragraphs
