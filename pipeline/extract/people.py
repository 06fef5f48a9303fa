"""Words for people, in one table the extract modules share (``data/person_nouns.tsv``).

Each word is listed once with the uses made of it:

- ``title``: stands before a name as a title or is part of one ("General Director", "actress
  Maria Jensen"), stripped from the name and kept as its role (:mod:`titles`);
- ``subject``: a word for whom a story is about ("the actress", "the star"), resolved to the
  person the story names most when no one was called so (:mod:`coreference`);
- ``relation``: a relation to someone ("the grieving father"), resolved only to a person the
  text called so;
- ``receiver``: people or a body of them that may be an event's target unnamed ("killing a
  Lebanese protester", "the court");
- ``person``: a noun for a person as the subject of a personal act (a stay, a show), for
  subjects the article's entities say nothing of (:mod:`senses`).
"""

from __future__ import annotations

from importlib.resources import files

_TABLE = files("pipeline.extract") / "data" / "person_nouns.tsv"


def _uses() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    lines = _TABLE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    for word, uses in rows[1:]:
        for use in uses.split(","):
            found.setdefault(use, set()).add(word)
    return {use: frozenset(words) for use, words in found.items()}


_BY_USE = _uses()
TITLES = _BY_USE["title"]
SUBJECTS = _BY_USE["subject"]
RELATIONS = _BY_USE["relation"]
RECEIVERS = _BY_USE["receiver"]
PERSONS = _BY_USE["person"]
