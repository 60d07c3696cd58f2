"""Building blocks shared by the register's models: periods and provenance."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from arena.register.models.labels import ChoiceLabels
from arena.register.models.names import other_names
from arena.register.tree import Tree


class Period(ChoiceLabels, models.Model):
    """A stretch of time with an optional start and end; open ends mean 'not known' or 'still going'."""

    starts_on = models.DateField(_("fra"), null=True, blank=True)
    ends_on = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="%(app_label)s_%(class)s_period_order",
                violation_error_message=_("Sluttdatoen kan ikke være før startdatoen."),
            ),
        ]

    def is_active_in(self, year: int) -> bool:
        """True if the period overlaps the calendar year."""
        return (self.starts_on is None or self.starts_on.year <= year) and (
            self.ends_on is None or self.ends_on.year >= year
        )

    @property
    def period_label(self) -> str:
        start = self.starts_on.year if self.starts_on else ""
        end = self.ends_on.year if self.ends_on else ""
        return f"{start}–{end}" if (start or end) else ""


def active_in_year(year: int, prefix: str = "") -> Q:
    """A filter for rows whose period overlaps `year`; `prefix` reaches a related model's period."""
    return (Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__year__lte": year})) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__year__gte": year})
    )


class SourceDocument(models.Model):
    """A document facts were taken from: an annual report, a unit's contribution, a web page."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual_report", _("Årsmelding")
        CONTRIBUTION = "contribution", _("Innspill fra enhet")
        OTHER = "other", _("Annet")

    title = models.CharField(_("tittel"), max_length=300)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    url = models.URLField(_("nettadresse"), blank=True)
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64, blank=True)
    added_at = models.DateTimeField(_("lagt til"), auto_now_add=True)

    class Meta:
        verbose_name = _("kildedokument")
        verbose_name_plural = _("kildedokumenter")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                condition=~Q(sha256=""),
                name="register_sourcedocument_unique_sha256",
                violation_error_message=_("Dette dokumentet er allerede registrert."),
            ),
            models.UniqueConstraint(
                fields=["title", "year"],
                name="register_sourcedocument_unique_title_year",
                violation_error_message=_(
                    "Et kildedokument med denne tittelen og dette året finnes allerede."
                ),
            ),
            models.UniqueConstraint(
                fields=["title"],
                condition=Q(year__isnull=True),
                name="register_sourcedocument_unique_title_without_year",
                violation_error_message=_("Et kildedokument med denne tittelen og uten år finnes allerede."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Provenance(ChoiceLabels, models.Model):
    """Where a fact came from: a source document, the section in it and the character span."""

    source = models.ForeignKey(
        SourceDocument,
        verbose_name=_("kilde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_section = models.CharField(_("kapittel/avsnitt i kilden"), max_length=300, blank=True)
    source_start = models.PositiveIntegerField(_("fra tegn"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("til tegn"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def provenance_label(self) -> str:
        parts = [str(self.source) if self.source else "", self.source_section]
        return ", ".join(p for p in parts if p)


def span_order_constraint(model_name: str) -> models.CheckConstraint:
    """Named check that a provenance span does not end before it starts."""
    return models.CheckConstraint(
        condition=Q(source_start__isnull=True)
        | Q(source_end__isnull=True)
        | Q(source_end__gte=F("source_start")),
        name=f"register_{model_name}_source_span_order",
        violation_error_message=_("Kildespennet kan ikke slutte før det begynner."),
    )


class NamesSnapshot(models.Model):
    """Abstract base of the history tables of named entities: the entity's other names (its ALIAS rows) as they
    were in that version, so a diff shows name changes and a restore brings names back."""

    other_names = models.JSONField(_("andre navn"), null=True, blank=True)

    class Meta:
        abstract = True


class RecordHistory(HistoricalRecords):
    """django-simple-history's change log, shaped for the register's one write path (arena.register.changes).

    - A save that also changes many-to-many relations (and names) is recorded by the write path as one
      version, attributed to the actor and labelled with the action; relation changes on their own never make a
      version (`m2m_changed` is a no-op), so `.set()`/`.add()` do not leave half-linked intermediate versions,
      and loading a backup or fixture (`loaddata`, raw saves) fabricates none.
    - `names=True` adds the entity's other names to every version (`NamesSnapshot`).
    """

    def __init__(self, *args, names: bool = False, **kwargs):
        if names:
            kwargs["bases"] = [NamesSnapshot]
        super().__init__(*args, **kwargs)

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if hasattr(sender._meta, "simple_history_manager_attribute") and not sender._meta.abstract:
            sender._record_history = self

    def m2m_changed(self, *args, **kwargs):
        """Relation changes are part of the version the write path records for the whole action."""
        return

    def create_historical_record(self, instance, history_type, using=None):
        if history_type != "-":
            instance._history_other_names = other_names(instance) if hasattr(instance, "aliases") else None
        return super().create_historical_record(instance, history_type, using=using)


@receiver(pre_create_historical_record)
def _snapshot_names(sender, instance, history_instance, **kwargs):
    if isinstance(history_instance, NamesSnapshot):
        history_instance.other_names = getattr(instance, "_history_other_names", None)


def parent_cycle_check(obj, message):
    """Refuse a parent that would put `obj` under itself (also safe on a cycle higher up)."""
    if obj.pk is None or obj.parent_id is None:
        return
    tree = Tree(dict(type(obj).objects.values_list("pk", "parent_id")))
    if tree.would_cycle(obj.pk, obj.parent_id):
        raise ValidationError({"parent": message})
