"""Artefact removal: pure functions, no database."""

from arena.ingest import cleaning


def test_blank_line_after_every_line_is_dropped_but_page_separators_stay():
    lines = ["Første linje", "", "andre linje", "", " ", "", "tredje", "", "fjerde", "", "femte", ""]
    assert cleaning.drop_blank_interleaving(lines) == [
        "Første linje",
        "andre linje",
        " ",
        "tredje",
        "fjerde",
        "femte",
    ]
    flowed = ["Avsnitt en.", "", "Avsnitt to.", "Fortsatt to.", "Tre.", "Fire."]
    assert cleaning.drop_blank_interleaving(flowed) == flowed


def test_pages_split_at_the_leading_space_which_is_removed():
    pages = cleaning.split_pages(["Side en", "slutt", " Side to begynner", "her", " 3. Kapittel"])
    assert pages == [["Side en", "slutt"], ["Side to begynner", "her"], ["3. Kapittel"]]


def test_page_foot_with_footnotes_and_repeated_links_is_removed():
    page = [
        "tekst med fotnote1.",
        "mer tekst",
        " ",
        "1 HOD PROP 1:",
        "https://www.regjeringen.no/contentassets/abc/prp2019",
        "20200001hoddddpdfs.pdf.",
        "2 https://www.regjeringen.no/no/aktuelt/ny-nasjonal-handlingsplan-for-",
        "barekraftsmalene/id2700508/",
        "https://www.regjeringen.no/contentassets/abc/prp201920200001hoddddpdfs.pdf",
        "https://www.regjeringen.no/contentassets/abc/prp201920200001hoddddpdfs.pdf",
    ]
    body, notes = cleaning.strip_page_foot(page)
    assert body == ["tekst med fotnote1.", "mer tekst"]
    assert (
        notes["1"]
        == "HOD PROP 1: https://www.regjeringen.no/contentassets/abc/prp201920200001hoddddpdfs.pdf."
    )
    assert notes["2"].endswith("ny-nasjonal-handlingsplan-for-barekraftsmalene/id2700508/")


def test_a_trailing_link_list_alone_is_removed_and_text_is_kept():
    body, notes = cleaning.strip_page_foot(["Avsnitt.", "  ", "https://nowbase.org/", "http://a.no/b"])
    assert body == ["Avsnitt."] and notes == {}
    assert cleaning.strip_page_foot(["Avsnitt.", " ", "Mer tekst her."]) == (
        ["Avsnitt.", " ", "Mer tekst her."],
        {},
    )


def test_hyphenation_at_line_end_keeps_the_real_hyphen():
    assert cleaning.join_wrapped(["innspill i WHO-", "sammenheng og"]) == "innspill i WHO-sammenheng og"
    assert cleaning.join_wrapped(["smittsomme og ikke-", "smittsomme sykdommer"]) == (
        "smittsomme og ikke-smittsomme sykdommer"
    )
    assert (
        cleaning.join_wrapped(["fra Helse-", "og omsorgsdepartementet"])
        == "fra Helse- og omsorgsdepartementet"
    )
    assert cleaning.join_wrapped(["legemiddelmangel og -", "priser"]) == "legemiddelmangel og -priser"


def test_glued_footnote_markers_are_removed_in_order_only_where_footnotes_exist():
    texts = [
        "sikre tilgang til effektive legemidler1. Og global helsesikkerhet2.",
        "NNR2022-prosjektet og covid-19 blir stående, NOMESKO også.",
        "Strategi for samarbeidet med EU 2018-20213 og Meld. St. 36 (2016-2017)4",
        "Kina5",
    ]
    cleaned = cleaning.strip_glued_markers(texts, {"1", "2", "3", "4", "5"})
    assert cleaned == [
        "sikre tilgang til effektive legemidler. Og global helsesikkerhet.",
        "NNR2022-prosjektet og covid-19 blir stående, NOMESKO også.",
        "Strategi for samarbeidet med EU 2018-2021 og Meld. St. 36 (2016-2017)",
        "Kina",
    ]
    assert cleaning.strip_glued_markers(["legemidler1."], set()) == ["legemidler1."]


def test_web_export_markers_links_and_footnote_lines():
    assert cleaning.clean_inline("for alle.[1] I tillegg [PHIRI](#) og \\(CND\\)") == (
        "for alle. I tillegg PHIRI og (CND)"
    )
    assert cleaning.clean_inline(
        "([The European & Developing Countries Clinical Trials Partnership](#))"
    ) == ("(The European & Developing Countries Clinical Trials Partnership)")
    assert cleaning.bracket_footnote("[2] [Prop. 1 S \\(2020–2021\\) - regjeringen.no](#)") == (
        "2",
        "[Prop. 1 S \\(2020–2021\\) - regjeringen.no](#)",
    )
    assert cleaning.clean_inline("se https://example.org/x for mer") == "se for mer"


def test_table_of_contents_lines_and_spaces():
    assert cleaning.toc_entry("4. Prioriterte internasjonale fagområder og arbeidsflater\t6") == (
        "4",
        "Prioriterte internasjonale fagområder og arbeidsflater",
    )
    assert cleaning.toc_entry("Innledning .......... 3") == ("", "Innledning")
    assert cleaning.toc_entry("Dette er en vanlig setning.") is None
    assert cleaning.normalize_spaces("  a\u00a0b\u00adc\t d ") == "a bc d"
