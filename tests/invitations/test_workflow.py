"""Arrival, routing and answers as plain functions with the personas: stored once, routed to the unit with the
strongest engagement, forwarded, accepted into the agenda, declined, sent back; who may do what; reminders,
escalation and retention."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from arena.agenda.feeds import unit_feed
from arena.invitations import intake, reminders, retention, workflow
from arena.invitations.messages import parse_eml
from arena.invitations.models import Invitation
from arena.notifications.models import Notification
from arena.register.models import LogEntry
from arena.register.permissions import Access
from tests.invitations.conftest import eml


def _receive(world, **kwargs):
    return intake.receive(parse_eml(eml(**kwargs)), by=world.personas.users["coordinator"])


def test_confident_route_goes_to_the_leading_unit_and_its_contacts(
    invitation_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _receive(invitation_world)
    assert invitation.status == Invitation.Status.ROUTED
    assert invitation.unit == invitation_world.personas.kf
    assert invitation.arena == invitation_world.ern
    assert invitation.organisation == invitation_world.ec
    assert (invitation.starts_on.isoformat(), invitation.ends_on.isoformat()) == ("2030-03-12", "2030-03-13")
    assert invitation.deadline.isoformat() == "2030-02-01"
    assert invitation.location == "Albert Borschette Conference Centre"
    notes = Notification.objects.filter(kind="invitations.routed")
    assert [n.recipient.username for n in notes] == ["kontakt-kf"]
    assert notes[0].url == invitation.get_absolute_url()
    assert any("kontakt-kf@example.no" in m.to for m in mail.outbox)
    assert invitation.history.count() >= 2  # stored, then routed: each a version through the write path
    assert set(LogEntry.objects.filter(object_id=invitation.pk).values_list("action", flat=True)) >= {
        "invitations.received",
        "invitations.routed",
    }


def test_same_message_twice_is_refused_and_nothing_is_added(invitation_world):
    _receive(invitation_world)
    with pytest.raises(intake.DuplicateInvitation, match="allerede registrert"):
        _receive(invitation_world)
    assert Invitation.objects.count() == 1


def test_unknown_arena_goes_to_triage_with_reasons(invitation_world):
    invitation = _receive(
        invitation_world,
        subject="Invitation to a garden party",
        text="Dear all, join us in the garden on 3 June 2030.",
        message_id="<g@x.org>",
    )
    assert invitation.status == Invitation.Status.TRIAGE and invitation.unit is None
    assert any("Ingen kjent arena" in reason for reason in invitation.reasons)
    assert Notification.objects.filter(kind="invitations.triage", recipient__username="koordinator").exists()


def test_forward_then_accept_makes_a_meeting_in_the_ff_calendar(invitation_world):
    users = invitation_world.personas.users
    invitation = _receive(invitation_world)
    with pytest.raises(PermissionDenied):  # FF may not answer what was sent to KF
        workflow.decline(invitation, by=users["contact_ff"], reason="Nei")
    with pytest.raises(ValidationError):
        workflow.forward(invitation, invitation_world.personas.ff, by=users["contact_kf"], reason=" ")
    workflow.forward(
        invitation, invitation_world.personas.ff, by=users["contact_kf"], reason="Gjelder forebygging"
    )
    invitation.refresh_from_db()
    assert (
        invitation.status == Invitation.Status.FORWARDED and invitation.unit == invitation_world.personas.ff
    )
    assert Notification.objects.filter(kind="invitations.routed", recipient=users["contact_ff"]).exists()
    with pytest.raises(PermissionDenied):  # KF no longer holds it
        workflow.decline(invitation, by=users["contact_kf"], reason="Nei")
    meeting = workflow.accept(
        invitation, by=users["contact_ff"], people=[invitation_world.people["contact_ff"]]
    )
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED and invitation.meeting == meeting
    assert list(invitation.attendees.all()) == [invitation_world.people["contact_ff"]]
    assert list(meeting.attendee_units.all()) == [invitation_world.personas.ff]
    assert meeting.arena == invitation_world.ern
    feed = unit_feed(invitation_world.personas.ff, window=False).decode()
    assert "European Reference Networks board" in feed.replace("\r\n ", "")
    assert (
        "European Reference Networks board"
        not in unit_feed(invitation_world.personas.kf, window=False).decode()
    )
    with pytest.raises(ValidationError):
        workflow.decline(invitation, by=users["contact_ff"], reason="for sent")


def test_decline_and_back_to_triage(invitation_world):
    users = invitation_world.personas.users
    first = _receive(invitation_world)
    workflow.back_to_triage(first, by=users["contact_kf"], reason="Ikke vårt område")
    first.refresh_from_db()
    assert first.status == Invitation.Status.TRIAGE and first.proposed_unit == invitation_world.personas.kf
    assert not Access.of(users["contact_kf"]).can_view_invitation_body(first)
    workflow.send_to_unit(first, invitation_world.personas.kf, by=users["coordinator"])
    workflow.decline(first, by=users["contact_kf"], reason="Ingen kapasitet")
    first.refresh_from_db()
    assert first.status == Invitation.Status.DECLINED and first.answer_reason == "Ingen kapasitet"
    with pytest.raises(PermissionDenied):
        workflow.send_to_unit(first, invitation_world.personas.ff, by=users["contact_kf"])


def test_body_visible_only_to_coordinator_and_routed_unit(invitation_world):
    users = invitation_world.personas.users
    invitation = _receive(invitation_world)
    assert Access.of(users["coordinator"]).can_view_invitation_body(invitation)
    assert Access.of(users["contact_kf"]).can_view_invitation_body(invitation)
    assert not Access.of(users["contact_ff"]).can_view_invitation_body(invitation)
    assert not Access.of(users["reader"]).can_view_invitation_body(invitation)
    with pytest.raises(PermissionDenied):
        intake.receive(parse_eml(eml(message_id="<r@x.org>")), by=users["reader"])


def test_reminder_then_escalation_once_each(invitation_world):
    invitation = _receive(invitation_world)
    today = timezone.localdate()
    assert reminders.send_invitation_reminders(today) == 0  # just arrived, deadline far away
    later = today + datetime.timedelta(days=6)
    assert reminders.send_invitation_reminders(later) == 1
    assert reminders.send_invitation_reminders(later) == 0
    past = invitation.deadline + datetime.timedelta(days=1)
    assert reminders.send_invitation_reminders(past) == 1
    assert (
        Notification.objects.filter(kind="invitations.escalated", recipient__username="koordinator").count()
        == 1
    )


def test_retention_removes_bodies_keeps_facts(invitation_world, settings):
    invitation = _receive(invitation_world, ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    settings.ARENA_INVITATION_RETENTION_DAYS = 30
    assert retention.remove_bodies(timezone.now()) == 0
    assert retention.remove_bodies(invitation.received_at + datetime.timedelta(days=31)) == 1
    invitation.refresh_from_db()
    assert invitation.body_text == "" and invitation.body_removed_at is not None
    assert invitation.arena == invitation_world.ern and invitation.starts_on is not None
    attachment = invitation.attachments.get()
    assert attachment.content == b"" and attachment.filename == "invite.ics"
    assert LogEntry.objects.filter(object_id=invitation.pk, action="invitations.body_removed").exists()
    assert retention.remove_bodies(invitation.received_at + datetime.timedelta(days=40)) == 0


def test_note_after_the_meeting_becomes_the_years_activity(invitation_world):
    users = invitation_world.personas.users
    invitation = _receive(invitation_world)
    attendee = invitation_world.people["contact_kf"]
    with pytest.raises(ValidationError):
        workflow.write_note(invitation, "For tidlig", by=users["contact_kf"])
    meeting = workflow.accept(invitation, by=users["contact_kf"], people=[attendee])
    after = meeting.ends_at.date() + datetime.timedelta(days=2)
    assert reminders.note_requests(after) == 1
    assert reminders.note_requests(after) == 0
    assert Notification.objects.get(kind="invitations.note_requested").recipient == users["contact_kf"]
    with pytest.raises(PermissionDenied):
        workflow.write_note(invitation, "Notat", by=users["contact_ff"])
    activity = workflow.write_note(invitation, "Vi la fram norske erfaringer.", by=users["contact_kf"])
    invitation.refresh_from_db()
    assert invitation.activity == activity and activity.year == 2030
    assert list(activity.units.all()) == [invitation_world.personas.kf]
    assert list(activity.arenas.all()) == [invitation_world.ern]
    assert f"Invitasjon {invitation.pk}" in activity.source_section
    assert activity.history.first().history_user == users["contact_kf"]
    with pytest.raises(ValidationError):
        workflow.write_note(invitation, "Igjen", by=users["contact_kf"])


def test_a_forwarded_copy_goes_to_triage_not_to_the_unit_again(invitation_world):
    first = _receive(invitation_world)
    copy = _receive(
        invitation_world,
        subject="VS: Invitation: European Reference Networks board of Member States",
        message_id="<forwarded-copy@helsedir.example.no>",
    )
    assert first.status == Invitation.Status.ROUTED
    assert copy.status == Invitation.Status.TRIAGE
    assert any(f"nr. {first.pk}" in reason for reason in copy.reasons)
    assert intake.bare_subject("SV: Fwd:  Møte i ERN") == "møte i ern"


def test_without_a_deadline_escalation_comes_after_the_event_began(invitation_world):
    invitation = _receive(
        invitation_world,
        text="Dear members,\n\nThe Board of Member States of the European Reference Networks meets in Brussels "
        "on 12-13 March 2030.\n\nKind regards,\nEuropean Commission\n",
    )
    assert invitation.deadline is None and invitation.starts_on.isoformat() == "2030-03-12"
    reminders.send_invitation_reminders(invitation.starts_on)  # the day itself: reminded, not escalated
    assert not Notification.objects.filter(kind="invitations.escalated").exists()
    assert reminders.send_invitation_reminders(invitation.starts_on + datetime.timedelta(days=1)) == 1
    escalated = Notification.objects.get(kind="invitations.escalated")
    assert escalated.recipient.username == "koordinator" and "Arrangementet begynte" in escalated.body


def test_retention_run_is_logged(invitation_world, settings, caplog):
    invitation = _receive(invitation_world)
    settings.ARENA_INVITATION_RETENTION_DAYS = 30
    with caplog.at_level("INFO", logger="arena.invitations.retention"):
        assert retention.remove_bodies(invitation.received_at + datetime.timedelta(days=31)) == 1
        assert retention.remove_bodies(invitation.received_at + datetime.timedelta(days=32)) == 0
    runs = [r.getMessage() for r in caplog.records if r.name == "arena.invitations.retention"]
    assert len(runs) == 2 and "from 1 invitations" in runs[0] and "from 0 invitations" in runs[1]


def test_overview_figures_per_unit_year_and_arena(invitation_world):
    from arena.invitations import overview

    users, people = invitation_world.personas.users, invitation_world.people
    accepted = _receive(invitation_world)
    declined = _receive(invitation_world, message_id="<ern-2@example.org>", subject="ERN working group")
    _receive(
        invitation_world, message_id="<garden@x.org>", subject="Garden party", text="Come on 3 June 2030."
    )
    now = timezone.now()
    Invitation.objects.update(received_at=now - datetime.timedelta(minutes=10))
    for invitation, minutes in ((accepted, 30), (declined, 90)):
        Invitation.objects.filter(pk=invitation.pk).update(
            received_at=now - datetime.timedelta(minutes=minutes)
        )
        invitation.refresh_from_db()
    workflow.accept(accepted, by=users["contact_kf"], people=[people["contact_kf"]])
    workflow.decline(declined, by=users["contact_kf"], reason="Ingen kapasitet")
    year = (now - datetime.timedelta(minutes=10)).year
    rows = overview.per_arena_and_year()
    ern = next(r for r in rows if r.arena_pk == invitation_world.ern.pk)
    assert (ern.year, ern.count, ern.accepted, ern.declined, ern.open) == (year, 2, 1, 1, 0)
    assert round(ern.median_days * 24, 2) == 1.0  # half an hour and an hour and a half: an hour
    unknown = next(r for r in rows if r.arena_pk is None)
    assert (unknown.count, unknown.open, unknown.median_days) == (1, 1, None)
    [times] = overview.answer_times()
    assert (times.year, times.count, round(times.mean * 24, 2), round(times.median * 24, 2)) == (
        year,
        2,
        1.0,
        1.0,
    )
    units = {row.unit: (row.open, row.answered) for row in overview.per_unit()}
    assert units == {invitation_world.personas.kf.name: (0, 2), "Til vurdering": (1, 0)}
