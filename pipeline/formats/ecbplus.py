"""ECB+ corpus documents: ``<Document doc_name=...>`` holding one ``<token>`` per word.

Used to evaluate story clustering and event extraction. Tokens are joined back into sentences
(one paragraph per sentence: the corpus keeps no paragraph breaks), with the usual spacing rules
for punctuation. In the ``*ecbplus.xml`` half of the corpus sentence 0 is the URL the text was
taken from, not text: it goes to ``raw_meta["source_url"]``.
"""

from __future__ import annotations

from itertools import groupby

from lxml import etree

from pipeline.errors import EmptyItemError, InvalidItemError
from pipeline.formats.base import ParseOptions, Sniff, WireParser
from pipeline.formats.xmlsafe import parse_xml
from pipeline.formats.xmlutil import all_of, attr, local_name
from pipeline.schemas import Article

_NO_SPACE_BEFORE = frozenset(
    {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll",
     "'d", "'m", "''", "...", "’s", "’", "”"}
)  # fmt: skip
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "“", "‘"})


class EcbPlusParser(WireParser):
    name = "ecbplus"

    def can_parse(self, sniff: Sniff) -> bool:
        return sniff.xml_root == "Document" and b"doc_name=" in sniff.head[:512]

    def parse(self, data: bytes, name: str, options: ParseOptions) -> list[Article]:
        root = parse_xml(data, options.xml_max_depth)
        doc_name = attr(root, "doc_name")
        if local_name(root) != "Document" or not doc_name:
            raise InvalidItemError("ECB+ document without a doc_name")
        sentences = _sentences(root)
        source_url = None
        if doc_name.endswith("ecbplus.xml") and sentences:
            source_url = "".join(sentences.pop(0)[1])
        paragraphs = [detokenize(tokens) for _, tokens in sentences]
        if not paragraphs:
            raise EmptyItemError("ECB+ document has no tokens")
        return [_article(doc_name, paragraphs, source_url, root)]


def _sentences(root: etree._Element) -> list[tuple[int, list[str]]]:
    tokens = [
        (int(token.get("sentence", "0")), int(token.get("number", "0")), token.text or "")
        for token in all_of(root, "token")
    ]
    tokens.sort(key=lambda token: token[:2])
    return [
        (sentence, [text for _, _, text in group if text])
        for sentence, group in groupby(tokens, key=lambda token: token[0])
    ]


def detokenize(tokens: list[str]) -> str:
    """Tokens joined with the spacing of running text ('said , " he' -> 'said, "he')."""
    parts: list[str] = []
    quote_open = False
    previous = ""
    for token in tokens:
        glue = not parts or _glued(previous, token, parts[-2:-1])
        if token == '"':
            glue = glue if not quote_open else True
            quote_open = not quote_open
        elif previous == '"' and quote_open:
            glue = True
        parts.append(token if glue else " " + token)
        previous = token
    return "".join(parts)


def _glued(previous: str, token: str, before: list[str]) -> bool:
    if token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
        return True
    if previous in ("'", "’") and token in ("s", "t", "re", "ve", "ll", "d", "m"):
        return True
    # Clock times and ratios are split around the colon: "4 : 59".
    after_colon = previous == ":" and bool(before) and before[0].strip()[-1:].isdigit()
    return after_colon and token[:1].isdigit()


def _article(
    doc_name: str, paragraphs: list[str], source_url: str | None, root: etree._Element
) -> Article:
    stem = doc_name.removesuffix(".xml")
    topic = stem.split("_", 1)[0]
    return Article(
        format=EcbPlusParser.name,
        item_key=f"ecbplus:{stem}",
        headline=paragraphs[0],
        language="en",
        paragraphs=paragraphs,
        raw_meta={
            "doc_name": doc_name,
            "doc_id": attr(root, "doc_id"),
            "topic": topic,
            "seminal_event": topic + ("ecbplus" if stem.endswith("ecbplus") else "ecb"),
            "source_url": source_url,
        },
    )
