"""The same six dpa items as digitalwires JSON and as IPTC 7901 read the same.

dpa's converter wraps 7901 lines at about 70 characters, renders tables as '| a | b |' rows and
lists as '* item' lines, and puts teaser, notepad and closing line around the story; the 7901
parser undoes all of that, so headline and body text compare equal after whitespace
normalisation. Only the time differs by nature: the 7901 trailer has minutes, not seconds.
"""

from datetime import timedelta

import pytest

from pipeline.formats import parse_bytes
from tests.corpus import corpus_file

JSON = "dpa-digitalwires-json/dpa-digitalwires-to-newsmlg2/tests/data/input/"
IPTC = "iptc7901/dpa-digitalwires-to-iptc7901/tests/data/output/"
PAIRS = [
    ("dw-1.json", "dw-1.iptc"),
    ("eil.json", "eil.iptc"),
    ("lesestuecke.json", "lesestuecke.iptc"),
    ("nsb_n1.json", "nsb-n1.iptc"),
    ("spe_tab.json", "spe-tab.iptc"),
    ("tvo_pol.json", "tvo-pol.iptc"),
]


def _pair(json_name, iptc_name):
    (from_json,) = parse_bytes(corpus_file(f"{JSON}{json_name}").read_bytes(), json_name)
    (from_7901,) = parse_bytes(corpus_file(f"{IPTC}{iptc_name}").read_bytes(), iptc_name)
    return from_json, from_7901


def _words(text):
    return " ".join(text.split())


@pytest.mark.parametrize(("json_name", "iptc_name"), PAIRS)
def test_same_headline(json_name, iptc_name):
    from_json, from_7901 = _pair(json_name, iptc_name)
    assert from_7901.headline == from_json.headline


@pytest.mark.parametrize(("json_name", "iptc_name"), PAIRS)
def test_same_body_text(json_name, iptc_name):
    from_json, from_7901 = _pair(json_name, iptc_name)
    assert _words(from_7901.body) == _words(from_json.body)


@pytest.mark.parametrize(("json_name", "iptc_name"), PAIRS)
def test_same_metadata(json_name, iptc_name):
    from_json, from_7901 = _pair(json_name, iptc_name)
    assert from_7901.slugline == from_json.slugline
    assert from_7901.byline == from_json.byline
    assert from_7901.dateline_text == from_json.dateline_text
    assert from_7901.urgency == from_json.urgency
    assert from_7901.is_correction == from_json.is_correction
    assert timedelta(0) <= from_json.published_at - from_7901.published_at < timedelta(minutes=1)
