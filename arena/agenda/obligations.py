"""Recurring reporting obligations as plain functions: each period's deadline (made idempotently, by the
reminder run or the coordinator), recording a delivery (who and when), and the overdue and upcoming lists."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.agenda import log_actions
from arena.agenda.models import Deadline, Obligation, Recurrence
from arena.register import changes
from arena.register.permissions import Access

# Periods per year: (label suffix, first month of the period) for each recurrence.
_PERIODS = {
    Recurrence.YEARLY: [("", 1)],
    Recurrence.HALF_YEARLY: [("-H1", 1), ("-H2", 7)],
    Recurrence.QUARTERLY: [("-Q1", 1), ("-Q2", 4), ("-Q3", 7), ("-Q4", 10)],
    Recurrence.MONTHLY: [(f"-{m:02d}", m) for m in range(1, 13)],
}
_SPAN = {Recurrence.YEARLY: 12, Recurrence.HALF_YEARLY: 6, Recurrence.QUARTERLY: 3, Recurrence.MONTHLY: 1}


def _day(year: int, month: int, day: int) -> datetime.date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods(obligation: Obligation, year: int) -> list[tuple[str, datetime.date]]:
    """(period label, due date) of each of the obligation's periods in `year`. A yearly obligation falls due in
    its month; the others `due_month` months into each period (the first month when that is past its end)."""
    recurrence = Recurrence(obligation.recurrence)
    offset = (
        obligation.due_month
        if recurrence is Recurrence.YEARLY
        else min(obligation.due_month, _SPAN[recurrence])
    )
    result = []
    for suffix, first_month in _PERIODS[recurrence]:
        month = offset if recurrence is Recurrence.YEARLY else first_month + offset - 1
        result.append((f"{year}{suffix}", _day(year, month, obligation.due_day)))
    return result


@transaction.atomic
def save_obligation(
    obligation: Obligation, *, by, based_on=changes.ANY, action: str = changes.WEB
) -> Obligation:
    """Create or change an obligation (one version), then make this year's missing deadlines for it."""
    access = Access.of(by)
    access.require(access.can_manage_agenda())
    obligation = changes.save(obligation, by=access, action=action, based_on=based_on)
    generate_deadlines(
        timezone.localdate().year, by=access, obligations=Obligation.objects.filter(pk=obligation.pk)
    )
    return obligation


@transaction.atomic
def generate_deadlines(year: int, *, by, obligations: QuerySet | None = None) -> int:
    """Create the missing deadlines of every active obligation for `year`; returns how many were made."""
    access = Access.of(by)
    access.require(access.can_manage_agenda())
    made = 0
    queryset = Obligation.objects.filter(is_active=True) if obligations is None else obligations
    for obligation in queryset:
        existing = set(obligation.deadlines.values_list("period", flat=True))
        count = 0
        for period, due_on in periods(obligation, year):
            if period in existing:
                continue
            changes.save(Deadline(obligation=obligation, period=period, due_on=due_on), by=access)
            count += 1
        if count:
            changes.log(log_actions.DEADLINES_GENERATED, obligation, by=access, count=count, year=year)
        made += count
    return made


@transaction.atomic
def mark_delivered(
    deadline: Deadline, *, by, remark: str = "", when: datetime.datetime | None = None
) -> Deadline:
    access = Access.of(by)
    deadline = Deadline.objects.select_for_update().select_related("obligation").get(pk=deadline.pk)
    access.require(access.can_deliver_deadline(deadline))
    if deadline.is_delivered:
        raise ValidationError(_("Leveransen for denne perioden er allerede registrert."))
    when = when or timezone.now()
    if when > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError(_("Leveransetidspunktet kan ikke være fram i tid."))
    deadline.delivered_by = access.acting_user
    deadline.delivered_at = when
    deadline.remark = (remark or "").strip()
    deadline.sequence += 1
    changes.save(deadline, by=access)
    changes.log(log_actions.DEADLINE_DELIVERED, deadline, by=access, period=deadline.period)
    return deadline


def overdue(today: datetime.date | None = None) -> QuerySet:
    """Deadlines passed without a recorded delivery, oldest first."""
    today = today or timezone.localdate()
    return (
        Deadline.objects.filter(delivered_at__isnull=True, due_on__lt=today, obligation__is_active=True)
        .select_related("obligation__unit", "obligation__arena", "obligation__organisation")
        .order_by("due_on")
    )


def upcoming(today: datetime.date | None = None, days: int = 60) -> QuerySet:
    today = today or timezone.localdate()
    return (
        Deadline.objects.filter(
            delivered_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=days),
            obligation__is_active=True,
        )
        .select_related("obligation__unit", "obligation__arena", "obligation__organisation")
        .order_by("due_on")
    )


def delivered_in(year: int) -> QuerySet:
    """The year's deliveries (for the annual report's chapter on reporting to international organisations)."""
    return (
        Deadline.objects.filter(due_on__year=year)
        .select_related("obligation__unit", "obligation__arena", "obligation__organisation", "delivered_by")
        .order_by("obligation__name", "due_on")
    )
