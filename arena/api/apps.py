from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (/api/v1/), its OpenAPI schema and per-user API tokens."""

    name = "arena.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from arena.api import schema  # noqa: F401 - registers the token scheme with drf-spectacular
        from arena.register.activity_log import name_actions

        name_actions(
            {
                "api.token.created": _("API-nøkkel opprettet: %(name)s"),
                "api.token.revoked": _("API-nøkkel trukket tilbake: %(name)s"),
            }
        )
