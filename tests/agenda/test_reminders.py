"""Reminders for a late briefing note and a reporting deadline arrive at a real SMTP server (aiosmtpd) on
schedule, with time moved in the test; each goes once. They run on the existing reminder schedule."""

import datetime

from arena.agenda import notes, obligations
from arena.agenda.meetings import add_item
from arena.agenda.models import Deadline, Obligation
from arena.notifications.events import deadline_reminders_task, send_all_reminders


def _subjects(smtp):
    return [(tuple(rcpt), " ".join(str(message["Subject"]).split())) for rcpt, message in smtp.messages]


def test_note_and_deadline_reminders_arrive_once(smtp, agenda, django_capture_on_commit_callbacks):
    today = datetime.date(2031, 4, 1)
    item = add_item(agenda.session, "Antimicrobial resistance", number="11.2", by=agenda.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        note = notes.confirm_item(
            item, agenda.personas.kf, today + datetime.timedelta(days=10), by=agenda.coordinator
        )
    smtp.messages.clear()  # the request for the note
    obligation = Obligation.objects.create(
        name="OECD Health Data",
        organisation=agenda.who,
        unit=agenda.personas.ff,
        due_month=4,
        due_day=20,
        remind_days_before=14,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_all_reminders(today) == 0  # note 10 days away, report 19 days away: nothing yet
        assert Deadline.objects.filter(
            obligation=obligation, period="2031", due_on=datetime.date(2031, 4, 20)
        ).exists()
        assert send_all_reminders(today + datetime.timedelta(days=5)) == 2  # note in 5 days, report in 14
        assert send_all_reminders(today + datetime.timedelta(days=6)) == 0  # already reminded
    assert sorted(_subjects(smtp)) == [
        (("kontakt-ff@example.no",), "Arena: Rapporteringsfristen for OECD Health Data (2031) nærmer seg"),
        (
            ("kontakt-kf@example.no",),
            "Arena: Fristen for håndnotatet «11.2 Antimicrobial resistance» nærmer seg",
        ),
    ]
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_all_reminders(today + datetime.timedelta(days=11)) == 1  # the note is late
        assert send_all_reminders(today + datetime.timedelta(days=20)) == 1  # the report is late
    assert sorted(_subjects(smtp)) == [
        (("kontakt-ff@example.no",), "Arena: Rapporteringsfristen for OECD Health Data (2031) er passert"),
        (("kontakt-kf@example.no",), "Arena: Håndnotatet «11.2 Antimicrobial resistance» er på overtid"),
    ]
    body = smtp.messages[0][1].get_body(("plain",)).get_content()
    assert "https://arena.example.no/agenda/" in body

    # Delivered: no more reminders, and the overdue list is empty.
    smtp.messages.clear()
    notes.save_note(note, by=agenda.contact_kf, background="", position="Norge støtter.", intervention="")
    notes.deliver(note, by=agenda.contact_kf)
    deadline = Deadline.objects.get(obligation=obligation, period="2031")
    obligations.mark_delivered(deadline, by=agenda.contact_ff)
    assert not obligations.overdue(today + datetime.timedelta(days=30)).filter(obligation=obligation).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_all_reminders(today + datetime.timedelta(days=40)) == 0


def test_reminder_task_is_the_hourly_schedule(db, settings):
    assert (
        settings.ARENA_PERIODIC_TASKS["deadline-reminders"][0]
        == "arena.notifications.events.deadline_reminders_task"
    )
    assert deadline_reminders_task.call() >= 0


def test_deadlines_per_period(agenda):
    quarterly = Obligation.objects.create(
        name="Kvartalsrapport",
        arena=agenda.wha,
        unit=agenda.personas.kf,
        recurrence="quarterly",
        due_month=2,
        due_day=31,
    )
    assert obligations.periods(quarterly, 2031) == [
        ("2031-Q1", datetime.date(2031, 2, 28)),
        ("2031-Q2", datetime.date(2031, 5, 31)),
        ("2031-Q3", datetime.date(2031, 8, 31)),
        ("2031-Q4", datetime.date(2031, 11, 30)),
    ]
    assert obligations.generate_deadlines(2031, by=agenda.coordinator) == 4
    assert obligations.generate_deadlines(2031, by=agenda.coordinator) == 0  # idempotent
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        obligations.generate_deadlines(2032, by=agenda.contact_kf)
