"""The invitation tables' rows, worked out once per page in plain Python: what each cell shows (link, dates in
the short date format, unit or proposed unit, status label), so the template only writes strings. A date
formatted once is reused for every row on the same day; the status labels are translated once per page."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import formats, timezone

from arena.invitations.models import Invitation

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
    """`queryset` with only what the tables show."""
    return queryset.select_related("unit", "proposed_unit").only(*COLUMNS)


def table_rows(invitations: Iterable[Invitation]) -> list[dict]:
    """One dict per invitation with the strings invitations/includes/table.html writes."""
    labels = {value: str(label) for value, label in Invitation.Status.choices}
    dates: dict[datetime.date, str] = {}

    def short(day: datetime.date | None) -> str:
        if day is None:
            return ""
        if day not in dates:
            dates[day] = formats.date_format(day, "SHORT_DATE_FORMAT")
        return dates[day]

    zone = timezone.get_current_timezone()
    rows = []
    for invitation in invitations:
        unit, proposed = invitation.unit, invitation.proposed_unit
        rows.append(
            {
                "url": invitation.get_absolute_url(),
                "subject": invitation.subject,
                "received": short(invitation.received_at.astimezone(zone).date()),
                "starts": short(invitation.starts_on),
                "deadline": short(invitation.deadline),
                "unit": unit.name if unit is not None else "",
                "proposed": proposed.name if unit is None and proposed is not None else "",
                "status": labels.get(invitation.status, invitation.status),
            }
        )
    return rows
