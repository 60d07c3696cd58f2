"""New names found by the genre's patterns (arena/ingest/discovery.py), on sentences written for the tests."""

import pytest

from arena.ingest.discovery import acronym_fit, with_discoveries
from arena.ingest.linking import Gazetteer, link_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]


@pytest.fixture(scope="module")
def gazetteer(reference_db, django_db_blocker):
    with django_db_blocker.unblock():
        return Gazetteer.from_register()


def new_names(text, gazetteer):
    mentions = with_discoveries(text, link_text(text, gazetteer))
    return {m.new.name: m.new for m in mentions if m.new is not None}


def test_acronym_defined_after_the_long_form(gazetteer):
    found = new_names("Vi deltar i Global Network for Rural Midwifery (GNRM) fra i år.", gazetteer)
    assert found["Global Network for Rural Midwifery"].abbreviation == "GNRM"
    assert found["Global Network for Rural Midwifery"].register_kind == "network"


def test_acronym_first_and_the_long_form_in_brackets(gazetteer):
    found = new_names("Direktoratet leder nå JPHN (Joint Paediatric Health Network) i to år.", gazetteer)
    assert found["Joint Paediatric Health Network"].abbreviation == "JPHN"


def test_long_form_and_acronym_after_a_dash_in_brackets(gazetteer):
    text = "Arbeidet ledes av en gruppe (Task Group on Coastal Health Services – TGCHS) med fire land."
    assert new_names(text, gazetteer)["Task Group on Coastal Health Services"].abbreviation == "TGCHS"


def test_an_acronym_that_does_not_fit_its_long_form_is_not_a_definition(gazetteer):
    assert acronym_fit("GNRM", "Global Network for Rural Midwifery") == 1.0
    assert acronym_fit("XYZ", "Global Network for Rural Midwifery") < 0.6
    found = new_names("Møtet om Rural Midwifery Matters (XQZ) ble holdt i Oslo.", gazetteer)
    assert all(n.abbreviation != "XQZ" for n in found.values())


def test_joint_action_and_english_designators(gazetteer):
    found = new_names(
        "Norge deltar i Joint Action on Coastal Prevention og i Working Party on Rural Care.", gazetteer
    )
    assert found["Joint Action on Coastal Prevention"].register_kind == "joint_action"
    assert found["Working Party on Rural Care"].register_kind == "working_group"


def test_a_designator_with_a_lowercase_object_is_a_description(gazetteer):
    assert not new_names("Det ble laget en ny Joint Action for utvikling av tjenester.", gazetteer)


def test_norwegian_compounds_that_name_a_body(gazetteer):
    text = "Etter møtet sendte Tannhelsenettverket og Fjordrådet et felles innspill."
    found = new_names(text, gazetteer)
    assert found["Tannhelsenettverket"].register_kind == "network"
    assert found["Fjordrådet"].kind == "organisation"


def test_a_compound_with_an_owner_in_front_keeps_the_owner_as_parent(gazetteer):
    found = new_names("Saken ble drøftet i Nordisk ministerråds tannhelsegruppe i mars.", gazetteer)
    name = found["Nordisk ministerråds tannhelsegruppe"]
    assert name.register_kind == "working_group"
    assert name.parent is not None and name.parent.key == "ncm"


def test_generic_compounds_are_not_names(gazetteer):
    text = "Arbeidsgruppen møttes. Målgruppen er barn. Flere WHO-nettverk og EØS-området ble nevnt."
    assert not new_names(text, gazetteer)


def test_descriptive_working_and_expert_groups(gazetteer):
    found = new_names("Avdelingen leder en ekspertgruppe for kystnær tannhelse i regionen.", gazetteer)
    assert found["ekspertgruppe for kystnær tannhelse"].register_kind == "expert_group"


def test_capitalised_names_with_inner_capitals_and_english_names_in_norwegian_text(gazetteer):
    found = new_names("Direktoratet er med i Nordic mHealth Coastal Alliance fra 2024.", gazetteer)
    assert "Nordic mHealth Coastal Alliance" in found
    found = new_names("Palestinian Ministry of Social Care fikk støtte.", gazetteer)
    assert found["Palestinian Ministry of Social Care"].register_kind == "foreign_authority"


def test_a_run_joining_two_known_names_is_not_a_new_name(gazetteer):
    text = "The institute works with the Ministry of Health and Care Services and the Financial Mechanism Office."
    assert not new_names(text, gazetteer)


def test_a_long_form_of_a_known_acronym_is_not_proposed(gazetteer):
    assert not new_names("Vi deltar i ekspertgruppe for vurdering av helsesystemer (HSPA).", gazetteer)


def test_likely_names_score_higher(gazetteer):
    found = new_names(
        "Norge leder Global Network for Rural Midwifery (GNRM) og en arbeidsgruppe for kystnær helse.",
        gazetteer,
    )
    assert found["Global Network for Rural Midwifery"].score > found["arbeidsgruppe for kystnær helse"].score
    assert found["Global Network for Rural Midwifery"].pattern == "acronym"


def test_two_names_in_brackets_split_by_a_semicolon_are_one_body(gazetteer):
    text = "Vi utvikler et felles rammeverk (Kystregisterinitiativet; The Coastal Health Registries) med WHO."
    mentions = with_discoveries(text, link_text(text, gazetteer))
    new = [m for m in mentions if m.new is not None]
    assert {m.new.name for m in new} == {"Kystregisterinitiativet"}
    assert {m.surface for m in new} == {"Kystregisterinitiativet", "Coastal Health Registries"}


def test_a_new_name_after_a_semicolon_beside_a_known_name_is_that_name(gazetteer):
    text = "Instituttet er kontaktpunkt (WHO; World Coastal Health Registry) for dette."
    mentions = with_discoveries(text, link_text(text, gazetteer))
    assert not [m for m in mentions if m.new is not None]
    assert [m.surface for m in mentions if m.how == "alias"] == ["World Coastal Health Registry"]
