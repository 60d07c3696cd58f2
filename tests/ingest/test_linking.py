"""Linking names in text to register entries: inflection, spelling, letter case, compounds, new names."""

import pytest

from arena.ingest.linking import Gazetteer, inflection_variants, link_text, suggest_kind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("units_db")]


@pytest.fixture(scope="module")
def gazetteer(units_db):
    return Gazetteer.from_register()


def found(text, gazetteer, new=True):
    """(surface, register key or 'new:<kind>', how) of each mention."""
    out = []
    for m in link_text(text, gazetteer, propose_new=new):
        ident = m.entry.key if m.entry is not None else f"new:{m.new.kind}"
        out.append((m.surface, ident, m.how))
    return out


def keys(text, gazetteer):
    return [ident for _s, ident, _h in found(text, gazetteer)]


def test_names_abbreviations_and_aliases(gazetteer):
    assert keys("Verdens helseorganisasjon (WHO) og OECD og Europarådet.", gazetteer) == [
        "who",
        "oecd",
        "coe",
    ]
    assert keys("Helsedirektoratet deltar i NOMESKO og Nordisk sosialstatistisk komité.", gazetteer) == [
        "hdir",
        "nomesko",
        "nososko",
    ]


def test_norwegian_genitive_and_definite_forms(gazetteer):
    result = found("WHOs styrende organer, EUs helseprogram, Europarådets arbeid og UDs strategi.", gazetteer)
    assert [(s, k) for s, k, _h in result] == [
        ("WHOs", "who"),
        ("EUs helseprogram", "eu-health-programme"),
        ("Europarådets", "coe"),
        ("UDs", "ud"),
    ]
    assert found("Direktoratet deltok på FNs narkotikakommisjons årlige møte.", gazetteer)[1][:2] == (
        "FNs narkotikakommisjons",
        "cnd",
    )
    # indefinite in the text, definite in the register ("helseforsamlingen")
    assert keys("deltok i styremøte og helseforsamling i WHO", gazetteer)[0] == "wha"
    assert ("WHO's", "who") in [(s, k) for s, k, _h in found("WHO's liste over land", gazetteer)]


def test_inflection_is_only_tried_against_known_stems():
    assert ("WHO", True) in inflection_variants("WHOs")
    assert ("Europarådet", True) in inflection_variants("Europarådets")
    assert ("divisjonen", False) in inflection_variants("divisjonene")
    assert inflection_variants("EU")[0] == ("EU", False)


def test_small_spelling_differences_in_long_names(gazetteer):
    assert found("i Nordisk medisinalstatistikkomité (NOMESKO)", gazetteer)[0][1:] == ("nomesko", "fuzzy")
    assert found("i Europarådets kommité for bioetik i Strasbourg", gazetteer)[0][1] == "dh-bio"


def test_letter_case_of_short_names_and_acronyms(gazetteer):
    assert keys("AS-divisjonen og AS deltar", gazetteer) == ["as", "as"]
    assert keys("slik as i tekst", gazetteer) == []
    assert keys("beredskap mot terror", gazetteer) == []  # not "TERROR", the Joint Action
    assert keys("Joint Action TERROR", gazetteer) == ["ja-terror"]


def test_compounds_and_pairs(gazetteer):
    assert keys("ulike WHO-møter og EØS-landene", gazetteer) == ["who", "eea"]
    assert keys("regulering i EU/EØS og FN/WHO", gazetteer) == ["eu", "eea", "un", "who"]
    assert keys("DH- og AS-divisjonene deltar", gazetteer) == ["dh", "as"]
    assert keys("FNs menneskerettighetskomité og torturkomité", gazetteer) == ["un-hrc", "un-cat"]
    assert keys("Europarådets komité for bioetikk (DH-BIO)", gazetteer) == ["dh-bio", "dh-bio"]


def test_countries_but_not_the_home_country(gazetteer):
    assert keys("Norge samarbeider med Polen, Romania og New Zealand.", gazetteer) == ["PL", "RO", "NZ"]


def test_frameworks_are_tags_not_entities(gazetteer):
    assert keys("FNs bærekraftsmål og bærekraftsmål 3", gazetteer) == ["un"]  # the UN, not an arena


def test_names_the_register_does_not_know_are_proposed_with_kind_and_parent(gazetteer):
    result = link_text(
        "Divisjonen deltar i Nordic Working Group on Rare Diseases under Nordisk ministerråd. "
        "Vi er også med i WHOs European Network on Health Literacy Research.",
        gazetteer,
    )
    new = [(m.new.name, m.new.kind, m.new.parent.key if m.new.parent else None) for m in result if m.new]
    assert new == [
        ("Nordic Working Group on Rare Diseases", "arena", "ncm"),
        ("European Network on Health Literacy Research", "arena", "who"),
    ]
    acronym = [
        m.new for m in link_text("Samarbeid i Nordisk forum for helsejus (NFH) i år.", gazetteer) if m.new
    ]
    assert [(n.name, n.abbreviation, n.kind) for n in acronym] == [
        ("Nordisk forum for helsejus", "NFH", "arena")
    ]


def test_generic_phrases_and_roles_are_not_proposed(gazetteer):
    text = "Vi deltar i flere Joint Actions og som Donor Program Partner. Divisjonen leder arbeidet."
    assert [m for m in link_text(text, gazetteer) if m.new] == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Joint Action on Rare Cancers", ("programme", "joint_action")),
        ("Nordic Working Group on Mental Health", ("arena", "working_group")),
        ("European Network of Medical Competent Authorities", ("arena", "network")),
        ("Nasjonalt senter for e-helseforskning", ("national_partner", "national_agency")),
        ("European Alliance Against Depression", ("organisation", "international")),
        ("Helse og omsorg", None),
    ],
)
def test_suggested_kind(name, kind):
    assert suggest_kind(name) == kind
