"""The agenda's pages for each persona: they render, refuse what a persona may not do, and the forms store
through the domain functions."""

import datetime

import pytest
from django.urls import reverse

from arena.agenda import notes
from arena.agenda.models import BriefingNote, Deadline, Meeting, Obligation
from arena.register.models import LogEntry


@pytest.fixture
def confirmed(agenda):
    from arena.agenda.meetings import add_item

    item = add_item(agenda.session, "Antimicrobial resistance", number="11.2", by=agenda.coordinator)
    note = notes.confirm_item(item, agenda.personas.kf, datetime.date(2031, 5, 1), by=agenda.coordinator)
    obligation = Obligation.objects.create(
        name="OECD Health Data", organisation=agenda.who, unit=agenda.personas.kf, due_month=6, due_day=30
    )
    deadline = Deadline.objects.create(
        obligation=obligation, period="2020", due_on=datetime.date(2020, 6, 30)
    )
    return item, note, deadline


PAGES = [
    ("agenda-calendar", None),
    ("agenda-list", None),
    ("agenda-obligations", None),
    ("agenda-overdue", None),
    ("agenda-feeds", None),
]


@pytest.mark.parametrize("persona", ["coordinator", "contact_kf", "reader"])
def test_pages_render(as_persona, agenda, confirmed, persona):
    client = as_persona(persona)
    item, note, deadline = confirmed
    urls = [reverse(name) for name, _ in PAGES] + [
        reverse("agenda-calendar") + "?year=2031&month=5",
        reverse("agenda-list") + f"?from=2031-05-01&to=2031-06-30&unit={agenda.personas.kf.pk}",
        reverse("agenda-meeting", args=[agenda.session.pk]),
        reverse("agenda-notes", args=[agenda.session.pk]),
        reverse("agenda-note", args=[note.pk]),
        reverse("arena-detail", args=[agenda.wha.pk]),
        reverse("unit-detail", args=[agenda.personas.kf.pk]),
        reverse("home"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"WHA74" in client.get(reverse("arena-detail", args=[agenda.wha.pk])).content
    assert b"WHA74" in client.get(reverse("agenda-calendar") + "?year=2031&month=5").content
    ics = client.get(reverse("agenda-meeting-ics", args=[agenda.session.pk]))
    assert ics["Content-Type"].startswith("text/calendar")


def test_signed_out_goes_to_sign_in(client, agenda):
    response = client.get(reverse("agenda-calendar"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_meeting_form_as_coordinator_and_refusals(as_persona, agenda):
    client = as_persona("coordinator")
    data = {
        "name": "EB150",
        "kind": "session",
        "arena": "WHA",
        "starts_at": "2032-01-24T09:30",
        "ends_at": "2032-01-29T17:00",
        "time_zone": "Europe/Oslo",
        "place": "Genève",
        "attendee_units": [agenda.personas.kf.pk],
    }
    response = client.post(reverse("agenda-meeting-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(name="EB150")
    assert meeting.local_start.hour == 9 and meeting.local_start.minute == 30
    assert meeting.history.first().history_user == agenda.personas.users["coordinator"]
    bad = dict(data, name="Feil", ends_at="2032-01-20T09:00")
    response = client.post(reverse("agenda-meeting-create"), bad)
    assert response.status_code == 400
    assert "slutte før det begynner" in response.content.decode()
    ended = dict(data, name="Etter slutt", arena=agenda.old.name)
    response = client.post(reverse("agenda-meeting-create"), ended)
    assert response.status_code == 400 and "ble avsluttet" in response.content.decode()
    assert not Meeting.objects.filter(name__in=["Feil", "Etter slutt"]).exists()

    reader = as_persona("reader")
    assert reader.post(reverse("agenda-meeting-create"), dict(data, name="Leser")).status_code == 403
    assert reader.get(reverse("agenda-meeting-edit", args=[meeting.pk])).status_code == 403
    # The FF contact may not edit a meeting only KF attends; KF's contact may.
    ff = as_persona("contact_ff")
    assert ff.get(reverse("agenda-meeting-edit", args=[meeting.pk])).status_code == 403
    kf = as_persona("contact_kf")
    assert kf.get(reverse("agenda-meeting-edit", args=[meeting.pk])).status_code == 200
    before = meeting.sequence
    response = kf.post(
        reverse("agenda-meeting-edit", args=[meeting.pk]),
        dict(data, place="Online", attendee_units=[agenda.personas.kf.pk]),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Online" and meeting.sequence == before + 1


def test_note_pages_flow(as_persona, agenda, confirmed):
    item, note, deadline = confirmed
    ff = as_persona("contact_ff")
    response = ff.post(reverse("agenda-note-action", args=[note.pk, "save"]), {"position": "FF skriver"})
    assert response.status_code == 403
    kf = as_persona("contact_kf")
    response = kf.post(
        reverse("agenda-note-action", args=[note.pk, "deliver"]),
        {"background": "B", "position": "Norge støtter.", "intervention": ""},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.status == BriefingNote.Status.DELIVERED
    coordinator = as_persona("coordinator")
    response = coordinator.post(
        reverse("agenda-note-action", args=[note.pk, "return"]), {"comment": ""}, follow=True
    )
    assert "Skriv hva enheten skal rette" in response.content.decode()
    coordinator.post(reverse("agenda-note-action", args=[note.pk, "approve"]))
    note.refresh_from_db()
    assert note.status == BriefingNote.Status.APPROVED
    response = coordinator.get(reverse("agenda-notes-docx", args=[agenda.session.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert as_persona("reader").get(reverse("agenda-notes-docx", args=[agenda.session.pk])).status_code == 403


def test_deadline_delivery_by_owner_only(as_persona, agenda, confirmed):
    _item, _note, deadline = confirmed
    assert (
        as_persona("contact_ff").post(reverse("agenda-deadline-deliver", args=[deadline.pk])).status_code
        == 403
    )
    assert (
        as_persona("reader").post(reverse("agenda-deadline-deliver", args=[deadline.pk])).status_code == 403
    )
    response = as_persona("contact_kf").post(
        reverse("agenda-deadline-deliver", args=[deadline.pk]), {"remark": "Sendt"}
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.delivered_by == agenda.personas.users["contact_kf"] and deadline.remark == "Sendt"
    assert LogEntry.objects.filter(action="agenda.deadline.delivered", object_id=deadline.pk).exists()


def test_session_import_page(as_persona, agenda):
    coordinator = as_persona("coordinator")
    url = reverse("agenda-notes-action", args=[agenda.session.pk, "import"])
    response = coordinator.post(url, {"text": "1. Opening\n2. Antimicrobial resistance"}, follow=True)
    assert "2 punkter er lagt til" in response.content.decode()
    response = coordinator.post(url, {"text": "nothing numbered"}, follow=True)
    assert "Fant ingen nummererte punkter" in response.content.decode()
    assert agenda.session.items.count() == 2
    assert as_persona("contact_kf").post(url, {"text": "3. X"}).status_code == 403


def test_person_page_lists_roles_meetings_and_notes(
    as_persona, agenda, confirmed, django_assert_max_num_queries
):
    from arena.agenda.meetings import save_meeting
    from arena.register.models import Person

    item, note, deadline = confirmed
    person = Person.objects.get(user=agenda.personas.users["contact_kf"])
    save_meeting(agenda.session, by=agenda.coordinator, people=[person])
    notes.save_note(note, by=agenda.contact_kf, background="", position="Norge støtter.", intervention="")
    notes.deliver(note, by=agenda.contact_kf)
    client = as_persona("reader")
    with django_assert_max_num_queries(30):
        response = client.get(person.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Internasjonal kontakt" in page and agenda.personas.kf.name in page
    assert "WHA74" in page and reverse("agenda-meeting", args=[agenda.session.pk]) in page
    assert reverse("agenda-note", args=[note.pk]) in page and "Levert" in page
    # The unit's and the meeting's pages link to the person.
    assert person.get_absolute_url() in client.get(agenda.personas.kf.get_absolute_url()).content.decode()
    meeting_page = client.get(reverse("agenda-meeting", args=[agenda.session.pk])).content.decode()
    assert person.get_absolute_url() in meeting_page
    other = Person.objects.get(user=agenda.personas.users["contact_ff"])
    other_page = client.get(other.get_absolute_url()).content.decode()
    assert "WHA74" not in other_page and "Ingen håndnotater." in other_page
    as_persona("anonymous")
    assert client.get(person.get_absolute_url()).status_code == 302


def test_session_notes_page_costs_the_same_with_more_items(as_persona, agenda):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from arena.agenda.meetings import add_item

    client = as_persona("coordinator")
    url = reverse("agenda-notes", args=[agenda.session.pk])
    counts = []
    for size in (2, 8):
        while agenda.session.items.count() < size:
            add_item(agenda.session, f"Item {agenda.session.items.count()}", by=agenda.coordinator)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0], counts


def test_busy_days_and_periods_are_bounded(as_persona, agenda, monkeypatch):
    """A day with more meetings than its cell shows links to that day's list; a list period with more entries
    than a page shows the first ones and says so."""
    from django.utils import timezone

    from arena.agenda import listing
    from arena.agenda.views import calendar

    zone = timezone.get_current_timezone()
    starts = datetime.datetime(2033, 3, 9, 10, tzinfo=zone)
    Meeting.objects.bulk_create(
        Meeting(arena=agenda.wha, name=f"Travelt møte {i:02d}", starts_at=starts, ends_at=starts)
        for i in range(listing.DAY_LIMIT + 3)
    )
    client = as_persona("coordinator")
    page = client.get(reverse("agenda-calendar") + "?year=2033&month=3").content.decode()
    assert page.count("Travelt møte") == listing.DAY_LIMIT
    assert "3 til" in page and "from=2033-03-09&amp;to=2033-03-09" in page
    day = client.get(reverse("agenda-list") + "?from=2033-03-09&to=2033-03-09").content.decode()
    assert day.count("Travelt møte") == listing.DAY_LIMIT + 3
    monkeypatch.setattr(calendar, "LIST_LIMIT", 4)
    capped = client.get(reverse("agenda-list") + "?from=2033-03-01&to=2033-03-31").content.decode()
    assert capped.count("Travelt møte") == 4 and "flere enn 4 oppføringer" in capped


def test_this_week_on_the_home_page_is_bounded(as_persona, agenda):
    from django.utils import timezone

    from arena.agenda.templatetags import agenda_tags

    today = timezone.localtime()
    monday = (today - datetime.timedelta(days=today.weekday())).replace(hour=9, minute=0)
    Meeting.objects.bulk_create(
        Meeting(arena=agenda.wha, name=f"Ukemøte {i:02d}", starts_at=monday, ends_at=monday)
        for i in range(agenda_tags.THIS_WEEK + 2)
    )
    page = as_persona("coordinator").get(reverse("home")).content.decode()
    assert page.count("Ukemøte") == agenda_tags.THIS_WEEK
    assert "se resten i agendaen" in page


def _busy_month(agenda):
    """Meetings in March 2033: two on the 9th, three on the 10th (one cancelled), one on the 20th, and a
    reporting deadline on the 21st."""
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    days = [9, 9, 10, 10, 10, 20]
    Meeting.objects.bulk_create(
        Meeting(
            arena=agenda.wha,
            name=f"Mars-møte {i}",
            starts_at=datetime.datetime(2033, 3, day, 9 + i, tzinfo=zone),
            ends_at=datetime.datetime(2033, 3, day, 10 + i, tzinfo=zone),
            status=Meeting.Status.CANCELLED if i == 4 else Meeting.Status.PLANNED,
        )
        for i, day in enumerate(days)
    )
    obligation = Obligation.objects.create(
        name="Marsrapport", organisation=agenda.who, unit=agenda.personas.kf, due_month=3, due_day=21
    )
    Deadline.objects.create(obligation=obligation, period="2033", due_on=datetime.date(2033, 3, 21))


def test_month_grid_stops_at_its_limit_and_says_how_many_more_from_which_day(as_persona, agenda, monkeypatch):
    from arena.agenda.views import calendar

    _busy_month(agenda)
    client = as_persona("coordinator")
    url = reverse("agenda-calendar") + "?year=2033&month=3"
    whole = client.get(url).content.decode()
    assert whole.count("Mars-møte") == 6 and "Marsrapport" in whole and "Flere i listen" not in whole
    assert "<del>Mars-møte 4</del>" in whole and "Kalenderen viser ikke alt" not in whole

    monkeypatch.setattr(calendar, "MONTH_LIMIT", 3)
    page = client.get(url).content.decode()
    assert page.count("Mars-møte") == 3  # the first three in time: the 9th's two and the 10th's first
    assert "Mars-møte 2" in page and "Mars-møte 3" not in page and "Marsrapport" not in page
    # 7 entries in the grid's weeks, 3 shown: 4 more from the first day not shown in full, with the list's link
    assert "4 oppføringer til fra og med 10. mars" in page
    assert f"{reverse('agenda-list')}?from=2033-03-10&amp;to=2033-04-03" in page
    # every day from the 10th on points at its own list; the days before do not
    assert "?from=2033-03-20&amp;to=2033-03-20" in page and "?from=2033-04-03&amp;to=2033-04-03" in page
    assert "?from=2033-03-09&amp;to=2033-03-09" not in page
    assert page.count("Flere i listen") == (datetime.date(2033, 4, 3) - datetime.date(2033, 3, 10)).days + 1
    rest = client.get(reverse("agenda-list") + "?from=2033-03-10&to=2033-04-03").content.decode()
    assert rest.count("Mars-møte") == 4 and "Marsrapport" in rest

    english = as_persona("coordinator")
    english.cookies["django_language"] = "en"
    assert "4 more entries from 10. March on" in english.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_list_stops_at_its_limit_and_goes_on_from_the_first_day_not_shown(as_persona, agenda, monkeypatch):
    from arena.agenda.views import calendar

    _busy_month(agenda)
    monkeypatch.setattr(calendar, "LIST_LIMIT", 3)
    client = as_persona("coordinator")
    first = client.get(
        reverse("agenda-list") + f"?from=2033-03-01&to=2033-03-31&arena={agenda.wha.abbreviation}"
    )
    page = first.content.decode()
    assert page.count("Mars-møte") == 3 and "flere enn 3 oppføringer" in page
    link = "?from=2033-03-10&amp;to=2033-03-31&amp;arena=WHA"
    assert link in page and "Vis flere, fra og med 10. mars 2033" in page
    second = client.get(reverse("agenda-list") + link.replace("&amp;", "&")).content.decode()
    # the 10th again in full (its first meeting was on the first page too), then the 20th
    assert [f"Mars-møte {i}" in second for i in range(6)] == [False, False, True, True, True, False]
    assert "?from=2033-03-20&amp;to=2033-03-31" in second
    last = client.get(reverse("agenda-list") + "?from=2033-03-20&to=2033-03-31").content.decode()
    assert "Mars-møte 5" in last and "Marsrapport" in last and "Vis flere" not in last


def test_calendar_pages_cost_the_same_with_more_entries(as_persona, agenda, django_assert_max_num_queries):
    """No query per entry: a month with many meetings and deadlines costs the same queries as one with a few."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("contact_kf")
    urls = [reverse("agenda-calendar") + "?year=2033&month=3", reverse("agenda-list") + "?from=2033-03-01"]
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            assert client.get(url).status_code == 200
    _busy_month(agenda)
    _busy_month(agenda)
    with django_assert_max_num_queries(len(few.captured_queries)):
        for url in urls:
            client.get(url)
