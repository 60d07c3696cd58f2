"""The activity log: one row per workflow step (a cycle opened, a submission delivered or returned, texts
edited, a report issued, an import committed, a version restored), attributed to who did it.

Record changes themselves are in each model's history (arena.register.changes); this log is for the steps a
history does not show — what happened, by whom, with which details."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LogEntry(models.Model):
    """One step of a workflow on one record: who, when, which action and its details."""

    when = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_system = models.BooleanField(_("utført av systemet"), default=False)
    action = models.CharField(_("handling"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    target_repr = models.CharField(_("gjelder"), max_length=300)
    data = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("loggføring")
        verbose_name_plural = _("aktivitetslogg")
        ordering = ["-when", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="register_log_target")]

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"
