from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Open data: the public part of the register as CSV and JSON files with a DCAT-AP-NO catalogue."""

    name = "arena.opendata"
    label = "opendata"
    verbose_name = _("Åpne data")
