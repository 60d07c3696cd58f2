"""What the calendar pages show: a period's entries (meetings, reporting deadlines and briefing-note deadlines)
filtered by unit, arena and kind, as a list or as a month grid. Plain functions; the views only render."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from arena.agenda import meetings as meeting_queries
from arena.agenda.models import BriefingNote, Deadline, Meeting
from arena.register.structure import UnitTree


@dataclass
class Entry:
    kind: str  # a Meeting.Kind value, "deadline" or "note"
    kind_label: str
    title: str
    url: str
    start: datetime.date
    end: datetime.date
    starts_at: datetime.datetime | None = None
    arena: object = None
    cancelled: bool = False
    done: bool = False
    obj: object = None


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)
    more: int = 0  # entries of the day beyond DAY_LIMIT, shown as a link to the day's list


DAY_LIMIT = 5  # a day cell in the month grid shows at most this many entries


def entries(
    start: datetime.date,
    end: datetime.date,
    *,
    unit=None,
    arena=None,
    kind: str = "",
    limit: int | None = None,
) -> list[Entry]:
    """Everything between `start` and `end` (inclusive), in time order. With `limit`, at most `limit + 1`
    entries — the first ones in time — so a caller can tell that there were more than it shows."""
    cut = slice(None if limit is None else limit + 1)
    from django.utils.translation import gettext as _

    result: list[Entry] = []
    unit_ids = UnitTree.load().descendants({unit.pk}) if unit is not None else None
    if kind in ("", *Meeting.Kind.values):
        meetings = meeting_queries.meetings_between(start, end).select_related("arena")
        if unit is not None:
            meetings = meeting_queries.for_unit(unit, meetings)
        if arena is not None:
            meetings = (
                meetings.filter(arena__in=arena) if hasattr(arena, "model") else meetings.filter(arena=arena)
            )
        if kind:
            meetings = meetings.filter(kind=kind)
        for m in meetings.order_by("starts_at", "pk")[cut]:
            result.append(
                Entry(
                    kind=m.kind,
                    kind_label=m.get_kind_display(),
                    title=m.name,
                    url=m.get_absolute_url(),
                    start=m.local_start.date(),
                    end=m.local_end.date(),
                    starts_at=m.local_start,
                    arena=m.arena,
                    cancelled=m.is_cancelled,
                    obj=m,
                )
            )
    if kind in ("", "deadline"):
        deadlines = Deadline.objects.filter(due_on__gte=start, due_on__lte=end, obligation__is_active=True)
        if unit_ids is not None:
            deadlines = deadlines.filter(obligation__unit__in=unit_ids)
        if arena is not None:
            deadlines = deadlines.filter(obligation__arena=arena)
        for d in deadlines.select_related(
            "obligation__arena", "obligation__organisation", "obligation__unit"
        ).order_by("due_on", "pk")[cut]:
            result.append(
                Entry(
                    kind="deadline",
                    kind_label=_("Rapporteringsfrist"),
                    title=f"{d.obligation.name} ({d.period})",
                    url=d.get_absolute_url(),
                    start=d.due_on,
                    end=d.due_on,
                    arena=d.obligation.arena,
                    done=d.is_delivered,
                    obj=d,
                )
            )
    if kind in ("", "deadline"):
        notes = BriefingNote.objects.filter(deadline__gte=start, deadline__lte=end)
        if unit_ids is not None:
            notes = notes.filter(unit__in=unit_ids)
        if arena is not None:
            notes = notes.filter(item__meeting__arena=arena)
        for n in notes.select_related("item__meeting__arena", "unit").order_by("deadline", "pk")[cut]:
            result.append(
                Entry(
                    kind="note",
                    kind_label=_("Frist for håndnotat"),
                    title=f"{n.item} ({n.unit.short_name})",
                    url=n.get_absolute_url(),
                    start=n.deadline,
                    end=n.deadline,
                    arena=n.item.meeting.arena,
                    done=n.status in (BriefingNote.Status.DELIVERED, BriefingNote.Status.APPROVED),
                    obj=n,
                )
            )
    midnight = datetime.time.min
    result.sort(key=lambda e: (e.start, e.starts_at.time() if e.starts_at else midnight, e.title))
    return result[cut]


def month_grid(year: int, month: int, items: list[Entry]) -> list[list[Day]]:
    """The month's weeks (Monday first), each day with the entries that cover it."""
    today = timezone.localdate()
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    grid = [[Day(d, d.month == month, d == today) for d in week] for week in weeks]
    by_date = {day.date: day for week in grid for day in week}
    for entry in items:
        day = max(entry.start, weeks[0][0])
        while day <= entry.end and day in by_date:
            cell = by_date[day]
            if len(cell.entries) < DAY_LIMIT:
                cell.entries.append(entry)
            else:
                cell.more += 1
            day += datetime.timedelta(days=1)
    return grid


def this_week(user, today: datetime.date | None = None, limit: int | None = None) -> list[Entry]:
    """The user's entries of the current week (Monday–Sunday): their meetings and their units' deadlines; for
    the coordinator, everything. With `limit`, at most `limit + 1` (the first in time)."""
    from arena.register.permissions import Access

    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    sunday = monday + datetime.timedelta(days=6)
    access = Access.of(user)
    if access.is_coordinator:
        return entries(monday, sunday, limit=limit)
    everything = entries(monday, sunday)
    mine = set(meeting_queries.for_user(user).values_list("pk", flat=True))
    units = access.contact_unit_ids
    kept = []
    for entry in everything:
        if (
            isinstance(entry.obj, Meeting)
            and entry.obj.pk in mine
            or isinstance(entry.obj, Deadline)
            and entry.obj.obligation.unit_id in units
            or isinstance(entry.obj, BriefingNote)
            and entry.obj.unit_id in units
        ):
            kept.append(entry)
    return kept if limit is None else kept[: limit + 1]
