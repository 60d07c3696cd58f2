from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _submitted(data: dict) -> str:
    from arena.register.activity_log import count

    activities, engagements = count(data, "activities"), count(data, "engagements")
    return _("leverte innspillet (%(activities)s, %(engagements)s)") % {
        "activities": ngettext("%(n)d aktivitet", "%(n)d aktiviteter", activities) % {"n": activities},
        "engagements": ngettext("%(n)d deltakelse", "%(n)d deltakelser", engagements) % {"n": engagements},
    }


class ReportingConfig(AppConfig):
    """The annual reporting cycle and the generated report (one document model → HTML, DOCX, PDF)."""

    name = "arena.reporting"
    label = "reporting"
    verbose_name = _("Årsmelding")

    def ready(self):
        from arena.register.activity_log import name_actions

        name_actions(
            {
                "reporting.cycle.opened": _(
                    "åpnet rapporteringsrunden (frist %(deadline)s, %(units)s innspill)"
                ),
                "reporting.cycle.approved": _("godkjente rapporteringsrunden"),
                "reporting.cycle.reopened": _(
                    "åpnet rapporteringsrunden igjen for å endre innspillet fra %(unit)s: %(reason)s"
                ),
                "reporting.cycle.texts_edited": _("endret redaksjonelle tekster"),
                "reporting.submission.saved": _("lagret merknader"),
                "reporting.submission.refreshed": _("hentet innspillet på nytt fra registeret"),
                "reporting.submission.submitted": _submitted,
                "reporting.submission.returned": _("sendte innspillet tilbake: %(comment)s"),
                "reporting.submission.approved": _("godkjente innspillet"),
                "reporting.submission.reopened": _("åpnet det godkjente innspillet igjen: %(reason)s"),
                "reporting.editorial.saved": _("endret innledninger i årsmeldingen: %(texts)s"),
                "reporting.editorial.unit_saved": _("endret enhetens tekster i årsmeldingen: %(texts)s"),
                "reporting.report.issued": _("utga årsmeldingen, versjon %(version)s"),
                "reporting.report.drafted": _("laget utkast nr. %(version)s til årsmeldingen"),
                "reporting.report.failed": _("versjon %(version)s kunne ikke lages: %(error)s"),
                "reporting.report.retried": _("startet versjon %(version)s på nytt"),
            }
        )
