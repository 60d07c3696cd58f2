"""The shared mailbox against a real IMAP server (Dovecot, started by the test on 127.0.0.1): messages placed in
the inbox are fetched, stored, routed and moved to the processed folder; a bad one stays, marked, and the poll
goes on; a second poll stores nothing twice; nothing is ever deleted."""

import imaplib

import pytest

from arena.invitations.mailbox import REFUSED, poll
from arena.invitations.models import Invitation
from tests.invitations.conftest import DATA, eml
from tests.invitations.dovecot import Dovecot


@pytest.fixture(scope="module")
def dovecot():
    server = Dovecot().start()
    yield server
    server.stop()


def _imap(server):
    connection = imaplib.IMAP4("127.0.0.1", server.port)
    connection.login(server.config["user"], server.config["password"])
    return connection


def _count(connection, folder):
    status, data = connection.select(f'"{folder}"', readonly=True)
    return int(data[0]) if status == "OK" else 0


def test_poll_stores_routes_and_moves(dovecot, invitation_world, settings):
    settings.ARENA_INVITATION_MAX_BYTES = 20_000
    connection = _imap(dovecot)
    good = [
        eml(),
        (DATA / "01-who-emt-regional-meeting.eml").read_bytes(),
        eml(
            subject="Seminar on rare diseases", message_id="<seminar@example.org>", text="Seminar 3 May 2030."
        ),
    ]
    bad = eml(message_id=None)  # no Message-ID: refused, left in the inbox
    huge = eml(message_id="<huge@example.org>", text="x" * 30_000)  # over the limit: refused before fetching
    for message in (good[0], bad, good[1], huge, good[2]):
        connection.append("INBOX", None, None, message)
    result = poll(dovecot.config)
    assert result.seen == 5 and len(result.stored) == 3 and len(result.refused) == 2
    assert "Message-ID" in result.refused[0][1] and "for stor" in result.refused[1][1]
    assert Invitation.objects.filter(source="mailbox").count() == 3
    ern = Invitation.objects.get(message_id="<ern-1@example.org>")
    assert ern.status == "routed" and ern.unit == invitation_world.personas.kf
    assert _count(connection, "INBOX") == 2 and _count(connection, "Behandlet") == 3
    connection.select("INBOX", readonly=True)
    status, data = connection.uid("SEARCH", None, "KEYWORD", REFUSED)
    assert len(data[0].split()) == 2

    # the same message arriving again (a copy in the inbox) is moved, not stored twice; the refused one is passed by
    connection.append("INBOX", None, None, good[0])
    again = poll(dovecot.config)
    assert again.seen == 1 and again.stored == [] and again.duplicates == 1
    assert Invitation.objects.filter(source="mailbox").count() == 3
    assert _count(connection, "INBOX") == 2 and _count(connection, "Behandlet") == 4
    assert poll(dovecot.config).seen == 0
    connection.logout()
