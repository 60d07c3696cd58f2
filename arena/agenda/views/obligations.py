"""Reporting obligations: the register of obligations, a year's deadlines, recording a delivery, the overdue
list (deadlines and late briefing notes)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from arena.agenda import obligations
from arena.agenda.forms import DeliverDeadlineForm, ObligationForm
from arena.agenda.models import BriefingNote, Deadline, Obligation
from arena.agenda.views.common import show_errors, with_nav


def obligation_list(request):
    access = request.access
    today = timezone.localdate()
    year = today.year
    rows = (
        Obligation.objects.select_related("unit", "arena", "organisation")
        .prefetch_related(
            Prefetch("deadlines", Deadline.objects.filter(due_on__year__gte=year - 1).order_by("due_on"))
        )
        .order_by("name")
    )
    return render(
        request,
        "agenda/obligations.html",
        with_nav(
            {
                "obligations": rows,
                "today": today,
                "overdue_count": obligations.overdue(today).count(),
                "can_manage": access.can_manage_agenda(),
                "deliver_form": DeliverDeadlineForm(),
                "year": year,
            }
        ),
    )


def overdue_list(request):
    today = timezone.localdate()
    late_notes = (
        BriefingNote.objects.filter(status__in=BriefingNote.EDITABLE, deadline__lt=today)
        .select_related("item__meeting", "unit")
        .order_by("deadline")
    )
    return render(
        request,
        "agenda/overdue.html",
        with_nav(
            {
                "deadlines": obligations.overdue(today),
                "notes": late_notes,
                "today": today,
                "deliver_form": DeliverDeadlineForm(),
            }
        ),
    )


def obligation_edit(request, pk: int | None = None):
    access = request.access
    access.require(access.can_manage_agenda())
    obligation = get_object_or_404(Obligation, pk=pk) if pk else None
    form = ObligationForm(request.POST or None, instance=obligation)
    if request.method == "POST" and form.is_valid():
        obligations.save_obligation(form.save(commit=False), by=access)
        messages.success(request, _("Forpliktelsen er lagret."))
        return redirect("agenda-obligations")
    return render(
        request,
        "agenda/obligation_form.html",
        with_nav({"form": form, "obligation": obligation}),
        status=400 if form.is_bound else 200,
    )


@require_POST
def generate(request):
    access = request.access
    try:
        year = int(request.POST.get("year", ""))
        if not 1990 <= year <= 2100:
            raise ValueError
    except ValueError:
        messages.error(request, _("Året må være mellom 1990 og 2100."))
        return redirect("agenda-obligations")
    count = obligations.generate_deadlines(year, by=access)
    messages.success(
        request,
        ngettext("%(count)d frist er laget for %(year)d.", "%(count)d frister er laget for %(year)d.", count)
        % {"count": count, "year": year},
    )
    return redirect("agenda-obligations")


@require_POST
def deadline_deliver(request, pk: int):
    deadline = get_object_or_404(Deadline.objects.select_related("obligation"), pk=pk)
    form = DeliverDeadlineForm(request.POST)
    form.is_valid()
    try:
        obligations.mark_delivered(deadline, by=request.access, remark=form.cleaned_data.get("remark", ""))
        messages.success(request, _("Leveransen er registrert."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect(
        request.POST.get("next")
        if request.POST.get("next") == reverse("agenda-overdue")
        else "agenda-obligations"
    )
