"""The invitation overview's figures, as plain functions (the page in views.py only shows them):

- per unit: open (in triage counts under "Til vurdering") and answered;
- per year: how many were answered and the time to answer (days from arrival to the answer; mean and median);
- per arena and year: how many arrived, how many were accepted, declined or are still open, and the median time
  to answer.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from arena.invitations.models import Invitation


@dataclass
class UnitRow:
    unit: str
    open: int
    answered: int


@dataclass
class AnswerTimes:
    year: int
    count: int
    mean: float
    median: float


@dataclass
class ArenaYear:
    year: int
    arena_pk: int | None
    arena_name: str
    count: int = 0
    accepted: int = 0
    declined: int = 0
    open: int = 0
    median_days: float | None = None


def _of(invitations):
    return Invitation.objects.all() if invitations is None else invitations


def _days(received, answered) -> float:
    return (answered - received).total_seconds() / 86400


def per_unit(invitations=None) -> list[UnitRow]:
    rows = _of(invitations).values("unit__name", "status").annotate(count=Count("pk"))
    units: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows.order_by("unit__name"):
        units[row["unit__name"] or _("Til vurdering")][row["status"]] += row["count"]
    return [
        UnitRow(
            name,
            sum(c[s] for s in Invitation.OPEN),
            sum(c[s] for s in Invitation.ANSWERED),
        )
        for name, c in sorted(units.items())
    ]


def answer_times(invitations=None) -> list[AnswerTimes]:
    answered = (
        _of(invitations)
        .filter(answered_at__isnull=False)
        .values_list("received_at__year", "received_at", "answered_at")
    )
    days: dict[int, list[float]] = defaultdict(list)
    for year, received, answered_at in answered:
        days[year].append(_days(received, answered_at))
    return [
        AnswerTimes(year, len(values), statistics.fmean(values), statistics.median(values))
        for year, values in sorted(days.items(), reverse=True)
    ]


def per_arena_and_year(invitations=None) -> list[ArenaYear]:
    """One row per arena and year of arrival, newest year first, then the most invited arenas."""
    rows: dict[tuple[int, int | None], ArenaYear] = {}
    days: dict[tuple[int, int | None], list[float]] = defaultdict(list)
    values = _of(invitations).values_list(
        "received_at__year", "arena__pk", "arena__name", "status", "received_at", "answered_at"
    )
    for year, arena_pk, arena_name, status, received, answered in values.iterator():
        key = (year, arena_pk)
        row = rows.setdefault(key, ArenaYear(year, arena_pk, arena_name or ""))
        row.count += 1
        if status == Invitation.Status.ACCEPTED:
            row.accepted += 1
        elif status == Invitation.Status.DECLINED:
            row.declined += 1
        else:
            row.open += 1
        if answered is not None:
            days[key].append(_days(received, answered))
    for key, values_ in days.items():
        rows[key].median_days = statistics.median(values_)
    return sorted(rows.values(), key=lambda r: (-r.year, -r.count, r.arena_name))
