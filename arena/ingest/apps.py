from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    """Import: documents (txt, md, pdf, docx, html) → structure → attribution → linking → proposals → review."""

    name = "arena.ingest"
    label = "ingest"
    verbose_name = _("Import")
