"""Invitations through the API: their facts (subject, sender's name, arena, dates, routing, answer), never the
body or the attachments, which carry personal data and are shown only on the pages to whom may see them."""

import json

import pytest
from django.utils import timezone

from arena.api import tokens
from arena.invitations.intake import receive
from arena.invitations.messages import parse_eml
from arena.register.models import LogEntry
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


def _status(response, code):
    assert response.status_code == code, response.content
    return response.json()


@pytest.mark.django_db
def test_the_workflow_as_api_operations_with_the_pages_rules(client, invitation_world):  # noqa: F811
    """The KF contact forwards to FF (a reason is required; another unit than the one it is at), FF's contact
    accepts with an attendee from FF (not one from KF): the meeting is in the agenda; a reader may do none of it."""
    personas, people = invitation_world.personas, invitation_world.people
    invitation = receive(parse_eml(eml()), by=personas.users["coordinator"])
    assert invitation.unit == personas.kf
    kf, ff = _api(client, personas.users["contact_kf"]), _api(client, personas.users["contact_ff"])
    reader = _api(client, personas.users["reader"])
    path = f"invitations/{invitation.pk}/"
    denied = _status(reader.post(path + "decline/", {"reason": "Nei"}), 403)
    assert denied["status"] == 403 and denied["detail"]
    _status(ff.post(path + "decline/", {"reason": "Ikke vår"}), 403)  # not (yet) FF's invitation
    problem = _status(kf.post(path + "forward/", {"unit": personas.ff.pk, "reason": "   "}), 400)
    assert problem["errors"]
    same = _status(kf.post(path + "forward/", {"unit": personas.kf.pk, "reason": "Feil"}), 400)
    assert same["errors"]["non_field_errors"] == ["Velg en annen enhet enn den invitasjonen er sendt til."]
    forwarded = _status(
        kf.post(path + "forward/", {"unit": personas.ff.pk, "reason": "FF deltar i ERN"}), 200
    )
    assert (forwarded["status"], forwarded["unit"]) == ("forwarded", personas.ff.pk)
    assert "body" not in json.dumps(forwarded) and "Dear members" not in json.dumps(forwarded)
    stale = ff.post(path + "accept/", {"people": [people["contact_ff"].pk]}, HTTP_IF_MATCH='"1"')
    _status(stale, 412)
    wrong = _status(ff.post(path + "accept/", {"people": [people["contact_kf"].pk]}), 400)
    assert "people" in wrong["errors"]
    version = ff.get(path).headers["ETag"]
    accepted = _status(
        ff.post(path + "accept/", {"people": [people["contact_ff"].pk]}, HTTP_IF_MATCH=version), 200
    )
    assert accepted["status"] == "accepted" and accepted["meeting"]
    invitation.refresh_from_db()
    assert list(invitation.meeting.attendee_people.all()) == [people["contact_ff"]]
    again = _status(ff.post(path + "decline/", {"reason": "Likevel ikke"}), 400)
    assert again["errors"]["non_field_errors"] == [
        "Invitasjonen er allerede besvart eller ikke sendt til en enhet."
    ]
    actions = set(LogEntry.objects.filter(object_id=invitation.pk).values_list("action", flat=True))
    assert {"invitations.forwarded", "invitations.accepted"} <= actions


@pytest.mark.django_db
def test_decline_back_to_triage_and_route_from_triage(client, invitation_world):  # noqa: F811
    personas = invitation_world.personas
    coordinator, kf = _api(client, personas.users["coordinator"]), _api(client, personas.users["contact_kf"])
    first = receive(parse_eml(eml()), by=personas.users["coordinator"])
    second = receive(
        parse_eml(eml(message_id="<ern-2@example.org>", subject="ERN working group")),
        by=personas.users["coordinator"],
    )
    declined = _status(kf.post(f"invitations/{first.pk}/decline/", {"reason": "Ingen kapasitet"}), 200)
    assert declined["status"] == "declined" and declined["answered_at"]
    back = _status(kf.post(f"invitations/{second.pk}/back-to-triage/", {"reason": "Gjelder ikke KF"}), 200)
    assert (back["status"], back["unit"]) == ("triage", None)
    _status(kf.post(f"invitations/{second.pk}/route/", {"unit": personas.ff.pk}), 403)  # the coordinator's
    routed = _status(coordinator.post(f"invitations/{second.pk}/route/", {"unit": personas.ff.pk}), 200)
    assert (routed["status"], routed["unit"]) == ("routed", personas.ff.pk)
    _status(coordinator.post(f"invitations/{second.pk}/route/", {"unit": 10**20}), 400)
    _status(coordinator.post("invitations/999999/decline/", {"reason": "x"}), 404)


@pytest.mark.django_db
def test_invitation_filters(client, invitation_world):  # noqa: F811
    personas = invitation_world.personas
    routed = receive(parse_eml(eml()), by=personas.users["coordinator"])
    triage = receive(
        parse_eml(
            eml(message_id="<garden@example.org>", subject="Garden party", text="Join us on 3 June 2030.")
        ),
        by=personas.users["coordinator"],
    )
    reader = _api(client, personas.users["reader"])

    def ids(**params):
        response = reader.get("invitations/", **params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(status="triage") == [triage.pk] and ids(status="routed") == [routed.pk]
    assert ids(unit=personas.kf.pk) == [routed.pk] and ids(unit=personas.ff.pk) == []
    assert ids(arena="ERN") == [routed.pk]
    assert (routed.kind, triage.kind) == ("meeting", "other")
    assert ids(kind="meeting") == [routed.pk] and ids(kind="course") == []
    assert ids(deadline_before="2030-02-02") == [routed.pk] and ids(deadline_before="2030-02-01") == []
    day = timezone.localtime(routed.received_at).date().isoformat()  # the day in Oslo, as the filter reads it
    assert set(ids(received_from=day, received_to=day)) == {routed.pk, triage.pk}
    assert ids(received_from="2031-01-01") == []
    assert reader.get("invitations/", status="nonsense").status_code == 400
    export = b"".join(reader.get("invitations/export/csv/", status="routed").streaming_content).decode()
    assert routed.subject in export and triage.subject not in export
