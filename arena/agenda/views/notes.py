"""A session's briefing notes (the coordinator's overview: import, add, confirm, compile) and one note (the
unit contact's form, the coordinator's review)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from arena.agenda import compile as compiler
from arena.agenda import importing, meetings, notes
from arena.agenda.forms import (
    AddItemForm,
    ConfirmAllForm,
    ConfirmForm,
    ImportAgendaForm,
    NoteForm,
    ReturnNoteForm,
)
from arena.agenda.models import AgendaItem, BriefingNote, Meeting
from arena.agenda.richtext import sanitize, to_markup
from arena.agenda.views.common import show_errors, with_nav
from arena.register import activity_log, changes


def session_notes(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("arena"), pk=pk)
    access = request.access
    manage = access.can_manage_agenda()
    rows = []
    unit_choices = ConfirmForm.unit_choices() if manage else None
    for item in notes.session_notes(meeting):  # one query, each item with its note (or None)
        note = item.note_or_none
        unit = item.unit or item.suggested_unit
        rows.append(
            {
                "item": item,
                "note": note,
                "form": ConfirmForm(
                    initial={"unit": unit.pk if unit else None, "deadline": item.note_deadline},
                    prefix=f"item{item.pk}",
                    unit_choices=unit_choices,
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
        with_nav(
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
            messages.success(
                request,
                ngettext("%(count)d punkt er lagt til.", "%(count)d punkter er lagt til.", count)
                % {"count": count},
            )
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
        show_errors(request, error)
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
        with_nav(
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
        show_errors(request, error)
    return redirect(note)
