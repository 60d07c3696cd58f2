"""A notification to one person (in the app when they have a user account, by e-mail unless they turned the
kind off), and the users' e-mail opt-outs per kind."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mottaker"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("e-post"), blank=True)
    kind = models.CharField(_("type"), max_length=100)
    title = models.CharField(_("tittel"), max_length=300)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("lenke"), max_length=500, blank=True)
    # Set for notifications that must be sent once only (reminders): kind + key are unique.
    dedupe_key = models.CharField(_("nøkkel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("laget"), auto_now_add=True)
    read_at = models.DateTimeField(_("lest"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sendt på e-post"), null=True, blank=True)

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="notifications_notification_has_recipient",
                violation_error_message=_("Et varsel må ha en mottaker eller en e-postadresse."),
            ),
            models.UniqueConstraint(
                fields=["kind", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notifications_notification_once",
                violation_error_message=_("Dette varselet er allerede sendt."),
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url or reverse("notification-list")


class EmailOptOut(models.Model):
    """The user does not want e-mail of this kind (the in-app notification still comes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=100)

    class Meta:
        verbose_name = _("reservasjon mot e-post")
        verbose_name_plural = _("reservasjoner mot e-post")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notifications_emailoptout_unique",
                violation_error_message=_("Brukeren har allerede reservert seg mot denne e-posten."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}"
