"""An imported document waiting for review, and the proposals it made.

An `ImportBatch` keeps the document's cleaned text and its structure, so every proposal can be shown beside the
words it came from. A `Proposal` is one entity, engagement or activity the coordinator accepts, edits, merges
into an existing register entry or rejects; committing the batch writes the accepted ones to the register in
one transaction (see arena.ingest.review).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One document read for import: its text, structure and proposals, until they are committed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Til gjennomgang")
        COMMITTED = "committed", _("Lagret i registeret")
        UNDONE = "undone", _("Angret")

    file_name = models.CharField(_("filnavn"), max_length=255)
    title = models.CharField(_("tittel"), max_length=300)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10)
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64, db_index=True)
    text = models.TextField(_("renset tekst"))
    sections = models.JSONField(_("kapitler og avsnitt"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    source = models.ForeignKey(
        "register.SourceDocument",
        verbose_name=_("kildedokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("importert"), auto_now_add=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lagret av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    committed_at = models.DateTimeField(_("lagret"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angret av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("angret"), null=True, blank=True)
    # What the first commit did to the source document (not a versioned record), so undo can put it back.
    source_created = models.BooleanField(_("kildedokumentet ble laget av importen"), default=False)
    source_sha256_set = models.BooleanField(_("importen ga kildedokumentet sjekksum"), default=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.file_name})"

    def get_absolute_url(self) -> str:
        return reverse("ingest-batch", args=[self.pk])


class Proposal(models.Model):
    """One proposed register entry, with where in the document it came from."""

    class Kind(models.TextChoices):
        ENTITY = "entity", _("Ny organisasjon, arena eller program")
        ENGAGEMENT = "engagement", _("Deltakelse")
        ACTIVITY = "activity", _("Aktivitet")

    class Status(models.TextChoices):
        PENDING = "pending", _("Ikke vurdert")
        ACCEPTED = "accepted", _("Godtatt")
        MERGED = "merged", _("Slått sammen med eksisterende")
        REJECTED = "rejected", _("Avvist")
        COMMITTED = "committed", _("Lagret")
        KNOWN = "known", _("Finnes i registeret")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    ref = models.CharField(
        _("referanse"), max_length=20, help_text=_("Forslagets nøkkel i importen (e1, l1, a1).")
    )
    order = models.PositiveIntegerField(_("rekkefølge"), default=0)
    payload = models.JSONField(_("forslag"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    merge_model = models.CharField(_("slått sammen med (type)"), max_length=20, blank=True)
    merge_pk = models.PositiveIntegerField(_("slått sammen med (id)"), null=True, blank=True)
    known = models.BooleanField(
        _("finnes"), default=False, help_text=_("Registeret har allerede det forslaget beskriver.")
    )
    unit = models.ForeignKey(
        "register.Unit",
        verbose_name=_("enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Enheten forslaget gjelder (for deltakelser og aktiviteter)."),
    )
    section = models.CharField(_("kapittel/avsnitt"), max_length=300, blank=True)
    start = models.PositiveIntegerField(_("fra tegn"), null=True, blank=True)
    end = models.PositiveIntegerField(_("til tegn"), null=True, blank=True)
    result_model = models.CharField(_("lagret som (type)"), max_length=20, blank=True)
    result_pk = models.PositiveIntegerField(_("lagret som (id)"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vurdert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("vurdert"), null=True, blank=True)

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["batch", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "ref"],
                name="ingest_proposal_unique_ref",
                violation_error_message=_("Importen har allerede et forslag med denne referansen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        p = self.payload
        if self.kind == self.Kind.ENTITY:
            return p.get("name", "")
        if self.kind == self.Kind.ENGAGEMENT:
            return f"{p.get('unit', '')} – {p.get('entity', '')}"
        return p.get("title", "")
