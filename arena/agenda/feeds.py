"""iCalendar (RFC 5545) feeds with the icalendar library: a user's meetings and deadlines, a unit's, an
arena's, and one meeting as a file.

- Each meeting is a VEVENT with the meeting's own time zone (a VTIMEZONE for every zone used, Europe/Oslo
  unless the meeting says otherwise), a UID that never changes (the meeting's `uid`), SEQUENCE from the
  meeting's counter (raised on every change a calendar shows) and STATUS:CANCELLED for cancelled meetings,
  which stay in the feed so subscribed calendars remove them.
- Each reporting deadline and each briefing-note deadline is an all-day VEVENT.
- A user's personal feed is behind a secret address (`CalendarToken`), renewable; `feed_for_token` reads it.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from arena.agenda import meetings as meeting_queries
from arena.agenda.models import BriefingNote, CalendarToken, Deadline, Meeting
from arena.notifications.service import absolute_url
from arena.register.contacts import current_roles
from arena.register.models import Arena, Person, Unit, UnitRole
from arena.register.structure import UnitTree

PRODID = "-//Arena//Agenda//NB"
DOMAIN = "arena.agenda"
# How far back and ahead feeds reach (a subscribed calendar needs neither all history nor the distant future).
PAST_DAYS = 400
FUTURE_DAYS = 3660


def uid_of(obj) -> str:
    kind = {"meeting": "meeting", "deadline": "deadline", "briefingnote": "note"}[obj._meta.model_name]
    value = obj.uid if hasattr(obj, "uid") else obj.pk
    return f"{kind}-{value}@{DOMAIN}"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _add_timezones(calendar: Calendar, zones: set[str]) -> None:
    for zone in sorted(zones | {settings.TIME_ZONE}):
        calendar.add_component(Timezone.from_tzid(zone))


def meeting_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add("summary", meeting.name)
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", location)
    description = [meeting.arena.name]
    if meeting.description:
        description.append(meeting.description)
    if meeting.online_url:
        description.append(meeting.online_url)
    for title, url in meeting.documents:
        description.append(f"{title}: {url}")
    event.add("description", "\n".join(description))
    event.add("url", absolute_url(meeting.get_absolute_url()))
    event.add("categories", [meeting.get_kind_display()])
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    for person in meeting.attendee_people.all():
        if person.email:
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["cn"] = vText(str(person))
            event.add("attendee", attendee)
    return event


def _all_day(
    uid: str, day: datetime.date, summary: str, description: str, url: str, sequence: int, stamp
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def deadline_event(deadline: Deadline) -> Event:
    obligation = deadline.obligation
    receiver = obligation.receiver
    summary = f"Frist: {obligation.name} ({deadline.period})"
    description = f"{receiver}\n{obligation.unit.name}" + (
        f"\nLevert {deadline.delivered_at:%d.%m.%Y}" if deadline.delivered_at else ""
    )
    stamp = deadline.delivered_at or datetime.datetime.combine(
        deadline.due_on, datetime.time.min, tzinfo=datetime.UTC
    )
    event = _all_day(
        uid_of(deadline),
        deadline.due_on,
        summary,
        description,
        absolute_url(deadline.get_absolute_url()),
        deadline.sequence,
        stamp,
    )
    event.add("categories", ["Rapporteringsfrist"])
    return event


def note_event(note: BriefingNote) -> Event:
    summary = f"Frist for håndnotat: {note.item} ({note.item.meeting.name})"
    event = _all_day(
        uid_of(note),
        note.deadline,
        summary,
        f"{note.unit.name}\n{note.get_status_display()}",
        absolute_url(note.get_absolute_url()),
        0,
        note.updated_at,
    )
    event.add("categories", ["Håndnotat"])
    return event


def _window(queryset: QuerySet, field: str, window: bool = True) -> QuerySet:
    if not window:
        return queryset
    today = timezone.localdate()
    start = today - datetime.timedelta(days=PAST_DAYS)
    end = today + datetime.timedelta(days=FUTURE_DAYS)
    if field == "starts_at":
        return queryset.filter(ends_at__date__gte=start, starts_at__date__lte=end)
    return queryset.filter(**{f"{field}__gte": start, f"{field}__lte": end})


def build(
    name: str,
    meetings: QuerySet,
    deadlines: QuerySet | None = None,
    notes: QuerySet | None = None,
    window: bool = True,
) -> bytes:
    """A calendar of the meetings, deadlines and note deadlines; `window` keeps it to the last year and the
    next ten (subscriptions), without it everything (exports)."""
    calendar = _calendar(name)
    meetings = list(
        _window(meetings, "starts_at", window)
        .select_related("arena")
        .prefetch_related("attendee_people")
        .order_by("starts_at", "pk")
    )
    _add_timezones(calendar, {m.time_zone for m in meetings})
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    if deadlines is not None:
        rows = _window(deadlines, "due_on", window).select_related(
            "obligation__unit", "obligation__arena", "obligation__organisation"
        )
        for deadline in rows.order_by("due_on", "pk"):
            calendar.add_component(deadline_event(deadline))
    if notes is not None:
        rows = _window(notes.filter(deadline__isnull=False), "deadline", window).select_related(
            "item__meeting", "unit"
        )
        for note in rows.order_by("deadline", "pk"):
            calendar.add_component(note_event(note))
    return calendar.to_ical()


def _unit_ids(unit: Unit) -> set[int]:
    return UnitTree.load().descendants({unit.pk})


def unit_feed(unit: Unit, window: bool = True) -> bytes:
    ids = _unit_ids(unit)
    return build(
        f"Arena – {unit.short_name}",
        meeting_queries.for_unit(unit),
        Deadline.objects.filter(obligation__unit__in=ids),
        BriefingNote.objects.filter(unit__in=ids),
        window=window,
    )


def arena_feed(arena: Arena, window: bool = True) -> bytes:
    return build(
        f"Arena – {arena.short_name}",
        Meeting.objects.filter(arena=arena),
        Deadline.objects.filter(obligation__arena=arena),
        window=window,
    )


def user_feed(user, window: bool = True) -> bytes:
    """The user's meetings (attended, or of the units they are contact for) and those units' deadlines."""
    person = Person.objects.filter(user=user).first()
    unit_ids: set[int] = set()
    if person is not None:
        own = set(
            current_roles(UnitRole.Role.INTERNATIONAL_CONTACT)
            .filter(person=person)
            .values_list("unit", flat=True)
        )
        unit_ids = UnitTree.load().descendants(own) if own else set()
    return build(
        f"Arena – {user.get_full_name() or user.get_username()}",
        meeting_queries.for_user(user),
        Deadline.objects.filter(obligation__unit__in=unit_ids),
        BriefingNote.objects.filter(unit__in=unit_ids),
        window=window,
    )


def meeting_file(meeting: Meeting) -> bytes:
    calendar = _calendar(meeting.name)
    _add_timezones(calendar, {meeting.time_zone})
    calendar.add_component(meeting_event(meeting))
    return calendar.to_ical()


# The secret address


def token_for(user) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def renew_token(user) -> CalendarToken:
    """A new secret: the old address stops working at once."""
    from arena.agenda import log_actions
    from arena.agenda.models import new_token
    from arena.register import changes

    token = token_for(user)
    token.token = new_token()
    token.save()
    changes.log(log_actions.TOKEN_RENEWED, token, by=user)
    return token


def user_for_token(value: str):
    token = CalendarToken.objects.select_related("user").filter(token=value, user__is_active=True).first()
    return token.user if token else None


def zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())
