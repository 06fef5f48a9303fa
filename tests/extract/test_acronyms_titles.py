import pytest

from pipeline.extract.acronyms import find_definitions
from pipeline.extract.titles import role_context, strip_titles


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("The Northern Grain Board (NGB) raised its forecast.", "NGB", "Northern Grain Board"),
        (
            "He heads the CNSA [China National Space Administration] now.",
            "CNSA",
            "China National Space Administration",
        ),
        (
            "The Organization of the Petroleum Exporting Countries (OPEC) met.",
            "OPEC",
            "Organization of the Petroleum Exporting Countries",
        ),
        (
            "They plan an international lunar research station (ILRS) soon.",
            "ILRS",
            "international lunar research station",
        ),
    ],
)
def test_definitions_whose_initials_spell_the_acronym(nlp, text, short, long):
    (definition,) = find_definitions(nlp(text))
    assert (definition.short.text, definition.long.text) == (short, long)


@pytest.mark.parametrize(
    "text", ["The talks (in Paris) ended.", "Sales rose (BMW said) in May.", "A (B) c."]
)
def test_brackets_that_define_nothing(nlp, text):
    assert find_definitions(nlp(text)) == []


def test_honorific_and_title_are_stripped(nlp):
    doc = nlp("Yesterday Mr. John Smith arrived.")
    assert strip_titles(doc[1:4]).text == "John Smith"


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "Russian Minister of Foreign Affairs Sergei Lavrov flew in.",
            "Sergei Lavrov",
            "Minister of Foreign Affairs",
            "Russian",
        ),
        (
            "UN Secretary-General Antonio Guterres spoke.",
            "Antonio Guterres",
            "Secretary-General",
            "UN",
        ),
        (
            "The head of the Central Bank Ivan Ivanov resigned.",
            "Ivan Ivanov",
            "head",
            "Central Bank",
        ),
        ("Yesterday John Smith arrived.", "John Smith", None, None),
    ],
)
def test_role_and_affiliation_from_the_title_phrase(nlp, text, name, role, affiliation):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    person = doc[start : start + len(name.split())]
    named = [e for e in doc.ents if e.label_ != "PERSON" and e.text != name]
    named = [doc[e.start + (e[0].lower_ == "the") : e.end] for e in named]
    context = role_context(person, named)
    assert context.role == role
    assert (context.affiliation.text if context.affiliation else None) == affiliation


@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        ("Dmitry Rogozin, head of Roscosmos, said so.", "head", "Roscosmos"),
        ("Jawad Mehdi, the owner of the Jala Tower, said so.", "owner", "Jala Tower"),
        ("John Smith, 33, said so.", None, None),
    ],
)
def test_role_written_after_the_name(nlp, text, role, affiliation):
    doc = nlp(text)
    person = doc[0:2]
    named = [doc[e.start + (e[0].lower_ == "the") : e.end] for e in doc.ents if e.start > 2]
    context = role_context(person, named)
    assert context.role == role
    assert (context.affiliation.text if context.affiliation else None) == affiliation
