"""Figures for the dashboard and reports: a year's activities by unit, by priority area and by organisation,
each with the previous year's count beside it."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max

from arena.register.models import Activity, Area, Organisation, Unit
from arena.register.reference.frameworks import HOD_STRATEGY


@dataclass
class Row:
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


def latest_year() -> int | None:
    return Activity.objects.aggregate(y=Max("year"))["y"]


def _rows(current: Counter, previous: Counter, labels: dict, urls: dict | None = None) -> list[Row]:
    keys = sorted(
        set(current) | set(previous), key=lambda k: (-current[k], -previous[k], str(labels.get(k, k)))
    )
    return [Row(str(labels.get(k, k)), current[k], previous[k], (urls or {}).get(k, "")) for k in keys]


def by_unit(year: int) -> Breakdown:
    def counts(y):
        rows = Unit.objects.filter(activities__year=y).annotate(n=Count("activities")).values_list("pk", "n")
        return Counter(dict(rows))

    units = Unit.objects.in_bulk()
    labels = {pk: u.short_name for pk, u in units.items()}
    urls = {pk: u.get_absolute_url() for pk, u in units.items()}
    return Breakdown("unit", _rows(counts(year), counts(year - 1), labels, urls))


def by_area(year: int) -> Breakdown:
    def counts(y):
        rows = (
            Activity.objects.filter(year=y, main_area__framework__code=HOD_STRATEGY)
            .values_list("main_area")
            .annotate(n=Count("pk"))
        )
        return Counter(dict(rows))

    labels = dict(Area.objects.filter(framework__code=HOD_STRATEGY).values_list("pk", "name"))
    current, previous = counts(year), counts(year - 1)
    for pk in labels:  # every priority area is shown, also with zero
        current.setdefault(pk, 0)
    return Breakdown("area", _rows(current, previous, labels))


def _root_organisations() -> dict[int, Organisation]:
    orgs = Organisation.objects.in_bulk()

    def root(org):
        seen = set()
        while org.parent_id and org.parent_id in orgs and org.pk not in seen:
            seen.add(org.pk)
            org = orgs[org.parent_id]
        return org

    return {pk: root(o) for pk, o in orgs.items()}


def by_organisation(year: int) -> Breakdown:
    """Activities per top-level organisation of their arenas (WHO EURO counts for WHO); one per activity."""
    roots = _root_organisations()

    def counts(y):
        pairs = Activity.objects.filter(year=y, arenas__organisation__isnull=False).values_list(
            "pk", "arenas__organisation"
        )
        seen = {(activity, roots[org].pk) for activity, org in pairs}
        return Counter(org for _, org in seen)

    labels = {r.pk: r.short_name for r in roots.values()}
    urls = {r.pk: r.get_absolute_url() for r in roots.values()}
    return Breakdown("organisation", _rows(counts(year), counts(year - 1), labels, urls))


def year_overview(year: int) -> dict:
    return {
        "year": year,
        "total": Activity.objects.filter(year=year).count(),
        "previous_total": Activity.objects.filter(year=year - 1).count(),
        "breakdowns": [by_unit(year), by_area(year), by_organisation(year)],
    }
