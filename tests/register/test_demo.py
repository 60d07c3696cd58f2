"""The demo register: complete for both report years, consistent, idempotent, and with working demo logins."""

import re
from pathlib import Path

import pytest
from django.db.models import Count

from arena.register.demo.activities_2019 import ACTIVITIES_2019
from arena.register.demo.activities_2020 import ACTIVITIES_2020
from arena.register.demo.load import DEMO_LOGINS, DEMO_PASSWORD, load_demo
from arena.register.models import Activity, Arena, Engagement, Person, Unit
from arena.register.models.base import active_in_year
from arena.register.names import find_units
from arena.register.reference.frameworks import HOD_STRATEGY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]
REPORTS = Path(__file__).resolve().parents[3] / "shared" / "reports"
YEARS = (2019, 2020)
# How the reports name each unit (headings and inline mentions).
UNITS_IN_REPORTS = {
    "Divisjon for analyse og samfunn": "AS",
    "AS-divisjonen": "AS",
    "Divisjon for folkehelse og forebygging": "FF",
    "FF-divisjonen": "FF",
    "Divisjon for digitalisering og helseregistre": "DH",
    "Divisjon digitalisering og helseregistre": "DH",
    "Divisjon for helseøkonomi og kompetanse": "HK",
    "HK-divisjonen": "HK",
    "Divisjon for kvalitet og forløp": "KF",
    "KF-divisjonen": "KF",
    "Avdeling global helse og dokumentasjon": "ASGH",
    "Avdeling psykisk helse og rus": "",
    "Helsedirektoratet": "Hdir",
}


@pytest.mark.parametrize("surface, abbreviation", UNITS_IN_REPORTS.items())
def test_every_unit_named_in_the_reports_exists(surface, abbreviation):
    text = " ".join(p.read_text(encoding="utf-8") for p in REPORTS.glob("*.txt"))
    assert re.sub(r"\s+", " ", surface) in re.sub(r"\s+", " ", text), "the surface form is really in a report"
    units = list(find_units(surface))
    assert len(units) == 1
    assert units[0].abbreviation == abbreviation


@pytest.mark.parametrize("year", YEARS)
def test_every_division_and_department_has_engagements_and_activities(year):
    organisational = Unit.objects.exclude(kind=Unit.Kind.TEAM)
    assert organisational.count() == 8
    for unit in organisational:
        assert unit.engagements.filter(active_in_year(year)).exists(), f"{unit} has no engagement in {year}"
        assert unit.activities.filter(year=year).exists(), f"{unit} has no activity in {year}"


def test_the_covid_team_appears_in_2020_only():
    team = Unit.objects.get(kind=Unit.Kind.TEAM)
    assert team.activities.filter(year=2020).exists()
    assert not team.activities.filter(year=2019).exists()


def test_the_coordinator_is_global_health():
    assert Unit.objects.get(is_coordinator=True).abbreviation == "ASGH"
    assert Unit.objects.get(abbreviation="ASGH").parent.abbreviation == "AS"


def test_every_arena_the_reports_name_is_linked_to_demo_data():
    from arena.register.reference.register import read_register

    from_reports = [a.key for a in read_register()[1] if a.family == "annual-reports"]
    unused = Arena.objects.filter(key__in=from_reports).annotate(n=Count("engagements") + Count("activities"))
    assert list(unused.filter(n=0).values_list("key", flat=True)) == []


def test_activities_are_tagged_and_attributed():
    assert Activity.objects.count() == len(ACTIVITIES_2019) + len(ACTIVITIES_2020)
    assert set(Activity.objects.values_list("year", flat=True)) == set(YEARS)
    assert not Activity.objects.annotate(n=Count("units")).filter(n=0).exists()
    assert not Activity.objects.exclude(main_area__framework__code=HOD_STRATEGY).exists()
    for activity in Activity.objects.prefetch_related("areas"):
        assert activity.main_area in activity.areas.all(), activity
        assert activity.source.year == activity.year
        assert activity.source_section


def test_engagements_have_provenance():
    assert not Engagement.objects.filter(source__isnull=True).exists()
    assert not Engagement.objects.filter(source_section="").exists()


def test_known_facts_from_the_reports():
    terror = Engagement.objects.get(arena__key="ja-terror")
    assert (terror.unit.abbreviation, terror.role) == ("AS", Engagement.Role.LEAD)
    eea = Engagement.objects.filter(arena__key__startswith="eea-violence", role="donor_programme_partner")
    assert {e.arena.countries.get().code for e in eea} == {"EE", "SK"}
    samoa = Activity.objects.get(year=2019, countries__code="WS")
    assert samoa.kind == Activity.Kind.DEPLOYMENT


def test_people_are_fictitious_placeholders():
    assert Person.objects.exists()
    assert not Person.objects.filter(is_fictitious=False).exists()


def test_loading_again_changes_nothing():
    before = load_demo()
    assert load_demo() == before


def test_demo_logins_work(client):
    # Through the sign-in form: the throttling backend (django-axes) needs the request.
    for username in DEMO_LOGINS:
        response = client.post("/logg-inn/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.logout()
    response = client.post("/logg-inn/", {"username": "koordinator", "password": "feil-passord"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
