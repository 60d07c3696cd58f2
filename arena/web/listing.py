"""List pages' rows worked out once per page in plain Python, so the templates only write strings: what each
cell shows, with links, and the linked units and arenas read as (id, name) values through the link tables —
no model object per linked row, no `reverse` per link (`arena/urlcache.py`), labels translated once per page."""

from collections import defaultdict

from arena.register.language import choice_labels, is_english, name_in
from arena.register.models import Activity, Engagement
from arena.urlcache import reverse_id


def _names(through, owner: str, target: str, owner_ids: list[int], fields: tuple[str, ...], order: tuple):
    """owner id → [(target id, *fields)] read through a many-to-many link table, in `order`."""
    found = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{owner}__in": owner_ids})
        .order_by(*order)
        .values_list(owner, target, *(f"{target}__{f}" for f in fields))
    )
    for owner_id, *values in rows:
        found[owner_id].append(tuple(values))
    return found


def activity_rows(activities, *, units: bool = True, arenas: bool = True) -> list[dict]:
    """One dict per activity (model objects with year, title and kind) for web/activity_list.html and
    web/includes/activities_by_year.html: its link, its units (short name) and its arenas (name in the active
    language), in the register's order; `units=False` or `arenas=False` leaves those lists empty, unread."""
    activities = list(activities)
    ids = [a.pk for a in activities]
    english = is_english()
    none = defaultdict(list)
    if units and ids:
        units = _names(
            Activity.units.through,
            "activity",
            "unit",
            ids,
            ("abbreviation", "name"),
            ("unit__kind", "unit__name"),
        )
    else:
        units = none
    if arenas and ids:
        arenas = _names(
            Activity.arenas.through,
            "activity",
            "arena",
            ids,
            ("name", "name_en"),
            ("arena__name", "arena_id"),
        )
    else:
        arenas = none
    kinds = choice_labels(Activity.Kind)
    return [
        {
            "year": a.year,
            "title": a.title,
            "url": reverse_id("activity-detail", a.pk),
            "kind": kinds.get(a.kind, a.kind),
            "units": [
                (reverse_id("unit-detail", pk), abbreviation or name)
                for pk, abbreviation, name in units[a.pk]
            ],
            "arenas": [
                (reverse_id("arena-detail", pk), name_in(name, name_en, english))
                for pk, name, name_en in arenas[a.pk]
            ],
        }
        for a in activities
    ]


def engagement_rows(engagements) -> list[dict]:
    """One dict per engagement of the page (objects with unit, partner and arena loaded) for
    web/engagement_list.html: holder and arena links, role, period, the people in it, the detail link."""
    engagements = list(engagements)
    english = is_english()
    people = _names(
        Engagement.people.through,
        "engagement",
        "person",
        [e.pk for e in engagements],
        ("given_name", "family_name"),
        ("person__family_name", "person__given_name"),
    )
    roles = choice_labels(Engagement.Role)
    rows = []
    for e in engagements:
        holder, arena = e.holder, e.arena
        holder_route = "unit-detail" if e.unit_id else "organisation-detail"
        rows.append(
            {
                "holder_url": reverse_id(holder_route, holder.pk) if holder is not None else "",
                "holder": holder.short_name if holder is not None else "",
                "is_partner": e.partner_id is not None,
                "arena_url": reverse_id("arena-detail", arena.pk),
                "arena": name_in(arena.name, arena.name_en, english),
                "arena_short": arena.short_name,
                "role": roles.get(e.role, e.role),
                "period": e.period_label,
                "people": ", ".join(f"{given} {family}" for _pk, given, family in people[e.pk]),
                "url": reverse_id("engagement-detail", e.pk),
            }
        )
    return rows
