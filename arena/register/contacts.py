"""Who holds a role in a unit on a given day — the one definition of "current", used by permissions, the
reporting cycle and (later) invitation routing.

A role is current on a day when its period covers the day: it started on or before it (or the start is not
known) and it has not ended before it.
"""

import datetime
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone

from arena.register.models import Person, Unit, UnitRole


def current_on(on: datetime.date | None = None, prefix: str = "") -> Q:
    """A filter for roles (or, with `prefix`, rows reaching a role) current on the day `on` (default today)."""
    on = on or timezone.localdate()
    return (Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": on})) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on})
    )


def current_roles(role: str | None = None, on: datetime.date | None = None) -> QuerySet:
    """Unit roles current on `on`, optionally of one kind."""
    roles = UnitRole.objects.filter(current_on(on))
    return roles.filter(role=role) if role else roles


def international_contacts(unit: Unit | int, on: datetime.date | None = None) -> QuerySet:
    """The people who are the unit's international contacts on `on` (default today)."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    roles = current_roles(UnitRole.Role.INTERNATIONAL_CONTACT, on).filter(unit_id=unit_id)
    return Person.objects.filter(pk__in=roles.values("person")).order_by("family_name", "given_name")


def international_contacts_by_unit(on: datetime.date | None = None) -> dict[int, list[Person]]:
    """Every unit's current international contacts, in two queries (for overviews)."""
    roles = current_roles(UnitRole.Role.INTERNATIONAL_CONTACT, on).values_list("unit_id", "person_id")
    pairs = list(roles)
    people = Person.objects.in_bulk({person for _unit, person in pairs})
    result: dict[int, list[Person]] = defaultdict(list)
    for unit_id, person_id in pairs:
        result[unit_id].append(people[person_id])
    for contacts in result.values():
        contacts.sort(key=lambda p: (p.family_name, p.given_name))
    return dict(result)


def coordinators(on: datetime.date | None = None) -> QuerySet:
    """The people with a current coordinator role on the coordinating unit (who hear of the units' steps)."""
    roles = current_roles(UnitRole.Role.COORDINATOR, on).filter(unit__is_coordinator=True)
    return Person.objects.filter(pk__in=roles.values("person"))
