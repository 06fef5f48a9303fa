"""What each XML-family corpus file is expected to parse to.

Maps every file (relative to the corpus) under newsml-g2/, newsml-1.2/, nitf/, invalid/ and
story-clusters/ to "ok" (at least one article with a headline and a body) or the error kind.

The ``should_fail`` NewsML-G2 files fail *schema* validation. Parsing does not validate against
the XSD: a schema violation that leaves an item's guid, headline and text usable is parsed (a
receiver should not drop a story over a catalog reference). None of those files is such a text
item, though: each is rejected for what it is (package, catalog, concept) or for having no
content, as the comments say.
"""

from __future__ import annotations


def _under(folder: str, files: dict[str, str]) -> dict[str, str]:
    return {folder + name: kind for name, kind in files.items()}


EXPECTED: dict[str, str] = {
    **_under(
        "newsml-g2/dpa-digitalwires-to-newsmlg2/tests/data/output/",
        {
            # audio item: no text story
            "audio.xml": "not_news_item",
            "dw-1.xml": "ok",
            "eil.xml": "ok",
            "embargoed.xml": "ok",
            "empty_paragraph.xml": "ok",
            "hoerfunk.xml": "ok",
            # picture item
            "image.xml": "not_news_item",
            "lesestuecke.xml": "ok",
            # picture item without content
            "no_content.xml": "not_news_item",
            "no_notepad.xml": "ok",
            "nsb_n1.xml": "ok",
            "rubix_multimedia_real.xml": "ok",
            "rubix_multimedia_testartikel.xml": "ok",
            "spe2.xml": "ok",
            "spe_tab.xml": "ok",
            "tvo_pol.xml": "ok",
            "with_dateline.xml": "ok",
            "with_infobox.xml": "ok",
        },
    ),
    **_under(
        "newsml-g2/gextech-iptc-newsml/src/test/resources/",
        {
            "201601026085EY-MIDEAST-CRISISSYRIA_FIGHTERS.xml": "ok",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/examples/",
        {
            "LISTING_10_Abstract_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml": "not_news_item",
            "LISTING_11_Person_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml": "not_news_item",
            "LISTING_12_Knowledge_Item_for_Access_Codes.xml": "not_news_item",
            "LISTING_13_Complete_Catalog_Item.xml": "not_news_item",
            "LISTING_14_Event_sent_as_a_Concept_Item.xml": "not_news_item",
            "LISTING_15_Two_Related_Events_in_a_Knowledge_Item.xml": "not_news_item",
            # composite item carrying event concepts, no text
            "LISTING_16_A_Set_of_Events_carried_in_a_News_Item.xml": "not_news_item",
            "LISTING_17_Planning_Item_a_CCL.xml": "not_news_item",
            "LISTING_18_Planning_Item_at_PCL.xml": "not_news_item",
            "LISTING_19_Planning_Item_with_delivery_at_CCL.xml": "not_news_item",
            # text item whose inlineXML is an empty placeholder
            "LISTING_1_A_NewsML-G2_News_Item.xml": "no_body",
            "LISTING_20_Planning_Item_with_delivery_at_PCL.xml": "not_news_item",
            # text item whose content is SportsML data, not prose
            "LISTING_21_A_complete_sample_SportsML-G2_document.xml": "no_body",
            "LISTING_22_Sports_story_in_NewsML-G2NITF.xml": "ok",
            "LISTING_23_SportsML-G2_Package.xml": "not_news_item",
            # package plus newsItems whose content is elided ('.....')
            "LISTING_24_News_Message_conveying_a_complete_News_Package.xml": "no_body",
            # a bare <contentSet> fragment: no item, no guid
            "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml": "not_news_item",
            "LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml": "not_news_item",
            # inline XHTML left empty
            "LISTING_27_Company_Financial_Information.xml": "no_body",
            # a bare <contentMeta> fragment
            "LISTING_28_Illustrating_Located_Subject_and_Dateline.xml": "not_news_item",
            # metadata only, the content is a comment
            "LISTING_29_Hop_History.xml": "no_body",
            "LISTING_2_NewsML-G2_Text_Document.xml": "ok",
            "LISTING_3A_Photo_in_NewsML-G2_(URI_sibling_attributes).xml": "not_news_item",
            "LISTING_3_Photo_in_NewsML-G2.xml": "not_news_item",
            "LISTING_4_Multiple_Renditions_of_a_Video_in_NewsML-G2.xml": "not_news_item",
            "LISTING_5_Multi-part_Video_in_NewsML-G2.xml": "not_news_item",
            "LISTING_6_Simple_NewsML-G2_Package.xml": "not_news_item",
            "LISTING_7_Group_Set_example_showing_Hierarchical_Package_Structure.xml": (
                "not_news_item"
            ),
            "LISTING_8_Group_Set_example_showing_an_ALT_Package_Mode.xml": "not_news_item",
            "LISTING_9_Group_Set_example_showing_a_SEQ_Package_Mode.xml": "not_news_item",
            "Receiver View.xml": "ok",
            "ap_metadata_example.xml": "not_news_item",
            "facet-example-2.xml": "no_body",
            # a one-line body and no headline: parsed, with a warning
            "facet-example-3.xml": "ok",
            "facet-example.xml": "no_body",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.12/should_fail/",
        {
            # should_fail: a packageItem, whatever its schema error
            "xsany-on-hasinstrument.xml": "not_news_item",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.28/should_fail/",
        {
            # should_fail: valid under 2.29; a text item without content either way
            "2.29_affiliation_org_org.xml": "no_body",
            # should_fail: a catalog
            "2.29_retiring_scheme_scheme.xml": "not_news_item",
            # should_fail: a knowledge item
            "2.29_retiring_scheme_schememeta.xml": "not_news_item",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.29/should_fail/",
        {
            # should_fail: well-formed but incomplete: a newsItem with no itemMeta or content
            "001_incomplete_file.xml": "no_body",
            # should_fail: missing catalogRef would be tolerated; its inlineXML is empty
            "002_newsitem_with_no_catalog.xml": "no_body",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.30/should_fail/",
        {
            # should_fail: a package (bad residrefformat)
            "CR00212_02_residrefformaturi_badly_formatted.xml": "not_news_item",
            # should_fail: a concept item
            "CR00215_hasInstrument_on_concept.xml": "not_news_item",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.33/should_fail/",
        {
            # should_fail: a catalog item
            "digitalSourceType_catalogItem.xml": "not_news_item",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.34/should_fail/",
        {
            # should_fail: too deep 'related' nesting would be tolerated; no content
            "CR00218_too_many_nested_related.xml": "no_body",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.34/should_pass/",
        {
            "CR00218_increase_nesting_of_related.xml": "no_body",
            "CR00219_datamining_in_rightsinfo_embeddedrights.xml": "no_body",
            "CR00219_datamining_in_rightsinfo_multilang.xml": "no_body",
            "CR00219_datamining_in_rightsinfo_otherconstraints.xml": "no_body",
            "CR00219_datamining_in_rightsinfo_qcode.xml": "no_body",
            "CR00219_datamining_in_rightsinfo_qcode_multilang.xml": "no_body",
            "CR00219_datamining_in_rightsinfo_simple.xml": "no_body",
        },
    ),
    **_under(
        "newsml-g2/iptc-newsml-g2/tests/unit_test_files/2.35/should_pass/",
        {
            "CR00221_eventstatus.xml": "not_news_item",
            "CR00221_eventstatus_uri.xml": "not_news_item",
        },
    ),
    **_under(
        "newsml-g2/iptc-ninjs/tools/xslt/",
        {
            "TT_newsmlg2_sample.xml": "ok",
        },
    ),
    **_under(
        "newsml-g2/iptc-python-newsmlg2/tests/test_files/",
        {
            "001_simplest_file.xml": "no_body",
            "002_knowledgeitem.xml": "not_news_item",
            "003_conceptitem.xml": "not_news_item",
            "004_planningitem.xml": "not_news_item",
            "005_conceptitem_persondetails.xml": "not_news_item",
            "006_conceptitem_geoareadetails.xml": "not_news_item",
            # package plus a newsItem without content
            "007_emptynewsmessage.xml": "no_body",
            "008_roundtrip_test.xml": "ok",
        },
    ),
    **_under(
        "newsml-1.2/gextech-iptc-newsml/src/test/resources/",
        {
            # AFP photo: the only text is the picture caption
            "AFP_751HA.xml": "not_news_item",
            "BAS-Y-MUNDO-MXC_20160116_1402.XML": "ok",
            # AFP photo: the only text is the picture caption
            "DV2209430.xml": "not_news_item",
        },
    ),
    **_under(
        "newsml-1.2/iptc-ninjs/examples/NewsML/",
        {
            "businesswire-newsml-20130515006361.xml": "ok",
            "businesswire-newsml-20130605006126.xml": "ok",
            "businesswire-newsml-20130612006110.xml": "ok",
            "businesswire-newsml-20130731006140.xml": "ok",
        },
    ),
    **_under(
        "newsml-1.2/iptc-ninjs/tools/xslt/",
        {
            "afp.com_newsml1.2_sample.xml": "ok",
        },
    ),
    **_under(
        "nitf/iptc-ninjs/tools/xslt/",
        {
            "NTB_nitf_sample.xml": "ok",
        },
    ),
    **_under(
        "invalid/gextech-iptc-newsml/src/test/resources/",
        {
            # plain text that is not XML and has no wire layout
            "invalid.file": "unknown_format",
        },
    ),
    **_under(
        "story-clusters/ecbplus/ECB+_LREC2014/",
        {
            # licence/readme text, not a wire item
            "COPYING-CC.TXT": "unknown_format",
            # licence/readme text, not a wire item
            "LICENSEDATA.TXT": "unknown_format",
            # licence/readme text, not a wire item
            "README.txt": "unknown_format",
        },
    ),
    **_under(
        "story-clusters/ecbplus/ECB+_LREC2014/ECB+/1/",
        {
            "1_10ecb.xml": "ok",
            "1_10ecbplus.xml": "ok",
            "1_11ecb.xml": "ok",
            "1_11ecbplus.xml": "ok",
            "1_12ecb.xml": "ok",
            "1_12ecbplus.xml": "ok",
            "1_13ecb.xml": "ok",
            "1_13ecbplus.xml": "ok",
            "1_14ecb.xml": "ok",
            "1_14ecbplus.xml": "ok",
            "1_15ecb.xml": "ok",
            "1_15ecbplus.xml": "ok",
            "1_16ecbplus.xml": "ok",
            "1_17ecb.xml": "ok",
            "1_17ecbplus.xml": "ok",
            "1_18ecb.xml": "ok",
            "1_18ecbplus.xml": "ok",
            "1_19ecb.xml": "ok",
            "1_19ecbplus.xml": "ok",
            "1_1ecb.xml": "ok",
            "1_1ecbplus.xml": "ok",
            "1_20ecbplus.xml": "ok",
            "1_21ecbplus.xml": "ok",
            "1_2ecb.xml": "ok",
            "1_2ecbplus.xml": "ok",
            "1_3ecb.xml": "ok",
            "1_3ecbplus.xml": "ok",
            "1_4ecb.xml": "ok",
            "1_4ecbplus.xml": "ok",
            "1_5ecb.xml": "ok",
            "1_5ecbplus.xml": "ok",
            "1_6ecb.xml": "ok",
            "1_6ecbplus.xml": "ok",
            "1_7ecb.xml": "ok",
            "1_7ecbplus.xml": "ok",
            "1_8ecb.xml": "ok",
            "1_8ecbplus.xml": "ok",
            "1_9ecb.xml": "ok",
            "1_9ecbplus.xml": "ok",
        },
    ),
    **_under(
        "story-clusters/ecbplus/ECB+_LREC2014/ECB+/2/",
        {
            "2_10ecbplus.xml": "ok",
            "2_11ecb.xml": "ok",
            "2_11ecbplus.xml": "ok",
            "2_1ecb.xml": "ok",
            "2_1ecbplus.xml": "ok",
            "2_2ecb.xml": "ok",
            "2_2ecbplus.xml": "ok",
            "2_3ecb.xml": "ok",
            "2_3ecbplus.xml": "ok",
            "2_4ecb.xml": "ok",
            "2_4ecbplus.xml": "ok",
            "2_5ecb.xml": "ok",
            "2_5ecbplus.xml": "ok",
            "2_6ecb.xml": "ok",
            "2_6ecbplus.xml": "ok",
            "2_7ecb.xml": "ok",
            "2_7ecbplus.xml": "ok",
            "2_8ecb.xml": "ok",
            "2_8ecbplus.xml": "ok",
            "2_9ecb.xml": "ok",
            "2_9ecbplus.xml": "ok",
        },
    ),
}
