"""Namespace-agnostic lookups on lxml trees, shared by every XML wire parser.

Agencies emit the same vocabulary with and without namespaces (NITF bare or in the 2006
namespace, NewsML-G2 with a default or a prefixed namespace), so every lookup matches local
names only: ``first(item, "itemMeta/versionCreated")``.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Elements whose text is a separate part of a field ("By JANE DOE<byttl>AP Writer</byttl>",
# "<p>...</p><p>...</p>"): their boundaries read as a space. Inline markup does not.
_SEPARATED = frozenset(
    {"byttl", "origin", "br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hl1",
     "hl2", "tr", "td", "th"}
)  # fmt: skip


@lru_cache(maxsize=512)
def _any_namespace(path: str) -> str:
    return "/".join(step if step in (".", "..") else "{*}" + step for step in path.split("/"))


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def first(element: etree._Element | None, path: str) -> etree._Element | None:
    """The first element at ``path`` (local names joined by '/'), or None."""
    if element is None:
        return None
    return element.find(_any_namespace(path))


def all_of(element: etree._Element | None, path: str) -> list[etree._Element]:
    if element is None:
        return []
    return list(element.iterfind(_any_namespace(path)))


def squash(text: str | None) -> str | None:
    """Whitespace runs folded to one space; None for blank text."""
    folded = " ".join(text.split()) if text else ""
    return folded or None


def text_of(element: etree._Element | None) -> str | None:
    """All text inside ``element``, whitespace folded, or None when there is none."""
    if element is None:
        return None
    parts: list[str] = []
    _collect(element, parts)
    return squash("".join(parts))


def _collect(element: etree._Element, parts: list[str]) -> None:
    """Text of ``element`` and its children (comments and PIs contribute only their tails)."""
    separator = " " if local_name(element).casefold() in _SEPARATED else ""
    parts.append(separator)
    if isinstance(element.tag, str):
        parts.append(element.text or "")
        for child in element:
            _collect(child, parts)
            parts.append(child.tail or "")
    parts.append(separator)


def find_text(element: etree._Element | None, path: str) -> str | None:
    return text_of(first(element, path))


def attr(element: etree._Element | None, name: str) -> str | None:
    """Attribute value stripped, or None when missing or blank."""
    if element is None:
        return None
    return squash(element.get(name))


def find_attr(element: etree._Element | None, path: str, name: str) -> str | None:
    return attr(first(element, path), name)


def language_of(element: etree._Element | None) -> str | None:
    """``xml:lang`` of the element itself."""
    return attr(element, XML_LANG)
