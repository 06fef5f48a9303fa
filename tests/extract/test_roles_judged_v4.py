"""Rules written after the dev sample judged on events version 4
(tests/data/gold/events-judged-dev-v4.tsv): each test is a general rule that sample's errors
showed, on sentences written for the test."""

from __future__ import annotations

from tests.extract.roles import event_at, events_at, extracted


def test_a_description_beside_a_name_is_that_name_in_its_relative_clause(nlp):
    found = extracted(
        nlp, "Maria Lopez, a diplomat who met the Italian foreign minister, told reporters so."
    )
    event = event_at(found, "met")
    assert event.actor_text == "Maria Lopez"


def test_a_relative_clause_on_a_person_nominal_is_that_person(nlp):
    found = extracted(
        nlp,
        "Lindsay Lohan arrived in Los Angeles on Monday.",
        "The actress, who visited Paris last year, met the mayor of Rome.",
    )
    assert event_at(found, "visited").actor_text == "Lindsay Lohan"


def test_a_titled_name_in_apposition_speaks_not_the_body_before_it(nlp):
    found = extracted(
        nlp,
        "“The clinic is not licensed,” California Department of Public Health deputy director "
        "Anna Berg told The Post.",
    )
    event = event_at(found, "told")
    assert event.actor_text == "Anna Berg"
    assert event.target_text == "Post"


def test_a_common_noun_with_a_name_right_after_it_is_the_name(nlp):
    found = extracted(
        nlp,
        "Russia ally Syria, which had blocked a UN meeting planned for Monday, has been "
        "criticised for not doing enough.",
    )
    assert event_at(found, "criticised").target_text == "Syria"


def test_a_relation_word_stands_for_the_person_the_text_called_so(nlp):
    found = extracted(
        nlp,
        "In Gaza, the grieving father Ahmed Kareem said he had lost his home.",
        '"We have nothing left," said the weeping father, whose son was also hurt.',
    )
    assert [e.actor_text for e in events_at(found, "said")] == ["Ahmed Kareem", "Ahmed Kareem"]


def test_a_relation_word_nobody_was_called_stays_as_written(nlp):
    found = extracted(nlp, '"We have nothing left," said the weeping father.')
    assert event_at(found, "said").actor_text == "the weeping father"


def test_the_owner_of_a_treatment_undergoes_it(nlp):
    found = extracted(
        nlp,
        "Tara Reid checked into a clinic on Tuesday.",
        "No reason was given for her treatment.",
    )
    event = event_at(found, "treatment")
    assert event.actor_text is None
    assert event.target_text == "Tara Reid"


def test_a_word_for_a_part_keeps_the_whole(nlp):
    found = extracted(nlp, "A member of the crew sued the airline for negligence on Monday.")
    assert event_at(found, "sued").actor_text == "A member of the crew"


def test_the_it_of_made_it_to_is_no_target(nlp):
    found = extracted(nlp, "The Daily Mail says that the singer made it to the clinic in Malibu.")
    assert event_at(found, "made").target_text is None


def test_the_magazine_is_the_magazine_named_before(nlp):
    found = extracted(
        nlp,
        "Tara Reid told People Magazine in October that she was fine.",
        '"I\'m fine," she told the magazine.',
    )
    assert [e.target_text for e in events_at(found, "told")] == ["People Magazine"] * 2


def test_shooting_to_fame_is_no_shooting(nlp):
    found = extracted(
        nlp, "The actor , who shot to fame in 2001 movie Shrek , decided to leave last week ."
    )
    assert not events_at(found, "shot")
    found = extracted(nlp, "The gunman shot two guards in the lobby on Friday.")
    assert event_at(found, "shot").target_text == "two guards"


def test_writing_a_book_is_no_statement(nlp):
    found = extracted(nlp, "Sarah Bell wrote a biography of the president in 2009.")
    assert not events_at(found, "wrote")
    found = extracted(nlp, "The president wrote a letter to the king on Monday.")
    assert event_at(found, "wrote").code == "010"


def test_a_bare_title_coordinated_with_a_titled_name_is_that_name(nlp):
    found = extracted(
        nlp,
        "Kate Hudson was seen in Malibu on Monday.",
        "After telling People in May that she was fine, `` Almost Famous '' actress and former "
        "travel reporter Kate Hudson checked into a clinic on Friday.",
    )
    assert [e.actor_text for e in events_at(found, "checked")] == ["Kate Hudson"]
    found = extracted(nlp, "The president and Chancellor Angela Merkel met in Berlin on Monday.")
    assert "The president" in [e.actor_text for e in events_at(found, "met")]


def test_a_body_coordinated_with_its_titled_officer_is_not_the_speaker(nlp):
    # After a paragraph break the parser reads the officer as a conjunct of the body.
    found = extracted(
        nlp,
        "Kate Hudson checked in.",
        "“ The clinic that Kate is now in , that ’ s not a licensed residential drug "
        "treatment center , ” Oregon Department of Alcohol and Drug Services deputy director "
        "Anna Berg told The Post .",
    )
    assert [e.actor_text for e in events_at(found, "told")] == ["Anna Berg"]
