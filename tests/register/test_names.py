"""Finding organisations, arenas and units by any of their names."""

import pytest

from arena.register.models import Alias, Arena, Organisation, Unit
from arena.register.names import add_aliases, find_arenas, find_organisations, find_units
from arena.register.normalize import normalize_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def coe():
    org = Organisation.objects.create(
        name="Europarådet",
        name_en="Council of Europe",
        abbreviation="CoE",
        kind=Organisation.Kind.INTERNATIONAL,
    )
    add_aliases(org, ["Conseil de l’Europe"])
    return org


@pytest.mark.parametrize(
    "query",
    [
        "Europarådet",
        "EUROPARÅDET",
        "europarådet",
        "Council of Europe",
        "council  of europe ",
        "COE",
        "coe",
        "Conseil de l'Europe",
        "conseil de l’europe",
    ],
)
def test_organisation_found_by_any_name_case_insensitive(coe, query):
    assert list(find_organisations(query)) == [coe]


def test_unknown_or_partial_names_find_nothing(coe):
    assert not find_organisations("Europa").exists()
    assert not find_organisations("").exists()
    assert not find_arenas("Europarådet").exists()


def test_renaming_keeps_aliases_in_step(coe):
    coe.name = "Europarådet (CoE)"
    coe.abbreviation = ""
    coe.save()
    assert list(find_organisations("Europarådet (CoE)")) == [coe]
    assert not find_organisations("Europarådet").exists()
    assert not find_organisations("CoE").exists()
    # The user's own alias survives the rename.
    assert list(find_organisations("Conseil de l'Europe")) == [coe]


def test_alias_equal_to_a_mirrored_name_is_not_duplicated(coe):
    add_aliases(coe, ["council of europe", "Europarådet"])
    assert coe.aliases.count() == 4


def test_shared_abbreviation_returns_every_owner():
    a = Arena.objects.create(name="Nødhjelpsteam i EU", abbreviation="EMT", kind=Arena.Kind.PROGRAMME)
    b = Arena.objects.create(name="WHOs nødhjelpsteam", kind=Arena.Kind.NETWORK)
    add_aliases(b, ["EMT"])
    assert set(find_arenas("emt")) == {a, b}


def test_units_found_by_inflected_alias():
    kf = Unit.objects.create(
        name="Divisjon for kvalitet og forløp", abbreviation="KF", kind=Unit.Kind.DIVISION
    )
    add_aliases(kf, ["KF-divisjonen"])
    assert list(find_units("kf-divisjonen")) == [kf]
    assert list(find_units("DIVISJON FOR KVALITET OG FORLØP")) == [kf]


def test_normalisation_folds_dashes_quotes_width_and_space():
    assert normalize_name("Helse- og omsorgs\u00addeparte\u200bmentet") == "helse- og omsorgsdepartementet"
    assert normalize_name("EU\u2010kommisjonen") == normalize_name("eu-kommisjonen")
    assert normalize_name("ＷＨＯ") == "who"
    assert normalize_name("  Verdens\thelseorganisasjon ") == "verdens helseorganisasjon"


def test_alias_rows_store_the_normalised_form(coe):
    assert set(Alias.objects.filter(organisation=coe).values_list("normalized", flat=True)) == {
        "europarådet",
        "council of europe",
        "coe",
        "conseil de l'europe",
    }
