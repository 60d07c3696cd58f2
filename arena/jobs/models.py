"""Bookkeeping for the background worker: which worker processes are alive (heartbeats) and when each
periodic job was last enqueued. The tasks themselves live in django_tasks_db's DBTaskResult table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A worker process that is (or was) running; `seen_at` is refreshed every few seconds while it lives."""

    worker_id = models.CharField(_("arbeider-id"), max_length=64, unique=True)
    host = models.CharField(_("maskin"), max_length=255)
    pid = models.PositiveIntegerField(_("prosess-id"))
    started_at = models.DateTimeField(_("startet"), auto_now_add=True)
    seen_at = models.DateTimeField(_("sist sett"))

    class Meta:
        verbose_name = _("arbeiderprosess")
        verbose_name_plural = _("arbeiderprosesser")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class ScheduleRun(models.Model):
    """When a periodic job (by name) was last enqueued, so several workers enqueue it once per period."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("sist lagt i kø"))

    class Meta:
        verbose_name = _("periodisk jobb")
        verbose_name_plural = _("periodiske jobber")

    def __str__(self) -> str:
        return self.name
