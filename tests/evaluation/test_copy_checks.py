"""Checks of extraction on real copy: each fault is counted when it slips through."""

from pipeline.evaluation.copy_checks import (
    CopyReport,
    add_article,
    has_markup,
    has_unnamed_role,
    is_bare_statement,
    measure_copy,
    render,
)
from pipeline.evaluation.judged import SourceArticle
from pipeline.schemas import Entity, EntityKind, EventRecord, Extraction, Mention
from tests.extract.conftest import make_article

PROSE = "Acme Corp said it signed a deal with Globex on Monday."
TABLE = "Acme Corp | 10 | 8 | 0 | 2 | 37"


def _event(start: int = 0, end: int = len(PROSE), **fields: object) -> EventRecord:
    values: dict[str, object] = {
        "code": "057", "label": "Sign formal agreement", "root_code": "05", "trigger": "signed",
        "trigger_start": 19, "sentence_index": 0, "start": start, "end": end, **fields,
    }  # fmt: skip
    return EventRecord.model_validate(values)


def _source(*paragraphs: str, tuned: bool = False) -> SourceArticle:
    return SourceArticle("made-up.txt", make_article(*paragraphs), tuned)


def test_a_pronoun_or_an_unresolved_nominal_in_a_role_is_unnamed():
    assert has_unnamed_role(_event(actor_text="it"))
    assert has_unnamed_role(_event(actor_text="Acme Corp", target_text="They"))
    assert has_unnamed_role(_event(actor_text="Nobody"))
    assert has_unnamed_role(_event(actor_text="The company"))
    assert not has_unnamed_role(_event(actor_text="IT"))  # information technology
    assert not has_unnamed_role(_event(actor_text="Acme Corp", target_text="the court"))
    assert not has_unnamed_role(_event())


def test_markup_in_a_name_but_not_an_ampersand_of_the_name():
    for name in ("Standard Oil Co <SRD>", "SRD>", "Dell (NASDAQ: DELL)", "Procter &amp; Gamble",
                 "{Acme}"):  # fmt: skip
        assert has_markup(name), name
    for name in ("AT&T", "Procter & Gamble", "Standard Oil Co"):
        assert not has_markup(name), name


def test_a_statement_is_bare_unless_it_reports_a_coded_event():
    said = _event(code="010", label="Make statement", root_code="01", trigger="said")
    assert is_bare_statement(said, frozenset())
    assert not is_bare_statement(said, frozenset({said.trigger_start}))
    assert not is_bare_statement(_event(), frozenset())
    wire = said.model_copy(update={"scheme": "wire"})
    assert not is_bare_statement(wire, frozenset())


def test_each_fault_that_slips_through_is_counted_and_listed():
    source = _source(PROSE, TABLE, tuned=True)
    body = source.article.body
    acme = Entity(key="org:acme", kind=EntityKind.ORGANIZATION, name="Acme Corp <ACM>")
    on_table = body.index(TABLE)
    mentions = [
        Mention(entity_key=acme.key, text="Acme Corp", start=0, end=9, sentence_index=0),
        Mention(entity_key=acme.key, text="Acme Corp", start=on_table, end=on_table + 9,
                sentence_index=1),
    ]  # fmt: skip
    events = [
        _event(actor_text="it", target_text="Globex"),
        _event(code="010", label="Make statement", root_code="01", trigger="said"),
        _event(end=len(body), trigger_start=5, scheme="wire", code="W11", root_code="W1"),
    ]
    report = CopyReport()
    add_article(report, source, Extraction(extractor_version="test", entities=[acme],
                                           mentions=mentions, events=events))  # fmt: skip
    block = report.overall
    assert (block.articles, block.tuned_articles, block.events) == (1, 1, 3)
    assert (block.pronoun_roles, block.empty_actors, block.bare_statements) == (1, 2, 1)
    assert (block.markup_names, block.entities) == (1, 1)
    assert (block.table_mentions, block.mentions) == (1, 2)
    assert block.across_paragraphs == 1
    assert dict(block.schemes) == {"cameo": 2, "wire": 1}
    assert report.agencies.keys() == {"no agency (test)"}
    assert report.tuned.articles == 1
    assert report.unseen.articles == 0
    assert [e.what for e in report.markup_examples] == ["Acme Corp <ACM>"]
    assert [e.sentence for e in report.table_examples] == [TABLE]
    assert "actor 'it'" in report.pronoun_examples[0].what


def test_render_flags_tuned_data_and_lists_the_faults(nlp):
    sources = [_source(PROSE, TABLE, tuned=True), _source("Globex said so on Monday.")]
    sources[1] = SourceArticle("other.txt", sources[1].article.model_copy(
        update={"item_key": "test:2", "agency": "AP"}), False)  # fmt: skip
    report = measure_copy(sources, nlp)
    lines = render(report).splitlines()
    rows = {line.split()[0]: line for line in lines[3:] if line[:1] != " "}
    assert "PARTLY (1/2)" in rows["all"]
    assert "YES" in rows["tuned"]
    assert " no " in rows["unseen"]
    assert " no " in rows["AP"]
    assert report.overall.articles == 2
    assert "mentions on table, price or results lines (judge each): 0" in lines
