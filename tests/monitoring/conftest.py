"""Monitoring fixtures: reference data (countries, organisations, arenas) for the module, and the personas of
tests/conftest.py with a monitoring-team member added."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from arena.monitoring.items import save_item
from arena.monitoring.models import AccessLevel, MonitoringItem, SourceKind, Topic
from arena.monitoring.topics import ensure_team_group, ensure_topics
from arena.register.models import Country
from arena.register.permissions import MONITORING_TEAM_GROUP
from tests.notifications.conftest import smtp  # noqa: F401 - the real SMTP server fixture


@pytest.fixture
def team(reference_db, personas, django_user_model):
    """The personas, a monitoring-team member ("team") and two items: one open, one for the team only."""
    ensure_team_group()
    ensure_topics()
    member = django_user_model.objects.create_user("folgemed", first_name="Fia", last_name="Følge")
    member.groups.add(Group.objects.get(name=MONITORING_TEAM_GROUP))
    personas.users["team"] = member
    covid = Topic.objects.get(key="covid-19")
    sweden, denmark = Country.objects.get(code="SE"), Country.objects.get(code="DK")
    open_item = save_item(
        MonitoringItem(
            date=datetime.date(2020, 3, 16),
            title="Sverige anbefaler hjemmekontor",
            source_kind=SourceKind.EMBASSY,
            source_text="Ambassaden i Stockholm",
            summary="Folkhälsomyndigheten ber alle som kan, om å arbeide hjemmefra.",
        ),
        by=member,
        countries=[sweden],
        topics=[covid],
    )
    secret_item = save_item(
        MonitoringItem(
            date=datetime.date(2020, 3, 17),
            title="Fortrolig: Danmark vurderer grensestenging",
            source_kind=SourceKind.AUTHORITY,
            summary="Uformell kontakt antyder at grensen kan stenges for reisende.",
            access_level=AccessLevel.TEAM,
        ),
        by=member,
        countries=[denmark],
        topics=[covid],
    )
    return SimpleNamespace(
        personas=personas,
        member=member,
        covid=covid,
        sweden=sweden,
        denmark=denmark,
        open_item=open_item,
        secret_item=secret_item,
    )
