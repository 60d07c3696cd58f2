"""The annual report's chapters from the agenda (arena.agenda): the meetings each unit attended in the year,
under its arenas, and the reporting to international organisations (the year's deadlines of the reporting
obligations, who delivered and when). Plain functions returning report-model nodes; the builder places them.

A chapter is left out (None) when the year has no such agenda records. Reading costs a fixed number of queries
(two for the meetings, one for the deadlines), whatever the number of meetings or units.

The meetings follow `arena.agenda.meetings.for_unit`: a unit attended a meeting when it, or a unit under it, is
among the attending units or owns an agenda item of it; each is listed under the section of the unit it reports
under (`UnitTree.report_unit`). Cancelled meetings are left out.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arena.register.language import local_name
from arena.register.models import Unit
from arena.reporting.document import BulletList, Chapter, ListItem, Paragraph, Section, Table


def _enabled() -> bool:
    return apps.is_installed("arena.agenda")


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j. F Y")


def _dates(start: datetime.date, end: datetime.date) -> str:
    return _day(start) if start == end else f"{_day(start)}–{_day(end)}"


def _year_meetings(year: int) -> tuple[list, dict[int, set[int]]]:
    """The year's meetings (not cancelled) and, per meeting, the units attending or owning an agenda item."""
    from arena.agenda.models import AgendaItem, Meeting

    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=zone)
    found = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("arena")
        .order_by("starts_at", "name", "pk")
    )
    year_meetings = list(found)
    ids = [m.pk for m in year_meetings]
    through = Meeting.attendee_units.through.objects
    attending = through.filter(meeting__in=ids).order_by().values_list("meeting", "unit")
    owning = (
        AgendaItem.objects.filter(meeting__in=ids, unit__isnull=False)
        .order_by()
        .values_list("meeting", "unit")
    )
    units: dict[int, set[int]] = defaultdict(set)
    for meeting_id, unit_id in attending.union(owning) if ids else []:
        units[meeting_id].add(unit_id)
    return year_meetings, units


def meetings_by_unit(year: int, report_unit: dict[int, int]) -> dict[int, list]:
    """Report-section unit id → the year's meetings its units attended (in date order)."""
    found: dict[int, list] = defaultdict(list)
    year_meetings, units = _year_meetings(year)
    for meeting in year_meetings:
        for section in sorted({report_unit.get(pk, pk) for pk in units[meeting.pk]}):
            found[section].append(meeting)
    return dict(found)


def _meeting_item(meeting) -> ListItem:
    zone = meeting.zone
    where = meeting.place or (_("digitalt") if meeting.online_url else "")
    parts = [_dates(meeting.starts_at.astimezone(zone).date(), meeting.ends_at.astimezone(zone).date())]
    if where:
        parts.append(where)
    if meeting.norway_has_delegation:
        parts.append(_("norsk delegasjon"))
    return ListItem(lead=meeting.name, text=", ".join(parts))


def meetings_chapter(year: int, report_units: list[Unit], report_unit: dict[int, int]) -> Chapter | None:
    """ "Møter": one section per unit (report order), its meetings grouped under their arenas."""
    if not _enabled():
        return None
    by_unit = meetings_by_unit(year, report_unit)
    sections = []
    for unit in report_units:
        meetings = by_unit.get(unit.pk)
        if not meetings:
            continue
        by_arena: dict[int, list] = defaultdict(list)
        for meeting in meetings:
            by_arena[meeting.arena_id].append(meeting)
        arenas = sorted({m.arena for m in meetings}, key=lambda a: local_name(a).casefold())
        blocks = [
            BulletList(title=local_name(arena), items=[_meeting_item(m) for m in by_arena[arena.pk]])
            for arena in arenas
        ]
        sections.append(Section(id=f"moter-{unit.pk}", title=local_name(unit), blocks=blocks))
    if not sections:
        return None
    count = len({m.pk for meetings in by_unit.values() for m in meetings})
    intro = Paragraph(
        ngettext(
            "Møtene i agendaen for %(year)d som enhetene deltok på, ordnet under arenaene (%(count)d møte i "
            "alt). Avlyste møter er ikke med.",
            "Møtene i agendaen for %(year)d som enhetene deltok på, ordnet under arenaene (%(count)d møter i "
            "alt). Avlyste møter er ikke med.",
            count,
        )
        % {"year": year, "count": count}
    )
    return Chapter(id="moter", title=_("Møter"), blocks=[intro], sections=sections)


def reporting_chapter(year: int) -> Chapter | None:
    """ "Rapportering til internasjonale organisasjoner": the year's deadlines of each obligation, with the
    receiving organisation or arena, the owning unit, and when it was delivered."""
    if not _enabled():
        return None
    from arena.agenda import obligations

    deadlines = list(obligations.delivered_in(year))
    if not deadlines:
        return None
    rows = []
    for deadline in deadlines:
        obligation = deadline.obligation
        receiver = obligation.organisation or obligation.arena
        delivered = (
            _day(timezone.localdate(deadline.delivered_at)) if deadline.delivered_at else _("ikke levert")
        )
        rows.append(
            [
                obligation.name,
                local_name(receiver) if receiver else "–",
                obligation.unit.short_name,
                deadline.period,
                _day(deadline.due_on),
                delivered,
            ]
        )
    done = sum(1 for d in deadlines if d.delivered_at)
    intro = Paragraph(
        ngettext(
            "Direktoratet rapporterer jevnlig til internasjonale organisasjoner. I %(year)d hadde "
            "rapporteringspliktene %(count)d frist; %(done)d av dem er registrert som levert.",
            "Direktoratet rapporterer jevnlig til internasjonale organisasjoner. I %(year)d hadde "
            "rapporteringspliktene %(count)d frister; %(done)d av dem er registrert som levert.",
            len(deadlines),
        )
        % {"year": year, "count": len(deadlines), "done": done}
    )
    table = Table(
        caption=_("Rapporteringsfrister i %(year)d") % {"year": year},
        columns=[_("Rapportering"), _("Mottaker"), _("Enhet"), _("Periode"), _("Frist"), _("Levert")],
        rows=rows,
    )
    return Chapter(
        id="rapportering",
        title=_("Rapportering til internasjonale organisasjoner"),
        blocks=[intro, table],
    )


def agenda_chapters(year: int, report_units: list[Unit], report_unit: dict[int, int]) -> list[Chapter]:
    """The agenda's chapters for the year's report, in order; empty when the year has no agenda records."""
    chapters = [meetings_chapter(year, report_units, report_unit), reporting_chapter(year)]
    return [c for c in chapters if c is not None]
