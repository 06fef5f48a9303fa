"""What each corpus file of the JSON, character-stream and plain-text groups must parse to.

``"ok"``: at least one article with headline and body. Otherwise the expected error kind.
"""

_NINJS = "ninjs/iptc-ninjs/"
_NINJS_14 = f"{_NINJS}examples/1.4/"
_NINJS_30 = f"{_NINJS}examples/3.0/"
_DW = "dpa-digitalwires-json/dpa-digitalwires-to-newsmlg2/tests/data/input/"
_PA = "pa-fingerpost-json/guardian-newswires-pa/ingestion-lambda/test/fixtures/"
_7901 = "iptc7901/dpa-digitalwires-to-iptc7901/tests/data/output/"
_SCHEMAS = "schemas/iptc-ninjs/specification/"

EXPECTED: dict[str, str] = {
    # Schema-invalid: the extension property 'embargoedreason' alone would be a warning, but the
    # item has no headline and no body at all, so nothing is usable.
    f"{_NINJS}documentation/includes/examples/not-valid/008_extension.json": "no_body",
    f"{_NINJS_14}businesswire-newsml-20130515006361.json": "ok",
    f"{_NINJS_14}businesswire-newsml-20130605006126.json": "ok",
    f"{_NINJS_14}businesswire-newsml-20130612006110.json": "ok",
    f"{_NINJS_14}businesswire-newsml-20130731006140.json": "ok",
    # A demonstration of three 1.4 properties: a headline but no body text.
    f"{_NINJS_14}ninjs-1-4-examples.json": "no_body",
    f"{_NINJS_14}ninjsExComplex1.json": "ok",
    f"{_NINJS_14}ninjsExComplex2.json": "ok",
    f"{_NINJS_14}ninjsExMediumText1.json": "ok",
    f"{_NINJS_14}ninjsExSimplePhoto1.json": "not_news_item",
    f"{_NINJS_14}ninjsExSimpleText1.json": "ok",
    f"{_NINJS_30}20231004-UEFA-ChampionLeague.json": "not_news_item",
    f"{_NINJS_30}20231005-65-addb-event.json": "not_news_item",
    f"{_NINJS_30}20231008-anti-doping-measures-at-the-tour-down-under-will-be-the-toughest-ever"
    "-addb-ninjs-nitf.json": "ok",
    f"{_NINJS_30}20231016-addb-example-press-conference.json": "not_news_item",
    f"{_NINJS_30}SIPA_image_3.json": "not_news_item",
    f"{_NINJS_30}ap_audio.json": "not_news_item",
    f"{_NINJS_30}ap_image.json": "not_news_item",
    f"{_NINJS_30}ap_video.json": "not_news_item",
    f"{_NINJS_30}businesswire-newsml-20130605006126.json": "ok",
    f"{_NINJS_30}businesswire-newsml-20130731006140.json": "ok",
    # A timeline of 14 event items: no text story among them.
    f"{_NINJS_30}collection/20231016-event-timeline-sample.json": "not_news_item",
    f"{_NINJS_30}dpa_text.json": "ok",
    f"{_NINJS_30}imageEncodedRights.json": "not_news_item",
    f"{_NINJS_30}imageLinkedRights.json": "not_news_item",
    f"{_NINJS_30}ninjsExSimpleText_3.json": "ok",
    # No body, but a text description: used as the body, with a warning.
    f"{_NINJS_30}ntb_text.json": "ok",
    f"{_NINJS_30}simpleEvent.json": "not_news_item",
    f"{_NINJS_30}tt_event_pressconference_3.0.json": "not_news_item",
    f"{_NINJS_30}tt_text_image_3.json": "ok",
    # Schema-invalid by an unknown property 'organisationXXX': the story is intact, so it is
    # usable; the warning names the property.
    f"{_NINJS}validation/Windows-dot.net/ninjsExComplex2-invalid.json": "ok",
    # Schema-invalid: 'headlines' is a string instead of an array of objects. Its meaning is
    # plain, so it is used as the headline, with a warning.
    f"{_NINJS}validation/java/ninjsvalidator/src/main/resources/ninjs_example_invalid.json": "ok",
    f"{_DW}audio.json": "not_news_item",
    f"{_DW}dw-1.json": "ok",
    f"{_DW}eil.json": "ok",
    f"{_DW}embargoed.json": "ok",
    f"{_DW}empty_paragraph.json": "ok",
    f"{_DW}hoerfunk.json": "ok",
    f"{_DW}image.json": "not_news_item",
    f"{_DW}image2.json": "not_news_item",
    f"{_DW}lesestuecke.json": "ok",
    f"{_DW}no_content.json": "not_news_item",
    f"{_DW}no_notepad.json": "ok",
    f"{_DW}nsb_n1.json": "ok",
    f"{_DW}rubix_multimedia_real.json": "ok",
    f"{_DW}rubix_multimedia_testartikel.json": "ok",
    f"{_DW}spe2.json": "ok",
    f"{_DW}spe_tab.json": "ok",
    f"{_DW}tvo_pol.json": "ok",
    f"{_DW}with_dateline.json": "ok",
    f"{_DW}with_infobox.json": "ok",
    f"{_PA}PA_API-Data-Formatting.json": "ok",
    f"{_PA}PA_API.json": "ok",
    f"{_7901}dw-1.iptc": "ok",
    f"{_7901}eil.iptc": "ok",
    f"{_7901}lesestuecke.iptc": "ok",
    f"{_7901}nsb-n1.iptc": "ok",
    f"{_7901}spe-tab.iptc": "ok",
    f"{_7901}tvo-pol.iptc": "ok",
    # JSON schemas describe items; they are not items.
    f"{_SCHEMAS}ninjs-schema_1.4.json": "unknown_format",
    f"{_SCHEMAS}ninjs-schema_2.1.json": "unknown_format",
    f"{_SCHEMAS}ninjs-schema_3.1.json": "unknown_format",
    "plain-text/interfax-2021-03-09-lunar-station.txt": "ok",
}
