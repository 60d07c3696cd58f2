"""A proposal of a new arena or organisation. The proposed entry itself is an ordinary register record, made
through the write path when the proposal is made; while its proposal is *pending* only the proposer and the
coordinator see it (`Access.visible`). The proposal is the workflow around it: who proposed it and why, and the
coordinator's decision. It is not versioned; each step is an entry in the activity log (`changes.log`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from arena.urlcache import reverse_id


class Suggestion(models.Model):
    """One proposed arena or organisation and the coordinator's decision on it."""

    class Kind(models.TextChoices):
        ARENA = "arena", _("Arena")
        ORGANISATION = "organisation", _("Organisasjon")

    class Status(models.TextChoices):
        PENDING = "pending", _("Foreslått")
        ACCEPTED = "accepted", _("Godtatt")
        MERGED = "merged", _("Slått sammen")
        REJECTED = "rejected", _("Avvist")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    arena = models.ForeignKey(
        "register.Arena",
        verbose_name=_("arena"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    name = models.CharField(_("foreslått navn"), max_length=360)
    reason = models.TextField(_("begrunnelse"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("foreslått av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("foreslått"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("avgjort av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("avgjort"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    merged_into_arena = models.ForeignKey(
        "register.Arena",
        verbose_name=_("slått sammen med arena"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into_organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("slått sammen med organisasjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind"], name="suggestions_status_kind")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="pending")
                | Q(kind="arena", arena__isnull=False, organisation__isnull=True)
                | Q(kind="organisation", organisation__isnull=False, arena__isnull=True),
                name="suggestions_suggestion_pending_has_entry",
                violation_error_message=_(
                    "Et forslag som venter, må gjelde nøyaktig én arena eller organisasjon."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("suggestion-detail", self.pk)

    @property
    def record(self):
        """The proposed register entry (None once merged or rejected)."""
        return self.arena if self.kind == self.Kind.ARENA else self.organisation

    @property
    def merged_into(self):
        return self.merged_into_arena if self.kind == self.Kind.ARENA else self.merged_into_organisation

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
