"""Recognition cues for unseen copy: time zones, heads before "of", places one checks into,
headline run-ons and cited media. Made-up names, so nothing relies on a list; the named
ceremonies' cases test that list on ceremonies of it that no evaluation set is about."""

import pytest
from spacy.tokens import Doc

from pipeline.extract.recognize import recognize


def labelled(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {named.text(doc): named.label for named in recognize(doc)}


def with_model_entities(nlp, text: str, *entities: tuple[str, str]) -> Doc:
    """The text parsed, its model entities replaced by these (surface, spaCy label): the
    rules under test see what a model might have said, whichever model runs the tests. Each
    surface is looked for after the one before."""
    doc = nlp(text)
    spans = []
    end = 0
    for surface, label in entities:
        start = text.index(surface, end)
        end = start + len(surface)
        span = doc.char_span(start, end, label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def texts_and_labels(doc: Doc) -> list[tuple[str, str]]:
    return [(named.text(doc), named.label) for named in recognize(doc)]


def test_a_time_zone_after_a_clock_time_is_no_name(nlp):
    doc = with_model_entities(
        nlp,
        "Updated 5:40 p.m. ET\n\n12:52 p.m. EDT May 2\n\nThe talks ended.",
        ("ET", "ORG"),
        ("EDT May", "ORG"),
    )
    assert texts_and_labels(doc) == []


def test_a_time_zone_after_p_m_is_no_person(nlp):
    doc = nlp("Updated 5:40 p. m. ET\n\nThe talks ended on Friday, Mr. Quist said.")
    assert ("ET", "PER") not in texts_and_labels(doc)


def test_a_head_before_of_makes_an_organisation_whatever_ends_the_name(nlp):
    name = "Oregon Department of Alcohol and Drug Programs"
    doc = with_model_entities(nlp, f"The {name} said the clinic had no licence.", (name, "LAW"))
    assert texts_and_labels(doc) == [(name, "ORG")]


def test_a_clinic_named_after_a_person_is_an_organisation_where_one_checks_into_it(nlp):
    found = labelled(
        nlp,
        "The singer Marla Quist spent a month at the Dora Whitcomb Center in 2010. On "
        "Thursday she checked into Dora Whitcomb again, her lawyer said. Quist was at Dora "
        "Whitcomb for 90 days.",
    )
    assert found.get("Dora Whitcomb Center") == "ORG"
    assert found.get("Dora Whitcomb") == "ORG"


def test_a_name_running_on_in_a_headline_is_cut_to_the_name_the_prose_gives(nlp):
    doc = with_model_entities(
        nlp,
        "Marla Quist Checks Into Rehab Again\n\nThe singer Marla Quist checked into a clinic on "
        "Friday, her lawyer said.",
        ("Marla Quist Checks Into Rehab", "ORG"),
        ("Marla Quist", "PERSON"),
    )
    assert texts_and_labels(doc)[:2] == [("Marla Quist", "PER"), ("Marla Quist", "PER")]


def test_a_surname_the_prose_gives_cuts_a_headline_run_on(nlp):
    doc = with_model_entities(
        nlp,
        "Marla Quist Checks Out Early\n\nQuist left the clinic on Friday, her lawyer said.",
        ("Marla Quist Checks Out", "PERSON"),
        ("Quist", "PERSON"),
    )
    assert texts_and_labels(doc)[0] == ("Marla Quist", "PER")


def test_a_name_ending_in_its_head_is_whole_in_a_headline(nlp):
    doc = nlp(
        "Marla Quist Checks Into Dora Whitcomb Center\n\n"
        "The singer Marla Quist checked into the Dora Whitcomb Center on Friday."
    )
    texts = [named.text(doc) for named in recognize(doc)]
    assert texts.count("Dora Whitcomb Center") == 2


def test_media_the_text_cites_are_organisations(nlp):
    found = labelled(
        nlp,
        "The actress left the clinic after ten minutes, TMZ reported. A friend told People "
        "the stay was short. The Quill magazine said so on its Web site.",
    )
    assert found.get("TMZ") == "ORG"
    assert found.get("People") == "ORG"
    assert found.get("Quill") == "ORG"
    assert "Web" not in found


def test_a_name_after_a_lower_case_occupation_is_a_person(nlp):
    doc = with_model_entities(
        nlp,
        "The clinic once treated singer Marla Quist and the Dora Whitcomb Center.",
        ("Marla Quist", "ORG"),
        ("Dora Whitcomb Center", "ORG"),
    )
    assert texts_and_labels(doc) == [("Marla Quist", "PER"), ("Dora Whitcomb Center", "ORG")]


def test_one_word_after_in_is_a_place_unless_the_article_names_the_person(nlp):
    doc = with_model_entities(
        nlp,
        "The ship ran aground off Velluna. Divers in Velluna searched. Marla Quist, who "
        "lives in Quist's old house, trusts in Quist.",
        ("Velluna", "PERSON"),
        ("Velluna", "PERSON"),
        ("Marla Quist", "PERSON"),
        ("Quist", "PERSON"),
        ("Quist", "PERSON"),
    )
    assert texts_and_labels(doc) == [
        ("Velluna", "LOC"),
        ("Velluna", "LOC"),
        ("Marla Quist", "PER"),
        ("Quist", "PER"),
        ("Quist", "PER"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The BAFTAs were handed out in London on Sunday.", "BAFTAs"),
        (
            "Organisers of the Eurovision Song Contest said the vote was fair.",
            "Eurovision Song Contest",
        ),
        ("She hosted the MTV Video Music Awards last year.", "MTV Video Music Awards"),
    ],
)
def test_a_named_ceremony_of_the_list_is_a_named_thing_not_an_organisation(nlp, text, name):
    assert labelled(nlp, text).get(name) == "MISC"


def test_a_listed_award_as_a_first_name_stays_a_person(nlp):
    found = labelled(nlp, "Oscar Lund won the race on Sunday, his coach said.")
    assert found.get("Oscar Lund") == "PER"
    assert "Oscar" not in found


def test_a_name_keeps_its_particle_and_loses_titles_and_letters_after_it(nlp):
    text = (
        "Treasurer Tom Varley and Coroner Ann Pike met Omar bin Hadi, Jan van Rijk and "
        "Mark Fell QC. Hadi said al-Nour had left."
    )
    doc = with_model_entities(
        nlp, text,
        ("Treasurer Tom Varley", "PERSON"), ("Coroner Ann Pike", "PERSON"),
        ("bin Hadi", "PERSON"), ("van Rijk", "PERSON"), ("Mark Fell QC", "PERSON"),
        ("al-Nour", "ORG"),
    )  # fmt: skip
    assert texts_and_labels(doc) == [
        ("Tom Varley", "PER"), ("Ann Pike", "PER"), ("bin Hadi", "PER"), ("van Rijk", "PER"),
        ("Mark Fell", "PER"), ("Hadi", "PER"), ("al-Nour", "ORG"),
    ]  # fmt: skip


def test_a_lower_case_word_that_is_no_particle_is_still_trimmed(nlp):
    text = "The de facto Sam Ord government and the de la Cruz family."
    doc = with_model_entities(nlp, text, ("de facto Sam Ord", "PERSON"), ("de la Cruz", "PERSON"))
    assert texts_and_labels(doc) == [("Sam Ord", "PER"), ("de la Cruz", "PER")]


def test_a_state_organ_standing_alone_is_no_name(nlp):
    text = "The Government said the Opposition and Cabinet had met the Tavia Government."
    doc = with_model_entities(
        nlp, text,
        ("Government", "ORG"), ("Opposition", "ORG"), ("Cabinet", "ORG"),
        ("Tavia Government", "ORG"),
    )  # fmt: skip
    assert texts_and_labels(doc) == [("Tavia Government", "ORG")]


def test_a_name_before_a_noun_of_places_is_a_place(nlp):
    text = "Fighters left the Vara Tesh region for Dunmore airport, Ada Moss said."
    doc = with_model_entities(
        nlp, text, ("Vara Tesh", "PERSON"), ("Dunmore", "PERSON"), ("Ada Moss", "PERSON")
    )
    assert texts_and_labels(doc) == [("Vara Tesh", "LOC"), ("Dunmore", "LOC"), ("Ada Moss", "PER")]
