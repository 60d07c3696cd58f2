"""Pages of the agenda: the calendar (month and list), meetings (detail, create, edit, cancel, .ics), a
session's briefing notes (the coordinator's overview: import, confirm, compile), a note (the unit contact's form
and the coordinator's review), obligations and their deadlines (and the overdue list), and the calendar feeds.

Thin views: the rules are in arena.agenda.meetings / notes / obligations / importing (which ask `Access` and
raise PermissionDenied → 403 or ValidationError → shown as a message, nothing stored)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.agenda import compile as compiler
from arena.agenda import feeds, importing, listing, meetings, notes, obligations
from arena.agenda.forms import (
    AddItemForm,
    CalendarFilterForm,
    ConfirmAllForm,
    ConfirmForm,
    DeliverDeadlineForm,
    ImportAgendaForm,
    MeetingForm,
    NoteForm,
    ObligationForm,
    ReturnNoteForm,
)
from arena.agenda.models import AgendaItem, BriefingNote, Deadline, Meeting, Obligation
from arena.agenda.richtext import sanitize, to_markup
from arena.notifications.service import absolute_url
from arena.register import activity_log, changes
from arena.register.models import Arena, Unit


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _nav(context: dict) -> dict:
    context.setdefault("nav_section", "agenda")
    return context


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
    items = listing.entries(grid_start, grid_end, **values)
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "agenda/calendar.html",
        _nav(
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
    items = listing.entries(start, end, **values)
    return render(
        request,
        "agenda/list.html",
        _nav({"form": form, "entries": items, "start": start, "end": end, "view": "list"}),
    )


# Meetings


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
        _nav(
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
        request, "agenda/meeting_form.html", _nav({"form": form, "meeting": meeting}), status=status
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
        _errors(request, error)
    return redirect(meeting)


def _ics(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_ics(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("arena"), pk=pk)
    return _ics(feeds.meeting_file(meeting), f"mote-{meeting.pk}.ics")


# A session's briefing notes


def session_notes(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("arena"), pk=pk)
    access = request.access
    items = list(
        meeting.items.select_related("unit", "suggested_unit", "area", "note", "note__unit").order_by(
            "position", "pk"
        )
    )
    manage = access.can_manage_agenda()
    rows = []
    for item in items:
        note = getattr(item, "note", None) if BriefingNote.objects.filter(item=item).exists() else None
        unit = item.unit or item.suggested_unit
        rows.append(
            {
                "item": item,
                "note": note,
                "form": ConfirmForm(
                    initial={"unit": unit.pk if unit else None, "deadline": item.note_deadline},
                    prefix=f"item{item.pk}",
                )
                if manage
                else None,
            }
        )
    counts = {status: 0 for status, _label in BriefingNote.Status.choices}
    for row in rows:
        if row["note"] is not None:
            counts[row["note"].status] += 1
    return render(
        request,
        "agenda/session_notes.html",
        _nav(
            {
                "meeting": meeting,
                "rows": rows,
                "manage": manage,
                "counts": [(label, counts[status]) for status, label in BriefingNote.Status.choices],
                "import_form": ImportAgendaForm() if manage else None,
                "add_form": AddItemForm() if manage else None,
                "confirm_all_form": ConfirmAllForm() if manage else None,
                "log": activity_log.entries(meeting),
            }
        ),
    )


@require_POST
def session_action(request, pk: int, action: str):
    meeting = get_object_or_404(Meeting.objects.select_related("arena"), pk=pk)
    access = request.access
    access.require(access.can_manage_agenda())
    back = reverse("agenda-notes", args=[meeting.pk])
    try:
        if action == "import":
            form = ImportAgendaForm(request.POST, request.FILES)
            if not form.is_valid():
                for error in form.non_field_errors():
                    messages.error(request, error)
                return redirect(back)
            upload = form.cleaned_data.get("file")
            if upload:
                if upload.size > importing.MAX_BYTES:
                    raise ValidationError(_("Filen er for stor (høyst 5 MB)."))
                count = importing.import_agenda(meeting, data=upload.read(), name=upload.name, by=access)
            else:
                count = importing.import_agenda(meeting, text=form.cleaned_data["text"], by=access)
            messages.success(request, _("%(count)d punkter er lagt til.") % {"count": count})
        elif action == "add":
            form = AddItemForm(request.POST)
            if form.is_valid():
                meetings.add_item(
                    meeting, form.cleaned_data["title"], number=form.cleaned_data["number"], by=access
                )
                messages.success(request, _("Punktet er lagt til."))
            else:
                messages.error(request, _("Et dagsordenpunkt må ha en tittel."))
        elif action == "confirm":
            item = get_object_or_404(AgendaItem, pk=request.POST.get("item", "0") or 0, meeting=meeting)
            form = ConfirmForm(request.POST, prefix=f"item{item.pk}")
            if not form.is_valid():
                for field_errors in form.errors.values():
                    for error in field_errors:
                        messages.error(request, error)
                return redirect(back)
            notes.confirm_item(item, form.cleaned_data["unit"], form.cleaned_data["deadline"], by=access)
            messages.success(
                request,
                _("%(unit)s er bedt om notat til %(item)s.")
                % {"unit": form.cleaned_data["unit"].short_name, "item": item},
            )
        elif action == "confirm-all":
            form = ConfirmAllForm(request.POST)
            deadline = form.cleaned_data["deadline"] if form.is_valid() else None
            count = notes.confirm_suggestions(meeting, deadline, by=access)
            messages.success(request, _("%(count)d forslag er bekreftet.") % {"count": count})
        else:
            raise Http404
    except ValidationError as error:
        _errors(request, error)
    return redirect(back)


def notes_docx(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("arena"), pk=pk)
    data = compiler.compile_notes(meeting, by=request.access)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{compiler.file_name(meeting)}"'
    return response


# One note


def note_detail(request, pk: int):
    note = get_object_or_404(BriefingNote.objects.select_related("item__meeting__arena", "unit"), pk=pk)
    access = request.access
    may_edit = access.can_edit_note(note) and note.is_editable
    form = None
    if may_edit:
        form = NoteForm(
            initial={
                "background": to_markup(note.background),
                "position": to_markup(note.position),
                "intervention": to_markup(note.intervention),
                "based_on": changes.latest_history_id(note),
            }
        )
    return render(
        request,
        "agenda/note.html",
        _nav(
            {
                "note": note,
                "meeting": note.item.meeting,
                "form": form,
                "may_review": access.can_review_note(note) and note.status == BriefingNote.Status.DELIVERED,
                "return_form": ReturnNoteForm(),
                "parts": [
                    (label, mark_safe(sanitize(getattr(note, field))))  # noqa: S308 - sanitised with nh3
                    for field, label in compiler.SECTIONS
                ],
                "log": activity_log.entries(note),
            }
        ),
    )


@require_POST
def note_action(request, pk: int, action: str):
    note = get_object_or_404(BriefingNote.objects.select_related("item__meeting", "unit"), pk=pk)
    access = request.access
    try:
        if action in ("save", "deliver"):
            form = NoteForm(request.POST)
            form.is_valid()
            data = form.cleaned_data
            if note.is_editable:
                based = data.get("based_on")
                notes.save_note(
                    note,
                    by=access,
                    background=data.get("background", ""),
                    position=data.get("position", ""),
                    intervention=data.get("intervention", ""),
                    based_on=based if based else changes.ANY,
                )
            if action == "deliver":
                notes.deliver(note, by=access)
                messages.success(request, _("Notatet er levert til koordinator."))
            else:
                messages.success(request, _("Notatet er lagret."))
        elif action == "return":
            form = ReturnNoteForm(request.POST)
            notes.return_note(note, request.POST.get("comment", ""), by=access)
            messages.success(request, _("Notatet er sendt tilbake til enheten."))
        elif action == "approve":
            notes.approve(note, by=access)
            messages.success(request, _("Notatet er godkjent."))
        else:
            raise Http404
    except changes.EditConflict:
        messages.error(
            request, _("Noen andre har lagret notatet i mellomtiden. Det som står nå, vises under.")
        )
    except ValidationError as error:
        _errors(request, error)
    return redirect(note)


# Obligations and deadlines


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
        _nav(
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
        _nav(
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
        obj = form.save(commit=False)
        changes.save(obj, by=access)
        obligations.generate_deadlines(
            timezone.localdate().year, by=access, obligations=Obligation.objects.filter(pk=obj.pk)
        )
        messages.success(request, _("Forpliktelsen er lagret."))
        return redirect("agenda-obligations")
    return render(
        request,
        "agenda/obligation_form.html",
        _nav({"form": form, "obligation": obligation}),
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
    messages.success(request, _("%(count)d frister er laget for %(year)d.") % {"count": count, "year": year})
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
        _errors(request, error)
    return redirect(
        request.POST.get("next")
        if request.POST.get("next") == reverse("agenda-overdue")
        else "agenda-obligations"
    )


# Calendar feeds


def feeds_page(request):
    token = feeds.token_for(request.user)
    personal = absolute_url(reverse("agenda-feed", args=[token.token]))
    units = Unit.objects.filter(pk__in=request.access.contact_unit_ids).order_by("name")
    return render(
        request,
        "agenda/feeds.html",
        _nav(
            {
                "personal": personal,
                "token": token,
                "units": [
                    (u, absolute_url(reverse("agenda-feed-unit", args=[token.token, u.pk]))) for u in units
                ],
            }
        ),
    )


@require_POST
def token_renew(request):
    feeds.renew_token(request.user)
    messages.success(request, _("Kalenderadressen er fornyet. Den gamle adressen virker ikke lenger."))
    return redirect("agenda-feeds")


def _token_user(token: str):
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404
    return user


@login_not_required
def feed(request, token: str):
    user = _token_user(token)
    return _ics(feeds.user_feed(user), "arena.ics")


@login_not_required
def feed_unit(request, token: str, pk: int):
    _token_user(token)
    unit = get_object_or_404(Unit, pk=pk)
    return _ics(feeds.unit_feed(unit), f"enhet-{unit.pk}.ics")


@login_not_required
def feed_arena(request, token: str, pk: int):
    _token_user(token)
    arena = get_object_or_404(Arena, pk=pk)
    return _ics(feeds.arena_feed(arena), f"arena-{arena.pk}.ics")


def unit_ics(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    return _ics(feeds.unit_feed(unit), f"enhet-{unit.pk}.ics")


def arena_ics(request, pk: int):
    arena = get_object_or_404(Arena, pk=pk)
    return _ics(feeds.arena_feed(arena), f"arena-{arena.pk}.ics")


def require_reader(request):
    if not request.access.can_view_agenda():
        raise PermissionDenied
