"""A meeting: its page, the form to create or change it, cancel/reinstate, and its .ics file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.agenda import feeds, meetings
from arena.agenda.forms import MeetingForm
from arena.agenda.models import AgendaItem, Meeting
from arena.agenda.views.common import ics_response, show_errors, with_nav
from arena.register import activity_log, changes
from arena.register.models import Arena


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.select_related("arena", "series").prefetch_related(
            "attendee_units",
            "attendee_people",
            Prefetch("items", AgendaItem.objects.select_related("unit", "note")),
        ),
        pk=pk,
    )
    access = request.access
    return render(
        request,
        "agenda/meeting_detail.html",
        with_nav(
            {
                "meeting": meeting,
                "can_edit": access.can_edit_meeting(meeting),
                "can_manage": access.can_manage_agenda(),
                "log": activity_log.entries(meeting),
            }
        ),
    )


def meeting_edit(request, pk: int | None = None):
    access = request.access
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    if meeting is None:
        access.require(access.can_create_meeting())
    else:
        access.require(access.can_edit_meeting(meeting))
    initial = {}
    if meeting is None and request.GET.get("arena", "").isdigit():
        arena = Arena.objects.filter(pk=int(request.GET["arena"])).first()
        initial["arena"] = arena.name if arena else ""
    if request.method == "POST":
        form = MeetingForm(request.POST, instance=meeting, access=access)
        if form.is_valid():
            obj = form.save(commit=False)
            try:
                based = form.cleaned_data.get("based_on")
                meetings.save_meeting(
                    obj,
                    by=access,
                    people=form.cleaned_data["attendee_people"],
                    units=form.units(),
                    based_on=based if meeting is not None and based else changes.ANY,
                )
            except changes.EditConflict:
                form.add_error(None, _("Noen andre har lagret møtet i mellomtiden. Last siden på nytt."))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Møtet er lagret."))
                return redirect(obj)
        status = 400
    else:
        form = MeetingForm(instance=meeting, access=access, initial=initial)
        if meeting is not None:
            form.initial["based_on"] = changes.latest_history_id(meeting)
        status = 200
    return render(
        request, "agenda/meeting_form.html", with_nav({"form": form, "meeting": meeting}), status=status
    )


@require_POST
def meeting_cancel(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        if meeting.is_cancelled:
            meetings.reinstate_meeting(meeting, by=request.access)
            messages.success(request, _("Møtet er satt tilbake som planlagt."))
        else:
            meetings.cancel_meeting(meeting, by=request.access)
            messages.success(request, _("Møtet er avlyst. Det står som avlyst i kalenderne."))
    except ValidationError as error:
        show_errors(request, error)
    return redirect(meeting)


def meeting_ics(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("arena"), pk=pk)
    return ics_response(feeds.meeting_file(meeting), f"mote-{meeting.pk}.ics")
