from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in: throttled local sign-in (django-axes), changing one's own password."""

    name = "arena.accounts"
    label = "accounts"
    verbose_name = _("Innlogging")
