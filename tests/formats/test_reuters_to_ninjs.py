"""Reuters-21578 articles (one XML file each, as the R package tm ships them) written as ninjs."""

from __future__ import annotations

from pathlib import Path

from pipeline.formats import parse_bytes
from scripts import reuters_to_ninjs

# Made up in the collection's form: the wire's line breaks, indented paragraphs, the signature.
SAMPLE = """<?xml version="1.0"?>
<REUTERS TOPICS="YES" NEWID="42">
 <DATE>26-FEB-1987 15:18:06.67</DATE>
 <TEXT>
  <TITLE>EXAMPLE CORP &lt;EXC&gt; BUYS UNIT</TITLE>
  <DATELINE>HOUSTON, Feb 26 -</DATELINE>
  <BODY>Example Corp said it agreed to buy
the drilling unit of &lt;Sample Inc&gt; for 12 mln dlrs.
    The company said the sale would close
in April.
 Reuter</BODY>
 </TEXT>
</REUTERS>
"""


def test_an_article_has_its_dateline_paragraphs_and_date():
    item = reuters_to_ninjs.article(SAMPLE)
    assert item.new_id == "42"
    assert item.created == "1987-02-26T15:18:06"
    assert item.headline == "EXAMPLE CORP <EXC> BUYS UNIT"
    assert item.paragraphs == [
        "HOUSTON, Feb 26 - Example Corp said it agreed to buy the drilling unit of <Sample Inc> "
        "for 12 mln dlrs.",
        "The company said the sale would close in April.",
    ]
    assert item.line == " ".join(item.paragraphs)


def test_the_ninjs_item_reads_back_with_its_angle_brackets_as_text():
    (parsed,) = parse_bytes(reuters_to_ninjs.ninjs(reuters_to_ninjs.article(SAMPLE)).encode(), "x")
    assert parsed.item_key == "urn:reuters-21578:42"
    assert parsed.published_at is not None
    assert parsed.published_at.date().isoformat() == "1987-02-26"
    assert parsed.paragraphs[0].endswith("of <Sample Inc> for 12 mln dlrs.")
    assert parsed.paragraphs[1] == "The company said the sale would close in April."


def test_files_are_written_as_items_and_lines_in_the_order_given(tmp_path: Path):
    first, second = tmp_path / "acq" / "reut-00001.xml", tmp_path / "crude" / "reut-00001.xml"
    for path, new_id in ((first, "7"), (second, "8")):
        path.parent.mkdir()
        path.write_text(SAMPLE.replace('NEWID="42"', f'NEWID="{new_id}"'), encoding="utf-8")
    out, lines = tmp_path / "items", tmp_path / "lines.txt"
    reuters_to_ninjs.main([str(first), str(second), "--out", str(out), "--lines", str(lines)])
    assert sorted(p.name for p in out.iterdir()) == ["acq-reut-00001.json", "crude-reut-00001.json"]
    assert lines.read_text(encoding="utf-8").splitlines()[1].startswith("HOUSTON, Feb 26 - ")
