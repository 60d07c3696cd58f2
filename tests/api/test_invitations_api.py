"""Invitations through the API: their facts (subject, sender's name, arena, dates, routing, answer), never the
body or the attachments, which carry personal data and are shown only on the pages to whom may see them."""

import json

import pytest

from arena.api import tokens
from arena.invitations.intake import receive
from arena.invitations.messages import parse_eml
from arena.register.permissions import Access
from tests.api.conftest import Api
from tests.invitations.conftest import eml, invitation_world  # noqa: F401 - fixture


def _api(client, user):
    return Api(client, tokens.create(user, "test", by=Access.system())[1])


@pytest.mark.django_db
def test_invitations_serve_their_facts_and_never_their_body(client, invitation_world):  # noqa: F811
    personas = invitation_world.personas
    invitation = receive(parse_eml(eml()), by=personas.users["coordinator"])
    reader = _api(client, personas.users["reader"])
    rows = reader.get("invitations/").json()["results"]
    assert [row["id"] for row in rows] == [invitation.pk]
    one = reader.get(f"invitations/{invitation.pk}/").json()
    assert one["subject"] == invitation.subject and one["arena"] == invitation_world.ern.pk
    served = json.dumps(one) + b"".join(reader.get("invitations/export/json/").streaming_content).decode()
    assert "body" not in served and "Dear members" not in served and "Kind regards" not in served
