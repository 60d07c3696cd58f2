"""Shared fixtures: a signed-in client and a small, explicit sample register."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import transaction

from arena.register.models import (
    Activity,
    Area,
    Arena,
    Country,
    Engagement,
    Framework,
    Organisation,
    Outlook,
    Person,
    SourceDocument,
    Unit,
    UnitRole,
)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run at once in the test process; tests of the real worker switch back to the database backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in bokmål: a request with the language cookie activates its language for the thread
    (arena.web.middleware), and that must not leak into the next test."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="kari", password="Hemmelig-passord-42")


@pytest.fixture
def signed_in(client, user):
    """The test client, signed in."""
    client.force_login(user)
    return client


@pytest.fixture
def sample(db):
    """Four units (one of each kind), two organisations, two arenas, an engagement, activities in 2019 and
    2020, a person with a unit role, a country, a framework area, a source document and an outlook."""
    directorate = Unit.objects.create(
        kind=Unit.Kind.DIRECTORATE, name="Helsedirektoratet", abbreviation="Hdir"
    )
    division = Unit.objects.create(
        kind=Unit.Kind.DIVISION, name="Divisjon for folkehelse", abbreviation="DFH", parent=directorate
    )
    department = Unit.objects.create(
        kind=Unit.Kind.DEPARTMENT, name="Avdeling for global helse", abbreviation="AGH", parent=division
    )
    team = Unit.objects.create(
        kind=Unit.Kind.TEAM, name="Team for tobakk", abbreviation="TT", parent=department
    )

    sweden = Country.objects.create(code="SE", code3="SWE", name="Sverige", name_en="Sweden")
    who = Organisation.objects.create(
        kind=Organisation.Kind.INTERNATIONAL,
        name="Verdens helseorganisasjon",
        name_en="World Health Organization",
        abbreviation="WHO",
    )
    nordic = Organisation.objects.create(
        kind=Organisation.Kind.NETWORK, name="Nordisk ministerråd", abbreviation="NMR", country=sweden
    )
    assembly = Arena.objects.create(
        kind=Arena.Kind.GOVERNING_BODY,
        name="Verdens helseforsamling",
        abbreviation="WHA",
        organisation=who,
        starts_on=datetime.date(2015, 1, 1),
    )
    tobacco = Arena.objects.create(
        kind=Arena.Kind.JOINT_ACTION, name="Joint Action on Tobacco Control", abbreviation="JATC"
    )
    tobacco.countries.add(sweden)

    person = Person.objects.create(given_name="Ola", family_name="Nordmann", title="Seniorrådgiver")
    UnitRole.objects.create(person=person, unit=department, role=UnitRole.Role.INTERNATIONAL_CONTACT)

    framework = Framework.objects.create(code="sdg", name="FNs bærekraftsmål", name_en="UN SDGs")
    area = Area.objects.create(framework=framework, code="sdg-3", number=3, name="God helse og livskvalitet")
    source = SourceDocument.objects.create(
        title="Årsmelding internasjonalt arbeid 2019", kind=SourceDocument.Kind.ANNUAL_REPORT, year=2019
    )

    engagement = Engagement.objects.create(
        unit=department,
        arena=assembly,
        role=Engagement.Role.CONTACT_POINT,
        starts_on=datetime.date(2018, 1, 1),
        source=source,
        source_section="Kapittel 2",
        note="Delegasjonsleder hvert år.",
    )
    engagement.people.add(person)
    engagement.areas.add(area)

    activity_2019 = Activity.objects.create(
        year=2019,
        title="Forberedelse til helseforsamlingen",
        description="Innspill til norsk posisjon.",
        kind=Activity.Kind.CONTRIBUTION,
        main_area=area,
        source=source,
        source_section="Kapittel 3",
    )
    activity_2019.units.add(department)
    activity_2019.arenas.add(assembly)
    activity_2019.partners.add(nordic)
    activity_2019.countries.add(sweden)
    activity_2019.areas.add(area)

    activity_2020 = Activity.objects.create(
        year=2020, title="Tobakkskontroll i Europa", kind=Activity.Kind.PROJECT
    )
    activity_2020.units.add(team)
    activity_2020.arenas.add(tobacco)

    outlook = Outlook.objects.create(unit=department, year=2020, text="Pandemiberedskap blir viktig.")
    outlook.arenas.add(assembly)

    return SimpleNamespace(
        directorate=directorate,
        division=division,
        department=department,
        team=team,
        sweden=sweden,
        who=who,
        nordic=nordic,
        assembly=assembly,
        tobacco=tobacco,
        person=person,
        framework=framework,
        area=area,
        source=source,
        engagement=engagement,
        activity_2019=activity_2019,
        activity_2020=activity_2020,
        outlook=outlook,
    )


# Module-wide data: loaded once for a test module, rolled back when the module ends.

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"


def loaded_for_module(loader, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reference_db(django_db_setup, django_db_blocker):
    """Reference data (countries, gazetteer, frameworks) for the whole module."""
    from arena.register.reference.load import load_reference

    yield from loaded_for_module(load_reference, django_db_blocker)


@pytest.fixture(scope="module")
def units_db(django_db_setup, django_db_blocker):
    """Reference data and the directorate's units, but no engagements or activities."""
    from arena.register.demo.load import load_units
    from arena.register.reference.load import load_reference

    def load():
        load_reference()
        load_units()

    yield from loaded_for_module(load, django_db_blocker)


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The whole demo register (reference data, units, engagements, activities, outlooks)."""
    from arena.register.demo.load import load_demo

    yield from loaded_for_module(load_demo, django_db_blocker)


# Personas: the people Arena is for, in one place. Every test of who may do what uses these.

PERSONAS = ("anonymous", "coordinator", "contact_kf", "contact_ff", "reader")


@pytest.fixture
def personas(db, django_user_model):
    """A coordinating department with its coordinator, the KF and FF divisions each with an international
    contact (KF's with a department below it), and a reader. `personas.user(name)` is None for anonymous."""
    coordinating = Unit.objects.create(
        name="Avdeling for global helse", abbreviation="ASGH", kind=Unit.Kind.DEPARTMENT, is_coordinator=True
    )
    kf = Unit.objects.create(
        name="Divisjon for kvalitet og forløp", abbreviation="KF", kind=Unit.Kind.DIVISION
    )
    kf_department = Unit.objects.create(
        name="Avdeling for kvalitetsforbedring", abbreviation="AKF", kind=Unit.Kind.DEPARTMENT, parent=kf
    )
    ff = Unit.objects.create(
        name="Divisjon for folkehelse og forebygging", abbreviation="FF", kind=Unit.Kind.DIVISION
    )

    def person(username, unit=None, role=None):
        user = django_user_model.objects.create_user(username, first_name=username.title(), last_name="Test")
        if unit is not None:
            someone = Person.objects.create(given_name=username.title(), family_name="Test", user=user)
            UnitRole.objects.create(person=someone, unit=unit, role=role)
        return user

    users = {
        "coordinator": person("koordinator", coordinating, UnitRole.Role.COORDINATOR),
        "contact_kf": person("kontakt-kf", kf, UnitRole.Role.INTERNATIONAL_CONTACT),
        "contact_ff": person("kontakt-ff", ff, UnitRole.Role.INTERNATIONAL_CONTACT),
        "reader": person("leser"),
    }
    return SimpleNamespace(
        coordinating=coordinating,
        kf=kf,
        kf_department=kf_department,
        ff=ff,
        users=users,
        user=lambda name: users.get(name),
    )


@pytest.fixture
def as_persona(client, personas):
    """`as_persona(name)`: the test client signed in as that persona (signed out for "anonymous")."""

    def sign_in(name):
        client.logout()
        if name != "anonymous":
            client.force_login(personas.users[name])
        return client

    return sign_in


@pytest.fixture
def approved_cycle(db):
    """`approved_cycle(year)`: the year's reporting cycle opened (without submissions) and approved by the
    system through arena.reporting.cycle, so that a permanent version of the year's report may be issued."""

    def make(year: int):
        from django.utils import timezone

        from arena.register.permissions import Access
        from arena.reporting import cycle as flow

        system = Access.system()
        cycle = flow.open_cycle(year, timezone.localdate(), by=system, units=[])
        return flow.approve_cycle(cycle, by=system)

    return make
