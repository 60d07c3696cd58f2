"""Pages of the annual report: the cycles, a cycle's overview, a unit's submission, the coordinator's texts,
the report shown in Arena, and issued versions with their progress and files.

Thin views: the rules are in arena.reporting.cycle / issuing (which check arena.reporting.permissions and raise
PermissionDenied → 403, or ValidationError → shown as a message). Every page needs a signed-in user.
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.jobs.worker import live_worker_ids
from arena.register import activity_log
from arena.register.changes import EditConflict
from arena.register.models import Activity, Area, Engagement, Outlook
from arena.register.models.base import active_in_year
from arena.register.reference.frameworks import HOD_STRATEGY
from arena.reporting import cycle as flow
from arena.reporting import editorial
from arena.reporting.builder import LAYOUTS, build_report, renderer_labels
from arena.reporting.forms import (
    MARKUP_HELP,
    EditorialTextsForm,
    IssueForm,
    OpenCycleForm,
    RemarksForm,
    ReopenForm,
    ReportTextsForm,
    ReturnForm,
    UnitTextsForm,
)
from arena.reporting.issuing import (
    draft_versions,
    file_name,
    issue_draft,
    issue_report,
    issued_versions,
    retry_issue,
)
from arena.reporting.models import IssuedReport, Layout, ReportingCycle, Submission
from arena.reporting.renderers import CONTENT_TYPES, FORMATS
from arena.reporting.renderers.html import render_fragment


def _messages_from(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def index(request):
    access = request.access
    cycles = ReportingCycle.objects.annotate(count=Count("submissions")).order_by("-year")
    years = list(Activity.objects.order_by("-year").values_list("year", flat=True).distinct()[:10])
    form = (
        OpenCycleForm(initial={"year": timezone.localdate().year - 1}) if access.can_manage_cycle() else None
    )
    return render(request, "reporting/index.html", {"cycles": cycles, "years": years, "form": form})


@require_POST
def open_cycle(request):
    access = request.access
    if not access.can_manage_cycle():
        raise PermissionDenied
    form = OpenCycleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        cycle = flow.open_cycle(data["year"], data["deadline"], data["instructions"], by=request.access)
        messages.success(
            request,
            _("Rapporteringsrunden for %(year)d er åpnet med %(n)d innspill.")
            % {"year": cycle.year, "n": cycle.submissions.count()},
        )
        return redirect(cycle)
    cycles = ReportingCycle.objects.annotate(count=Count("submissions")).order_by("-year")
    return render(
        request,
        "reporting/index.html",
        {"cycles": cycles, "years": [], "form": form},
        status=400,
    )


def _cycle(year: int) -> ReportingCycle:
    return get_object_or_404(ReportingCycle, year=year)


def cycle_detail(request, year: int):
    cycle = _cycle(year)
    access = request.access
    rows = flow.overview(cycle)
    counts = {status: 0 for status, _label in Submission.Status.choices}
    for row in rows:
        counts[row.submission.status] += 1
    without_contact = flow.units_without_contact(cycle) if access.can_manage_cycle() and cycle.is_open else []
    context = {
        "cycle": cycle,
        "rows": rows,
        "without_contact": without_contact,
        "without_contact_names": ", ".join(s.unit.short_name for s in without_contact),
        "counts": [(label, counts[status]) for status, label in Submission.Status.choices],
        "late": sum(r.is_late for r in rows),
        "mine": flow.submissions_for(request.access, cycle) if not access.is_coordinator else [],
        "issue_form": IssueForm() if access.can_manage_cycle() else None,
        "issued": issued_versions(year),
        "drafts": draft_versions(year),
        "layouts": Layout.choices,
        "log": activity_log.entries(cycle) if access.can_view_log(cycle) else [],
    }
    return render(request, "reporting/cycle.html", context)


def _preview(text: str, prefix: str) -> str:
    """An editorial text as the report shows it (the report's own block template), for a form's preview."""
    from arena.reporting.markup import preview_blocks

    blocks = preview_blocks(text)
    if not blocks:
        return ""
    context = {"blocks": blocks, "labels": renderer_labels(), "fn_prefix": f"{prefix}-"}
    return render_to_string("reporting/includes/blocks.html", context)


def _conflict(request, form, newest: int) -> None:
    """Someone saved a text after the form was opened: nothing is stored; the writer's texts stay in the form,
    and saving again (now based on the newest version) overwrites."""
    messages.error(
        request,
        _(
            "Noen andre har lagret en av tekstene etter at du åpnet skjemaet, så ingenting er lagret. Teksten din "
            "står fortsatt i skjemaet: lagre igjen for å erstatte den andre versjonen."
        ),
    )
    data = form.data.copy()
    data[form.add_prefix("seen")] = str(newest)
    form.data = data


def _fields_with_previews(form, show: bool) -> list:
    """(bound field, preview HTML or "") for each field of a valid form asked for a preview."""
    return [
        (form[name], _preview(form.cleaned_data.get(name) or "", form[name].html_name) if show else "")
        for name, field in form.fields.items()
        if field.widget.__class__.__name__ == "Textarea"
    ]


def texts(request, year: int):
    """The coordinator's texts: the four of the cycle, each fixed chapter's and each priority area's
    introduction, and the appendix selection. "Forhåndsvis" shows them as the report will, without saving."""
    cycle = _cycle(year)
    access = request.access
    if not access.can_edit_report_texts():
        raise PermissionDenied
    areas = list(Area.objects.filter(framework__code=HOD_STRATEGY).order_by("number"))
    stored = {key: t.text for key, t in editorial.cycle_texts(cycle).items()}
    data = request.POST if request.method == "POST" else None
    form = EditorialTextsForm(data, instance=cycle)
    texts_form = ReportTextsForm(data, areas=areas, texts=stored, prefix="kap")
    texts_form.initial["seen"] = editorial.texts_version(cycle)
    preview = False
    if data is not None and form.is_valid() and texts_form.is_valid():
        if "preview" in request.POST:
            preview = True
        else:
            cleaned = form.cleaned_data
            try:
                with transaction.atomic():
                    flow.save_editorial_texts(
                        cycle,
                        by=access,
                        preface=cleaned["preface"],
                        about=cleaned["about"],
                        summary=cleaned["summary"],
                        afterword=cleaned["afterword"],
                        guiding_documents=cleaned["guiding_documents"],
                    )
                    editorial.save_report_texts(
                        cycle,
                        by=access,
                        chapters=texts_form.chapter_texts(),
                        areas=texts_form.area_texts(),
                        seen=texts_form.cleaned_data["seen"],
                    )
            except ValidationError as error:
                _messages_from(request, error)
            except EditConflict:
                _conflict(request, texts_form, editorial.texts_version(cycle))
            else:
                messages.success(request, _("Tekstene er lagret."))
                return redirect(cycle)
    fields = _fields_with_previews(form, preview)
    chapter_fields = _fields_with_previews(texts_form, preview)
    context = {
        "cycle": cycle,
        "form": form,
        "texts_form": texts_form,
        "cycle_fields": fields,
        "chapter_fields": [f for f in chapter_fields if f[0].name.startswith("chapter_")],
        "area_fields": [f for f in chapter_fields if f[0].name.startswith("area_")],
        "documents_field": form["guiding_documents"],
        "markup_help": MARKUP_HELP,
        "preview": preview,
        "forms_with_errors": [f for f in (form, texts_form) if f.is_bound and f.errors],
    }
    return render(
        request, "reporting/texts.html", context, status=400 if data is not None and not preview else 200
    )


@require_POST
def unit_texts(request, year: int, unit: int):
    """The unit's introduction and "what matters next" (the submission page's form; "Forhåndsvis" shows them
    as the report will without saving)."""
    submission = _submission(year, unit)
    if not request.access.can_edit_unit_texts(submission):
        raise PermissionDenied
    form = UnitTextsForm(request.POST, prefix="tekst")
    if form.is_valid() and "preview" not in request.POST:
        try:
            changed = editorial.save_unit_texts(
                submission,
                by=request.access,
                intro=form.cleaned_data["intro"],
                next_steps=form.cleaned_data["next_steps"],
                seen=form.cleaned_data["seen"],
            )
        except ValidationError as error:
            _messages_from(request, error)
        except EditConflict:
            _conflict(request, form, editorial.texts_version(submission.cycle, submission.unit_id))
            return submission_detail(request, year, unit, texts_form=form, status=409)
        else:
            messages.success(request, _("Tekstene er lagret.") if changed else _("Ingen endringer å lagre."))
        return redirect(submission)
    return submission_detail(request, year, unit, texts_form=form)


@require_POST
def approve_cycle(request, year: int):
    cycle = _cycle(year)
    try:
        flow.approve_cycle(cycle, by=request.access)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("Rapporteringsrunden for %(year)d er godkjent.") % {"year": year})
    return redirect(cycle)


@require_POST
def approve_without_contact(request, year: int):
    cycle = _cycle(year)
    try:
        done = flow.approve_units_without_contact(cycle, by=request.access)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        if done:
            messages.success(
                request,
                _("Levert og godkjent for enheter uten kontakt: %(units)s.")
                % {"units": ", ".join(s.unit.short_name for s in done)},
            )
        else:
            messages.info(request, _("Alle enheter uten kontakt er allerede godkjent."))
    return redirect(cycle)


def _submission(year: int, unit: int) -> Submission:
    return get_object_or_404(
        Submission.objects.select_related("cycle", "unit", "submitted_by", "reviewed_by"),
        cycle__year=year,
        unit_id=unit,
    )


def submission_detail(request, year: int, unit: int, texts_form=None, status: int | None = None):
    submission = _submission(year, unit)
    access = request.access
    can_write_texts = access.can_edit_unit_texts(submission)
    posted_texts = texts_form is not None  # called by unit_texts with the posted form
    intro, next_steps = editorial.unit_texts(submission)
    if texts_form is None and can_write_texts:
        texts_form = UnitTextsForm(
            initial={
                "intro": intro,
                "next_steps": next_steps,
                "seen": editorial.texts_version(submission.cycle, submission.unit_id),
            },
            prefix="tekst",
        )
    show_preview = texts_form is not None and texts_form.is_bound and texts_form.is_valid()
    can_edit = access.can_edit_submission(submission) and submission.is_editable and submission.cycle.is_open
    form = RemarksForm(initial={"remarks": submission.remarks}) if can_edit else None
    if request.method == "POST" and not posted_texts:
        if not can_edit:
            raise PermissionDenied
        form = RemarksForm(request.POST)
        if form.is_valid():
            try:
                flow.save_submission(submission, by=request.access, remarks=form.cleaned_data["remarks"])
            except ValidationError as error:
                _messages_from(request, error)
            else:
                messages.success(request, _("Merknaden er lagret."))
            return redirect(submission)
    activities = (
        Activity.objects.filter(year=year, units=submission.unit).prefetch_related("units").order_by("title")
    )
    engagements = (
        Engagement.objects.filter(active_in_year(year), unit=submission.unit)
        .select_related("arena")
        .order_by("arena__name")
    )
    context = {
        "submission": submission,
        "cycle": submission.cycle,
        "can_edit": can_edit,
        "can_review": access.can_review_submission(submission)
        and submission.cycle.is_open
        and submission.status == Submission.Status.SUBMITTED,
        "form": form,
        "return_form": ReturnForm(),
        "can_reopen": access.can_reopen_submission(submission)
        and submission.status == Submission.Status.APPROVED,
        "reopen_form": ReopenForm(),
        "activities": activities,
        "engagements": engagements,
        "outlook": Outlook.objects.filter(unit=submission.unit, year=year).first(),
        "prefilled_ids": {a["id"] for a in submission.prefilled.get("activities", [])},
        "log": activity_log.entries(submission) if access.can_view_log(submission) else [],
        "texts_form": texts_form,
        "forms_with_errors": [texts_form]
        if texts_form is not None and texts_form.is_bound and texts_form.errors
        else [],
        "text_fields": _fields_with_previews(texts_form, show_preview) if texts_form is not None else [],
        "markup_help": MARKUP_HELP,
        "unit_texts": [
            (label, _preview(text, f"vis-{n}"))
            for n, (label, text) in enumerate(
                ((_("Innledning"), intro), (_("Hva blir viktig fremover"), next_steps))
            )
        ],
    }
    if status is None:
        status = 400 if texts_form is not None and texts_form.is_bound and not show_preview else 200
    return render(request, "reporting/submission.html", context, status=status)


def confirm_submit(request, year: int, unit: int):
    """The confirmation step before delivering: what will be delivered, then "Ja, lever innspillet"."""
    submission = _submission(year, unit)
    if not request.access.can_edit_submission(submission):
        raise PermissionDenied
    if not (submission.is_editable and submission.cycle.is_open):
        return redirect(submission)
    context = {
        "submission": submission,
        "cycle": submission.cycle,
        "activities": Activity.objects.filter(year=year, units=submission.unit).count(),
        "engagements": Engagement.objects.filter(active_in_year(year), unit=submission.unit).count(),
        "has_outlook": Outlook.objects.filter(unit=submission.unit, year=year).exists(),
        "has_unit_texts": any(editorial.unit_texts(submission)),
    }
    return render(request, "reporting/confirm_submit.html", context)


@require_POST
def submission_action(request, year: int, unit: int, action: str):
    submission = _submission(year, unit)
    if action == "lever" and request.POST.get("confirmed") != "yes":
        # Delivering asks for confirmation first (the confirmation page posts `confirmed=yes`).
        if not request.access.can_edit_submission(submission):
            raise PermissionDenied
        return redirect("reporting-submission-confirm", year, unit)
    done = {
        "lever": _("Innspillet er levert."),
        "oppdater": _("Innspillet er fylt ut på nytt fra registeret."),
        "godkjenn": _("Innspillet er godkjent."),
        "send-tilbake": _("Innspillet er sendt tilbake til enheten."),
        "apne": _("Innspillet er åpnet igjen. Enhetens oppføringer kan endres; lever innspillet på nytt."),
    }
    if action not in done:
        raise Http404
    try:
        if action == "lever":
            flow.submit(submission, by=request.access)
        elif action == "oppdater":
            flow.refresh_submission(submission, by=request.access)
        elif action == "godkjenn":
            flow.approve_submission(submission, by=request.access)
        elif action == "apne":
            form = ReopenForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            flow.reopen_submission(submission, by=request.access, reason=reason)
        else:
            form = ReturnForm(request.POST)
            comment = form.cleaned_data["comment"] if form.is_valid() else ""
            flow.return_submission(submission, by=request.access, comment=comment)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, done[action])
    return redirect(submission)


def preview(request, year: int, layout: str):
    if layout not in LAYOUTS:
        raise Http404
    report = build_report(year, layout)
    return render(
        request,
        "reporting/preview.html",
        {
            "report": report,
            "body": render_fragment(report),
            "year": year,
            "layout": layout,
            "layouts": Layout.choices,
            "cycle": ReportingCycle.objects.filter(year=year).first(),
        },
    )


def _issue(request, year: int, make):
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg et oppsett."))
        return redirect("reporting-cycle", year)
    try:
        issued = make(year, form.cleaned_data["layout"], by=request.access)
    except ValidationError as error:
        _messages_from(request, error)
        return redirect("reporting-cycle", year)
    return redirect(issued)


@require_POST
def issue(request, year: int):
    """A permanent version: refused (with the reason) unless the year's cycle is approved."""
    return _issue(request, year, issue_report)


@require_POST
def draft(request, year: int):
    """A draft marked "Utkast" in every format, before the cycle is approved."""
    return _issue(request, year, issue_draft)


def issued_detail(request, pk: int):
    issued = get_object_or_404(IssuedReport.objects.select_related("requested_by"), pk=pk)
    log = activity_log.entries(issued) if request.access.can_view_log(issued) else []
    can_retry = issued.status == IssuedReport.Status.FAILED and request.access.can_issue_report()
    worker_alive = issued.is_finished or bool(live_worker_ids())
    context = {"issued": issued, "formats": FORMATS, "log": log, "can_retry": can_retry}
    return render(request, "reporting/issued.html", {**context, "worker_alive": worker_alive})


@require_POST
def retry(request, pk: int):
    get_object_or_404(IssuedReport, pk=pk)
    try:
        issued = retry_issue(pk, by=request.user)
    except ValidationError as error:
        _messages_from(request, error)
        return redirect("reporting-issued", pk)
    messages.success(request, _("Versjonen lages på nytt."))
    return redirect(issued)


# The issued HTML file carries its stylesheet inline (it must stand alone when saved); nothing else is relaxed.
@csp_update({"style-src": [UNSAFE_INLINE]})
def download(request, pk: int, fmt: str):
    issued = get_object_or_404(IssuedReport, pk=pk, status=IssuedReport.Status.DONE)
    if fmt not in FORMATS:
        raise Http404
    field = issued.file_for(fmt)
    if not field:
        raise Http404
    return FileResponse(
        field.open("rb"),
        as_attachment=fmt != "html",
        filename=file_name(issued, fmt),
        content_type=CONTENT_TYPES[fmt],
    )
