"""The monitoring app's registrations: the situation report as a document kind of arena.reporting.issuing
(same renderers, versioning and failure handling as the annual report) and its notification kind."""

from django.utils.translation import gettext_lazy as _

from arena.notifications.kinds import register
from arena.reporting.issuing import DocumentKind, register_kind


def _build(version):
    from arena.monitoring.reports import build_document

    return build_document(version.report, language=version.language)


def _stem(version) -> str:
    report = version.report
    return f"situasjonsrapport-{report.kind}-{report.starts_on:%Y-%m-%d}-v{version.version}"


def _after_done(version) -> None:
    from arena.monitoring.reports import distribute

    distribute(version)


def _model():
    from arena.monitoring.models import SituationReportVersion

    return SituationReportVersion


SITUATION_REPORT = "situation_report"

register_kind(
    DocumentKind(
        name=SITUATION_REPORT,
        model=_model(),
        build=_build,
        file_stem=_stem,
        may_retry=lambda access, version: access.can_issue_situation_report(version.report),
        after_done=_after_done,
    )
)

REPORT_ISSUED = register(
    "monitoring.report_issued",
    _("Situasjonsrapport utgitt"),
    _("Til følge-med-teamet når en situasjonsrapport er utgitt."),
)
