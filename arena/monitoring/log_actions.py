"""Labels of the monitoring log's activity-log actions (arena.register.activity_log)."""

from django.utils.translation import gettext_lazy as _

ENTRY_ACCEPTED = "monitoring.feed_entry.accepted"
ENTRY_DISCARDED = "monitoring.feed_entry.discarded"
FEED_POLLED = "monitoring.feed.polled"
REPORT_TO_REVIEW = "monitoring.report.to_review"
REPORT_TO_DRAFT = "monitoring.report.to_draft"
REPORT_ISSUED = "monitoring.report.issued"
REPORT_DISTRIBUTED = "monitoring.report.distributed"


def register_labels() -> None:
    from arena.register.activity_log import name_actions

    name_actions(
        {
            ENTRY_ACCEPTED: _("godtok oppføringen som notis"),
            ENTRY_DISCARDED: _("forkastet oppføringen"),
            FEED_POLLED: _("hentet nyhetsstrømmen (%(new)s nye oppføringer)"),
            REPORT_TO_REVIEW: _("sendte rapporten til gjennomgang"),
            REPORT_TO_DRAFT: _("sendte rapporten tilbake til utkast"),
            REPORT_ISSUED: _("ga ut versjon %(version)s av rapporten"),
            REPORT_DISTRIBUTED: _("sendte rapporten til %(count)s mottakere"),
        }
    )
