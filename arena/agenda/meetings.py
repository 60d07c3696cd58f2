"""Meetings as plain functions: save (create or change) with the iCalendar SEQUENCE raised on every change a
calendar shows, cancel and reinstate (kept in feeds as CANCELLED), agenda items, and the queries the pages and
feeds share (a period's meetings, a user's, a unit's, an arena's).

Every write goes through arena.register.changes (one attributed version per action) and asks `Access`; bad input
raises ValidationError with a bokmål message and stores nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from arena.agenda import log_actions
from arena.agenda.models import AgendaItem, Meeting
from arena.register import changes
from arena.register.models import Person, Unit
from arena.register.permissions import Access

# Changing one of these changes what a subscribed calendar shows: SEQUENCE goes up.
CALENDAR_FIELDS = (
    "name",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "online_url",
    "description",
    "status",
    "arena_id",
)


def calendar_state(meeting: Meeting) -> tuple:
    return tuple(getattr(meeting, f) for f in CALENDAR_FIELDS)


@transaction.atomic
def save_meeting(
    meeting: Meeting,
    *,
    by,
    people: Iterable[Person] | None = None,
    units: Iterable[Unit] | None = None,
    based_on=changes.ANY,
    action: str = changes.WEB,
) -> Meeting:
    """Create or change a meeting with its attendees, as one version. A unit contact may only add or remove their
    own units, and one of them must attend. A change a calendar would show raises `sequence`."""
    access = Access.of(by)
    stored = Meeting.objects.filter(pk=meeting.pk).first() if meeting.pk else None
    if stored is None:
        access.require(access.can_create_meeting())
        before_units: set[int] = set()
    else:
        access.require(access.can_edit_meeting(stored))
        before_units = set(stored.attendee_units.values_list("pk", flat=True))
    after_units = before_units if units is None else {u.pk for u in units}
    if not access.may_assign_meeting_units(before_units, after_units):
        raise ValidationError(
            _("Du kan bare legge til eller fjerne dine egne enheter, og én av dem må delta.")
        )
    meeting.full_clean()
    if stored is not None and calendar_state(stored) != calendar_state(meeting):
        meeting.sequence = stored.sequence + 1
    elif stored is not None:
        meeting.sequence = stored.sequence
    relations = {}
    if people is not None:
        relations["attendee_people"] = list(people)
    if units is not None:
        relations["attendee_units"] = list(units)
    return changes.save(meeting, by=access, action=action, based_on=based_on, relations=relations)


def bump_sequence(meeting: Meeting, *, by, action: str = changes.WEB) -> Meeting:
    """Raise SEQUENCE after a change that is not a field of the meeting itself (e.g. its agenda)."""
    meeting.sequence += 1
    return changes.save(meeting, by=by, action=action)


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by) -> Meeting:
    """Cancel: the meeting stays (in feeds as STATUS:CANCELLED with a higher SEQUENCE)."""
    access = Access.of(by)
    access.require(access.can_edit_meeting(meeting))
    if meeting.is_cancelled:
        raise ValidationError(_("Møtet er allerede avlyst."))
    meeting.status = Meeting.Status.CANCELLED
    save_meeting(meeting, by=access)
    changes.log(log_actions.MEETING_CANCELLED, meeting, by=access)
    return meeting


@transaction.atomic
def reinstate_meeting(meeting: Meeting, *, by) -> Meeting:
    access = Access.of(by)
    access.require(access.can_edit_meeting(meeting))
    if not meeting.is_cancelled:
        raise ValidationError(_("Møtet er ikke avlyst."))
    meeting.status = Meeting.Status.PLANNED
    save_meeting(meeting, by=access)
    changes.log(log_actions.MEETING_REINSTATED, meeting, by=access)
    return meeting


@transaction.atomic
def add_item(meeting: Meeting, title: str, *, by, number: str = "", area=None, position: int | None = None):
    """Add one agenda item at the end (or at `position`), with the owning unit Arena suggests."""
    from arena.agenda.suggest import suggest_unit

    access = Access.of(by)
    access.require(access.can_manage_agenda())
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Et dagsordenpunkt må ha en tittel."))
    if position is None:
        last = meeting.items.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    item = AgendaItem(meeting=meeting, title=title[:500], number=number[:20], area=area, position=position)
    item.suggested_unit = suggest_unit(item)
    item.full_clean()
    return changes.save(item, by=access)


# Queries shared by pages and feeds


def meetings_between(start: datetime.date, end: datetime.date) -> QuerySet:
    """Meetings overlapping [start, end] (dates in the installation's time zone), cancelled ones included."""
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    end_at = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return Meeting.objects.filter(starts_at__lt=end_at, ends_at__gte=start_at)


def for_unit(unit: Unit | int, queryset: QuerySet | None = None) -> QuerySet:
    """Meetings the unit (or a unit under it) attends, or with an agenda item it owns."""
    from arena.register.structure import UnitTree

    unit_id = unit.pk if isinstance(unit, Unit) else unit
    ids = UnitTree.load().descendants({unit_id})
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.filter(
        pk__in=Meeting.objects.filter(Q(attendee_units__in=ids) | Q(items__unit__in=ids)).values("pk")
    )


def for_person(person: Person, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.filter(pk__in=Meeting.objects.filter(attendee_people=person).values("pk"))


def for_user(user, queryset: QuerySet | None = None) -> QuerySet:
    """A user's meetings: those they attend, and those of the units they are international contact for."""
    from arena.register.contacts import current_roles
    from arena.register.models import UnitRole

    queryset = Meeting.objects.all() if queryset is None else queryset
    person = Person.objects.filter(user=user).first()
    if person is None:
        return queryset.none()
    unit_ids = list(
        current_roles(UnitRole.Role.INTERNATIONAL_CONTACT)
        .filter(person=person)
        .values_list("unit", flat=True)
    )
    condition = Q(attendee_people=person)
    if unit_ids:
        from arena.register.structure import UnitTree

        ids = UnitTree.load().descendants(set(unit_ids))
        condition |= Q(attendee_units__in=ids) | Q(items__unit__in=ids)
    return queryset.filter(pk__in=Meeting.objects.filter(condition).values("pk"))
