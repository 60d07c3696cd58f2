"""The annual reporting cycle: the coordinator's cycle per year with its editorial texts, one submission per unit,
and the issued versions of the generated report with their files.

Rules are named constraints (`reporting_<model>_<rule>`) with bokmål messages; the workflow itself (who may move
a submission from which state to which) lives in arena.reporting.cycle as plain functions.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arena.register.models.base import RecordHistory

YEAR_RANGE = Q(year__gte=1990) & Q(year__lte=2100)


class ReportStorage(FileSystemStorage):
    """Issued report files: `REPORTING_FILES_DIR` if set, else `<ARENA_DATA_DIR>/reports`. Read at each use,
    so tests can point it elsewhere; never overwrites a file (a taken name gets a suffix)."""

    def _dir(self) -> Path:
        configured = getattr(settings, "REPORTING_FILES_DIR", None)
        return Path(configured) if configured else Path(settings.DATA_DIR) / "reports"

    @property
    def base_location(self):
        return str(self._dir())

    @property
    def location(self):
        return str(self._dir().resolve())

    @property
    def base_url(self):
        return None


def report_storage() -> ReportStorage:
    return ReportStorage()


class Layout(models.TextChoices):
    UNIT = "unit", _("Ordnet etter enhet")
    AREA = "area", _("Ordnet etter satsningsområde")


class ReportingCycle(models.Model):
    """One year's reporting: opened by the coordinator with a deadline and instructions, approved when every
    unit's submission is approved. Holds the coordinator's editorial texts and the appendix selection."""

    class Status(models.TextChoices):
        OPEN = "open", _("Åpen")
        APPROVED = "approved", _("Godkjent")

    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    deadline = models.DateField(_("frist"))
    instructions = models.TextField(_("veiledning til enhetene"), blank=True)
    preface = models.TextField(_("forord"), blank=True)
    about = models.TextField(_("om årsmeldingen"), blank=True)
    summary = models.TextField(_("sammendrag"), blank=True)
    afterword = models.TextField(_("etterord"), blank=True)
    guiding_documents = models.ManyToManyField(
        "register.GuidingDocument",
        verbose_name=_("styrende dokumenter i vedlegget"),
        blank=True,
        related_name="+",
        help_text=_("Ingen valgt: alle dokumenter som gjaldt i året."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("åpnet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("åpnet"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkjent av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkjent"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapporteringsrunde")
        verbose_name_plural = _("rapporteringsrunder")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="reporting_reportingcycle_unique_year",
                violation_error_message=_("Det finnes allerede en rapporteringsrunde for dette året."),
            ),
            models.CheckConstraint(
                condition=YEAR_RANGE,
                name="reporting_reportingcycle_year_range",
                violation_error_message=_("Året må være mellom 1990 og 2100."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(approved_at__isnull=False),
                name="reporting_reportingcycle_approved_has_time",
                violation_error_message=_("En godkjent rapporteringsrunde må ha godkjenningstidspunkt."),
            ),
        ]

    def __str__(self) -> str:
        return _("Rapporteringsrunde %(year)d") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("reporting-cycle", args=[self.year])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Submission(models.Model):
    """A unit's contribution to a year's report: pre-filled from the register, completed by the unit's
    international contact (who corrects activities and the outlook in the register), submitted, then returned
    with a comment or approved by the coordinator."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Levert")
        RETURNED = "returned", _("Sendt tilbake")
        APPROVED = "approved", _("Godkjent")

    cycle = models.ForeignKey(
        ReportingCycle,
        verbose_name=_("rapporteringsrunde"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        "register.Unit", verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    remarks = models.TextField(
        _("merknad til koordinator"), blank=True, help_text=_("Hva er rettet eller lagt til, og hva mangler.")
    )
    coordinator_comment = models.TextField(_("kommentar fra koordinator"), blank=True)
    prefilled = models.JSONField(
        _("forhåndsutfylt fra registeret"),
        default=dict,
        blank=True,
        help_text=_(
            "Enhetens deltakelser og årets aktiviteter slik registeret viste dem da runden ble åpnet."
        ),
    )
    prefilled_at = models.DateTimeField(_("forhåndsutfylt"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("levert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("levert"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("innspill")
        verbose_name_plural = _("innspill")
        ordering = ["cycle", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit"],
                name="reporting_submission_unique_unit",
                violation_error_message=_("Enheten har allerede et innspill i denne rapporteringsrunden."),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(coordinator_comment=""),
                name="reporting_submission_returned_has_comment",
                violation_error_message=_(
                    "Et innspill som sendes tilbake, må ha en kommentar fra koordinator."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="reporting_submission_submitted_has_time",
                violation_error_message=_("Et levert innspill må ha leveringstidspunkt."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.cycle.year}"

    def get_absolute_url(self) -> str:
        return reverse("reporting-submission", args=[self.cycle.year, self.unit_id])

    @property
    def is_editable(self) -> bool:
        """The unit may change it while it is a draft or has been returned."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class EditorialText(models.Model):
    """An editorial text of a year's report, written with Markdown-style formatting (arena.reporting.markup):
    the coordinator's text at the start of a chapter or of a priority area's section, or a unit's introduction
    and "what matters next", which the unit's international contact writes as part of the submission. Versioned
    and written through the register's one write path (arena.reporting.editorial); a unit's texts are locked
    with its records of the year when its submission is approved (Access.locks)."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("Innledning til kapittel")
        UNIT_INTRO = "unit_intro", _("Enhetens innledning")
        UNIT_NEXT = "unit_next", _("Hva blir viktig fremover for enheten")
        AREA = "area", _("Innledning til satsningsområde")

    UNIT_KINDS = (Kind.UNIT_INTRO, Kind.UNIT_NEXT)

    cycle = models.ForeignKey(
        ReportingCycle,
        verbose_name=_("rapporteringsrunde"),
        on_delete=models.CASCADE,
        related_name="editorial_texts",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    chapter = models.CharField(_("kapittel"), max_length=60, blank=True)
    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("enhet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    area = models.ForeignKey(
        "register.Area",
        verbose_name=_("satsningsområde"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("tekst"), blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    history = RecordHistory()

    class Meta:
        verbose_name = _("redaksjonell tekst")
        verbose_name_plural = _("redaksjonelle tekster")
        ordering = ["cycle", "kind", "chapter", "unit", "area"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="chapter") & ~Q(chapter="") & Q(unit__isnull=True) & Q(area__isnull=True))
                | (
                    Q(kind__in=["unit_intro", "unit_next"])
                    & Q(chapter="")
                    & Q(unit__isnull=False)
                    & Q(area__isnull=True)
                )
                | (Q(kind="area") & Q(chapter="") & Q(unit__isnull=True) & Q(area__isnull=False)),
                name="reporting_editorialtext_one_target",
                violation_error_message=_(
                    "En redaksjonell tekst hører til ett kapittel, én enhet eller ett område."
                ),
            ),
            models.UniqueConstraint(
                fields=["cycle", "chapter"],
                condition=Q(kind="chapter"),
                name="reporting_editorialtext_unique_chapter",
                violation_error_message=_("Kapitlet har allerede en tekst i denne rapporteringsrunden."),
            ),
            models.UniqueConstraint(
                fields=["cycle", "kind", "unit"],
                condition=Q(unit__isnull=False),
                name="reporting_editorialtext_unique_unit",
                violation_error_message=_("Enheten har allerede denne teksten i denne rapporteringsrunden."),
            ),
            models.UniqueConstraint(
                fields=["cycle", "area"],
                condition=Q(area__isnull=False),
                name="reporting_editorialtext_unique_area",
                violation_error_message=_("Området har allerede en tekst i denne rapporteringsrunden."),
            ),
        ]

    def __str__(self) -> str:
        target = self.chapter or (
            self.unit.short_name if self.unit_id else self.area.name if self.area_id else ""
        )
        return f"{self.get_kind_display()}: {target} ({self.cycle.year})"

    def get_absolute_url(self) -> str:
        if self.unit_id:
            return reverse("reporting-submission", args=[self.cycle.year, self.unit_id])
        return reverse("reporting-texts", args=[self.cycle.year])

    @property
    def year(self) -> int:
        """The report's year (what approval locks, see Access.locks)."""
        return self.cycle.year

    @property
    def is_unit_text(self) -> bool:
        return self.kind in self.UNIT_KINDS


def _issued_path(instance: "IssuedDocument", filename: str) -> str:
    return instance.file_path(filename)


class IssuedDocument(models.Model):
    """What every issued document has, whatever its kind (the annual report, a monitoring situation report …):
    a version number, generation status and progress, the HTML, DOCX and PDF files with their checksums, and
    who asked for it when. Generated by arena.reporting.issuing through the kind's entry in `issuing.KINDS`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Lages")
        DONE = "done", _("Utgitt")
        FAILED = "failed", _("Feilet")

    version = models.PositiveIntegerField(_("versjon"))
    language = models.CharField(_("språk"), max_length=10, default="nb")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("fremdrift (prosent)"), default=0)
    step = models.CharField(_("trinn"), max_length=200, blank=True)
    error = models.TextField(_("feilmelding"), blank=True)
    html_file = models.FileField(_("HTML-fil"), storage=report_storage, upload_to=_issued_path, blank=True)
    docx_file = models.FileField(_("Word-fil"), storage=report_storage, upload_to=_issued_path, blank=True)
    pdf_file = models.FileField(_("PDF-fil"), storage=report_storage, upload_to=_issued_path, blank=True)
    checksums = models.JSONField(_("sjekksummer (SHA-256)"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestilt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    issued_at = models.DateTimeField(_("utgitt"), null=True, blank=True)

    # The document kind's name in arena.reporting.issuing.KINDS.
    document_kind = "annual"

    class Meta:
        abstract = True

    def file_path(self, filename: str) -> str:
        """Where the version's files are stored, relative to the report storage."""
        raise NotImplementedError

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def file_for(self, fmt: str):
        return {"html": self.html_file, "docx": self.docx_file, "pdf": self.pdf_file}[fmt]


class IssuedReport(IssuedDocument):
    """One issued version of a year's report in one layout, with its HTML, DOCX and PDF files. A new issue is a
    new version; an issued version's files are never overwritten."""

    year = models.PositiveSmallIntegerField(_("år"))
    layout = models.CharField(_("oppsett"), max_length=10, choices=Layout.choices)
    # A draft ("Utkast") is made before the year's cycle is approved: marked as a draft in every format, numbered
    # apart from the issued versions, never listed as issued and never archived.
    is_draft = models.BooleanField(_("utkast"), default=False)

    class Meta:
        verbose_name = _("utgitt årsmelding")
        verbose_name_plural = _("utgitte årsmeldinger")
        ordering = ["-year", "layout", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "layout", "is_draft", "version"],
                name="reporting_issuedreport_unique_version",
                violation_error_message=_("Denne versjonen av årsmeldingen finnes allerede."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="reporting_issuedreport_progress_range",
                violation_error_message=_("Fremdriften må være mellom 0 og 100 prosent."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(issued_at__isnull=False),
                name="reporting_issuedreport_done_has_time",
                violation_error_message=_("En utgitt årsmelding må ha utgivelsestidspunkt."),
            ),
        ]

    def __str__(self) -> str:
        if self.is_draft:
            return _("Utkast til årsmelding %(year)d, %(layout)s, nr. %(version)d") % {
                "year": self.year,
                "layout": self.get_layout_display().lower(),
                "version": self.version,
            }
        return _("Årsmelding %(year)d, %(layout)s, versjon %(version)d") % {
            "year": self.year,
            "layout": self.get_layout_display().lower(),
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("reporting-issued", args=[self.pk])

    def file_path(self, filename: str) -> str:
        folder = f"utkast{self.version}" if self.is_draft else f"v{self.version}"
        return f"{self.year}/{self.layout}/{folder}/{filename}"
