"""The agenda through the API: every agenda resource readable by the personas, meetings and obligations written
through the agenda's own domain functions (the page's rules, one attributed version labelled "api"), stale
writes refused, the shared filters and the exports."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from arena.agenda import meetings, notes
from arena.agenda.models import BriefingNote, Deadline, Meeting, Obligation
from tests.agenda.conftest import agenda, at  # noqa: F401 - the agenda fixture
from tests.conftest import PERSONAS

AGENDA_RESOURCES = (
    "meeting-series",
    "meetings",
    "agenda-items",
    "briefing-notes",
    "obligations",
    "deadlines",
)


@pytest.fixture
def filled(agenda):  # noqa: F811 - the fixture imported above
    """The session with an agenda item whose note KF owns, and an obligation with this year's deadline."""
    item = meetings.add_item(agenda.session, "Antimikrobiell resistens", by=agenda.coordinator, number="13.1")
    notes.confirm_item(item, agenda.personas.kf, datetime.date(2031, 5, 1), by=agenda.coordinator)
    meetings.save_meeting(agenda.session, by=agenda.coordinator, units=[agenda.personas.kf])
    obligation = Obligation(name="Helsepersonellstatistikk", organisation=agenda.who, unit=agenda.personas.kf)
    obligation.save()
    Deadline.objects.create(
        obligation=obligation, period=str(timezone.localdate().year), due_on=timezone.localdate()
    )
    return agenda


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_agenda_resource_lists_and_shows_a_record_to_every_signed_in_persona(api_as, filled, persona):
    api = api_as(persona)
    for name in AGENDA_RESOURCES:
        response = api.get(f"{name}/")
        if persona == "anonymous":
            assert response.status_code == 401, name
            continue
        assert response.status_code == 200, name
        rows = response.json()["results"]
        assert rows, name
        one = api.get(f"{name}/{rows[0]['id']}/")
        assert one.status_code == 200 and one["ETag"] == f'"{rows[0]["version"]}"', name


def _meeting(filled, **extra):
    return {
        "name": "Ekspertmøte om AMR",
        "kind": Meeting.Kind.MEETING,
        "arena": filled.wha.pk,
        "starts_at": "2031-03-10T09:00:00+01:00",
        "ends_at": "2031-03-10T16:00:00+01:00",
        "time_zone": "Europe/Oslo",
        "attendee_units": [filled.personas.kf.pk],
        **extra,
    }


@pytest.mark.parametrize(
    ("persona", "units", "status"),
    [
        ("coordinator", "ff", 201),
        ("contact_kf", "kf", 201),
        ("contact_kf", "ff", 400),  # only their own units
        ("reader", "kf", 403),
        ("anonymous", "kf", 401),
    ],
)
def test_creating_a_meeting_follows_the_pages_rules(api_as, filled, persona, units, status):
    unit = getattr(filled.personas, units)
    before = Meeting.objects.count()
    response = api_as(persona).post("meetings/", _meeting(filled, attendee_units=[unit.pk]))
    assert response.status_code == status, response.content
    if status != 201:
        assert Meeting.objects.count() == before
        return
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert list(meeting.attendee_units.all()) == [unit]
    version = meeting.history.get()
    assert version.history_change_reason == "api"
    assert version.history_user == filled.personas.user(persona)


def test_times_with_an_offset_are_instants_and_times_without_are_the_meetings_wall_clock(api_as, filled):
    api = api_as("coordinator")
    geneva = api.post(
        "meetings/",
        _meeting(
            filled, starts_at="2031-03-10T08:00:00Z", ends_at="2031-03-10T15:00", time_zone="America/New_York"
        ),
    )
    assert geneva.status_code == 201, geneva.content
    meeting = Meeting.objects.get(pk=geneva.json()["id"])
    assert meeting.starts_at == datetime.datetime(2031, 3, 10, 8, tzinfo=datetime.UTC)
    # 15:00 in New York (EDT from 9 March 2031) is 19:00 UTC.
    assert meeting.ends_at == datetime.datetime(2031, 3, 10, 19, tzinfo=datetime.UTC)


def test_a_changed_meeting_raises_its_sequence_and_a_stale_version_gets_412(api_as, filled):
    api = api_as("coordinator")
    session = filled.session
    first = api.get(f"meetings/{session.pk}/")
    version, sequence = first.json()["version"], first.json()["sequence"]
    moved = api.patch(
        f"meetings/{session.pk}/", {"starts_at": "2031-05-25T09:00:00+02:00"}, HTTP_IF_MATCH=f'"{version}"'
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["sequence"] == sequence + 1
    assert moved.json()["version"] != version
    assert moved.json()["attendee_units"] == [filled.personas.kf.pk]  # a partial write keeps the attendees
    stale = api.patch(f"meetings/{session.pk}/", {"place": "Online"}, HTTP_IF_MATCH=f'"{version}"')
    assert stale.status_code == 412
    assert Meeting.objects.get(pk=session.pk).place == "Genève"
    assert api.patch(f"meetings/{session.pk}/", {"place": "Online"}).status_code == 428


def test_an_end_before_the_start_is_a_form_error_and_nothing_is_stored(api_as, filled):
    before = Meeting.objects.count()
    response = api_as("coordinator").post("meetings/", _meeting(filled, ends_at="2031-03-09T09:00:00+01:00"))
    assert response.status_code == 400
    assert "ends_at" in response.json()["errors"]
    assert Meeting.objects.count() == before


def test_an_obligation_made_through_the_api_gets_this_years_deadlines(api_as, filled):
    payload = {
        "name": "OECD helsestatistikk",
        "organisation": filled.who.pk,
        "unit": filled.personas.kf.pk,
        "recurrence": "quarterly",
        "due_month": 1,
        "due_day": 15,
        "remind_days_before": 7,
        "is_active": True,
    }
    assert api_as("contact_kf").post("obligations/", payload).status_code == 403
    response = api_as("coordinator").post("obligations/", payload)
    assert response.status_code == 201, response.content
    obligation = Obligation.objects.get(pk=response.json()["id"])
    assert obligation.history.get().history_change_reason == "api"
    assert obligation.deadlines.filter(due_on__year=timezone.localdate().year).count() == 4


def test_workflow_records_are_read_only_in_the_api(api_as, filled):
    api = api_as("coordinator")
    note = BriefingNote.objects.get()
    response = api.patch(f"briefing-notes/{note.pk}/", {"status": "approved"}, HTTP_IF_MATCH="*")
    assert response.status_code in (403, 405)
    assert BriefingNote.objects.get().status == note.status


def test_agenda_lists_filter_as_the_filters_say_and_export(api_as, filled):
    api = api_as("reader")
    other = Meeting.objects.create(
        arena=filled.wha, name="FF-møte", starts_at=at(2030, 2, 1), ends_at=at(2030, 2, 1, 15)
    )
    other.attendee_units.add(filled.personas.ff)
    by_unit = api.get("meetings/", unit=filled.personas.kf.pk).json()["results"]
    assert [m["name"] for m in by_unit] == ["WHA74"]
    by_year = api.get("meetings/", year=2030).json()["results"]
    assert [m["name"] for m in by_year] == ["FF-møte"]
    assert api.get("meetings/", year="tjue").status_code == 400
    open_deadlines = api.get("deadlines/", delivered="false").json()["results"]
    assert len(open_deadlines) == 1
    assert api.get("deadlines/", delivered="true").json()["results"] == []
    exported = api.get("meetings/export/csv/", unit=filled.personas.ff.pk)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert [row["Navn"] for row in rows] == ["FF-møte"]
    assert rows[0]["Arena"] == "Verdens helseforsamling"
