"""Feeds and NewsML messages malformed inside some items: the others are read, each broken item
is reported at its position (``pipeline.formats.xmlitems``); and many-item files damaged at
random, ninjs collections too, read or fail cleanly."""

import json
import random

import pytest
from lxml import etree

from pipeline.errors import PermanentError
from pipeline.formats import collecting_skipped, parse_bytes
from tests.formats.xmlcases import sample_path

RSS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
    b"<channel><title>Feed</title><link>https://f.example/</link>\n"
)
RSS_TAIL = b"</channel>\n</rss>\n"


def _rss_item(number: int, title: str = "", description: str = "") -> bytes:
    return (
        f"<item><title>{title or f'Item {number}'}</title><guid>https://f.example/{number}</guid>"
        f"<dc:creator>Desk {number}</dc:creator>"
        f"<description>{description or f'Text of item {number}.'}</description></item>\n"
    ).encode()


def _rss(*items: bytes) -> bytes:
    return RSS_HEAD + b"".join(items) + RSS_TAIL


def _parsed(data: bytes, name: str = "feed.xml") -> tuple[list[int], dict[int, str]]:
    """The item positions read, and the skipped ones with their notes."""
    with collecting_skipped() as skipped:
        articles = parse_bytes(data, name)
    return [article.item_index for article in articles], {s.index: s.message for s in skipped}


def _strict_error(data: bytes) -> str:
    with pytest.raises(etree.XMLSyntaxError) as raised:
        etree.fromstring(data)
    line, column = raised.value.position
    return f"line {line}, column {column}"


def test_an_unescaped_ampersand_loses_only_its_item_with_the_files_position():
    data = _rss(_rss_item(0), _rss_item(1, title="Bonds & gilts"), _rss_item(2))
    read, skipped = _parsed(data)
    assert read == [0, 2]
    assert list(skipped) == [1]
    assert skipped[1].startswith("item 1 of the file skipped: malformed XML at ")
    assert _strict_error(data) in skipped[1]
    assert "xmlParseEntityRef" in skipped[1]


def test_an_unclosed_tag_does_not_swallow_the_items_after_it():
    data = _rss(
        _rss_item(0), _rss_item(1, description="Roads <b>blocked."), *map(_rss_item, (2, 3))
    )
    read, skipped = _parsed(data)
    assert read == [0, 2, 3]
    assert list(skipped) == [1]


def test_later_items_keep_their_namespaces_and_fields():
    data = _rss(_rss_item(0, title="A & B"), _rss_item(1))
    (article,) = parse_bytes(data, "feed.xml")
    assert (article.item_index, article.headline, article.byline) == (1, "Item 1", "Desk 1")
    assert article.warnings == [_parsed(data)[1][0]]


def test_a_feed_cut_inside_an_item_keeps_the_items_before():
    whole = _rss(*map(_rss_item, range(5)))
    cut = whole[: whole.index(b"Text of item 3") + 5]
    read, skipped = _parsed(cut)
    assert read == [0, 1, 2]
    assert list(skipped) == [3]
    assert (
        "the item opened at line 7, column 1 has no end: no closing tag before the file ends"
        in skipped[3]
    )


def test_an_item_without_its_close_is_reported_and_the_next_read():
    data = _rss(_rss_item(0), _rss_item(1).replace(b"</item>", b""), _rss_item(2))
    read, skipped = _parsed(data)
    assert read == [0, 2]
    assert "the next item opens before its closing tag" in skipped[1]


def test_item_tags_quoted_in_cdata_or_comments_are_not_items():
    quoted = _rss_item(1, description="<![CDATA[<item>not one</item> <b>bold]]>")
    data = _rss(b"<!-- <item> in a comment -->\n", _rss_item(0, title="A & B"), quoted)
    read, skipped = _parsed(data)
    assert (read, list(skipped)) == ([1], [0])


def test_a_fault_outside_every_item_fails_the_file_as_before():
    data = _rss(_rss_item(0), _rss_item(1)).replace(b"<title>Feed</title>", b"<title>F & G</title>")
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "feed.xml")
    assert raised.value.kind == "malformed_xml"
    assert _strict_error(data) in raised.value.message


def test_a_feed_whose_every_item_is_broken_fails_with_the_first_fault():
    data = _rss(_rss_item(0, title="A & B"), _rss_item(1, title="C & D"))
    with pytest.raises(PermanentError) as raised:
        parse_bytes(data, "feed.xml")
    assert raised.value.kind == "malformed_xml"
    assert _strict_error(data) in raised.value.message


def test_an_atom_entry_with_bytes_that_are_not_utf8():
    entry = (
        "<entry><id>urn:e:{n}</id><title>Entry {n}</title><summary>Text {n}.</summary></entry>\n"
    )
    entries = [entry.format(n=n).encode() for n in range(3)]
    entries[1] = entries[1].replace(b"Text 1", b"Text \xff1")
    data = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>\n' + b"".join(entries)
    read, skipped = _parsed(data + b"</feed>\n", "feed.atom")
    assert read == [0, 2]
    assert list(skipped) == [1]


def test_a_newsml_g2_message_with_one_broken_item():
    item = (
        '<newsItem guid="urn:g2:{n}" version="1"><itemMeta><itemClass qcode="ninat:text"/>'
        '</itemMeta><contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        "<p>Text of item {n}{text}.</p></body></html></inlineXML></contentSet></newsItem>\n"
    )
    items = [item.format(n=n, text=" & more" if n == 1 else "").encode() for n in range(3)]
    data = (
        b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/><itemSet>\n'
        + b"".join(items)
        + b"</itemSet></newsMessage>\n"
    )
    read, skipped = _parsed(data, "message.xml")
    assert read == [0, 2]
    assert list(skipped) == [1]


def test_a_newsml_1_envelope_with_one_broken_news_item():
    """Three copies of a real AFP NewsItem, the second with an unescaped "&" in its headline,
    the third holding a NewsItem of its own in a component (NewsML 1.2 nests them)."""
    afp = sample_path("newsml-1.2/iptc-ninjs/tools/xslt/afp.com_newsml1.2_sample.xml").read_bytes()
    start, end = afp.index(b"<NewsItem"), afp.rindex(b"</NewsItem>") + len(b"</NewsItem>")
    item = afp[start:end]
    broken = item.replace(b'<HeadLine xml:lang="en">', b'<HeadLine xml:lang="en">Q & A: ', 1)
    end_of_item = b"</NewsComponent></NewsItem>"
    inner = item.replace(end_of_item, b"<NewsComponent><NewsItem/></NewsComponent>" + end_of_item)
    data = afp[:start] + item + b"\n" + broken + b"\n" + inner + afp[end:]
    read, skipped = _parsed(data, "envelope.xml")
    assert read == [0, 2]
    assert list(skipped) == [1]
    assert "xmlParseEntityRef" in skipped[1]


@pytest.mark.parametrize("name", ["feed.xml", "collection.json"])
def test_a_many_item_file_damaged_anywhere_reads_or_fails_cleanly(name: str):
    """A byte deleted, an "&", "<", '"' or "}" put in, or the file cut, at 300 random places of
    a 12-item feed and a 12-item ninjs collection: each either reads no more items than it had
    or fails with the file's own error, never an internal one."""
    if name == "feed.xml":
        data = _rss(*map(_rss_item, range(12)))
    else:
        data = json.dumps(
            [{"uri": f"urn:c:{n}", "headline": f"Item {n}", "body_text": f"Text {n}."}
             for n in range(12)],
            indent=1,
        ).encode()  # fmt: skip
    rng = random.Random(25)
    for _ in range(300):
        damaged = bytearray(data)
        place = rng.randrange(len(damaged))
        change = rng.choice([b"", b"&", b"<", b'"', b"}", None])
        if change is None:
            del damaged[place:]
        elif change:
            damaged[place:place] = change
        else:
            del damaged[place]
        try:
            read, _ = _parsed(bytes(damaged), name)
        except PermanentError:
            continue
        assert len(read) <= 12, (place, change)
