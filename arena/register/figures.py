"""A year's figures — the one place the dashboard and the annual report get their numbers from, so they always
agree. Each breakdown has the previous year's count beside the year's:

- per unit: an activity counts once for each unit *section* it belongs to — departments and teams count in the
  division they belong to (the report's sections), and an activity several units share counts for each;
- per priority area: by the activity's main area in the ministry's strategy; every area is listed, also at 0;
- per organisation: by the top organisation of the activity's arenas (an arena inherits its parent arena's
  organisation; WHO EURO counts for WHO) and of its partners; once per activity and organisation.

`year_figures(year)` costs a fixed number of queries, whatever the size of the register.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max

from arena.register.models import Activity, Area, Organisation
from arena.register.permissions import without_pending
from arena.register.reference.frameworks import HOD_STRATEGY
from arena.register.structure import OrganisationTree, UnitTree


@dataclass
class Row:
    key: int
    label: str
    count: int
    previous: int
    url: str = ""

    @property
    def change(self) -> int:
        return self.count - self.previous


@dataclass
class Breakdown:
    key: str
    rows: list[Row]

    @property
    def maximum(self) -> int:
        return max([r.count for r in self.rows] + [r.previous for r in self.rows] + [1])

    def by_key(self) -> dict[int, Row]:
        return {r.key: r for r in self.rows}


@dataclass
class YearFigures:
    year: int
    total: int
    previous_total: int
    by_unit: Breakdown
    by_area: Breakdown
    by_organisation: Breakdown

    @property
    def breakdowns(self) -> list[Breakdown]:
        return [self.by_unit, self.by_area, self.by_organisation]


def latest_year() -> int | None:
    return Activity.objects.aggregate(y=Max("year"))["y"]


def _rows(counts: dict[int, Counter], year: int, labels: dict, urls: dict | None = None) -> list[Row]:
    current, previous = counts[year], counts[year - 1]
    keys = sorted(
        set(current) | set(previous), key=lambda k: (-current[k], -previous[k], str(labels.get(k, k)))
    )
    return [Row(k, str(labels.get(k, k)), current[k], previous[k], (urls or {}).get(k, "")) for k in keys]


def by_unit(year: int, tree: UnitTree | None = None) -> Breakdown:
    tree = tree or UnitTree.load()
    pairs = Activity.units.through.objects.filter(activity__year__in=(year, year - 1)).values_list(
        "activity_id", "activity__year", "unit_id"
    )
    seen = {(activity, y, tree.report_unit(unit)) for activity, y, unit in pairs if unit in tree.units}
    counts: dict[int, Counter] = defaultdict(Counter)
    for _activity, y, unit in seen:
        counts[y][unit] += 1
    labels = {pk: u.short_name for pk, u in tree.units.items()}
    urls = {pk: u.get_absolute_url() for pk, u in tree.units.items()}
    return Breakdown("unit", _rows(counts, year, labels, urls))


def by_area(year: int) -> Breakdown:
    rows = (
        Activity.objects.filter(year__in=(year, year - 1), main_area__framework__code=HOD_STRATEGY)
        .values_list("year", "main_area")
        .order_by()
        .annotate(n=Count("pk"))
    )
    counts: dict[int, Counter] = defaultdict(Counter)
    for y, area, n in rows:
        counts[y][area] = n
    labels = dict(Area.objects.filter(framework__code=HOD_STRATEGY).values_list("pk", "name"))
    for pk in labels:  # every priority area is shown, also with zero
        counts[year].setdefault(pk, 0)
    return Breakdown("area", _rows(counts, year, labels))


def by_organisation(year: int, tree: OrganisationTree | None = None) -> Breakdown:
    tree = tree or OrganisationTree.load()
    years = (year, year - 1)
    seen = set()
    for activity, y, arena in Activity.arenas.through.objects.filter(activity__year__in=years).values_list(
        "activity_id", "activity__year", "arena_id"
    ):
        root = tree.arena_root(arena)
        if root is not None:
            seen.add((activity, y, root))
    for activity, y, org in Activity.partners.through.objects.filter(activity__year__in=years).values_list(
        "activity_id", "activity__year", "organisation_id"
    ):
        seen.add((activity, y, tree.root(org)))
    # organisations still pending as proposals (arena.suggestions) are not counted under their own name
    roots = without_pending(Organisation.objects.all()).in_bulk({org for _a, _y, org in seen})
    counts: dict[int, Counter] = defaultdict(Counter)
    for _activity, y, org in seen:
        if org in roots:
            counts[y][org] += 1
    labels = {pk: o.short_name for pk, o in roots.items()}
    urls = {pk: o.get_absolute_url() for pk, o in roots.items()}
    return Breakdown("organisation", _rows(counts, year, labels, urls))


def year_figures(year: int) -> YearFigures:
    totals = dict(
        Activity.objects.filter(year__in=(year, year - 1))
        .values_list("year")
        .order_by()
        .annotate(n=Count("pk"))
    )
    return YearFigures(
        year=year,
        total=totals.get(year, 0),
        previous_total=totals.get(year - 1, 0),
        by_unit=by_unit(year),
        by_area=by_area(year),
        by_organisation=by_organisation(year),
    )
