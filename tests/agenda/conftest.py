"""Agenda fixtures: the personas (tests/conftest.py) with a WHA arena their units take part in, priority areas,
and a session of the Assembly; the real SMTP server of the notification tests."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest

from arena.agenda.models import Meeting, MeetingSeries
from arena.register.models import Area, Arena, Engagement, Framework, Organisation, Person
from arena.register.permissions import Access
from tests.notifications.conftest import smtp  # noqa: F401 - the real SMTP server fixture

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


@pytest.fixture
def agenda(personas, django_user_model):
    who = Organisation.objects.create(
        kind=Organisation.Kind.INTERNATIONAL, name="Verdens helseorganisasjon", abbreviation="WHO"
    )
    wha = Arena.objects.create(
        kind=Arena.Kind.GOVERNING_BODY, name="Verdens helseforsamling", abbreviation="WHA", organisation=who
    )
    old = Arena.objects.create(
        kind=Arena.Kind.COMMITTEE, name="Nedlagt komité", ends_on=datetime.date(2018, 12, 31)
    )
    framework = Framework.objects.create(code="prio", name="Satsningsområder")
    amr = Area.objects.create(
        framework=framework,
        code="amr",
        number=1,
        name="Antimikrobiell resistens",
        name_en="Antimicrobial resistance",
    )
    ncd = Area.objects.create(
        framework=framework,
        code="ncd",
        number=2,
        name="Ikke-smittsomme sykdommer",
        name_en="Noncommunicable diseases",
    )
    kf_eng = Engagement.objects.create(unit=personas.kf, arena=wha, role=Engagement.Role.PARTICIPANT)
    kf_eng.areas.add(amr)
    ff_eng = Engagement.objects.create(unit=personas.ff, arena=wha, role=Engagement.Role.PARTICIPANT)
    ff_eng.areas.add(ncd)
    for name in ("contact_kf", "contact_ff", "coordinator"):
        user = personas.users[name]
        user.email = f"{user.username}@example.no"
        user.save()
        Person.objects.filter(user=user).update(email=user.email)
    series = MeetingSeries.objects.create(arena=wha, name="Verdens helseforsamling, årlig sesjon")
    session = Meeting.objects.create(
        arena=wha,
        series=series,
        kind=Meeting.Kind.SESSION,
        name="WHA74",
        starts_at=at(2031, 5, 24),
        ends_at=at(2031, 6, 1, 17),
        place="Genève",
        norway_has_delegation=True,
    )
    return SimpleNamespace(
        who=who,
        wha=wha,
        old=old,
        amr=amr,
        ncd=ncd,
        series=series,
        session=session,
        coordinator=Access.of(personas.users["coordinator"]),
        contact_kf=Access.of(personas.users["contact_kf"]),
        contact_ff=Access.of(personas.users["contact_ff"]),
        reader=Access.of(personas.users["reader"]),
        personas=personas,
    )
