"""Named-entity recognition for wire copy: spaCy's spans corrected by a domain layer.

The layer, in order: trims ("the", possessives, quotes, trailing common nouns, titles), type
fixes from the gazetteer and head nouns, curated organisations and named things, organisation
designators ("X State Corporation"), acronym definitions, people named after a title, then one
name one type per document (:mod:`consistency`). The bare model runs unchanged, so the same Doc
also yields the baseline for evaluation.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pipeline.extract import columns, lexicon
from pipeline.extract.acronyms import find_definitions
from pipeline.extract.consistency import consistent
from pipeline.extract.gazetteer import gazetteer
from pipeline.extract.markup import CompanyCues
from pipeline.extract.organisations import cited_media, marked_companies, related
from pipeline.extract.registry import company_phrases, is_listed_company
from pipeline.extract.spans import (
    LEXICON,
    LOC,
    MISC,
    MODEL_LABELS,
    NORP,
    ORG,
    PER,
    RULE,
    Named,
    inside_name,
)
from pipeline.extract.titles import is_honorific, is_title, strip_titles

_MAX_NAME_WORDS = 3
# A sentence of three words or more, seven in ten of them capitalised, is a headline.
_HEADLINE_WORDS = 3
_HEADLINE_SHARE = 0.7
_TRAILING = frozenset({"'s", "’s", "'", "’", ".", ",", "-"})
# Lower-case words that begin a name when a capitalised part follows ("bin Laden", "al-Qaeda",
# "van Gogh", "de Gaulle"): the model's span keeps them, trimming must not drop them.
_PARTICLES = frozenset(
    {"al", "el", "bin", "bint", "ibn", "abu", "van", "von", "de", "da", "di", "du", "del",
     "della", "der", "den", "dos", "das", "ter", "ten", "le", "la"}
)  # fmt: skip
# Organs of a state that house style capitalises without naming whose they are.
_UNNAMED_ORGANS = frozenset({"government", "administration", "cabinet", "opposition", "regime"})
# Lower-case nouns of places that a place's name, never a person's, stands before.
_PLACE_NOUNS = lexicon.words(
    "region area mountain mountains cave caves valley province district village town city "
    "airport border river island coast highlands desert"
)
# Letters after a person's name that are no part of it ("Wayne Martin QC", "Jane Smith MP").
_POSTNOMINALS = frozenset({"QC", "KC", "SC", "MP", "OBE", "MBE", "CBE", "KBE", "DBE"})
# Elided French articles too ("l'Elysée"); full ones ("La Paz") may begin a name.
_ARTICLES = frozenset({"the", "a", "an", "l'", "l’", "d'", "d’"})
# First words of every designator: other tokens need no closer look.
_DESIGNATOR_STARTS = frozenset(
    {form.split(" ")[0] for form in lexicon.CORPORATE_FORMS}
    | lexicon.CORPORATE_FORMS
    | lexicon.INSTITUTION_HEADS
)


def bare_spans(doc: Doc) -> list[Named]:
    """The model's own entities mapped to our labels: the baseline."""
    return [
        Named(s.start, s.end, MODEL_LABELS[s.label_]) for s in doc.ents if s.label_ in MODEL_LABELS
    ]


def recognize(doc: Doc, cues: CompanyCues | None = None) -> list[Named]:
    """Entity spans of the document, sorted, non-overlapping. ``cues``: what the text's markup
    said before it was blanked (:mod:`markup`)."""
    model = [fixed for s in bare_spans(doc) if (fixed := _fix_type(doc, _trim(doc, s)))]
    model = _cut_headline_runs(doc, model)
    strong = _curated(doc) + _designated(doc) + _acronym_spans(doc) + list(related(doc))
    strong += marked_companies(doc, cues) if cues else []
    spans = _overlay(strong, model)
    spans = _overlay(_titled_people(doc, spans), spans)
    spans = _overlay(spans, cited_media(doc, _covered(doc, spans)))
    return consistent(doc, spans, strong)


def _covered(doc: Doc, spans: list[Named]) -> set[int]:
    """Tokens in a span of ours or in any entity of the model's (dates, figures too)."""
    return {i for s in spans for i in range(s.start, s.end)} | {t.i for t in doc if t.ent_type_}


def _cut_headline_runs(doc: Doc, spans: list[Named]) -> list[Named]:
    """In a headline's capitalised words a name runs on ("Maria Jensen Checks Into Rehab"):
    cut it to the longest leading part that the article's prose gives as a name (typed as the
    prose types it), or that ends in the last word of one ("Jensen"). A name ending in its head
    ("Pine Lodge Center", "Acme Holdings, Inc.") is whole."""
    headline = {s.start for s in spans if _title_case(doc[s.start].sent)}
    prose = {s.words(doc): s.label for s in spans if s.start not in headline}
    last_words = {words[-1] for words in prose}
    cut = []
    for named in spans:
        words = named.words(doc)
        if named.start not in headline or _headed(words[-1]):
            cut.append(named)
            continue
        for size in range(len(words) - 1, 0, -1):
            label = prose.get(words[:size])
            if label is None and words[size - 1] in last_words:
                label = named.label
            if label is not None:
                named = replace(named, end=named.start + size, label=label)
                break
        cut.append(named)
    return cut


def _headed(word: str) -> bool:
    lower = word.casefold().rstrip(".")
    return lower in lexicon.ORG_HEADS or lower in lexicon.MISC_HEADS or word in lexicon.LEGAL_FORMS


def _title_case(sentence: Span) -> bool:
    words = [token.text for token in sentence if token.is_alpha]
    capitalised = sum(1 for word in words if word[:1].isupper())
    return len(words) >= _HEADLINE_WORDS and capitalised >= _HEADLINE_SHARE * len(words)


def _trim(doc: Doc, named: Named) -> Named:
    """Drop what wraps a name: "the", quotes, possessives, a trailing "magazine" or "bureaus"."""
    start, end = named.start, named.end
    while start < end - 1 and (
        doc[start].lower_ in _ARTICLES or (_wrapping(doc[start]) and not _particle(doc[start]))
    ):
        start += 1
    while end > start + 1 and (doc[end - 1].text in _TRAILING or _wrapping(doc[end - 1])):
        end -= 1
    if named.label == PER:
        start = strip_titles(doc[start:end]).start
        while end > start + 1 and doc[end - 1].text in _POSTNOMINALS:
            end -= 1
    return replace(named, start=start, end=end)


def _wrapping(token: Token) -> bool:
    return token.is_punct or token.is_space or (token.is_alpha and token.is_lower)


def _particle(token: Token) -> bool:
    """A lower-case name particle before a capitalised word, hyphens and other particles
    between them or not ("al-Qaeda", "de la Cruz")."""
    doc, i = token.doc, token.i
    while i < len(doc) and (doc[i].text in _PARTICLES or (i > token.i and doc[i].text == "-")):
        i += 1
    return i > token.i and i < len(doc) and doc[i].text[:1].isupper()


def _fix_type(doc: Doc, named: Named) -> Named | None:
    text = named.text(doc)
    if text in lexicon.CELESTIAL or not any(t.text[:1].isupper() for t in named.span(doc)):
        return None
    if text.casefold() in _UNNAMED_ORGANS:
        return None  # "the Government said": whose is a nominal's question, not a name's
    if doc[named.start].text in lexicon.TIME_ZONES:
        return None  # "ET" of "7:31 AM ET", "EDT May" of "12:52 p.m. EDT May 2"
    label = _head_label(doc, named) or named.label
    if label in {PER, ORG, MISC} and gazetteer().is_country(text):
        label = LOC
    if label == PER and _not_a_person(doc, named):
        label = MISC
    single = named.end - named.start == 1
    if label == PER and single and (gazetteer().is_region(text) or _placed(doc, named)):
        label = LOC  # "Bahia", "Bavaria", "in Tuscany": a place's name, not a person's
    if label == PER and named.end < len(doc) and doc[named.end].text in _PLACE_NOUNS:
        label = LOC  # "the Tora Bora region", "Launceston airport"
    if (
        label in {PER, MISC}
        and single
        and is_listed_company(text)
        and not gazetteer().is_known(text)
    ):
        label = ORG  # "Siemens", "Adyen": a listed company's name
    if label in {ORG, MISC, LOC} and (_after_title(doc, named) or _after_occupation(doc, named)):
        label = PER  # "AFP Chairman Fabrice Fries", "singer Britney Spears"
    return replace(named, label=label)


def _listed_not_placed(text: str) -> bool:
    return is_listed_company(text) and not gazetteer().is_known(text)


def _after_title(doc: Doc, named: Named) -> bool:
    if named.start == 0 or named.end - named.start > _MAX_NAME_WORDS:
        return False
    before = doc[named.start - 1].text
    return is_honorific(before) or (is_title(before) and before[:1].isupper())


def _placed(doc: Doc, named: Named) -> bool:
    """ "holidays in Tuscany", "off Giglio": one word after a preposition of place, not a
    possessive ("in Quist's film")."""
    following = doc[named.end].text if named.end < len(doc) else ""
    return (
        named.start > 0
        and doc[named.start - 1].lower_ in lexicon.PLACE_PREPOSITIONS
        and following not in {"'s", "’s", "'"}
    )


def _after_occupation(doc: Doc, named: Named) -> bool:
    """ "singer Britney Spears", "actor Eddie Murphy": a lower-case occupation right before a
    name of two or three capitalised words with nothing of an organisation or place in it."""
    size = named.end - named.start
    if named.start == 0 or not 2 <= size <= _MAX_NAME_WORDS:
        return False
    span = named.span(doc)
    return (
        doc[named.start - 1].text in lexicon.OCCUPATIONS
        and all(token.is_alpha and token.is_title for token in span)
        and not _headed(span[-1].text)
        and not is_listed_company(span.text)
        and not gazetteer().is_known(span.text)
    )


def _head_label(doc: Doc, named: Named) -> str | None:
    """Multi-word names are typed by their head noun: "... Research Station" is a thing; an
    organisation's head may come first ("Department of Alcohol and Drug Programs")."""
    if named.end - named.start < 2 or named.label == NORP:
        return None
    if any(
        doc[i].lower_ in lexicon.ORG_HEADS and doc[i + 1].lower_ in lexicon.ORG_HEAD_LINKS
        for i in range(named.start, named.end - 2)
    ):
        return ORG
    return _label_of_head(doc[named.end - 1].lower_)


def _label_of_head(head: str) -> str | None:
    if head in lexicon.ORG_HEADS:
        return ORG
    return MISC if head in lexicon.MISC_HEADS else None


def _not_a_person(doc: Doc, named: Named) -> bool:
    """ "the Gateway", "project Gateway": a determiner or a common noun before a single name."""
    if named.end - named.start > 1 or named.start == 0:
        return False
    before = doc[named.start - 1]
    return before.lower_ in _ARTICLES or before.lower_ in lexicon.MISC_HEADS


@lru_cache(maxsize=4)
def _phrase_matcher(vocab: Vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab)
    for label, table in ((ORG, lexicon.ORGANIZATIONS), (MISC, lexicon.NAMED_THINGS)):
        names = [name for canonical, aliases in table.items() for name in (canonical, *aliases)]
        matcher.add(label, [_tokens(vocab, name) for name in names])
    matcher.add(ORG, [_tokens(vocab, name) for name in company_phrases()])
    return matcher


def _tokens(vocab: Vocab, text: str) -> Doc:
    return Doc(vocab, words=list(lexicon.name_words(text)))


def _curated(doc: Doc) -> list[Named]:
    matcher = _phrase_matcher(doc.vocab)
    return [
        Named(start, end, doc.vocab.strings[key], strong=True, method=LEXICON)
        for key, start, end in matcher(doc)
        if not inside_name(doc, start, end)
    ]


def _designated(doc: Doc) -> list[Named]:
    """ "Roscosmos State Corporation" / "the Roscosmos state corporation": an organisation."""
    lowers = columns.lowers(doc)
    found: list[Named] = []
    for i in (i for i, lower in enumerate(lowers) if lower in _DESIGNATOR_STARTS):
        token = doc[i]
        size, corporate = _designator_at(lowers, i)
        capitalised = token.text[:1].isupper()
        if not size or not (capitalised or corporate) or _miscased(token):
            continue
        start = _name_before(doc, token.i, capitalised)
        if start == token.i or (not capitalised and _persons_group(doc, start, token.i, lowers[i])):
            continue
        if corporate:
            found.append(Named(start, token.i, ORG, strong=True, method=RULE))
        if capitalised:
            found.append(Named(start, token.i + size, ORG, strong=True, method=RULE))
    return found


def _persons_group(doc: Doc, start: int, end: int, designator: str) -> bool:
    """ "the Redstone group" where the article names Sumner Redstone: the investors he leads,
    named after him, not a company of that name."""
    if designator != "group" or end - start != 1:
        return False
    surname = doc[start].text
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == surname for ent in doc.ents
    )


def _miscased(token: Token) -> bool:
    """ "co" or "sa" in lower case: not the legal form."""
    return token.lower_ in lexicon.CASED_FORMS and not token.text[:1].isupper()


def _name_before(doc: Doc, i: int, capitalised: bool) -> int:
    """Start of the proper name before a designator; a capitalised one may follow adjectives.
    Hyphenated parts belong to the name ("World Anti-Doping Agency")."""
    parts = {"PROPN", "ADJ"} if capitalised else {"PROPN"}
    start, floor = i, doc[i].sent.start
    while start > floor and _continues_name(doc[start - 1], parts):
        start -= 1
    while doc[start].text in {"-", "&"} and start < i:
        start += 1
    return start


def _continues_name(token: Token, parts: set[str]) -> bool:
    if token.text in {"-", "&"}:
        return not token.whitespace_ or token.text == "&"
    return token.pos_ in parts and token.text[:1].isupper()


def _designator_at(lowers: list[str], i: int) -> tuple[int, bool]:
    """Length of the designator starting at token i (0 if none), and whether it is corporate."""
    for size in (2, 1):
        if i + size <= len(lowers) and " ".join(lowers[i : i + size]) in lexicon.CORPORATE_FORMS:
            return size, True
    return (1, False) if lowers[i] in lexicon.INSTITUTION_HEADS else (0, False)


def _acronym_spans(doc: Doc) -> list[Named]:
    found: list[Named] = []
    for definition in find_definitions(doc):
        long = definition.long
        label = LOC if gazetteer().is_country(long.text) else _label_of_head(long[-1].lower_)
        label = label or ORG
        short = definition.short
        found.append(Named(short.start, short.end, label, strong=True, method=RULE))
        if long[0].text[:1].isupper():
            found.append(Named(long.start, long.end, label, strong=True, method=RULE))
    return found


def _titled_people(doc: Doc, spans: list[Named]) -> list[Named]:
    """Names the model missed after a title: "Chinese Ambassador to Russia Zhang Hanhui"."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    ends = {s.end: s.start for s in spans}
    return [
        Named(start, end, PER, strong=True, method=RULE)
        for start, end in _proper_runs(doc, taken)
        if _titled(doc, _skip_posting(doc, start, ends))
    ]


def _skip_posting(doc: Doc, start: int, ends: dict[int, int]) -> int:
    """Before "Zhang Hanhui", step over "to Russia" back to "Ambassador"."""
    span_start = ends.get(start)
    if span_start and doc[span_start - 1].lower_ in {"to", "of"}:
        return span_start - 1
    return start


def _titled(doc: Doc, start: int) -> bool:
    """After a title or a capitalised honorific: "M. Dupont", not the "m." of "5:40 p. m. ET"."""
    before = doc[start - 1].text if start > 0 else ""
    return is_title(before) or (is_honorific(before) and before[:1].isupper())


def _proper_runs(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of up to three capitalised proper nouns outside known spans."""
    proper = list(map(_proper, columns.texts(doc), columns.pos_tags(doc)))
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and proper[j]:
            j += 1
        if 0 < j - i <= _MAX_NAME_WORDS:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _proper(text: str, pos: str) -> bool:
    return (
        pos == "PROPN"
        and text[:1].isupper()
        and not is_title(text)
        and text not in lexicon.TIME_ZONES
    )


def _overlay(strong: list[Named], model: list[Named]) -> list[Named]:
    """Strong spans win overlaps (longest first); model spans fill the rest."""
    chosen: list[Named] = []
    taken: set[int] = set()
    ordered = sorted(strong, key=lambda s: s.start - s.end) + model
    for named in ordered:
        cells = set(range(named.start, named.end))
        if cells & taken:
            continue
        chosen.append(named)
        taken |= cells
    return chosen
