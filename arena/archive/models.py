"""The record of each hand-off to the archive: which issued document, which package, who and when.

A hand-off belongs to any archivable document (arena.archive.kinds), so it points to its document by content
type and id rather than by a foreign key to one model; the reporting app needs no migration for it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchiveHandoff(models.Model):
    """One issued document packaged as an arkivmelding for the Noark 5 archive."""

    kind = models.CharField(_("dokumenttype"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("dokument"))
    document = GenericForeignKey("content_type", "object_id")
    message_id = models.UUIDField(_("meldings-ID"), unique=True)
    package = models.CharField(
        _("pakke"), max_length=300, help_text=_("Mappen arkivmeldingen ble skrevet til.")
    )
    checksums = models.JSONField(_("sjekksummer (SHA-256)"), default=dict)
    handed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overlevert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_system = models.BooleanField(_("av systemet"), default=False)
    handed_off_at = models.DateTimeField(_("overlevert"), auto_now_add=True)

    class Meta:
        verbose_name = _("overlevering til arkiv")
        verbose_name_plural = _("overleveringer til arkiv")
        ordering = ["-handed_off_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="archive_handoff_document")]

    def __str__(self) -> str:
        return _("Overlevering %(message)s") % {"message": self.message_id}

    @classmethod
    def of(cls, document):
        """The hand-offs of one document, newest first."""
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(type(document)), object_id=document.pk
        )
