"""Orderings shared by the pages and the filter forms."""

from django.db.models import Case, IntegerField, Value, When

from arena.register.models import Unit

# The directorate first, then divisions, departments and teams (the model orders kinds alphabetically).
UNIT_KINDS = (Unit.Kind.DIRECTORATE, Unit.Kind.DIVISION, Unit.Kind.DEPARTMENT, Unit.Kind.TEAM)


def unit_kind_order(prefix: str = "") -> Case:
    """An expression ranking units by kind as in UNIT_KINDS; `prefix` reaches a related unit ("unit__")."""
    return Case(
        *(When(**{f"{prefix}kind": kind}, then=Value(rank)) for rank, kind in enumerate(UNIT_KINDS)),
        default=Value(len(UNIT_KINDS)),
        output_field=IntegerField(),
    )
