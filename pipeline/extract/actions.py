"""Actions: every word of an English article that tells a happening or a state, coded or not.

A coded event is a happening a codebook knows (CAMEO, the wire codes), with its roles; most of
what news copy tells is in no codebook ("helped", "appreciated", "the decision", "the
placement"). Event coreference and timelines start from all of them, as ECB+ and TimeML
annotate them: a clause's verb, and a noun whose most frequent sense in WordNet is an act, an
event, a process or a phenomenon ("arrest", "crash", "ceremony", "treatment"). Each carries that
WordNet class (its supersense: ``motion``, ``communication``, ``act``, ``event`` ...), so an
analyst can keep the kinds wanted.

Left out, as no happening is told by them: auxiliaries and copulas (the tagger's AUX), words
that modify a noun ("the *alleged* fraud", "a *treatment* centre", "the *crash*'s victims"), a
verb standing as a preposition ("*according* to", "*following* the crash"), an event noun in
another sense ("a storm of criticism", :func:`senses.figurative`) and "time", whose most
frequent WordNet sense is an occasion ("the first time"). Languages other than English get
none: WordNet is English.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spacy.tokens import Doc, Token

from pipeline.extract import columns, senses
from pipeline.schemas import Action, ActionPart

VERSION = "1"
_TABLE = files("pipeline.extract") / "data" / "supersenses.tsv"
_PARTS = {"VERB": ActionPart.VERB, "NOUN": ActionPart.NOUN}
_OCCASIONS = frozenset({"time"})


@cache
def supersenses() -> dict[tuple[str, ActionPart], str]:
    """WordNet class of a lemma's first sense by (lemma, part): every one-word verb, and the
    nouns whose first sense names a happening (``data/supersenses.tsv``)."""
    lines = _TABLE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return {(lemma, ActionPart(part)): kind for lemma, part, kind in rows[1:]}


def find_actions(doc: Doc) -> list[Action]:
    """The article's actions in text order; none for a text not read in English."""
    if doc.lang_ != "en":
        return []
    table = supersenses()
    sentence = columns.sentence_numbers(doc)
    found = []
    for i, tag in enumerate(columns.pos_tags(doc)):
        part = _PARTS.get(tag)
        if part is None:
            continue
        token = doc[i]
        lemma = token.lemma_.lower()
        kind = table.get((lemma, part))
        if _telling(token, part, lemma, kind):
            found.append(_action(token, sentence[i], lemma, part, kind))
    return found


def _telling(token: Token, part: ActionPart, lemma: str, kind: str | None) -> bool:
    """A word in a position that tells something happened or holds (see the module doc). A
    noun's other senses are looked for only once the table says it names a happening: most
    nouns do not, and the check reads the noun's dependents."""
    if not token.is_alpha or len(token) < 2 or token.dep_ in senses.MODIFIER_LINKS:
        return False
    if part is ActionPart.VERB:
        return token.dep_ != "prep"
    return kind is not None and lemma not in _OCCASIONS and not senses.figurative(token)


def _action(token: Token, sentence: int, lemma: str, part: ActionPart, kind: str | None) -> Action:
    return Action(
        text=token.text,
        start=token.idx,
        end=token.idx + len(token),
        sentence_index=sentence,
        lemma=lemma,
        part=part,
        supersense=kind,
    )
