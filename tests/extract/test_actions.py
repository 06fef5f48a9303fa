"""Actions: every clause verb and event noun, coded or not, with its WordNet class."""

from __future__ import annotations

import spacy
from spacy.language import Language

from pipeline.extract import actions, extract_article
from pipeline.schemas import ActionPart
from scripts import build_supersenses
from tests.extract.conftest import make_article


def _found(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    return [(a.text, a.part.value, a.supersense) for a in actions.find_actions(nlp(text))]


def test_clause_verbs_and_event_nouns_are_actions_with_their_class(nlp: Language):
    assert _found(nlp, "Police arrested the man after the crash.") == [
        ("arrested", "verb", "contact"),
        ("crash", "noun", "event"),
    ]


def test_a_verb_no_codebook_knows_is_an_action_too(nlp: Language):
    assert ("helped", "verb", "social") in _found(nlp, "She helped her neighbours on Monday.")


def test_modifiers_prepositions_and_auxiliaries_tell_no_happening(nlp: Language):
    text = "According to police, the alleged fraud was reported to a treatment centre."
    words = [word for word, _, _ in _found(nlp, text)]
    assert "According" not in words  # a verb standing as a preposition
    assert "alleged" not in words  # a participle modifying a noun
    assert "treatment" not in words  # a noun modifying a noun
    assert "was" not in words  # an auxiliary
    assert "reported" in words


def test_nouns_of_no_happening_and_other_senses_are_left_out(nlp: Language):
    text = "It was the first time the man faced a storm of criticism."
    words = [word for word, _, _ in _found(nlp, text)]
    assert words == ["faced"]  # "time" an occasion, "man" no act, "storm" of criticism figurative


def test_offsets_lemma_and_sentence_are_those_of_the_text(nlp: Language):
    text = "The court met. Judges ruled after the hearings."
    found = actions.find_actions(nlp(text))
    assert [(a.lemma, a.sentence_index) for a in found] == [
        ("meet", 0), ("rule", 1), ("hearing", 1)
    ]  # fmt: skip
    assert all(text[a.start : a.end] == a.text for a in found)
    assert found[-1].part is ActionPart.NOUN


def test_the_extraction_carries_the_actions_of_english_copy_only(nlp: Language):
    english = extract_article(make_article("The president resigned on Monday."), nlp)
    assert [a.lemma for a in english.actions] == ["resign"]
    french = spacy.blank("fr")("Le président a démissionné lundi.")
    assert actions.find_actions(french) == []


def test_the_table_gives_each_lemma_the_class_of_its_first_wordnet_sense():
    data = [
        "  1 This software and database is being provided to you",
        "00001740 29 v 01 breathe 0 000 | draw air",
        "01835496 38 v 01 travel 0 000 | change location",
        "07301950 11 n 01 crash 0 000 | a serious accident",
        "10249950 18 n 01 attorney 0 000 | a lawyer",
    ]
    verbs = [
        "  1 This software and database is being provided to you",
        "breathe v 1 0 1 0 00001740",
        "travel v 2 0 2 0 01835496 00001740",
        "set_off v 1 0 1 0 01835496",
    ]
    nouns = ["crash n 1 1 @ 1 0 07301950", "attorney n 1 0 1 0 10249950"]
    assert list(build_supersenses.supersenses(verbs, data, "verb")) == [
        "breathe\tverb\tbody", "travel\tverb\tmotion"
    ]  # fmt: skip
    assert list(build_supersenses.supersenses(nouns, data, "noun")) == ["crash\tnoun\tevent"]


def test_the_shipped_table_reads_as_the_lookup_expects():
    table = actions.supersenses()
    assert table[("arrest", ActionPart.NOUN)] == "act"
    assert table[("arrest", ActionPart.VERB)] == "contact"
    assert ("attorney", ActionPart.NOUN) not in table
