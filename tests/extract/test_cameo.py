import datetime as dt

import pytest

from pipeline.extract import cameo
from pipeline.extract.happening import date_window, happening_key
from pipeline.schemas import DatePrecision, EventRecord, Modality


def test_lexicon_covers_all_twenty_roots():
    codes = {code for code in cameo.lexicon_codes() if cameo.scheme(code) == cameo.CAMEO}
    assert {cameo.root_code(code) for code in codes} == set(cameo.roots())
    assert len(cameo.roots()) == 20


@pytest.mark.parametrize(
    ("lemma", "objects", "preps", "code"),
    [
        ("sign", ["memorandum"], [], "057"),
        ("sign", ["agreement"], ["with"], "057"),
        ("sign", ["resolution"], [], None),
        ("back", ["proposal"], [], "051"),
        ("quit", ["project"], [], "166"),
        ("withdraw", [], ["from"], "166"),
        ("withdraw", ["troop"], ["from"], "087"),
        ("reject", ["proposal"], [], "125"),
        ("reject", ["idea"], [], "120"),
        ("call", [], ["for"], "020"),
        ("arrest", [], [], "173"),
    ],
)
def test_verb_codes_use_objects_and_particles(lemma, objects, preps, code):
    assert cameo.verb_code(lemma, objects, preps) == code


@pytest.mark.parametrize(
    ("causes", "code"),
    [(["W42"], "W43"), (["W41", "010"], "W43"), (["183"], "190"), ([], "190")],
)
def test_a_cause_condition_reads_the_codes_of_the_happening(causes, code):
    assert cameo.verb_code("kill", causes=causes) == code


def test_event_nouns_and_labels():
    assert cameo.noun_code("negotiation") == "046"
    assert cameo.noun_code("table") is None
    assert cameo.label("057") == "Sign formal agreement"


@pytest.mark.parametrize(("code", "quad"), [("010", 1), ("057", 1), ("073", 2), ("112", 3),
                                             ("166", 3), ("141", 4), ("190", 4)])  # fmt: skip
def test_quad_classes(code, quad):
    assert cameo.quad_class(code) == quad


def _event(code: str, actor: str | None, target: str | None, **dated: object) -> EventRecord:
    return EventRecord(
        code=code, label=cameo.label(code), root_code=code[:2], quad_class=cameo.quad_class(code),
        actor_key=actor, target_key=target, trigger="x", trigger_start=0, sentence_index=0,
        start=0, end=1, **dated,
    )  # fmt: skip


def test_happening_key_links_reports_in_the_same_week():
    tuesday = _event("057", "a", "b", date=dt.date(2021, 3, 9), date_precision=DatePrecision.DAY)
    sunday = _event("057", "b", "a", date=dt.date(2021, 3, 14), date_precision=DatePrecision.DAY)
    assert happening_key(tuesday) == happening_key(sunday) == "05|a|b|2021-W10"


def test_happening_key_keeps_direction_of_asymmetric_acts():
    one = _event("180", "a", "b", date=dt.date(2021, 3, 9), date_precision=DatePrecision.DAY)
    other = _event("180", "b", "a", date=dt.date(2021, 3, 9), date_precision=DatePrecision.DAY)
    assert happening_key(one) != happening_key(other)


def test_happening_key_by_precision_and_modality():
    month = _event("166", "a", None, date=dt.date(2021, 1, 1), date_precision=DatePrecision.MONTH)
    planned = month.model_copy(update={"modality": Modality.PLANNED})
    week = month.model_copy(
        update={"date_end": dt.date(2021, 1, 7), "date_precision": DatePrecision.RANGE}
    )
    assert happening_key(month) == "16|a|-|2021-01"
    assert happening_key(planned) == "16|a|-|2021-01|planned"
    assert date_window(week) == "2021-01-01..2021-01-07"
    assert happening_key(_event("166", "a", None)) is None
