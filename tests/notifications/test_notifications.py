"""Notifications of the reporting cycle, in the app and by e-mail through a real SMTP server: cycle opened to
the unit's current contacts, returned and approved, deadline reminders once each, opt-out per kind, the
"Varsler" page and its unread count."""

import datetime

import pytest
from django.utils import timezone

from arena.notifications import kinds
from arena.notifications.events import send_deadline_reminders
from arena.notifications.models import EmailOptOut, Notification
from arena.reporting import cycle as flow

pytestmark = pytest.mark.django_db


def _open(unit, coordinator, deadline, capture):
    with capture(execute=True):
        return flow.open_cycle(2030, deadline, "Skriv kort.", by=coordinator, units=[unit])


def test_cycle_opened_reaches_current_contacts_by_email_in_bokmal_text_and_html(
    smtp, unit_with_contacts, django_capture_on_commit_callbacks
):
    unit, people, coordinator = unit_with_contacts
    cycle = _open(unit, coordinator, datetime.date(2031, 3, 1), django_capture_on_commit_callbacks)

    received = {tuple(to): message for to, message in smtp.messages}
    assert set(received) == {("kari@example.no",), ("nils@example.no",)}  # Per's role has ended
    message = received[("kari@example.no",)]
    assert message["Subject"].strip() == "Arena: Rapporteringen for 2030 er åpnet"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    submission = cycle.submissions.get()
    link = f"https://arena.example.no{submission.get_absolute_url()}"
    assert "Divisjon for helsetjenester skal leveres innen 1. mars 2031" in text and link in text
    assert "Skriv kort." in text
    assert f'href="{link}"' in html and "Se mer i Arena" in html
    # In the app for the one with an account; Nils has none.
    assert Notification.objects.filter(kind=kinds.CYCLE_OPENED.key, recipient=people["kari"].user).exists()
    assert Notification.objects.get(email="nils@example.no").recipient is None
    assert not Notification.objects.filter(recipient=people["per"].user).exists()
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_returned_and_approved_go_to_the_contacts_and_opt_out_stops_only_the_email(
    smtp, unit_with_contacts, django_capture_on_commit_callbacks
):
    unit, people, coordinator = unit_with_contacts
    kari = people["kari"].user
    EmailOptOut.objects.create(user=kari, kind=kinds.SUBMISSION_APPROVED.key)
    cycle = _open(unit, coordinator, datetime.date(2031, 3, 1), django_capture_on_commit_callbacks)
    submission = cycle.submissions.get()
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        flow.submit(submission, by=kari)
        flow.return_submission(submission, by=coordinator, comment="Mangler aktiviteten i Genève.")
    subjects = sorted((to[0], m["Subject"].strip()) for to, m in smtp.messages)
    assert subjects == [
        ("kari@example.no", "Arena: Innspillet fra Divisjon for helsetjenester er sendt tilbake"),
        ("nils@example.no", "Arena: Innspillet fra Divisjon for helsetjenester er sendt tilbake"),
    ]
    assert "Mangler aktiviteten i Genève." in smtp.messages[0][1].get_body(("plain",)).get_content()

    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        flow.submit(submission, by=kari)
        flow.approve_submission(submission, by=coordinator)
    assert [to for to, _m in smtp.messages] == [["nils@example.no"]]  # Kari turned this kind off
    assert Notification.objects.filter(recipient=kari, kind=kinds.SUBMISSION_APPROVED.key).exists()


def test_deadline_reminders_go_once_before_and_once_after(
    smtp, unit_with_contacts, django_capture_on_commit_callbacks
):
    unit, _people, coordinator = unit_with_contacts
    today = timezone.localdate()
    cycle = _open(unit, coordinator, today + datetime.timedelta(days=10), django_capture_on_commit_callbacks)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today) == 0  # 10 days left: not yet
        assert send_deadline_reminders(today + datetime.timedelta(days=4)) == 2
        assert send_deadline_reminders(today + datetime.timedelta(days=5)) == 0  # already reminded
        assert send_deadline_reminders(today + datetime.timedelta(days=11)) == 2
        assert send_deadline_reminders(today + datetime.timedelta(days=12)) == 0
    subjects = [m["Subject"].strip() for _to, m in smtp.messages]
    assert subjects.count("Arena: Fristen for rapporteringen for 2030 nærmer seg") == 2
    assert subjects.count("Arena: Fristen for rapporteringen for 2030 er passert") == 2
    # A delivered submission gets no reminder.
    Notification.objects.all().delete()
    cycle.submissions.update(status="submitted", submitted_at=timezone.now())
    assert send_deadline_reminders(today + datetime.timedelta(days=20)) == 0


def test_the_varsler_page_unread_count_and_preferences(
    client, unit_with_contacts, django_capture_on_commit_callbacks
):
    unit, people, coordinator = unit_with_contacts
    _open(unit, coordinator, datetime.date(2031, 3, 1), django_capture_on_commit_callbacks)
    kari = people["kari"].user
    client.force_login(kari)
    home = client.get("/").content.decode()
    assert '<span class="badge">1<span class="visually-hidden"> uleste</span></span>' in home
    page = client.get("/varsler/").content.decode()
    assert "Rapporteringen for 2030 er åpnet" in page
    notification = Notification.objects.get(recipient=kari)
    response = client.post(f"/varsler/{notification.pk}/lest/")
    assert response.status_code == 302 and response["Location"] == notification.url
    assert 'class="badge"' not in client.get("/varsler/").content.decode()
    # Someone else's notification is not theirs to mark.
    other = Notification.objects.create(recipient=coordinator, kind=kinds.CYCLE_OPENED.key, title="x")
    assert client.post(f"/varsler/{other.pk}/lest/").status_code == 404

    form = client.get("/varsler/innstillinger/").content.decode()
    assert "Rapporteringsrunden er åpnet" in form and "Fristen er passert" in form
    wanted = {key: "on" for key in kinds.KINDS if key != kinds.DEADLINE_PASSED.key}
    client.post("/varsler/innstillinger/", wanted)
    assert list(EmailOptOut.objects.filter(user=kari).values_list("kind", flat=True)) == [
        kinds.DEADLINE_PASSED.key
    ]
    client.post("/varsler/innstillinger/", {key: "on" for key in kinds.KINDS})
    assert not EmailOptOut.objects.filter(user=kari).exists()


def test_notifications_are_in_bokmal_whatever_language_the_actor_uses(
    unit_with_contacts, django_capture_on_commit_callbacks
):
    from django.utils import translation

    unit, _people, coordinator = unit_with_contacts
    with translation.override("en"):
        cycle = _open(unit, coordinator, datetime.date(2031, 3, 1), django_capture_on_commit_callbacks)
    assert {n.title for n in Notification.objects.all()} == {"Rapporteringen for 2030 er åpnet"}
    assert cycle.submissions.count() == 1
