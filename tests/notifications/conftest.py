"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the notification tests, and a unit with contacts."""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from arena.register.models import Person, Unit, UnitRole


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Arena's e-mail goes to a real SMTP server started here; `smtp.messages` is what arrived."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.ARENA_BASE_URL = "https://arena.example.no"
    yield handler
    controller.stop()


@pytest.fixture
def unit_with_contacts(db, django_user_model):
    unit = Unit.objects.create(kind=Unit.Kind.DIVISION, name="Divisjon for helsetjenester", abbreviation="DH")
    people = {}
    for username, given, ends_on in (("kari", "Kari", None), ("per", "Per", datetime.date(2020, 1, 1))):
        user = django_user_model.objects.create_user(username, email=f"{username}@example.no", password="x")
        person = Person.objects.create(given_name=given, family_name="Nordmann", email=user.email, user=user)
        UnitRole.objects.create(
            person=person, unit=unit, role=UnitRole.Role.INTERNATIONAL_CONTACT, ends_on=ends_on
        )
        people[username] = person
    # A contact without a user account still gets e-mail.
    nils = Person.objects.create(given_name="Nils", family_name="Hansen", email="nils@example.no")
    UnitRole.objects.create(person=nils, unit=unit, role=UnitRole.Role.INTERNATIONAL_CONTACT)
    people["nils"] = nils
    coordinator = django_user_model.objects.create_superuser("koordinator", password="x")
    return unit, people, coordinator
