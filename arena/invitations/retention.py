"""Retention: e-mails carry personal data. ARENA_INVITATION_RETENTION_DAYS after an invitation arrived, its
text, HTML and attachment contents are removed; the facts (sender's organisation, arena, kind, dates, place,
unit, answer, attachment names) stay. Each removal is one version of the invitation and one log entry (`invitations.body_removed`, on the
invitation's page); each run logs how many it removed (the application log, and the task's result on the worker). A
periodic task (daily, the worker's schedule) and `python -m arena invitation_retention` run it."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from arena.invitations import log_actions
from arena.invitations.models import Attachment, Invitation, retention_days
from arena.register import changes
from arena.register.permissions import Access

logger = logging.getLogger(__name__)


def due(now: datetime.datetime | None = None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    return Invitation.objects.filter(received_at__lt=cutoff, body_removed_at__isnull=True)


def remove_bodies(now: datetime.datetime | None = None, *, by=None) -> int:
    """Remove the bodies and attachment contents of every invitation past the retention time; returns how many."""
    access = Access.of(by) if by is not None else Access.system()
    now = now or timezone.now()
    count = 0
    for invitation in due(now).iterator():
        with transaction.atomic():
            attachments = list(invitation.attachments.filter(removed_at__isnull=True))
            for attachment in attachments:
                attachment.content = b""
                attachment.removed_at = now
                changes.save(attachment, by=access, action="retention")
            invitation.body_text = ""
            invitation.body_html = ""
            invitation.body_removed_at = now
            changes.save(invitation, by=access, action="retention")
            changes.log(log_actions.BODY_REMOVED, invitation, by=access, attachments=len(attachments))
        count += 1
    logger.info(
        "invitation retention: bodies and attachments removed from %s invitations received before %s",
        count,
        (now - datetime.timedelta(days=retention_days())).date().isoformat(),
    )
    return count


@task()
def retention_task() -> int:
    return remove_bodies()


__all__ = ["Attachment", "due", "remove_bodies", "retention_task"]
