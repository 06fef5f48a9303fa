import random
from datetime import UTC, datetime

import pytest

from pipeline.errors import PermanentError
from pipeline.formats import detect, parse_bytes
from pipeline.formats.dateline import find_dateline
from tests.corpus import SEED


@pytest.fixture(scope="module")
def seed():
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    return article


def test_seed_headline(seed):
    assert seed.headline == "Roscosmos reports signing lunar station memorandum with China"


def test_seed_dateline(seed):
    assert seed.dateline_place == "MOSCOW"
    assert seed.dateline_text == "MOSCOW. March 9 (Interfax) -"


def test_seed_agency(seed):
    assert seed.agency == "Interfax"


def test_seed_published_in_moscow_time(seed):
    assert seed.published_at == datetime(2021, 3, 9, 14, 29, tzinfo=UTC)


def test_seed_body_starts_after_dateline(seed):
    assert seed.body.startswith("Russia and China have signed a memorandum")
    assert len(seed.paragraphs) == 8


def test_seed_format_and_language(seed):
    assert seed.format == "plain_text"
    assert seed.language == "en"


def test_item_key_is_deterministic(seed):
    (again,) = parse_bytes(SEED.read_bytes(), "copy.txt")
    assert again.item_key == seed.item_key
    assert seed.item_key.startswith("text:interfax:")


def test_update_keeps_key_and_raises_version(seed):
    text = SEED.read_text().replace(
        "Roscosmos reports signing", "UPDATE 2-Roscosmos reports signing"
    )
    (update,) = parse_bytes(text.encode(), "update.txt")
    assert update.item_key == seed.item_key
    assert update.version == 3
    assert update.update_marker == "UPDATE 2"


@pytest.mark.parametrize(
    ("lead", "place", "date", "agency"),
    [
        ("MOSCOW, March 9 (Reuters) - x", "MOSCOW", "March 9", "Reuters"),
        ("WASHINGTON (AP) — x", "WASHINGTON", None, "AP"),
        ("BEIJING, March 9 (Xinhua) -- x", "BEIJING", "March 9", "Xinhua"),
        ("Berlin (dpa) - x", "Berlin", None, "dpa"),
        ("PARIS, 9 mars 2021 (AFP) - x", "PARIS", "9 mars 2021", "AFP"),
        ("ST. PETERSBURG, June 4 (Interfax) - x", "ST. PETERSBURG", "June 4", "Interfax"),
    ],
)
def test_dateline_variants(lead, place, date, agency):
    dateline = find_dateline(lead)
    assert dateline is not None
    assert (dateline.place, dateline.date_text, dateline.agency) == (place, date, agency)
    assert lead[dateline.body_start :] == "x"


@pytest.mark.parametrize(
    ("lead", "place", "date"),
    [
        ("HOUSTON, Feb 26 - x", "HOUSTON", "Feb 26"),
        ("ALBANY, N.Y., March 3 -- x", "ALBANY, N.Y.", "March 3"),
        ("ST. LOUIS, Oct 2, 1987 - x", "ST. LOUIS", "Oct 2, 1987"),
    ],
)
def test_dateline_without_agency_where_none_is_required(lead, place, date):
    assert find_dateline(lead) is None
    dateline = find_dateline(lead, agency_required=False)
    assert dateline is not None
    assert (dateline.place, dateline.date_text, dateline.agency) == (place, date, None)
    assert lead[dateline.body_start :] == "x"


@pytest.mark.parametrize(
    "lead",
    ["Houston, Feb 26 - x", "EXXON, a unit of - x", "OPEC said on Feb 26 - x", "NEW YORK - x"],
)
def test_no_dateline_without_agency_but_a_place_in_capitals_and_a_date(lead):
    assert find_dateline(lead, agency_required=False) is None


def test_timestamp_without_zone_uses_agency_zone():
    text = "2021-03-09 10:00\n\nHeadline here\n\nBEIJING, March 9 (Xinhua) -- Body text.\n"
    (article,) = parse_bytes(text.encode(), "x.txt")
    assert article.published_at == datetime(2021, 3, 9, 2, 0, tzinfo=UTC)


def test_cp1251_text_is_decoded():
    text = "9 Mar 2021 17:29\n\nЗаголовок\n\nМОСКВА. 9 марта (Interfax) - Текст новости.\n"
    data = "9 Mar 2021 17:29\n\nHeadline\n\nMOSCOW. March 9 (Interfax) - Текст новости.\n"
    (article,) = parse_bytes(data.encode("cp1251"), "ru.txt")
    assert article.body == "Текст новости."
    assert "decoded as cp1251" in article.warnings
    assert text  # the Cyrillic dateline form is covered by the formats issue


def test_text_without_dateline_is_rejected_naming_file():
    with pytest.raises(PermanentError) as caught:
        parse_bytes(b"This is not xml\n", "invalid.file")
    assert caught.value.kind == "unknown_format"
    assert "invalid.file" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, bytes(range(1, 256)) * 4, random.Random(27).randbytes(300)],
    ids=["with NUL", "without NUL", "random"],
)
def test_binary_garbage_has_a_kind_of_its_own(data: bytes):
    with pytest.raises(PermanentError) as caught:
        parse_bytes(data, "garbage.bin")
    assert caught.value.kind == "binary_data"
    assert str(caught.value) == "garbage.bin: binary data, not a wire text [binary_data]"


def test_empty_file_is_rejected():
    with pytest.raises(PermanentError) as caught:
        detect(b"  \n", "empty.txt")
    assert caught.value.kind == "empty_file"
