"""What a new record's form starts with, and where the user goes after saving — plain functions the edit view
and the tests call.

- the year: the open reporting cycle's year (the latest, if several are open), else the current year;
- the owning unit: the contact's unit when they hold the contact role on exactly one;
- values passed in the query string (`?unit=3&arena=7&year=2020` from the unit, arena and submission pages)
  for the form's own fields; ids that are not numbers are dropped (the form validates the rest on save);
- `next`: a page on this site to return to after saving (never another host).
"""

import datetime

from django import forms
from django.apps import apps
from django.utils.http import url_has_allowed_host_and_scheme

from arena.register.models import Activity, Engagement, Outlook

YEAR_BOUND = (Activity, Outlook)
UNIT_FIELDS = {Activity: "units", Engagement: "unit", Outlook: "unit"}


def default_year() -> int:
    """The open reporting cycle's year, else this year."""
    cycle = apps.get_model("reporting", "ReportingCycle")
    open_years = (
        cycle.objects.filter(status=cycle.Status.OPEN).order_by("-year").values_list("year", flat=True)
    )
    return next(iter(open_years), None) or datetime.date.today().year


def create_initial(model, form_class, access, query) -> dict:
    """The initial values of a create form for `model`: defaults first, then what the query string says."""
    initial = {}
    if model in YEAR_BOUND:
        initial["year"] = default_year()
    unit_field = UNIT_FIELDS.get(model)
    own = access.own_contact_unit_ids if not access.is_coordinator else frozenset()
    if unit_field and len(own) == 1:
        (unit,) = own
        initial[unit_field] = [unit] if unit_field == "units" else unit
    fields = form_class.base_fields
    for key in query:
        # ?unit= and ?arena= fill an activity's units and arenas too
        name = key if key in fields else f"{key}s"
        if name not in fields or name in ("based_on", "next"):
            continue
        field = fields[name]
        values = query.getlist(key)
        if hasattr(field, "queryset"):  # a choice of records: ids only
            ids = [int(v) for v in values if v.isdigit()]
            if ids:
                many = isinstance(field, forms.ModelMultipleChoiceField)
                initial[name] = ids if many else ids[0]
        elif values:
            initial[name] = values[-1][:300]
    return initial


def safe_next(request, value: str | None) -> str | None:
    """`value` if it is a page on this site (relative, or this host), else None."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None
