"""Per-user API tokens. Only a digest of the token is stored; the token itself is shown once, when made."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A secret a user's programs send as `Authorization: Token <token>`; acts with that user's rights."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("bruker"),
    )
    name = models.CharField(_("navn"), max_length=100, help_text=_("Hva nøkkelen brukes til."))
    prefix = models.CharField(
        _("begynnelse"), max_length=12, help_text=_("De første tegnene, for å kjenne den igjen.")
    )
    digest = models.CharField(_("sjekksum"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
