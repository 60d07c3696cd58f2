"""The calendar: the month view and the list view (filtered by unit, arena and kind)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.agenda import listing
from arena.agenda.forms import CalendarFilterForm
from arena.agenda.views.common import with_nav

# The most entries a page shows; a busier period asks for a narrower choice (filters, a shorter period).
MONTH_LIMIT = 400
LIST_LIMIT = 200


def _bounded(request, items: list, limit: int, message: str) -> list:
    if len(items) > limit:
        messages.warning(request, message % {"limit": limit})
        return items[:limit]
    return items


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
        if not 1990 <= year <= 2100:
            raise ValueError
        datetime.date(year, month, 1)
    except (ValueError, OverflowError):
        raise Http404 from None
    return year, month


def _filters(request):
    form = CalendarFilterForm(request.GET or None)
    values = {"unit": None, "arena": None, "kind": ""}
    if form.is_bound and form.is_valid():
        values.update({k: v for k, v in form.cleaned_data.items() if v})
    return form, values


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def calendar_month(request):
    year, month = _month(request)
    form, values = _filters(request)
    first = datetime.date(year, month, 1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    grid_start = first - datetime.timedelta(days=first.weekday())
    grid_end = last + datetime.timedelta(days=6 - last.weekday())
    items = _bounded(
        request,
        listing.entries(grid_start, grid_end, limit=MONTH_LIMIT, **values),
        MONTH_LIMIT,
        _(
            "Måneden har flere enn %(limit)s oppføringer; bare de første vises. Bruk filtrene for å se resten."
        ),
    )
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "agenda/calendar.html",
        with_nav(
            {
                "form": form,
                "first": first,
                "weeks": listing.month_grid(year, month, items),
                "previous": previous,
                "following": following,
                "filters": _query_without(request, "year", "month"),
                "view": "month",
            }
        ),
    )


def calendar_list(request):
    form, values = _filters(request)
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("from") or today.isoformat())
        end = datetime.date.fromisoformat(
            request.GET.get("to") or (start + datetime.timedelta(days=120)).isoformat()
        )
    except ValueError:
        messages.error(request, _("Ugyldig dato. Bruk formatet ÅÅÅÅ-MM-DD."))
        start, end = today, today + datetime.timedelta(days=120)
    if end < start:
        messages.error(request, _("Sluttdatoen kan ikke være før startdatoen."))
        end = start + datetime.timedelta(days=120)
    end = min(end, start + datetime.timedelta(days=3 * 366))
    items = _bounded(
        request,
        listing.entries(start, end, limit=LIST_LIMIT, **values),
        LIST_LIMIT,
        _(
            "Perioden har flere enn %(limit)s oppføringer; de første vises. Velg en kortere periode eller et filter."
        ),
    )
    return render(
        request,
        "agenda/list.html",
        with_nav({"form": form, "entries": items, "start": start, "end": end, "view": "list"}),
    )
