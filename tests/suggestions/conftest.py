"""A small register with the personas (tests/conftest.py): WHO with its assembly, and an activity and an
engagement of KF there."""

import datetime
from types import SimpleNamespace

import pytest

from arena.register.models import Activity, Arena, Engagement, Organisation


@pytest.fixture
def world(personas):
    who = Organisation.objects.create(
        kind=Organisation.Kind.INTERNATIONAL,
        name="Verdens helseorganisasjon",
        name_en="World Health Organization",
        abbreviation="WHO",
    )
    assembly = Arena.objects.create(
        kind=Arena.Kind.GOVERNING_BODY, name="Verdens helseforsamling", abbreviation="WHA", organisation=who
    )
    activity = Activity.objects.create(year=2020, title="Forberedelse til helseforsamlingen")
    activity.units.add(personas.kf)
    activity.arenas.add(assembly)
    engagement = Engagement.objects.create(
        unit=personas.kf,
        arena=assembly,
        role=Engagement.Role.PARTICIPANT,
        starts_on=datetime.date(2019, 1, 1),
    )
    return SimpleNamespace(
        personas=personas,
        who=who,
        assembly=assembly,
        activity=activity,
        engagement=engagement,
        coordinator=personas.user("coordinator"),
        contact=personas.user("contact_kf"),
        other=personas.user("contact_ff"),
        reader=personas.user("reader"),
    )
