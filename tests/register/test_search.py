"""Search in Norwegian: compounds, names and aliases, linked records, typos, ranking and grouping.
Runs on SQLite and PostgreSQL alike (CI runs the suite on both)."""

import pytest
from django.db import connection

from arena.register.models import Activity, Arena, Organisation, Unit
from arena.register.names import add_aliases
from arena.register.search import search
from arena.register.textsearch import sqlite_fts_available

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    who = Organisation.objects.create(name="Verdens helseorganisasjon", name_en="World Health Organization",
                                      abbreviation="WHO", kind="international")  # fmt: skip
    euro = Organisation.objects.create(name="WHOs regionkontor for Europa", abbreviation="WHO EURO",
                                       kind="international", parent=who)  # fmt: skip
    oecd = Organisation.objects.create(name="OECD", kind="international")
    esan = Arena.objects.create(
        name="Salthandlingsnettverket", abbreviation="ESAN", kind="network", organisation=euro
    )
    hcqi = Arena.objects.create(
        name="Kvalitetsindikatorer", abbreviation="HCQI", kind="expert_group", organisation=oecd
    )
    add_aliases(hcqi, ["Health Care Quality Indicators"])
    kf = Unit.objects.create(name="Divisjon for kvalitet og forløp", abbreviation="KF", kind="division")

    def activity(title, description="", arenas=(), partners=()):
        a = Activity.objects.create(year=2020, title=title, description=description)
        a.units.set([kf])
        a.arenas.set(arenas)
        a.partners.set(partners)
        return a

    return {
        "who": who, "euro": euro, "oecd": oecd, "esan": esan, "hcqi": hcqi, "kf": kf,
        "pharma": activity("Nasjonal legemiddelberedskap", "Kartlegging av lagre"),
        "health": activity("Nordisk samarbeid", "Øvelse i helseberedskap på Svalbard"),
        "salt": activity("Saltreduksjon", arenas=[esan]),
        "partner": activity("Rapport om helsepersonell", partners=[who]),
        "oecd_work": activity("Indikatorer levert", arenas=[hcqi]),
    }  # fmt: skip


def objs(hits):
    return [h.obj for h in hits]


def test_a_word_finds_compounds_containing_it(data):
    found = objs(search("beredskap").activities)
    assert set(found) == {data["pharma"], data["health"]}


def test_an_organisation_name_finds_it_and_everything_linked(data):
    results = search("Verdens helseorganisasjon")
    assert objs(results.organisations)[0] == data["who"]
    assert data["euro"] in objs(results.organisations)  # sub-organisation
    assert objs(results.arenas) == [data["esan"]]  # arena under the sub-organisation
    assert set(objs(results.activities)) == {data["salt"], data["partner"]}
    assert data["oecd"] not in objs(results.organisations)
    assert data["oecd_work"] not in objs(results.activities)
    assert next(h for h in results.arenas).why == "WHO"


@pytest.mark.parametrize("query", ["WHO", "who", "World Health Organization", "verdens helseorganisasjon"])
def test_any_name_of_the_organisation_works(data, query):
    assert objs(search(query).organisations)[0] == data["who"]


@pytest.mark.parametrize(
    "typo, group, key",
    [
        ("Verdens helseorganisajon", "organisations", "who"),
        ("Salthandlingsnetverket", "arenas", "esan"),
        ("Health Care Qualty Indicators", "arenas", "hcqi"),
    ],
)
def test_small_typos_in_names_are_forgiven(data, typo, group, key):
    assert objs(getattr(search(typo), group))[0] == data[key]


def test_typos_rank_below_real_matches_and_distant_words_do_not_match(data):
    assert (
        search("Verdens helseorganisasjon").organisations[0].score
        > search("Verdens helseorganisajon").organisations[0].score
    )
    assert search("Forskningsrådet").is_empty


def test_exact_names_rank_before_names_that_merely_contain_the_query(data):
    Arena.objects.create(name="ESAN-oppfølging", kind="project")
    assert objs(search("esan").arenas)[0] == data["esan"]


def test_results_are_grouped_and_short_queries_find_nothing(data):
    results = search("kvalitet")
    assert objs(results.units) == [data["kf"]]
    assert objs(results.arenas) == [data["hcqi"]]
    assert [name for name, _ in results.groups] == [
        "units",
        "organisations",
        "arenas",
        "engagements",
        "activities",
    ]
    assert search("k").is_empty and search("   ").is_empty


def test_a_query_of_only_one_letter_words_matches_nothing(data):
    assert search("a b").is_empty


def test_a_query_naming_an_organisation_reads_a_fixed_number_of_queries(data, django_assert_num_queries):
    # the name table and the organisation tree (kept outside a transaction: read here), the named organisation,
    # its sub-organisations, their arenas, the engagements held by it, the activities matching the text and
    # those linked to it (SQLite adds its FTS5 lookup)
    expected = 9 if connection.vendor == "sqlite" and sqlite_fts_available() else 8
    with django_assert_num_queries(expected):
        results = search("Verdens helseorganisasjon")
    assert [h.obj for h in results.arenas] == [data["esan"]]
