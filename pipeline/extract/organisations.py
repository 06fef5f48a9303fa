"""Organisations from the text's own cues, and what kind of organisation each is.

Cues that make a name an organisation whatever the model says:
- ticker markup after it or angle brackets around it ("Standard Oil Co <SRD>",
  "<Comissaria Smith>"), read by :mod:`markup` before the markup is blanked;
- corporate relations: "X, a unit of Y", "X is a subsidiary of Y";
- media the text cites by a name the model left alone: "TMZ reported", "according to TMZ",
  "told People", "People magazine" (:func:`cited_media`).

The kind (:func:`category`): a company (legal form such as Co, Inc, Plc, AG, SA, GmbH, a
ticker, or a listed company's name from :mod:`registry`), an agency (ministries,
administrations, agencies, bureaus), a team (clubs and names ending in FC, United, City...),
an institution (universities, courts, parliaments...).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from pipeline.extract import lexicon
from pipeline.extract.markup import CompanyCues
from pipeline.extract.registry import is_listed_company
from pipeline.extract.spans import ORG, RULE, Named

_RELATIONS = lexicon.words("unit units subsidiary subsidiaries division affiliate affiliates arm")
_LINKS = lexicon.words("is was a an the its wholly owned majority-owned")
_MAX_LINK = 4
_MAX_NAME = 6
_ARTICLES = lexicon.words("the a an")

# What a news outlet does in copy that cites it, and what it is called.
_REPORTING = lexicon.words("report tell")
_MEDIA_NOUNS = lexicon.words("magazine newspaper daily weekly tabloid website broadcaster channel")
_MAX_MEDIA_NAME = 3

COMPANY, AGENCY, TEAM, INSTITUTION = "company", "agency", "team", "institution"
_AGENCY_HEADS = lexicon.words(
    "administration agency authority bureau commission department directorate ministry office "
    "service"
)
# French and Spanish put the head first: "Ministère de l'Intérieur", "Banco de España".
_AGENCY_LEADS = lexicon.words(
    "ministère agence office direction commission ministerio agencia dirección comisión"
)
_INSTITUTION_LEADS = lexicon.words(
    "banque université cour tribunal assemblée parti conseil institut fondation banco "
    "universidad tribunal asamblea partido consejo instituto fundación"
)
_TEAM_HEADS = lexicon.words("club fc united city rovers wanderers athletic")
_INSTITUTION_HEADS = lexicon.words(
    "academy assembly council court foundation fund institute parliament party school "
    "university college hospital church museum"
)


def marked_companies(doc: Doc, cues: CompanyCues) -> list[Named]:
    """Names the markup marked as companies, as token spans."""
    found = []
    for start, end in cues.names:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.append(Named(span.start, span.end, ORG, strong=True, method=RULE))
    ends = {token.idx + len(token): token.i for token in doc if not token.is_space}
    for end in cues.name_ends:
        last = ends.get(end)
        if last is not None and _capitalised(doc[last]):
            first = _run_start(doc, last)
            found.append(Named(first, last + 1, ORG, strong=True, method=RULE))
    return found


def related(doc: Doc) -> Iterator[Named]:
    """Both sides of "X, a unit of Y" / "X is a subsidiary of Y", as organisations."""
    for token in doc:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.lower_ not in _RELATIONS or following is None or following.lower_ != "of":
            continue
        owner = _run_after(doc, token.i + 2)
        if owner is not None:
            yield Named(*owner, ORG, strong=True, method=RULE)
        end = _link_start(doc, token.i)
        if end is not None:
            yield Named(_run_start(doc, end - 1), end, ORG, strong=True, method=RULE)


def cited_media(doc: Doc, taken: set[int]) -> list[Named]:
    """Capitalised names no entity covers that the text cites as a source: the subject of
    "reported", the object of "told" or "according to", a name before "magazine"."""
    found = []
    for token in doc:
        if token.i in taken or token.ent_type_ or not _cited(token, taken):
            continue
        start, end = _name_run(doc, token, taken)
        if end - start <= _MAX_MEDIA_NAME:
            found.append(Named(start, end, ORG, method=RULE))
    return sorted({(n.start, n.end): n for n in found}.values(), key=lambda n: n.start)


def _cited(token: Token, taken: set[int]) -> bool:
    if not _capitalised(token) or token.is_stop or not token.is_alpha or len(token) < 2:
        return False
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_ == "report":
        return not any(child.dep_ == "det" for child in token.children)
    if token.dep_ in {"dobj", "dative"} and head.lemma_ in _REPORTING:
        before = token.doc[token.i - 1]  # not the rest of a name: "Judge James R. Dabney"
        return not token.is_sent_start and before.i not in taken and before.text != "."
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return token.dep_ == "compound" and head.lower_ in _MEDIA_NOUNS


def _name_run(doc: Doc, token: Token, taken: set[int]) -> tuple[int, int]:
    """The capitalised words around the token, none of them in an entity."""
    start, end = token.i, token.i + 1
    while (
        start > 0
        and start - 1 not in taken
        and _capitalised(doc[start - 1])
        and not doc[start].is_sent_start
    ):
        start -= 1
    while end < len(doc) and end not in taken and _capitalised(doc[end]) and doc[end].is_alpha:
        end += 1
    return start, end


def category(name: str, marked: bool) -> str | None:
    """The kind of organisation a name says it is; ``marked``: a ticker or brackets named it."""
    words = name.split()
    if marked or (len(words) > 1 and words[-1] in lexicon.LEGAL_FORMS) or is_listed_company(name):
        return COMPANY
    if len(words) < 2:
        return None
    for kind, heads, leading in (
        (AGENCY, _AGENCY_HEADS, _AGENCY_LEADS),
        (TEAM, _TEAM_HEADS, frozenset()),
        (INSTITUTION, _INSTITUTION_HEADS, _INSTITUTION_LEADS),
    ):
        if words[-1].casefold() in heads or words[0].casefold() in leading:
            return kind
    return None


def _link_start(doc: Doc, relation: int) -> int | None:
    """Token index where the name before ", a unit of" ends (exclusive), if there is one."""
    i = relation - 1
    while i >= 0 and (doc[i].lower_ in _LINKS or doc[i].pos_ == "ADJ"):
        i -= 1
        if relation - i > _MAX_LINK + 1:
            return None
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return i + 1 if i >= 0 and _capitalised(doc[i]) else None


def _run_after(doc: Doc, i: int) -> tuple[int, int] | None:
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = i
    while end < len(doc) and end - i < _MAX_NAME and _capitalised(doc[end]):
        end += 1
    return (i, end) if end > i else None


def _run_start(doc: Doc, last: int) -> int:
    first, floor = last, max(doc[last].sent.start, last - _MAX_NAME + 1)
    while first > floor and _capitalised(doc[first - 1]):
        first -= 1
    while first < last and doc[first].lower_ in _ARTICLES:
        first += 1  # "The" opening a sentence
    return first


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() or token.text == "&"
