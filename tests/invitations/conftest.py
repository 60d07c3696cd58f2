"""Invitation fixtures: the personas (tests/conftest.py) with an arena KF leads and FF takes part in, and a
message builder; the corpus in data/ (SYNTHETIC invitations) for the routing figures on the demo register."""

import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from arena.register.models import Arena, Engagement, Organisation, Person

DATA = Path(__file__).resolve().parent / "data"


def eml(
    subject="Invitation: European Reference Networks board of Member States",
    text=None,
    sender="ern-secretariat@ec.europa.eu",
    message_id="<ern-1@example.org>",
    html=None,
    ics=None,
) -> bytes:
    message = EmailMessage()
    message["From"] = f"ERN secretariat <{sender}>"
    message["To"] = "internasjonalt@example.no"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC))
    if message_id:
        message["Message-ID"] = message_id
    body = text or (
        "Dear members,\n\nThe Board of Member States of the European Reference Networks meets in Brussels on "
        "12-13 March 2030.\nVenue: Albert Borschette Conference Centre\nPlease register by 1 February 2030.\n\n"
        "Kind regards,\nEuropean Commission\n"
    )
    if html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    if ics is not None:
        message.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="invite.ics")
    return bytes(message)


@pytest.fixture(scope="module")
def routing_db(django_db_setup, django_db_blocker):
    """The demo register's reference data, units, people and engagements — what routing reads — without its
    activities, outlooks and agenda (faster than tests/conftest.py's demo_db)."""
    from arena.register.demo import load as demo
    from arena.register.reference.load import load_reference
    from tests.conftest import loaded_for_module

    def load():
        load_reference()
        sources = demo._sources()
        demo.load_units()
        keys = demo._Keys()
        demo._people(keys)
        demo._engagements(keys, sources)

    yield from loaded_for_module(load, django_db_blocker)


@pytest.fixture
def invitation_world(personas):
    """KF leads the European Reference Networks, FF takes part; both contacts have e-mail addresses."""
    ec = Organisation.objects.create(
        kind=Organisation.Kind.EU_INSTITUTION, name="Europakommisjonen", abbreviation="EC", key="ec"
    )
    ern = Arena.objects.create(
        kind=Arena.Kind.NETWORK,
        name="Europeiske referansenettverk",
        name_en="European Reference Networks",
        abbreviation="ERN",
        organisation=ec,
        key="ern",
    )
    Engagement.objects.create(unit=personas.kf, arena=ern, role=Engagement.Role.LEAD)
    Engagement.objects.create(unit=personas.ff, arena=ern, role=Engagement.Role.PARTICIPANT)
    for name in ("contact_kf", "contact_ff", "coordinator"):
        user = personas.users[name]
        user.email = f"{user.username}@example.no"
        user.save()
        Person.objects.filter(user=user).update(email=user.email)
    people = {name: Person.objects.get(user=personas.users[name]) for name in ("contact_kf", "contact_ff")}
    return SimpleNamespace(personas=personas, ec=ec, ern=ern, people=people)
