"""Tables, price lists, results and lists are found; prose and offsets are left alone."""

from pipeline.extract.markup import company_cues
from pipeline.extract.prose import non_prose_spans, prose_spans, reading_text

PRICES = (
    "Cocoa futures closed steady, dealers said.\n\n"
    "Month Close Previous\n\nMar 48.0 47.5\n\nJun 10.0 10.5\n\nAug/Sept 51.5 51.0\n\n"
    "Ghana was selling light, traders said."
)


def lines_of(text: str) -> list[str]:
    return [text[start:end] for start, end in non_prose_spans(text)]


def test_price_table_and_its_header_are_non_prose():
    assert lines_of(PRICES) == [
        "Month Close Previous",
        "Mar 48.0 47.5",
        "Jun 10.0 10.5",
        "Aug/Sept 51.5 51.0",
    ]


def test_results_agate_and_sports_results_are_non_prose():
    results = "Shr 30 cts vs 25 cts\n\nNet 1,234,000 vs 987,000\n\nRevs 12.5 mln vs 10.1 mln"
    assert len(lines_of(results)) == 3
    assert lines_of("Bayern Munich 2 Cologne 1") == ["Bayern Munich 2 Cologne 1"]
    assert lines_of("Italien - Slowakei 1:0") == ["Italien - Slowakei 1:0"]
    assert lines_of("FSV Mainz 05 - RB Leipzig 15.30") == ["FSV Mainz 05 - RB Leipzig 15.30"]
    table = "1. | Bayern München | 6 | 4 | 2 | 0 | +13 | 20:7 | 14"
    assert lines_of(table) == [table]
    assert lines_of("Talks between Kyiv - and Moscow - resumed on 3 May.") == []


def test_prose_with_figures_stays_prose():
    text = (
        "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos, making a "
        "cumulative total for the season of 5.93 mln against 5.81 at the same stage last year."
    )
    assert non_prose_spans(text) == []
    assert prose_spans(text) == [(0, len(text))]


def test_headline_list_needs_several_bullets_without_sentence_end():
    listed = "Top stories:\n- Border dispute flares\n- Tram collision in Basel\n- Tennis result"
    assert lines_of(listed) == [
        "Top stories:",
        "- Border dispute flares",
        "- Tram collision in Basel",
        "- Tennis result",
    ]
    assert lines_of("- The minister resigned.\n- Talks resume on Monday.") == []


def test_a_lone_time_stamp_takes_no_caption_with_it():
    text = "Maria Jensen to Host Gala\n\n8 : 13 AM PDT 8 / 2 / 2013\n\nShe will host."
    assert lines_of(text) == ["8 : 13 AM PDT 8 / 2 / 2013"]


def test_reading_text_keeps_offsets_and_drops_tables_and_tickers():
    body = PRICES + "\n\nStandard Oil Co <SRD> said <Comissaria Smith> agreed."
    read = reading_text(body)
    assert len(read) == len(body)
    for gone in ("Mar", "Aug/Sept", "<", "SRD"):
        assert gone not in read
    assert read.count("\n") == body.count("\n")
    for kept in ("Cocoa futures closed steady", "Comissaria Smith"):
        assert kept in read


def test_markup_cues_name_the_companies():
    text = "Standard Oil Co <SRD> and <Comissaria Smith> and Dell (NASDAQ: DELL) met."
    cues = company_cues(text)
    assert [text[s:e] for s, e in cues.names] == ["Comissaria Smith"]
    assert [text[:end].split()[-1] for end in cues.name_ends] == ["Co", "Dell"]
