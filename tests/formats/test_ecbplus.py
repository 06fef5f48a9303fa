import pytest

from pipeline.formats.ecbplus import detokenize
from tests.formats.xmlcases import article, field_cases, field_value

ECB = "story-clusters/ecbplus/ECB+_LREC2014/ECB+/"
PLUS = ECB + "1/1_1ecbplus.xml"
PLAIN = ECB + "1/1_1ecb.xml"
TOPIC_2 = ECB + "2/2_1ecb.xml"

EXPECTED = {
    PLUS: {
        "format": "ecbplus",
        "item_key": "ecbplus:1_1ecbplus",
        # Sentence 0 is the source URL, so the headline is sentence 1.
        "headline": "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab",
        "language": "en",
        "paragraph_count": 8,
    },
    PLAIN: {
        "item_key": "ecbplus:1_1ecb",
        "headline": "Another day in Hollywood; another star in rehab.",
    },
    TOPIC_2: {"item_key": "ecbplus:2_1ecb"},
}


@pytest.mark.parametrize(("sample", "field", "expected"), field_cases(EXPECTED))
def test_field(sample, field, expected):
    assert field_value(article(sample), field) == expected


def test_source_url_is_kept_aside():
    raw = article(PLUS).raw_meta
    assert raw["source_url"].startswith("http://www.accesshollywood.com/lindsay-lohan-leaves")
    assert "accesshollywood" not in article(PLUS).body


def test_gold_cluster_labels_come_from_the_name():
    assert (article(PLUS).raw_meta["topic"], article(PLUS).raw_meta["seminal_event"]) == (
        "1",
        "1ecbplus",
    )
    assert article(PLAIN).raw_meta["seminal_event"] == "1ecb"
    assert article(PLAIN).raw_meta["source_url"] is None


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["He", "said", ",", '"', "Yes", '"', "."], 'He said, "Yes".'),
        (["Lohan", "’", "s", "lawyer", "(", "Holley", ")"], "Lohan’s lawyer (Holley)"),
        (["at", "4", ":", "59", "PM", ":", "fine"], "at 4:59 PM: fine"),
        (["“", "Done", ",", "”", "she", "said"], "“Done,” she said"),
    ],
)
def test_detokenize(tokens, text):
    assert detokenize(tokens) == text
