"""Issuing the report: each issue is a new numbered version (per year and layout) whose HTML, DOCX and PDF files
are stored through Django's storage with who and when; an issued version is never regenerated or overwritten.

Generation runs in a background thread (no task queue is installed): the request creates the IssuedReport row,
and after the transaction commits a thread builds the report once and renders the three formats, writing its
progress to the row, which the version's page shows while it runs. With `REPORTING_BACKGROUND = False` (tests,
the command line) it runs in the caller's thread. A thread does not survive a server restart: a version left
"running" by a restart stays so and can simply be issued again (a new version).
"""

import hashlib
import logging
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arena.register.changes import log
from arena.register.permissions import Access
from arena.reporting.builder import LAYOUTS, build_report
from arena.reporting.models import IssuedReport
from arena.reporting.renderers import FORMATS, render

logger = logging.getLogger(__name__)

# Share of the work each step takes (PDF layout is by far the slowest), for the progress bar.
STEPS = (("build", 10), ("html", 5), ("docx", 20), ("pdf", 65))


def file_name(issued: IssuedReport, fmt: str) -> str:
    return f"arsmelding-{issued.year}-{issued.layout}-v{issued.version}.{fmt}"


def _progress(pk: int, progress: int, step: str, **fields) -> None:
    IssuedReport.objects.filter(pk=pk).update(progress=progress, step=step, **fields)


def generate(pk: int) -> IssuedReport:
    """Build and render a queued version, storing its files; marks it done or failed."""
    issued = IssuedReport.objects.get(pk=pk)
    if issued.status != IssuedReport.Status.QUEUED:
        raise ValidationError(_("Denne versjonen er allerede laget og kan ikke lages på nytt."))
    labels = {
        "build": _("Henter data fra registeret"),
        "html": _("Lager HTML"),
        "docx": _("Lager Word-dokument"),
        "pdf": _("Lager PDF"),
    }
    done = 0
    try:
        _progress(pk, 0, labels["build"], status=IssuedReport.Status.RUNNING)
        report = build_report(issued.year, issued.layout, language=issued.language)
        done += STEPS[0][1]
        checksums = {}
        for fmt, share in STEPS[1:]:
            _progress(pk, done, labels[fmt])
            data = render(report, fmt)
            field = issued.file_for(fmt)
            field.save(file_name(issued, fmt), ContentFile(data), save=False)
            checksums[fmt] = hashlib.sha256(data).hexdigest()
            done += share
        issued.checksums = checksums
        issued.status = IssuedReport.Status.DONE
        issued.progress = 100
        issued.step = ""
        issued.issued_at = timezone.now()
        issued.save()
    except Exception as exc:  # recorded on the row for the coordinator to see
        logger.exception("generating %s failed", issued)
        _progress(pk, done, "", status=IssuedReport.Status.FAILED, error=f"{type(exc).__name__}: {exc}")
        issued.refresh_from_db()
    return issued


def _generate_in_thread(pk: int, language: str) -> None:
    def run():
        try:
            with translation.override(language):
                generate(pk)
        finally:
            connection.close()

    threading.Thread(target=run, name=f"arena-report-{pk}", daemon=True).start()


ISSUED = "reporting.report.issued"


def issue_report(year: int, layout: str, *, by, language: str | None = None, background: bool | None = None):
    """Queue a new version of the year's report in `layout` and generate it (in the background by default)."""
    access = Access.of(by)
    access.require(access.can_issue_report())
    if layout not in LAYOUTS:
        raise ValidationError(_("Ukjent oppsett."))
    language = language or settings.LANGUAGE_CODE  # the report is bokmål unless asked otherwise
    for _attempt in range(3):
        try:
            with transaction.atomic():
                latest = IssuedReport.objects.filter(year=year, layout=layout).aggregate(v=Max("version"))[
                    "v"
                ]
                issued = IssuedReport.objects.create(
                    year=year,
                    layout=layout,
                    version=(latest or 0) + 1,
                    language=language,
                    requested_by=access.acting_user,
                )
                log(ISSUED, issued, by=access, year=year, layout=layout, version=issued.version)
            break
        except IntegrityError:  # someone issued the same version at the same moment: take the next number
            continue
    else:  # pragma: no cover
        raise ValidationError(_("Kunne ikke reservere et versjonsnummer; prøv igjen."))
    if background if background is not None else getattr(settings, "REPORTING_BACKGROUND", True):
        transaction.on_commit(lambda: _generate_in_thread(issued.pk, language))
        return issued
    return generate(issued.pk)


def issued_versions(year: int):
    return (
        IssuedReport.objects.filter(year=year).select_related("requested_by").order_by("layout", "-version")
    )


__all__ = ["FORMATS", "issue_report", "generate", "issued_versions", "file_name"]
