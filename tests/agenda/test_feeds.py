"""The iCalendar feeds: valid, parse and round-trip with the icalendar library, Europe/Oslo VTIMEZONE, stable
UIDs, SEQUENCE raised on change, cancelled events kept as CANCELLED; the secret per-user address; the CLI."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from arena.agenda import feeds, meetings
from arena.agenda.models import Deadline, Meeting, Obligation


def events(data: bytes) -> dict:
    calendar = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_meeting_feed_round_trip_uid_and_sequence(agenda):
    session = agenda.session
    session.attendee_units.add(agenda.personas.kf)
    first = feeds.arena_feed(agenda.wha)
    calendar = Calendar.from_ical(first)
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()  # round trip
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    ((uid, event),) = events(first).items()
    assert uid == f"meeting-{session.uid}@arena.agenda"
    assert int(event["sequence"]) == 0
    assert event["dtstart"].dt == session.starts_at
    assert event["dtstart"].params["TZID"] == "Europe/Oslo"
    assert str(event["status"]) == "CONFIRMED"

    session.place = "Digitalt"
    meetings.save_meeting(session, by=agenda.coordinator)
    second = events(feeds.arena_feed(agenda.wha))
    assert list(second) == [uid]  # the same UID
    assert int(second[uid]["sequence"]) == 1
    assert str(second[uid]["location"]) == "Digitalt"

    # A save without a change a calendar shows does not raise SEQUENCE.
    session.norway_has_delegation = False
    meetings.save_meeting(session, by=agenda.coordinator)
    assert int(events(feeds.arena_feed(agenda.wha))[uid]["sequence"]) == 1

    meetings.cancel_meeting(session, by=agenda.coordinator)
    third = events(feeds.arena_feed(agenda.wha))
    assert str(third[uid]["status"]) == "CANCELLED" and int(third[uid]["sequence"]) == 2


def test_other_time_zone_gets_its_vtimezone(agenda):
    import zoneinfo

    ny = zoneinfo.ZoneInfo("America/New_York")
    meeting = Meeting(
        arena=agenda.wha,
        name="UNGA HLM",
        time_zone="America/New_York",
        starts_at=datetime.datetime(2031, 9, 22, 10, tzinfo=ny),
        ends_at=datetime.datetime(2031, 9, 22, 13, tzinfo=ny),
    )
    meetings.save_meeting(meeting, by=agenda.coordinator)
    calendar = Calendar.from_ical(feeds.meeting_file(meeting))
    assert sorted(str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")) == ["America/New_York", "Europe/Oslo"]
    event = calendar.walk("VEVENT")[0]
    assert event["dtstart"].dt.hour == 10 and event["dtstart"].params["TZID"] == "America/New_York"


def test_user_feed_behind_renewable_secret(client, agenda):
    kf_user = agenda.personas.users["contact_kf"]
    agenda.session.attendee_units.add(agenda.personas.kf)
    obligation = Obligation.objects.create(
        name="Joint Questionnaire", organisation=agenda.who, unit=agenda.personas.kf
    )
    deadline = Deadline.objects.create(
        obligation=obligation,
        period=str(datetime.date.today().year),
        due_on=datetime.date.today() + datetime.timedelta(days=20),
    )
    token = feeds.token_for(kf_user)
    url = reverse("agenda-feed", args=[token.token])
    response = client.get(url)  # signed out: the secret is the key
    assert response.status_code == 200
    found = events(response.content)
    assert f"meeting-{agenda.session.uid}@arena.agenda" in found
    assert f"deadline-{deadline.uid}@arena.agenda" in found
    # FF's contact does not see KF's deadline.
    ff_found = events(feeds.user_feed(agenda.personas.users["contact_ff"]))
    assert f"deadline-{deadline.uid}@arena.agenda" not in ff_found

    feeds.renew_token(kf_user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("agenda-feed", args=["wrong"])).status_code == 404
    new = feeds.token_for(kf_user).token
    assert client.get(reverse("agenda-feed-unit", args=[new, agenda.personas.kf.pk])).status_code == 200


def test_cli_writes_feeds(agenda, tmp_path, capsys):
    agenda.wha.key = "wha"
    agenda.wha.save()
    out = tmp_path / "wha.ics"
    call_command("calendar", "--arena", "wha", "--output", str(out))
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1
    agenda.session.attendee_units.add(agenda.personas.kf)
    call_command("calendar", "--unit", "KF", "--output", str(tmp_path / "kf.ics"))
    assert b"WHA74" in (tmp_path / "kf.ics").read_bytes()
    call_command("calendar", "--user", "kontakt-kf", "--output", str(tmp_path / "me.ics"))
    assert b"BEGIN:VCALENDAR" in (tmp_path / "me.ics").read_bytes()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Fant ingen enhet"):
        call_command("calendar", "--unit", "NOPE", "--output", str(tmp_path / "x.ics"))
