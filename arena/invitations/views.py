"""The invitation pages: the list (the coordinator's triage and every open one; a contact's own units'), one
invitation with its answer forms, upload and the manual form, and the overview per arena and year. Thin: the
work is in intake.py / workflow.py, every rule is asked of `request.access`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.invitations import intake, listing, workflow
from arena.invitations import overview as figures
from arena.invitations.filters import InvitationFilterSet
from arena.invitations.forms import (
    AcceptForm,
    ForwardForm,
    ManualForm,
    NoteForm,
    ReasonForm,
    TriageForm,
    UploadForm,
)
from arena.invitations.messages import InvitationError, Message, form_message_id, max_bytes, parse_file
from arena.invitations.models import Invitation
from arena.register import activity_log, changes
from arena.web.pagination import page_of


def _context(request, **values):
    values.setdefault("nav_section", "invitations")
    values["can_triage"] = request.access.can_triage_invitations()
    values["can_receive"] = request.access.can_receive_invitations()
    return values


def _rows(queryset):
    return queryset.select_related("unit", "arena", "organisation", "proposed_unit")


SECTION_ROWS = 20  # the triage and unanswered sections show this many; the full list below is paged
PER_PAGE = 50


def _section(queryset, statuses):
    """The newest SECTION_ROWS rows of `queryset` in `statuses`, and whether there are more. One short query per
    status (each an index range on status and time) merged here: cheaper than sorting every open row."""
    rows = []
    for status in statuses:
        rows += listing.listed(queryset.filter(status=status))[: SECTION_ROWS + 1]
    rows.sort(key=lambda row: (row["received_at"], row["id"]), reverse=True)
    return listing.table_rows(rows[:SECTION_ROWS]), len(rows) > SECTION_ROWS


def invitation_list(request):
    """The coordinator's triage, the open ones of the user's units, and every invitation filtered as the API's
    list is (status, unit, arena, kind, year, received, deadline), with the filtered list's downloads."""
    access = request.access
    access.require(access.can_view_invitations())
    filterset = InvitationFilterSet(request.GET, queryset=Invitation.objects.all())
    triage = triage_more = mine = mine_more = None
    if access.can_triage_invitations():
        triage, triage_more = _section(Invitation.objects.all(), [Invitation.Status.TRIAGE])
    if access.contact_unit_ids or access.is_coordinator:
        mine, mine_more = _section(
            access.open_invitations(Invitation.objects.all()),
            [Invitation.Status.ROUTED, Invitation.Status.FORWARDED],
        )
    query = request.GET.urlencode()
    exports = [
        (label, reverse("api-invitations-export", args=[fmt]) + (f"?{query}" if query else ""))
        for fmt, label in (("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON"))
    ]
    rows = filterset.qs if filterset.is_valid() else Invitation.objects.none()
    page_obj = page_of(request, listing.listed(rows), PER_PAGE)
    return render(
        request,
        "invitations/list.html",
        _context(
            request,
            triage=triage,
            triage_more=triage_more,
            mine=mine,
            mine_more=mine_more,
            form=filterset.form,
            exports=exports,
            page_obj=page_obj,
            page_rows=listing.table_rows(page_obj.object_list),
        ),
    )


def invitation_detail(request, pk: int):
    access = request.access
    access.require(access.can_view_invitations())
    invitation = get_object_or_404(
        _rows(Invitation.objects.prefetch_related("attendees", "attachments")), pk=pk
    )
    may_answer = access.can_answer_invitation(invitation) and invitation.is_open
    answering = may_answer and invitation.status != Invitation.Status.TRIAGE
    return render(
        request,
        "invitations/detail.html",
        _context(
            request,
            invitation=invitation,
            show_body=access.can_view_invitation_body(invitation),
            route_form=TriageForm(initial={"unit": invitation.proposed_unit_id})
            if access.can_triage_invitations() and invitation.status == Invitation.Status.TRIAGE
            else None,
            accept_form=AcceptForm(invitation=invitation) if answering else None,
            forward_form=ForwardForm(prefix="forward") if answering else None,
            decline_form=ReasonForm(prefix="decline") if answering else None,
            back_form=ReasonForm(prefix="back") if answering else None,
            note_form=NoteForm()
            if invitation.status == Invitation.Status.ACCEPTED
            and invitation.activity_id is None
            and access.can_write_invitation_note(invitation)
            else None,
            log=activity_log.entries(invitation),
        ),
    )


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
def invitation_action(request, pk: int, action: str):
    invitation = get_object_or_404(Invitation.objects.select_related("unit"), pk=pk)
    access = request.access
    try:
        if action == "route":
            form = TriageForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            workflow.send_to_unit(
                invitation, form.cleaned_data["unit"], by=access, arena=form.cleaned_data["arena"]
            )
            messages.success(
                request, _("Invitasjonen er sendt til %(unit)s.") % {"unit": form.cleaned_data["unit"]}
            )
        elif action == "accept":
            form = AcceptForm(request.POST, invitation=invitation)
            if not form.is_valid():
                raise ValidationError(_("Velg hvem som deltar."))
            meeting = workflow.accept(invitation, by=access, people=form.cleaned_data["people"])
            messages.success(request, _("Takket ja. Møtet er lagt i agendaen."))
            return redirect(meeting)
        elif action == "forward":
            form = ForwardForm(request.POST, prefix="forward")
            if not form.is_valid():
                raise ValidationError(_("Velg enhet og skriv en begrunnelse."))
            workflow.forward(
                invitation, form.cleaned_data["unit"], by=access, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("Invitasjonen er videresendt til %(unit)s.") % {"unit": form.cleaned_data["unit"]}
            )
        elif action == "note":
            form = NoteForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Skriv et kort notat om møtet."))
            activity = workflow.write_note(invitation, form.cleaned_data["text"], by=access)
            messages.success(request, _("Notatet er lagret som årets aktivitet."))
            return redirect(activity)
        elif action in ("decline", "back"):
            form = ReasonForm(request.POST, prefix=action)
            if not form.is_valid():
                raise ValidationError(_("Skriv en kort begrunnelse."))
            if action == "decline":
                workflow.decline(invitation, by=access, reason=form.cleaned_data["reason"])
                messages.success(request, _("Takket nei."))
            else:
                workflow.back_to_triage(invitation, by=access, reason=form.cleaned_data["reason"])
                messages.success(request, _("Invitasjonen er sendt tilbake til koordinator."))
        else:
            raise Http404
    except ValidationError as error:
        _errors(request, error)
    except changes.EditConflict:
        messages.error(request, _("Noen andre har endret invitasjonen i mellomtiden."))
    return redirect(invitation)


def attachment(request, pk: int, attachment_pk: int):
    invitation = get_object_or_404(Invitation, pk=pk)
    if not request.access.can_view_invitation_body(invitation):
        raise PermissionDenied
    file = get_object_or_404(invitation.attachments, pk=attachment_pk, removed_at__isnull=True)
    response = HttpResponse(bytes(file.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, file.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def invitation_new(request):
    access = request.access
    access.require(access.can_receive_invitations())
    upload, manual = UploadForm(), ManualForm()
    if request.method == "POST":
        try:
            if "file" in request.FILES:
                upload = UploadForm(request.POST, request.FILES)
                if not upload.is_valid():
                    raise InvitationError(_("Velg en fil."))
                file = upload.cleaned_data["file"]
                if file.size > max_bytes():
                    raise InvitationError(_("Filen er for stor."))
                message = parse_file(file.read(), file.name)
                source = Invitation.Source.UPLOAD
            else:
                manual = ManualForm(request.POST)
                if not manual.is_valid():
                    raise InvitationError(_("Skjemaet har feil."))
                data = manual.cleaned_data
                now = timezone.now()
                message = Message(
                    message_id=form_message_id(
                        data["subject"], data["sender_email"] or data["sender_name"], now
                    ),
                    subject=data["subject"],
                    sender_name=data["sender_name"],
                    sender_email=data["sender_email"],
                    date=now,
                    text=data["text"],
                )
                source = Invitation.Source.FORM
            invitation = intake.receive(message, by=access, source=source)
        except intake.DuplicateInvitation as error:
            messages.error(request, str(error))
            return redirect(error.existing)
        except InvitationError as error:
            messages.error(request, str(error))
        else:
            if invitation.status == Invitation.Status.TRIAGE:
                messages.success(
                    request, _("Invitasjonen er registrert og lagt til vurdering hos koordinator.")
                )
            else:
                messages.success(
                    request,
                    _("Invitasjonen er registrert og sendt til %(unit)s.") % {"unit": invitation.unit},
                )
            return redirect(invitation)
    return render(request, "invitations/new.html", _context(request, upload_form=upload, manual_form=manual))


def overview(request):
    """Per year the number of invitations per arena and the time to answer; open and answered by unit."""
    access = request.access
    access.require(access.can_view_invitations())
    return render(
        request,
        "invitations/overview.html",
        _context(
            request,
            per_arena=figures.per_arena_and_year(),
            unit_rows=figures.per_unit(),
            answer_times=figures.answer_times(),
        ),
    )
