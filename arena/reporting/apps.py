from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The annual reporting cycle and the generated report (one document model → HTML, DOCX, PDF)."""

    name = "arena.reporting"
    label = "reporting"
    verbose_name = _("Årsmelding")
