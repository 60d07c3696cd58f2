"""The corpus (data/, SYNTHETIC invitations written for Arena) on the demo register: every invitation goes to the
unit the register implies or to triage (the demo register's engagements), never to a wrong unit; and the command line's dry run and stored run, of an .eml and an Outlook .msg."""

import email
import email.policy
import json

import pytest
from django.core.management import CommandError, call_command

from arena.invitations.evaluation import evaluate
from arena.invitations.models import Invitation
from tests.invitations import msgfile
from tests.invitations.conftest import DATA, eml

pytestmark = pytest.mark.django_db

KEYS = {
    "subject", "sender", "organisation", "arena", "kind", "starts", "ends", "location", "deadline", "unit",
    "contacts", "confidence", "reasons",
}  # fmt: skip


def test_routing_figures(routing_db):
    figures = evaluate(DATA)
    print(figures.summary())
    assert figures.total >= 15
    assert figures.count("wrong") == 0, [o for o in figures.outcomes if o.verdict == "wrong"]
    assert figures.share_right >= 0.8


def test_dry_run_json(routing_db, capsys):
    call_command("invitation", str(DATA / "02-who-mental-health-counterparts.eml"), "--dry-run", "--json")
    result = json.loads(capsys.readouterr().out)
    assert set(result) == KEYS
    assert result["arena"]["key"] == "who-mental-health"
    assert result["unit"]["name"] == "Avdeling psykisk helse og rus"
    assert (result["starts"], result["ends"], result["deadline"]) == (
        "2027-04-14",
        "2027-04-15",
        "2027-03-01",
    )
    assert result["kind"] == "meeting" and result["organisation"] == "WHOs regionkontor for Europa"
    assert result["location"] == "Megaron Athens International Conference Centre"
    assert Invitation.objects.count() == 0


def test_store_and_route_then_refuse_the_duplicate(routing_db, capsys):
    path = str(DATA / "05-eu-tobacco-expert-group.eml")
    call_command("invitation", path, "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "routed" and result["contacts"] == ["kontakt-ff"]
    invitation = Invitation.objects.get(pk=result["id"])
    assert invitation.unit.key == "ff" and invitation.arena.key == "eu-tobacco"
    with pytest.raises(CommandError, match="allerede registrert"):
        call_command("invitation", path, "--json")
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_command_line_reads_msg(routing_db, capsys, tmp_path):
    call_command("invitation", str(DATA / "11-nomesko-annual-meeting.msg"), "--dry-run", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["unit"]["abbreviation"] and result["confidence"] >= 0.7
    assert result["subject"] == "Invitasjon til årsmøte i Nordisk medisinalstatistisk komité (NOMESKO)"
    assert (
        result["sender"] == "NOMESKO sekretariat <nomesko@norden.org>"
        and result["unit"]["abbreviation"] == "DH"
    )
    path = tmp_path / "uten-id.msg"
    path.write_bytes(msgfile.without_message_id(email.message_from_bytes(eml(), policy=email.policy.default)))
    with pytest.raises(CommandError, match="Message-ID"):
        call_command("invitation", str(path), "--json")
    assert Invitation.objects.count() == 0
