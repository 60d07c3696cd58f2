"""Sign-in identities from the OpenID Connect provider (Microsoft Entra ID).

A person signing in with single sign-on is known by the provider's issuer and the immutable object id (`oid`)
it gives them — never by e-mail address or user name, which change. The unit roles that sign-in granted from
the token's `roles` claim are remembered, so the next sign-in ends exactly those when the claim no longer
carries them; roles given by hand in Arena are left alone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OidcIdentity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brukerkonto"),
        on_delete=models.CASCADE,
        related_name="oidc_identities",
    )
    issuer = models.CharField(_("utsteder"), max_length=300)
    oid = models.CharField(
        _("objekt-ID"),
        max_length=200,
        help_text=_("Den uforanderlige ID-en brukeren har hos utstederen (oid)."),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    last_sign_in = models.DateTimeField(_("sist innlogget"), null=True, blank=True)

    class Meta:
        verbose_name = _("innloggingsidentitet")
        verbose_name_plural = _("innloggingsidentiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "oid"], name="accounts_oidcidentity_unique_oid"),
        ]

    def __str__(self) -> str:
        return f"{self.oid} ({self.issuer})"


class OidcRoleGrant(models.Model):
    """A unit role that single sign-on gave (from an app role in the token)."""

    identity = models.ForeignKey(OidcIdentity, on_delete=models.CASCADE, related_name="grants")
    unit_role = models.OneToOneField("register.UnitRole", on_delete=models.CASCADE, related_name="oidc_grant")

    class Meta:
        verbose_name = _("rolle fra innlogging")
        verbose_name_plural = _("roller fra innlogging")

    def __str__(self) -> str:
        return str(self.unit_role)
