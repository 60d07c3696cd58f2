from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    """Import: documents (txt, md, pdf, docx, html) → structure → attribution → linking → proposals → review."""

    name = "arena.ingest"
    label = "ingest"
    verbose_name = _("Import")

    def ready(self):
        from arena.ingest.wording import committed, undone
        from arena.register.activity_log import name_actions

        name_actions(
            {
                "ingest.batch.stored": _("lastet opp %(file)s med %(proposals)s forslag"),
                "ingest.batch.committed": lambda data: committed(data, _("lagret i registeret: %(counts)s")),
                "ingest.batch.undone": lambda data: undone(data, _("angret importen: %(counts)s")),
            }
        )
