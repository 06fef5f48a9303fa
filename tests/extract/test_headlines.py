"""Title-case headlines are read in sentence case; names keep their capitals, and every text
the extraction keeps is written as the body has it."""

from __future__ import annotations

from pipeline.extract import extract_article
from pipeline.extract.headlines import sentence_case
from pipeline.schemas import Article
from tests.extract.test_events import one

BODY = "Lindsay Lohan checked into the Betty Ford Center on Friday, her lawyer said."


def test_common_words_of_a_title_case_line_are_lowered_names_are_not():
    text = f"Lindsay Lohan Checks Into Betty Ford Rehab After Fleeing\n\n{BODY}"
    headline = sentence_case(text).split("\n")[0]
    # "Checks" is a form of "checked" in the body; "Fleeing" a lexicon verb; "Betty Ford" a
    # name the body writes capitalised.
    assert headline == "Lindsay Lohan checks into Betty Ford rehab after fleeing"


def test_sentences_and_capitals_are_left_alone():
    text = f"Storm Hits Coast\n\nNASA said the Storm Prediction Center saw it.\n\n{BODY}"
    lowered = sentence_case(text)
    assert len(lowered) == len(text)
    assert lowered.split("\n")[2:] == text.split("\n")[2:]
    assert lowered.startswith("Storm hits Coast")  # "coast": no form in the body or lexicons


def test_the_event_of_a_title_case_headline_is_found_and_written_as_the_body_has_it(nlp):
    article = Article(
        format="test", item_key="t", headline="test",
        paragraphs=["Lindsay Lohan Checks Into Betty Ford Rehab", BODY],
    )  # fmt: skip
    found = extract_article(article, nlp)
    event = one(found.events, "W71", trigger="Checks")
    assert (event.trigger_start, event.actor_text) == (14, "Lindsay Lohan")
    assert {m.text for m in found.mentions if m.start < len("Lindsay Lohan Checks")} == {
        "Lindsay Lohan"
    }
