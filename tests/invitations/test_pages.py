"""The invitation pages for every persona: signed out → sign-in; a persona without the right → refused and
nothing written; the right persona → done and attributed. Bodies only for the coordinator and the routed unit."""

import email
import email.policy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arena.invitations import intake
from arena.invitations.messages import parse_eml
from arena.invitations.models import Invitation
from arena.register.models import LogEntry
from tests.invitations import msgfile
from tests.invitations.conftest import eml

HTML = "<p>Board of the European Reference Networks, 12 March 2030.</p><script>alert('hei')</script>"


@pytest.fixture
def routed(invitation_world):
    """An HTML invitation about the ERN, routed to KF."""
    return intake.receive(parse_eml(eml(html=HTML)), by=invitation_world.personas.users["coordinator"])


def _state(invitation):
    invitation.refresh_from_db()
    return (invitation.status, invitation.unit_id, LogEntry.objects.count(), invitation.history.count())


def test_signed_out_goes_to_sign_in(client, routed):
    for url in (reverse("invitation-list"), routed.get_absolute_url(), reverse("invitation-new")):
        response = client.get(url)
        assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    before = _state(routed)
    client.post(reverse("invitation-action", args=[routed.pk, "decline"]), {"decline-reason": "x"})
    assert _state(routed) == before


@pytest.mark.parametrize(
    "persona, body", [("coordinator", True), ("contact_kf", True), ("contact_ff", False), ("reader", False)]
)
def test_body_only_for_coordinator_and_routed_unit(as_persona, routed, persona, body):
    page = as_persona(persona).get(routed.get_absolute_url()).content.decode()
    assert "Europeiske referansenettverk" in page  # the facts are for everyone signed in
    assert ("12 March 2030" in page) is body
    assert "<script>alert" not in page


@pytest.mark.parametrize("persona", ["contact_ff", "reader"])
def test_wrong_persona_cannot_answer(as_persona, routed, persona):
    before = _state(routed)
    response = as_persona(persona).post(
        reverse("invitation-action", args=[routed.pk, "forward"]),
        {"forward-unit": routed.unit_id, "forward-reason": "Prøver"},
    )
    assert response.status_code == 403
    assert _state(routed) == before


def test_contact_forwards_and_it_is_attributed(as_persona, routed, invitation_world):
    client = as_persona("contact_kf")
    response = client.post(
        reverse("invitation-action", args=[routed.pk, "forward"]),
        {"forward-unit": invitation_world.personas.ff.pk, "forward-reason": "Gjelder forebygging"},
    )
    assert response.status_code == 302
    routed.refresh_from_db()
    assert routed.status == "forwarded" and routed.unit == invitation_world.personas.ff
    entry = LogEntry.objects.get(object_id=routed.pk, action="invitations.forwarded")
    assert entry.actor == invitation_world.personas.users["contact_kf"]
    assert routed.history.first().history_user == invitation_world.personas.users["contact_kf"]


def test_coordinator_triage_list_and_route(as_persona, invitation_world):
    unsure = intake.receive(
        parse_eml(eml(subject="Garden party", text="Come on 3 June 2030.", message_id="<gp@x.org>")),
        by=invitation_world.personas.users["coordinator"],
    )
    client = as_persona("coordinator")
    page = client.get(reverse("invitation-list")).content.decode()
    assert "Til vurdering" in page and "Garden party" in page
    assert (
        "Garden party"
        not in as_persona("contact_kf")
        .get(reverse("invitation-list"))
        .content.decode()
        .split("Alle invitasjoner")[0]
    )
    before = _state(unsure)
    as_persona("contact_kf").post(
        reverse("invitation-action", args=[unsure.pk, "route"]), {"unit": invitation_world.personas.kf.pk}
    )
    assert _state(unsure) == before
    client = as_persona("coordinator")
    client.post(
        reverse("invitation-action", args=[unsure.pk, "route"]), {"unit": invitation_world.personas.kf.pk}
    )
    unsure.refresh_from_db()
    assert unsure.status == "routed" and unsure.unit == invitation_world.personas.kf


def test_upload_manual_and_bad_files(as_persona, invitation_world):
    client = as_persona("contact_kf")
    url = reverse("invitation-new")
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("ern.eml", eml())})
    invitation = Invitation.objects.get()
    assert response["Location"] == invitation.get_absolute_url() and invitation.source == "upload"
    response = client.post(url, {"file": SimpleUploadedFile("ern.eml", eml())}, follow=True)
    assert "allerede registrert" in response.content.decode()
    response = client.post(
        url, {"file": SimpleUploadedFile("x.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk")}
    )
    assert "Outlook" in response.content.decode() and Invitation.objects.count() == 1
    response = client.post(
        url, {"subject": "Telefon: ERN-møte", "sender_name": "Kommisjonen", "text": "ERN 4 May 2030"}
    )
    manual = Invitation.objects.get(source="form")
    assert manual.starts_on.isoformat() == "2030-05-04"
    assert as_persona("reader").post(url, {"subject": "x"}).status_code == 403
    assert Invitation.objects.count() == 2
    # the same invitation saved from Outlook, with another Message-ID: read and stored, and as a copy of the
    # first (same subject, arena and start) sent to triage rather than routed twice
    saved = msgfile.from_email(
        email.message_from_bytes(eml(message_id="<ern-outlook@example.org>"), policy=email.policy.default)
    )
    client = as_persona("contact_kf")
    response = client.post(url, {"file": SimpleUploadedFile("ERN-møte.msg", saved)})
    outlook = Invitation.objects.get(message_id="<ern-outlook@example.org>")
    assert response["Location"] == outlook.get_absolute_url()
    assert (outlook.arena, outlook.starts_on.isoformat()) == (invitation_world.ern, "2030-03-12")
    assert outlook.sender_email == "ern-secretariat@ec.europa.eu" and "Dear members" in outlook.body_text
    assert outlook.status == Invitation.Status.TRIAGE and outlook.source == "upload"


def test_overview_and_arena_page(as_persona, routed, invitation_world):
    client = as_persona("reader")
    listed = client.get(reverse("invitation-list"), {"unit": invitation_world.personas.ff.pk}).context[
        "page_obj"
    ]
    assert list(listed) == []
    listed = client.get(reverse("invitation-list"), {"unit": invitation_world.personas.kf.pk}).context[
        "page_obj"
    ]
    assert [row["id"] for row in listed] == [routed.pk]  # the page's rows are dicts (listing.listed)
    listed = client.get(reverse("invitation-list"), {"arena": "ERN", "status": "routed"})
    assert [row["id"] for row in listed.context["page_obj"]] == [routed.pk]
    assert "/api/v1/invitations/export/csv/?arena=ERN" in listed.content.decode()
    assert list(client.get(reverse("invitation-list"), {"status": "declined"}).context["page_obj"]) == []
    page = client.get(reverse("invitation-overview")).content.decode()
    assert "Europeiske referansenettverk" in page
    arena_page = client.get(reverse("arena-detail", args=[invitation_world.ern.pk])).content.decode()
    assert routed.get_absolute_url() in arena_page


def test_attachment_only_for_those_who_see_the_body(as_persona, invitation_world):
    invitation = intake.receive(
        parse_eml(eml(ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", message_id="<att@x.org>")),
        by=invitation_world.personas.users["coordinator"],
    )
    file = invitation.attachments.get()
    url = reverse("invitation-attachment", args=[invitation.pk, file.pk])
    response = as_persona("contact_kf").get(url)
    assert response.status_code == 200 and b"VCALENDAR" in response.content
    assert "attachment" in response["Content-Disposition"]
    assert as_persona("contact_ff").get(url).status_code == 403


def test_list_queries_do_not_grow_with_rows(as_persona, invitation_world, django_assert_max_num_queries):
    client = as_persona("coordinator")

    def add(n):
        for i in range(n):
            intake.receive(
                parse_eml(eml(message_id=f"<q{i}-{n}@x.org>", subject=f"ERN meeting {i} {n}")),
                by=invitation_world.personas.users["coordinator"],
            )

    add(1)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("invitation-list"))
    add(6)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("invitation-list"))


def test_list_sections_and_pages_are_bounded(as_persona, invitation_world):
    """With more invitations than a section shows, the triage section stops at its limit with a link to the rest,
    and the full list is paged."""
    from django.utils import timezone

    from arena.invitations import views

    now = timezone.now()
    Invitation.objects.bulk_create(
        Invitation(message_id=f"<many-{i}@x.org>", subject=f"Mange {i:03d}", received_at=now)
        for i in range(views.PER_PAGE + 5)
    )
    page = as_persona("coordinator").get(reverse("invitation-list")).content.decode()
    triage = page.split('id="triage-heading"')[1].split("</section>")[0]
    assert triage.count("<tr>") - 1 == views.SECTION_ROWS  # the header row and SECTION_ROWS rows
    assert "?status=triage" in triage
    listed = page.split('id="all-heading"')[1]
    assert listed.count("Mange ") == views.PER_PAGE and 'rel="next"' in listed
    second = as_persona("coordinator").get(reverse("invitation-list") + "?page=2").content.decode()
    assert second.split('id="all-heading"')[1].count("Mange ") == 5


def test_tables_show_unit_or_proposal_without_a_query_per_row(as_persona, invitation_world):
    """The list's and the arena page's tables: the unit, or for one in triage the proposed unit, each row's
    dates and status, and no query per row."""
    import datetime

    from django.utils import timezone

    world = invitation_world
    received = timezone.make_aware(datetime.datetime(2031, 2, 4, 0, 30))  # 4 Feb in Oslo, 3 Feb in UTC

    def add(n, offset):
        Invitation.objects.bulk_create(
            Invitation(
                message_id=f"<table-{offset + i}@x.org>",
                subject=f"Tabellrad {offset + i}",
                received_at=received,
                arena=world.ern,
                proposed_unit=world.personas.kf,
                starts_on=datetime.date(2031, 3, 12),
            )
            for i in range(n)
        )

    client = as_persona("coordinator")
    add(1, 0)
    arena_url = reverse("arena-detail", args=[world.ern.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(arena_url)
        client.get(reverse("invitation-list"))
    add(6, 1)
    with CaptureQueriesContext(connection) as seven:
        arena_page = client.get(arena_url).content.decode()
        list_page = client.get(reverse("invitation-list")).content.decode()
    assert len(seven.captured_queries) <= len(one.captured_queries)
    for page in (arena_page, list_page):
        assert page.count("Tabellrad") >= 7
        assert f"forslag: {world.personas.kf.name}" in page
        assert "04.02.2031" in page and "12.03.2031" in page and "Til vurdering" in page
