"""HTML bodies to paragraphs: blocks, line breaks, tables, lists, skipped boxes."""

from pipeline.formats.htmltext import html_paragraphs, text_paragraphs


def test_block_elements_become_paragraphs():
    html = "<section><p>One <b>bold</b> line.</p><h2>Sub</h2><p>Two</p></section>"
    assert html_paragraphs(html) == ["One bold line.", "Sub", "Two"]


def test_br_is_a_line_break_inside_the_paragraph():
    assert html_paragraphs("<p>A<br/>B<br/><br/>C</p>") == ["A\nB\nC"]


def test_table_rows_join_cells():
    html = "<table><tr><th>Team</th><th>Pts</th></tr><tr><td>Bath</td><td>41</td></tr></table>"
    assert html_paragraphs(html) == ["Team | Pts", "Bath | 41"]


def test_list_items_are_paragraphs():
    assert html_paragraphs("<ul><li>a</li><li>b</li></ul>") == ["a", "b"]


def test_dropped_classes_keep_their_tail():
    html = '<p><span class="dateline">Berlin (dpa) - </span>Text.</p>'
    assert html_paragraphs(html, ("dateline",)) == ["Text."]


def test_document_with_xml_declaration_and_head():
    html = '<?xml version="1.0" encoding="UTF-8"?><html><head><title>T</title></head>'
    html += "<body><p>Grüße</p></body></html>"
    assert html_paragraphs(html) == ["Grüße"]


def test_comment_only_input_has_no_paragraphs():
    assert html_paragraphs("<!-- nothing -->") == []


def test_text_paragraphs_split_on_blank_lines():
    assert text_paragraphs("a\nb\n\nc\r\n\r\nd") == ["a\nb", "c", "d"]
