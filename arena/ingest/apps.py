from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    """Import: documents (txt, md, pdf, docx, html) → structure → attribution → linking → proposals → review."""

    name = "arena.ingest"
    label = "ingest"
    verbose_name = _("Import")

    def ready(self):
        from arena.register.activity_log import name_actions

        name_actions(
            {
                "ingest.batch.stored": _("lastet opp %(file)s med %(proposals)s forslag"),
                "ingest.batch.committed": _(
                    "lagret i registeret: %(organisations)s organisasjoner, %(arenas)s arenaer, "
                    "%(aliases)s navn, %(engagements)s deltakelser, %(activities)s aktiviteter"
                ),
                "ingest.batch.undone": _(
                    "angret importen: %(deleted)s oppføringer slettet, %(restored)s satt tilbake"
                ),
            }
        )
