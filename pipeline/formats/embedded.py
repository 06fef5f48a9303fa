"""Text bodies carried inside NewsML envelopes: embedded NITF, (X)HTML, or plain text.

NewsML-G2 puts them in ``inlineXML``/``inlineData``, NewsML 1.2 in ``DataContent``. Both may
also carry markup that is not story text (SportsML, event concepts, CSS); ``read_embedded``
returns None for those so the caller can say what the item holds instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from pipeline.formats.htmltext import html_paragraphs, looks_like_html
from pipeline.formats.nitf import NitfBody, read_nitf_body
from pipeline.formats.xmltext import paragraphs_of
from pipeline.formats.xmlutil import all_of, find_text, first, local_name, squash, text_of

# Markup that is XHTML even without an <html> wrapper (facet examples put <p> straight in).
_HTML_ROOTS = frozenset({"p", "div", "section", "article", "h1", "h2", "h3", "ul", "ol", "table"})
_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class EmbeddedBody:
    paragraphs: list[str]
    nitf: NitfBody | None = None
    title: str | None = None
    dateline_text: str | None = None


def read_embedded(container: etree._Element, content_type: str | None) -> EmbeddedBody | None:
    """The text body held by ``container``; None when it holds no story text."""
    children = [child for child in container if local_name(child)]
    names = {local_name(child) for child in children}
    if "nitf" in names:
        nitf = read_nitf_body(next(c for c in children if local_name(c) == "nitf"))
        return EmbeddedBody(paragraphs=nitf.paragraphs, nitf=nitf)
    if "TTNITF" in names:
        return read_ttnitf(next(c for c in children if local_name(c) == "TTNITF"))
    if not children and (_is_html(content_type) or looks_like_html(container.text)):
        # HTML sent as escaped text (NewsML 1.2 Format "HTML"), not as markup.
        return EmbeddedBody(paragraphs=html_paragraphs(container.text or ""))
    if "html" in names or _is_html(content_type) or (names and names <= _HTML_ROOTS):
        return _read_html(children)
    if not children and _is_plain(content_type):
        return EmbeddedBody(paragraphs=plain_paragraphs(container.text))
    return None


def describe_content(container: etree._Element, content_type: str | None) -> str:
    """What a non-text container holds, for error messages."""
    if content_type:
        return content_type
    names = sorted({local_name(child) for child in container if local_name(child)})
    return f"<{names[0]}> markup" if names else "no content"


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and "html" in (content_type or "").casefold()


def _is_plain(content_type: str | None) -> bool:
    return (content_type or "text/plain").casefold().startswith("text/plain")


def _read_html(children: list[etree._Element]) -> EmbeddedBody:
    html = next((child for child in children if local_name(child) == "html"), None)
    body = first(html, "body")
    roots = [body if body is not None else html] if html is not None else children
    paragraphs, datelines = paragraphs_of(roots, skip_classes=frozenset({"dateline"}))
    title = text_of(first(html, "head/title")) or _first_heading(roots)
    dateline = text_of(datelines[0]) if datelines else None
    return EmbeddedBody(paragraphs=paragraphs, title=title, dateline_text=dateline)


def read_ttnitf(root: etree._Element) -> EmbeddedBody:
    """TT's NITF dialect (``application/ttnitf+xml``): upper-case tags, the text in
    ``BODY/TEXT/BRODTEXT`` (paragraphs ``P``, quotes ``CITAT``, subheads), the headline in
    ``TEXT/RUBRIK`` or ``HEAD/HEADLINE``; pictures (``BILD``) sit outside BRODTEXT."""
    text = first(root, "BODY/TEXT")
    paragraphs = [
        paragraph for block in all_of(text, "BRODTEXT/*") if (paragraph := text_of(block))
    ]
    title = find_text(text, "RUBRIK") or find_text(root, "HEAD/HEADLINE")
    return EmbeddedBody(paragraphs=paragraphs, title=title)


def _first_heading(roots: list[etree._Element]) -> str | None:
    for root in roots:
        for heading in root.iter("{*}h1"):
            return text_of(heading)
    return None


def plain_paragraphs(text: str | None) -> list[str]:
    blocks = _BLANK_LINES.split(text or "")
    return [folded for block in blocks if (folded := squash(block))]
