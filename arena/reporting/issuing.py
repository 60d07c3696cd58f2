"""Issuing the report: each issue is a new numbered version (per year and layout) whose HTML, DOCX and PDF files
are stored through Django's storage with who and when; an issued version is never regenerated or overwritten.

Generation is a background task (`generate_report_task`, run by `python -m arena worker`): the request creates
the IssuedReport row and, after the transaction commits, enqueues the task, which builds the report once and
renders the three formats, writing its progress to the row; the version's page shows it while it runs. With
`REPORTING_BACKGROUND = False` (tests, the command line) it runs in the caller's process.

A generation that fails, times out (the worker's time limit) or is lost with its worker (arena.jobs recovers
such tasks and sends `task_finished`) marks the version failed with a message, deletes any files it had
written, and can be retried (`retry_issue`): the same version number, generated again from scratch. A version
that was issued (done) is never generated again.

Document kinds: the same machinery issues documents other than the annual report. A kind (`DocumentKind`,
registered in `KINDS` with `register_kind`) names its issued-version model (an `IssuedDocument` subclass), how to
build the document model from a version, the files' names and who may retry. The annual report is kind
"annual" (`IssuedReport`, `generate_report_task`); others (arena.monitoring's situation reports) go through
`generate_document_task(kind, pk, language)` and `issue_document(...)`.
"""

import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from arena.register.changes import log
from arena.register.permissions import Access
from arena.reporting.builder import LAYOUTS, build_report
from arena.reporting.document import Report, xml_safe_report
from arena.reporting.models import IssuedDocument, IssuedReport, ReportingCycle, _issued_path
from arena.reporting.renderers import FORMATS, render

logger = logging.getLogger(__name__)

# Activity-log actions (labels in arena/reporting/apps.py).
ISSUED = "reporting.report.issued"
DRAFTED = "reporting.report.drafted"
RETRIED = "reporting.report.retried"
FAILED = "reporting.report.failed"

# Share of the work each step takes (PDF layout is by far the slowest), for the progress bar.
STEPS = (("build", 10), ("html", 5), ("docx", 20), ("pdf", 65))


@dataclass(frozen=True)
class DocumentKind:
    """A kind of issued document: its version model, how a version is built into the report model, the stem
    of its files' names (without the extension), and who may generate a failed version again."""

    name: str
    model: type[IssuedDocument]
    build: Callable[[IssuedDocument], Report]
    file_stem: Callable[[IssuedDocument], str]
    may_retry: Callable[[Access, IssuedDocument], bool]
    # Called with the version once its files are stored (e.g. to send it out); its failure is logged, not
    # held against the issued version.
    after_done: Callable[[IssuedDocument], None] | None = None


KINDS: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> DocumentKind:
    KINDS[kind.name] = kind
    return kind


def kind_of(issued: IssuedDocument) -> DocumentKind:
    return KINDS[type(issued).document_kind]


register_kind(
    DocumentKind(
        name="annual",
        model=IssuedReport,
        build=lambda issued: build_report(
            issued.year, issued.layout, language=issued.language, draft=issued.is_draft
        ),
        file_stem=lambda issued: (
            f"arsmelding-{issued.year}-{issued.layout}-{'utkast' if issued.is_draft else 'v'}{issued.version}"
        ),
        may_retry=lambda access, issued: access.can_issue_report(),
    )
)


def file_name(issued: IssuedDocument, fmt: str) -> str:
    return f"{kind_of(issued).file_stem(issued)}.{fmt}"


def _progress(model, pk: int, progress: int, step: str, **fields) -> None:
    model.objects.filter(pk=pk).update(progress=progress, step=step, **fields)


def generate(pk: int, kind: str = "annual") -> IssuedDocument:
    """Build and render a queued version, storing its files; marks it done or failed."""
    document_kind = KINDS[kind]
    model = document_kind.model
    issued = model.objects.get(pk=pk)
    if issued.status != model.Status.QUEUED:
        raise ValidationError(_("Denne versjonen er allerede laget og kan ikke lages på nytt."))
    labels = {
        "build": _("Henter data fra registeret"),
        "html": _("Lager HTML"),
        "docx": _("Lager Word-dokument"),
        "pdf": _("Lager PDF"),
    }
    done = 0
    try:
        _progress(model, pk, 0, labels["build"], status=model.Status.RUNNING)
        report = document_kind.build(issued)
        done += STEPS[0][1]
        checksums = {}
        with ThreadPoolExecutor(max_workers=1) as pool:
            outputs = {}
            for fmt, share in STEPS[1:]:
                _progress(model, pk, done, labels[fmt])
                if fmt == "docx" and getattr(settings, "REPORTING_DOCX_PAGE_NUMBERS", True):
                    # LibreOffice lays the DOCX out for its contents list's page numbers (toc_pages, a few
                    # seconds in its own process) while the PDF is made.
                    xml_safe_report(report)  # once, before two renderers share the model
                    outputs[fmt] = pool.submit(render, report, fmt, docx_page_numbers=True)
                else:
                    outputs[fmt] = render(report, fmt)
                done += share
            for fmt, _share in STEPS[1:]:
                data = outputs[fmt] if isinstance(outputs[fmt], bytes) else outputs[fmt].result()
                field = issued.file_for(fmt)
                field.save(file_name(issued, fmt), ContentFile(data), save=False)
                checksums[fmt] = hashlib.sha256(data).hexdigest()
        issued.checksums = checksums
        issued.status = model.Status.DONE
        issued.progress = 100
        issued.step = ""
        issued.issued_at = timezone.now()
        issued.save()
    except Exception as exc:  # recorded on the row for the coordinator to see
        logger.exception("generating %s failed", issued)
        mark_failed(pk, _failure_message(exc), kind=kind)
        issued.refresh_from_db()
        return issued
    if document_kind.after_done is not None:
        try:
            document_kind.after_done(issued)
        except Exception:
            logger.exception("after issuing %s", issued)
    return issued


def _failure_message(exc: BaseException) -> str:
    from arena.jobs.worker import TaskTimeLimitExceeded

    if isinstance(exc, TaskTimeLimitExceeded):
        return str(exc)
    return _("Feil under genereringen: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"}


def _discard_files(issued: IssuedDocument) -> None:
    """Delete whatever files a failed generation left (also those written before the row recorded them), so
    nothing orphaned stays on disk."""
    for fmt in FORMATS:
        field = issued.file_for(fmt)
        for name in {field.name, _issued_path(issued, file_name(issued, fmt))} - {"", None}:
            if field.storage.exists(name):
                field.storage.delete(name)
        setattr(issued, field.field.name, "")


def mark_failed(pk: int, message: str, kind: str = "annual") -> None:
    """Record a failed generation on a version that is not done, and remove its partial files."""
    model = KINDS[kind].model
    with transaction.atomic():
        issued = model.objects.select_for_update().get(pk=pk)
        if issued.status == model.Status.DONE:
            return
        _discard_files(issued)
        issued.status = model.Status.FAILED
        issued.step = ""
        issued.error = message
        issued.save(update_fields=["status", "step", "error", "html_file", "docx_file", "pdf_file"])
        log(FAILED, issued, by=Access.system(), version=issued.version, error=message)


@task()
def generate_report_task(pk: int, language: str) -> str:
    """The background task: generate version `pk` in `language`; returns its final status."""
    with translation.override(language):
        return generate(pk).status


@task()
def generate_document_task(kind: str, pk: int, language: str) -> str:
    """The background task for any registered document kind: generate version `pk` of `kind`."""
    with translation.override(language):
        return generate(pk, kind).status


def _on_task_finished(sender, task_result, **kwargs) -> None:
    """A generation task that failed outside `generate` (lost worker, time limit hit in a renderer's C code,
    a crash before the first step) still marks its version failed."""
    path = task_result.task.module_path
    if path not in (generate_report_task.module_path, generate_document_task.module_path):
        return
    if task_result.status != TaskResultStatus.FAILED:
        return
    if path == generate_document_task.module_path:
        kind, pk = task_result.args[0], task_result.args[1]
    else:
        kind, pk = "annual", task_result.args[0]
    error = task_result.errors[-1].traceback.strip().splitlines()[-1] if task_result.errors else ""
    message = error.split(": ", 1)[-1] if error else _("Arbeidet stoppet uventet.")
    mark_failed(pk, message, kind=kind)


task_finished.connect(_on_task_finished, dispatch_uid="arena.reporting.issuing")


def _enqueue(pk: int, language: str, kind: str = "annual") -> None:
    if kind == "annual":
        transaction.on_commit(lambda: generate_report_task.enqueue(pk, language))
    else:
        transaction.on_commit(lambda: generate_document_task.enqueue(kind, pk, language))


def issue_document(
    kind: str, *, by, background: bool | None = None, language: str | None = None, **identity
) -> IssuedDocument:
    """Queue a new version of a document of a registered `kind` (the caller has checked permission), numbered
    after the versions with the same `identity` fields, and generate it (in the background by default)."""
    access = Access.of(by)
    model = KINDS[kind].model
    language = language or settings.LANGUAGE_CODE
    for _attempt in range(3):
        try:
            with transaction.atomic():
                latest = model.objects.filter(**identity).aggregate(v=Max("version"))["v"]
                issued = model.objects.create(
                    **identity,
                    version=(latest or 0) + 1,
                    language=language,
                    requested_by=access.acting_user,
                )
            break
        except IntegrityError:  # someone issued the same version at the same moment: take the next number
            continue
    else:  # pragma: no cover
        raise ValidationError(_("Kunne ikke reservere et versjonsnummer; prøv igjen."))
    if background if background is not None else getattr(settings, "REPORTING_BACKGROUND", True):
        _enqueue(issued.pk, language, kind)
        return issued
    return generate(issued.pk, kind)


def retry_document(kind: str, pk: int, *, by) -> IssuedDocument:
    """Generate a failed version of any kind again (same number), in the background."""
    access = Access.of(by)
    model = KINDS[kind].model
    with transaction.atomic():
        issued = model.objects.select_for_update().get(pk=pk)
        access.require(KINDS[kind].may_retry(access, issued))
        if issued.status != model.Status.FAILED:
            raise ValidationError(_("Bare en versjon som feilet, kan lages på nytt."))
        _discard_files(issued)
        issued.status = model.Status.QUEUED
        issued.progress = 0
        issued.step = ""
        issued.error = ""
        issued.requested_by = access.acting_user
        issued.save()
        log(RETRIED, issued, by=access, version=issued.version)
        _enqueue(issued.pk, issued.language, kind)
    return issued


def retry_issue(pk: int, *, by) -> IssuedReport:
    """Generate a failed version again (same number), in the background."""
    access = Access.of(by)
    access.require(access.can_issue_report())
    with transaction.atomic():
        issued = IssuedReport.objects.select_for_update().get(pk=pk)
        if issued.status != IssuedReport.Status.FAILED:
            raise ValidationError(_("Bare en versjon som feilet, kan lages på nytt."))
        _discard_files(issued)
        issued.status = IssuedReport.Status.QUEUED
        issued.progress = 0
        issued.step = ""
        issued.error = ""
        issued.requested_by = access.acting_user
        issued.save()
        log(RETRIED, issued, by=access, year=issued.year, layout=issued.layout, version=issued.version)
        _enqueue(issued.pk, issued.language)
    return issued


def require_approved_cycle(year: int) -> None:
    """A permanent version is issued only from the year's approved reporting cycle (ValidationError, bokmål)."""
    cycle = ReportingCycle.objects.filter(year=year).first()
    if cycle is None:
        raise ValidationError(
            _(
                "Årsmeldingen for %(year)d kan ikke utgis: det finnes ingen rapporteringsrunde for året. "
                "Lag et utkast, eller åpne og godkjenn runden først."
            )
            % {"year": year}
        )
    if cycle.status != ReportingCycle.Status.APPROVED:
        raise ValidationError(
            _(
                "Årsmeldingen for %(year)d kan ikke utgis før rapporteringsrunden er godkjent. "
                "Lag et utkast i mellomtiden."
            )
            % {"year": year}
        )


def _queue_annual(year, layout, *, access, language, background, draft) -> IssuedReport:
    language = language or settings.LANGUAGE_CODE  # the report is bokmål unless asked otherwise
    for _attempt in range(3):
        try:
            with transaction.atomic():
                same = IssuedReport.objects.filter(year=year, layout=layout, is_draft=draft)
                latest = same.aggregate(v=Max("version"))["v"]
                issued = IssuedReport.objects.create(
                    year=year,
                    layout=layout,
                    is_draft=draft,
                    version=(latest or 0) + 1,
                    language=language,
                    requested_by=access.acting_user,
                )
                log(
                    DRAFTED if draft else ISSUED,
                    issued,
                    by=access,
                    year=year,
                    layout=layout,
                    version=issued.version,
                )
            break
        except IntegrityError:  # someone issued the same version at the same moment: take the next number
            continue
    else:  # pragma: no cover
        raise ValidationError(_("Kunne ikke reservere et versjonsnummer; prøv igjen."))
    if background if background is not None else getattr(settings, "REPORTING_BACKGROUND", True):
        _enqueue(issued.pk, language)
        return issued
    return generate(issued.pk)


def issue_report(year: int, layout: str, *, by, language: str | None = None, background: bool | None = None):
    """Queue a new permanent version of the year's report in `layout` and generate it (in the background by
    default). Refused (nothing stored) unless the year's reporting cycle is approved: before that, make a draft
    (`issue_draft`)."""
    access = Access.of(by)
    access.require(access.can_issue_report())
    if layout not in LAYOUTS:
        raise ValidationError(_("Ukjent oppsett."))
    require_approved_cycle(year)
    return _queue_annual(year, layout, access=access, language=language, background=background, draft=False)


def issue_draft(year: int, layout: str, *, by, language: str | None = None, background: bool | None = None):
    """Queue a draft of the year's report ("Utkast" in every format), numbered apart from the issued versions;
    never listed as issued and never archived. Possible whatever the state of the year's cycle."""
    access = Access.of(by)
    access.require(access.can_issue_report())
    if layout not in LAYOUTS:
        raise ValidationError(_("Ukjent oppsett."))
    return _queue_annual(year, layout, access=access, language=language, background=background, draft=True)


def issued_versions(year: int):
    """The year's issued versions (drafts are not issued)."""
    return (
        IssuedReport.objects.filter(year=year, is_draft=False)
        .select_related("requested_by")
        .order_by("layout", "-version")
    )


def draft_versions(year: int):
    """The year's drafts."""
    return (
        IssuedReport.objects.filter(year=year, is_draft=True)
        .select_related("requested_by")
        .order_by("layout", "-version")
    )


__all__ = [
    "FORMATS",
    "KINDS",
    "DocumentKind",
    "file_name",
    "generate",
    "draft_versions",
    "issue_document",
    "issue_draft",
    "issue_report",
    "issued_versions",
    "require_approved_cycle",
    "register_kind",
    "retry_document",
    "retry_issue",
]
