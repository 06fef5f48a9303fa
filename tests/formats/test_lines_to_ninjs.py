"""One-article-per-line text written as ninjs items that the ninjs parser reads."""

from __future__ import annotations

from pipeline.formats import parse_bytes
from scripts import lines_to_ninjs


def test_every_non_blank_line_is_an_item_numbered_by_its_line():
    lines = ["Hundreds of people fled a bushfire today.", "", "Police arrested a man."]
    written = list(lines_to_ninjs.items(lines, "lee-background", "en"))
    assert [name for name, _ in written] == ["lee-background-000.json", "lee-background-002.json"]
    (article,) = parse_bytes(written[1][1].encode(), written[1][0])
    assert article.body == "Police arrested a man."
    assert article.item_key == "urn:lee-background:002"
    assert article.language == "en"
