"""The benchmark corpus: sentences of English articles only, from files or whole folders."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.formats import parse_bytes
from workers.bench.corpus import collection_of, generate, real_stories, sentence_pool
from workers.inbox.files import files_under
from workers.runtime.worker_process import ROOT

SAMPLES = ROOT / "samples"
# Declares no language: only its text says it is German.
GERMAN = SAMPLES / "dpa-iptc7901-dw-1.iptc"
ENGLISH = SAMPLES / "interfax-2021-03-09-lunar-station.txt"
MORE_ENGLISH = SAMPLES / "businesswire-newsml-1.2.xml"


def test_a_folder_stands_for_every_file_under_it(tmp_path: Path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    for source in (ENGLISH, MORE_ENGLISH):
        shutil.copy(source, nested / source.name)
    shutil.copy(GERMAN, tmp_path / GERMAN.name)
    expected = [nested / MORE_ENGLISH.name, nested / ENGLISH.name, tmp_path / GERMAN.name]
    assert files_under([tmp_path]) == expected
    assert sentence_pool([tmp_path]) == sentence_pool([MORE_ENGLISH, ENGLISH, GERMAN])


def test_articles_whose_text_is_not_english_give_no_sentences():
    pool = sentence_pool(sorted(SAMPLES.iterdir()))
    assert pool
    assert not any("Kundinnen" in sentence or " und " in sentence for sentence in pool)
    assert any(sentence.startswith("Russia and China") for sentence in pool)


def test_generated_items_are_distinct_and_of_wire_length():
    pool = sentence_pool([SAMPLES])
    items = dict(generate(pool, 20))
    assert len(items) == 20
    assert len(set(items.values())) == 20
    for data in items.values():
        words = len(data.decode().split())
        assert 300 <= words <= 700


def test_real_items_travel_whole_in_a_collection_each_once(tmp_path: Path):
    for source in (ENGLISH, MORE_ENGLISH, GERMAN):
        shutil.copy(source, tmp_path / source.name)
    # The same article twice is collected once, where it is first met ("again.txt" first).
    shutil.copy(ENGLISH, tmp_path / "again.txt")
    originals = [
        article
        for path in (ENGLISH, MORE_ENGLISH)
        for article in parse_bytes(path.read_bytes(), path.name)
    ]
    stories = real_stories([tmp_path])
    assert [story.headline for story in stories] == [article.headline for article in originals]
    for form in ("sgml", "rss"):
        items = parse_bytes(collection_of(stories, form), f"real.{form}")
        assert len(items) == len(originals)
        for item, original in zip(items, originals, strict=True):
            assert item.paragraphs[-1] == original.paragraphs[-1]
            assert original.paragraphs[1] in item.body
