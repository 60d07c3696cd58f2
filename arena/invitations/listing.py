"""The invitation tables' rows, worked out once per page in plain Python: what each cell shows (link, dates in
the short date format, unit or proposed unit, status label), so the template only writes strings. A date
formatted once is reused for every row on the same day; the status labels are translated once per page."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from arena.invitations.models import Invitation
from arena.register.language import DayFormat, choice_labels
from arena.urlcache import reverse_id

# What the tables read of an invitation (and of its unit and proposed unit): nothing else is loaded.
COLUMNS = (
    "id",
    "subject",
    "received_at",
    "starts_on",
    "deadline",
    "status",
    "unit__id",
    "unit__name",
    "proposed_unit__id",
    "proposed_unit__name",
)


def listed(queryset):
    """`queryset` as dicts of only what the tables show: no model instances (three a row, with the units) are
    built for a table of strings, which halves the cost of reading a page of rows."""
    return queryset.values(*COLUMNS)


def table_rows(invitations: Iterable[dict]) -> list[dict]:
    """One dict per row of `listed()` with the strings invitations/includes/table.html writes."""
    labels = choice_labels(Invitation.Status)
    short = DayFormat("SHORT_DATE_FORMAT")

    zone = timezone.get_current_timezone()
    rows = []
    for invitation in invitations:
        unit = invitation["unit__name"] if invitation["unit__id"] is not None else None
        proposed = invitation["proposed_unit__name"] if invitation["proposed_unit__id"] is not None else None
        rows.append(
            {
                "url": reverse_id("invitation", invitation["id"]),
                "subject": invitation["subject"],
                "received": short(invitation["received_at"].astimezone(zone).date()),
                "starts": short(invitation["starts_on"]),
                "deadline": short(invitation["deadline"]),
                "unit": unit or "",
                "proposed": proposed if unit is None and proposed is not None else "",
                "status": labels.get(invitation["status"], invitation["status"]),
            }
        )
    return rows
