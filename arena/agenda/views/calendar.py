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

# The most entries a page shows. The month grid stops at MONTH_LIMIT (a directorate has far fewer in a month) and
# says how many more there are, from which day, with a link to them in the list. The list stops at LIST_LIMIT with
# a link that goes on from the first day not shown in full.
MONTH_LIMIT = 150
LIST_LIMIT = 100


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
    items = listing.entries(grid_start, grid_end, limit=MONTH_LIMIT, **values)
    cut = hidden = None
    if len(items) > MONTH_LIMIT:
        # a busier month than a grid can show: the first MONTH_LIMIT entries, and a pointer to the list for the rest
        cut = items[MONTH_LIMIT].start
        hidden = listing.count(grid_start, grid_end, **values) - MONTH_LIMIT
        items = items[:MONTH_LIMIT]
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "agenda/calendar.html",
        with_nav(
            {
                "form": form,
                "first": first,
                "weeks": listing.month_grid(year, month, items, cut=cut),
                "cut": cut,
                "hidden": hidden,
                "grid_end": grid_end,
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
    items = listing.entries(start, end, limit=LIST_LIMIT, **values)
    following = None
    if len(items) > LIST_LIMIT:
        messages.warning(
            request,
            _(
                "Perioden har flere enn %(limit)s oppføringer; de første vises. Velg en kortere periode eller et filter."
            )
            % {"limit": LIST_LIMIT},
        )
        # the rest goes on from the first day not shown in full (that day's shown entries come again there)
        following = items[LIST_LIMIT].start
        if following <= start:
            following = None  # more than a page in one day: only a filter helps
        items = items[:LIST_LIMIT]
    return render(
        request,
        "agenda/list.html",
        with_nav(
            {
                "form": form,
                "entries": listing.with_dates(items),
                "start": start,
                "end": end,
                "following": following,
                "following_query": _query_without(request, "from", "to", "page"),
                "view": "list",
            }
        ),
    )
