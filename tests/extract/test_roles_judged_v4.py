"""Rules written after the dev sample judged on events version 4
(tests/data/gold/events-judged-dev-v4.tsv): each test is a general rule that sample's errors
showed, on sentences written for the test."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.extract import extract_article
from pipeline.schemas import Article, EventRecord, Extraction


def _extract(nlp, *paragraphs: str) -> Extraction:
    article = Article(
        format="test",
        item_key="test",
        headline="test",
        paragraphs=list(paragraphs),
        published_at=datetime(2013, 5, 3, 12, tzinfo=UTC),
        agency="AP",
    )
    return extract_article(article, nlp)


def _events(extraction: Extraction, trigger: str) -> list[EventRecord]:
    return [e for e in extraction.events if e.trigger == trigger]


def _event(extraction: Extraction, trigger: str) -> EventRecord:
    found = _events(extraction, trigger)
    assert len(found) == 1, [(e.trigger, e.actor_text) for e in extraction.events]
    return found[0]


def test_a_description_beside_a_name_is_that_name_in_its_relative_clause(nlp):
    found = _extract(
        nlp, "Maria Lopez, a diplomat who met the Italian foreign minister, told reporters so."
    )
    event = _event(found, "met")
    assert event.actor_text == "Maria Lopez"


def test_a_relative_clause_on_a_person_nominal_is_that_person(nlp):
    found = _extract(
        nlp,
        "Lindsay Lohan arrived in Los Angeles on Monday.",
        "The actress, who visited Paris last year, met the mayor of Rome.",
    )
    assert _event(found, "visited").actor_text == "Lindsay Lohan"


def test_a_titled_name_in_apposition_speaks_not_the_body_before_it(nlp):
    found = _extract(
        nlp,
        "“The clinic is not licensed,” California Department of Public Health deputy director "
        "Anna Berg told The Post.",
    )
    event = _event(found, "told")
    assert event.actor_text == "Anna Berg"
    assert event.target_text == "Post"


def test_a_common_noun_with_a_name_right_after_it_is_the_name(nlp):
    found = _extract(
        nlp,
        "Russia ally Syria, which had blocked a UN meeting planned for Monday, has been "
        "criticised for not doing enough.",
    )
    assert _event(found, "criticised").target_text == "Syria"


def test_a_relation_word_stands_for_the_person_the_text_called_so(nlp):
    found = _extract(
        nlp,
        "In Gaza, the grieving father Ahmed Kareem said he had lost his home.",
        '"We have nothing left," said the weeping father, whose son was also hurt.',
    )
    assert [e.actor_text for e in _events(found, "said")] == ["Ahmed Kareem", "Ahmed Kareem"]


def test_a_relation_word_nobody_was_called_stays_as_written(nlp):
    found = _extract(nlp, '"We have nothing left," said the weeping father.')
    assert _event(found, "said").actor_text == "the weeping father"


def test_the_owner_of_a_treatment_undergoes_it(nlp):
    found = _extract(
        nlp,
        "Tara Reid checked into a clinic on Tuesday.",
        "No reason was given for her treatment.",
    )
    event = _event(found, "treatment")
    assert event.actor_text is None
    assert event.target_text == "Tara Reid"


def test_a_word_for_a_part_keeps_the_whole(nlp):
    found = _extract(nlp, "A member of the crew sued the airline for negligence on Monday.")
    assert _event(found, "sued").actor_text == "A member of the crew"


def test_the_it_of_made_it_to_is_no_target(nlp):
    found = _extract(nlp, "The Daily Mail says that the singer made it to the clinic in Malibu.")
    assert _event(found, "made").target_text is None


def test_the_magazine_is_the_magazine_named_before(nlp):
    found = _extract(
        nlp,
        "Tara Reid told People Magazine in October that she was fine.",
        '"I\'m fine," she told the magazine.',
    )
    assert [e.target_text for e in _events(found, "told")] == ["People Magazine"] * 2


def test_shooting_to_fame_is_no_shooting(nlp):
    found = _extract(
        nlp, "The actor , who shot to fame in 2001 movie Shrek , decided to leave last week ."
    )
    assert not _events(found, "shot")
    found = _extract(nlp, "The gunman shot two guards in the lobby on Friday.")
    assert _event(found, "shot").target_text == "two guards"


def test_writing_a_book_is_no_statement(nlp):
    found = _extract(nlp, "Sarah Bell wrote a biography of the president in 2009.")
    assert not _events(found, "wrote")
    found = _extract(nlp, "The president wrote a letter to the king on Monday.")
    assert _event(found, "wrote").code == "010"


def test_a_bare_title_coordinated_with_a_titled_name_is_that_name(nlp):
    found = _extract(
        nlp,
        "Kate Hudson was seen in Malibu on Monday.",
        "After telling People in May that she was fine, `` Almost Famous '' actress and former "
        "travel reporter Kate Hudson checked into a clinic on Friday.",
    )
    assert [e.actor_text for e in _events(found, "checked")] == ["Kate Hudson"]
    found = _extract(nlp, "The president and Chancellor Angela Merkel met in Berlin on Monday.")
    assert "The president" in [e.actor_text for e in _events(found, "met")]


def test_a_body_coordinated_with_its_titled_officer_is_not_the_speaker(nlp):
    # After a paragraph break the parser reads the officer as a conjunct of the body.
    found = _extract(
        nlp,
        "Kate Hudson checked in.",
        "“ The clinic that Kate is now in , that ’ s not a licensed residential drug "
        "treatment center , ” Oregon Department of Alcohol and Drug Services deputy director "
        "Anna Berg told The Post .",
    )
    assert [e.actor_text for e in _events(found, "told")] == ["Anna Berg"]
