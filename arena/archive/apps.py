from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Hand-off of issued documents to the agency's Noark 5 archive as arkivmelding packages."""

    name = "arena.archive"
    label = "archive"
    verbose_name = _("Arkiv")

    def ready(self):
        from arena.register.activity_log import name_actions

        name_actions({"archive.handoff": _("overleverte til arkivet (%(package)s)")})
