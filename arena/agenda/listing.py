"""What the calendar pages show: a period's entries (meetings, reporting deadlines and briefing-note deadlines)
filtered by unit, arena and kind, as a list or as a month grid. Plain functions; the views only render."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone

from arena.agenda import meetings as meeting_queries
from arena.agenda.models import BriefingNote, Deadline, Meeting
from arena.register.language import DayFormat, choice_labels
from arena.register.structure import UnitTree
from arena.urlcache import reverse_id


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
    obj: object = (
        None  # the Deadline or BriefingNote (meetings are read as plain values, without a model object)
    )
    pk: int | None = None  # the meeting's, deadline's or note's id
    unit_id: int | None = None  # a deadline's or note's unit
    when: str = ""  # the dates as the list shows them, set by `with_dates`

    @property
    def is_deadline(self) -> bool:
        return self.kind in ("deadline", "note")


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)
    more: int = 0  # entries of the day beyond DAY_LIMIT, shown as a link to the day's list
    month_name: str = ""  # "mars"
    label: str = ""  # "9. mars"
    cut: bool = False  # on or after the day the month view stopped at (MONTH_LIMIT): the list has the rest

    @property
    def iso(self) -> str:
        return self.date.isoformat()


DAY_LIMIT = 5  # a day cell in the month grid shows at most this many entries

# What an entry needs of a meeting and its arena, read as plain values (no model objects).
MEETING_COLUMNS = (
    "id",
    "kind",
    "name",
    "starts_at",
    "ends_at",
    "time_zone",
    "status",
    "arena_id",
    "arena__name",
    "arena__abbreviation",
)

ARENA = ("id", "name", "abbreviation")  # what an entry shows of an arena (short_name, link)
DEADLINE_COLUMNS = (
    "id",
    "period",
    "due_on",
    "delivered_at",
    "obligation__id",
    "obligation__name",
    "obligation__unit_id",
    *(f"obligation__arena__{f}" for f in ARENA),
)
NOTE_COLUMNS = (
    "id",
    "deadline",
    "status",
    "unit__id",
    "unit__name",
    "unit__abbreviation",
    "item__id",
    "item__number",
    "item__title",
    "item__meeting__id",
    *(f"item__meeting__arena__{f}" for f in ARENA),
)


class ArenaRef:
    """The little of an arena an entry shows: its short name and a link to it."""

    __slots__ = ("pk", "short_name")

    def __init__(self, pk: int, short_name: str):
        self.pk, self.short_name = pk, short_name

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse_id("arena-detail", self.pk)


def _querysets(start: datetime.date, end: datetime.date, *, unit=None, arena=None, kind: str = ""):
    """The period's meetings, deadlines and briefing notes with the filters applied (None: the kind is not
    asked for), unordered."""
    unit_ids = UnitTree.load().descendants({unit.pk}) if unit is not None else None
    meetings = deadlines = notes = None
    if kind in ("", *Meeting.Kind.values):
        meetings = meeting_queries.meetings_between(start, end)
        if unit is not None:
            meetings = meeting_queries.for_unit(unit, meetings)
        if arena is not None:
            meetings = (
                meetings.filter(arena__in=arena) if hasattr(arena, "model") else meetings.filter(arena=arena)
            )
        if kind:
            meetings = meetings.filter(kind=kind)
    if kind in ("", "deadline"):
        deadlines = Deadline.objects.filter(due_on__gte=start, due_on__lte=end, obligation__is_active=True)
        notes = BriefingNote.objects.filter(deadline__gte=start, deadline__lte=end)
        if unit_ids is not None:
            deadlines = deadlines.filter(obligation__unit__in=unit_ids)
            notes = notes.filter(unit__in=unit_ids)
        if arena is not None:
            deadlines = deadlines.filter(obligation__arena=arena)
            notes = notes.filter(item__meeting__arena=arena)
    return meetings, deadlines, notes


def count(start: datetime.date, end: datetime.date, *, unit=None, arena=None, kind: str = "") -> int:
    """How many entries `entries` would give for the same period and filters (three counts, no rows)."""
    return sum(
        qs.count() for qs in _querysets(start, end, unit=unit, arena=arena, kind=kind) if qs is not None
    )


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
    meetings, deadlines, notes = _querysets(start, end, unit=unit, arena=arena, kind=kind)
    if meetings is not None:
        labels = choice_labels(Meeting.Kind)
        cancelled = Meeting.Status.CANCELLED
        zones: dict[str, datetime.tzinfo] = {}
        arenas: dict[int, ArenaRef] = {}
        rows = meetings.order_by("starts_at", "pk").values_list(*MEETING_COLUMNS)[cut]
        for (
            pk,
            meeting_kind,
            name,
            starts_at,
            ends_at,
            zone_name,
            status,
            arena_id,
            arena_name,
            abbreviation,
        ) in rows:
            zone = zones.get(zone_name)
            if zone is None:
                zone = zones[zone_name] = Meeting(time_zone=zone_name).zone
            local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
            arena_ref = arenas.get(arena_id)
            if arena_ref is None:
                arena_ref = arenas[arena_id] = ArenaRef(arena_id, abbreviation or arena_name)
            result.append(
                Entry(
                    kind=meeting_kind,
                    kind_label=labels.get(meeting_kind, meeting_kind),
                    title=name,
                    url=reverse_id("agenda-meeting", pk),
                    start=local_start.date(),
                    end=local_end.date(),
                    starts_at=local_start,
                    arena=arena_ref,
                    cancelled=status == cancelled,
                    pk=pk,
                )
            )
    if deadlines is not None:
        deadline_label = _("Rapporteringsfrist")
        for d in (
            deadlines.select_related("obligation__arena")
            .only(*DEADLINE_COLUMNS)
            .order_by("due_on", "pk")[cut]
        ):
            result.append(
                Entry(
                    kind="deadline",
                    kind_label=deadline_label,
                    title=f"{d.obligation.name} ({d.period})",
                    url=d.get_absolute_url(),
                    start=d.due_on,
                    end=d.due_on,
                    arena=d.obligation.arena,
                    done=d.is_delivered,
                    obj=d,
                    pk=d.pk,
                    unit_id=d.obligation.unit_id,
                )
            )
    if notes is not None:
        note_label = _("Frist for håndnotat")
        for n in (
            notes.select_related("item__meeting__arena", "unit")
            .only(*NOTE_COLUMNS)
            .order_by("deadline", "pk")[cut]
        ):
            result.append(
                Entry(
                    kind="note",
                    kind_label=note_label,
                    title=f"{n.item} ({n.unit.short_name})",
                    url=n.get_absolute_url(),
                    start=n.deadline,
                    end=n.deadline,
                    arena=n.item.meeting.arena,
                    done=n.status in (BriefingNote.Status.DELIVERED, BriefingNote.Status.APPROVED),
                    obj=n,
                    pk=n.pk,
                    unit_id=n.unit_id,
                )
            )
    midnight = datetime.time.min
    result.sort(key=lambda e: (e.start, e.starts_at.time() if e.starts_at else midnight, e.title))
    return result[cut]


def with_dates(items: list[Entry], format: str = "j. M Y") -> list[Entry]:
    """Set each entry's `when` ("9. mar. 2021" or "9. mar. 2021–10. mar. 2021"), each day formatted once."""
    show = DayFormat(format)
    for entry in items:
        entry.when = (
            show(entry.start) if entry.end == entry.start else f"{show(entry.start)}–{show(entry.end)}"
        )
    return items


def month_grid(
    year: int, month: int, items: list[Entry], cut: datetime.date | None = None
) -> list[list[Day]]:
    """The month's weeks (Monday first), each day with the entries that cover it. `cut`: the first day whose
    entries were not all read (the month had more than the view shows); that day and the later ones say so."""
    today = timezone.localdate()
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    names = {}  # the (at most three) months' names, translated once
    for week in weeks:
        for d in (week[0], week[-1]):
            if d.month not in names:
                names[d.month] = formats.date_format(d, "F")
    grid = [
        [
            Day(
                d, d.month == month, d == today, month_name=names[d.month], label=f"{d.day}. {names[d.month]}"
            )
            for d in week
        ]
        for week in weeks
    ]
    by_date = {day.date: day for week in grid for day in week}
    if cut is not None:
        for day in by_date.values():
            day.cut = day.date >= cut
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
        if entry.pk in mine if entry.kind in Meeting.Kind.values else entry.unit_id in units:
            kept.append(entry)
    return kept if limit is None else kept[: limit + 1]
