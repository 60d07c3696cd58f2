"""Situation reports: a weekly assessment or a monthly international situation report on a situation, compiled
from the period's items (those open to everyone — a report is read outside the team) and the watched
countries' assessments, moved draft → review → issued, and issued through arena.reporting.issuing as document
kind "situation_report": the annual report's document model and renderers (HTML, DOCX, PDF/A-2a), numbered
versions, files never overwritten. Once a version's files are stored it is sent by e-mail (PDF attached) to the
report's distribution list."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from arena.monitoring import log_actions
from arena.monitoring.kinds import SITUATION_REPORT
from arena.monitoring.models import (
    AccessLevel,
    CountryAssessment,
    MonitoringItem,
    Situation,
    SituationReport,
    SituationReportVersion,
)
from arena.register import changes
from arena.register.permissions import Access
from arena.reporting import issuing
from arena.reporting.builder import renderer_labels
from arena.reporting.document import (
    BulletList,
    Chapter,
    ListItem,
    Note,
    Paragraph,
    Report,
    Section,
    Table,
    number_report,
)

MAX_RECIPIENTS = 200


def default_title(situation: Situation, kind: str, starts_on: datetime.date) -> str:
    if kind == SituationReport.Kind.WEEKLY:
        year, week, _day = starts_on.isocalendar()
        return _("Situasjonsvurdering %(situation)s, uke %(week)d %(year)d") % {
            "situation": situation.name,
            "week": week,
            "year": year,
        }
    return _("Internasjonalt situasjonsbilde %(situation)s, %(month)s") % {
        "situation": situation.name,
        "month": formats.date_format(starts_on, "F Y").lower(),
    }


def period_of(kind: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The ISO week or calendar month containing `day`."""
    if kind == SituationReport.Kind.WEEKLY:
        monday = day - datetime.timedelta(days=day.weekday())
        return monday, monday + datetime.timedelta(days=6)
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def create_report(situation: Situation, kind: str, day: datetime.date, *, by, **fields) -> SituationReport:
    """A new draft report for the week or month containing `day`."""
    access = Access.of(by)
    access.require(access.can_issue_situation_report())
    starts_on, ends_on = period_of(kind, day)
    report = SituationReport(
        situation=situation,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        title=fields.pop("title", "") or default_title(situation, kind, starts_on),
        **fields,
    )
    return changes.save(report, by=access, validate=True)


def _step(report: SituationReport, to: str, action: str, *, by, allowed_from: tuple[str, ...]):
    access = Access.of(by)
    access.require(access.can_issue_situation_report(report))
    if report.status not in allowed_from:
        raise ValidationError(_("Rapporten har ikke riktig status for dette steget."))
    report.status = to
    changes.save(report, by=access)
    changes.log(action, report, by=access)
    return report


def send_to_review(report: SituationReport, *, by) -> SituationReport:
    return _step(
        report, SituationReport.Status.REVIEW, log_actions.REPORT_TO_REVIEW, by=by, allowed_from=("draft",)
    )


def send_back_to_draft(report: SituationReport, *, by) -> SituationReport:
    return _step(
        report, SituationReport.Status.DRAFT, log_actions.REPORT_TO_DRAFT, by=by, allowed_from=("review",)
    )


def issue(report: SituationReport, *, by, background: bool | None = None) -> SituationReportVersion:
    """Issue a reviewed report (or issue an issued one again, as a new version): a new numbered version whose
    files are generated (in the background by default) and then sent to the distribution list."""
    access = Access.of(by)
    access.require(access.can_issue_situation_report(report))
    if report.status == SituationReport.Status.DRAFT:
        raise ValidationError(_("Rapporten må gjennomgås før den gis ut."))
    with transaction.atomic():
        if report.status != SituationReport.Status.ISSUED:
            report.status = SituationReport.Status.ISSUED
            changes.save(report, by=access)
        version = issuing.issue_document(SITUATION_REPORT, by=access, background=background, report=report)
        changes.log(log_actions.REPORT_ISSUED, report, by=access, version=version.version)
    return version


# The document


def _period_label(report: SituationReport) -> str:
    if report.kind == SituationReport.Kind.WEEKLY:
        year, week, _day = report.starts_on.isocalendar()
        return _("uke %(week)d %(year)d") % {"week": week, "year": year}
    return formats.date_format(report.starts_on, "F Y").lower()


def report_items(report: SituationReport):
    """The period's items open to everyone that concern the situation's countries or topics."""
    situation = report.situation
    concerns = Q(countries__in=situation.countries.all()) | Q(topics__in=situation.topics.all())
    ids = MonitoringItem.objects.filter(
        concerns, date__gte=report.starts_on, date__lte=report.ends_on, access_level=AccessLevel.EVERYONE
    ).values("pk")
    return (
        MonitoringItem.objects.filter(pk__in=ids)
        .select_related("source_organisation", "source_arena")
        .prefetch_related("countries", "topics")
        .order_by("date", "pk")
    )


def report_assessments(report: SituationReport):
    """The watched countries' assessments of the ISO weeks that overlap the period."""
    weeks = set()
    day = report.starts_on
    while day <= report.ends_on:
        weeks.add(tuple(day.isocalendar())[:2])
        day += datetime.timedelta(days=1)
    condition = Q(pk__in=[])
    for year, week in weeks:
        condition |= Q(year=year, week=week)
    return (
        CountryAssessment.objects.filter(condition, situation=report.situation)
        .select_related("country")
        .order_by("country__name", "year", "week")
    )


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(p.strip()) for p in text.split("\n\n") if p.strip()]


def build_document(report: SituationReport, language: str | None = None) -> Report:
    """The report as the reporting app's document model (rendered by its HTML, DOCX and PDF renderers)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _build(report)


def _build(report: SituationReport) -> Report:
    situation = report.situation
    items = list(report_items(report))
    assessments = list(report_assessments(report))
    date = lambda d: formats.date_format(d, "SHORT_DATE_FORMAT")  # noqa: E731
    document = Report(
        year=report.starts_on.year,
        layout="situation",
        language=translation.get_language(),
        title=report.get_kind_display(),
        period=_period_label(report),
        subtitle=_("%(situation)s · %(start)s–%(end)s")
        % {"situation": situation.name, "start": date(report.starts_on), "end": date(report.ends_on)},
        organisation=settings.ORGANISATION_NAME,
        labels=renderer_labels(),
    )
    summary = _paragraphs(report.summary) or [
        Paragraph(
            _("Rapporten bygger på %(items)s og %(assessments)s fra perioden.")
            % {
                "items": ngettext("%(n)d notis", "%(n)d notiser", len(items)) % {"n": len(items)},
                "assessments": ngettext("%(n)d landvurdering", "%(n)d landvurderinger", len(assessments))
                % {"n": len(assessments)},
            }
        )
    ]
    document.chapters.append(Chapter(id="sammendrag", title=_("Sammendrag"), blocks=summary))
    by_country: dict[int, list[CountryAssessment]] = {}
    for assessment in assessments:
        by_country.setdefault(assessment.country_id, []).append(assessment)
    sections = []
    for country in situation.countries.order_by("name"):
        weeks = []
        for assessment in by_country.get(country.pk, []):
            blocks = [
                Paragraph(text.strip(), lead=label)
                for label, text in (
                    (_("Tiltak:"), assessment.measures),
                    (_("Helsetjenesten:"), assessment.health_services),
                    (_("Testing og vaksinasjon:"), assessment.testing_vaccination),
                    (_("Hva Norge kan lære:"), assessment.lessons),
                )
                if text.strip()
            ]
            weeks.append(
                Section(
                    id=f"land-{country.code.lower()}-{assessment.year}-{assessment.week}",
                    title=_("Uke %(week)d") % {"week": assessment.week},
                    blocks=blocks or [Note(_("Ingen vurdering i perioden."))],
                )
            )
        sections.append(
            Section(
                id=f"land-{country.code.lower()}",
                title=country.display_name,
                blocks=[] if weeks else [Note(_("Ingen vurdering i perioden."))],
                sections=weeks,
            )
        )
    document.chapters.append(Chapter(id="land", title=_("Landene vi følger"), sections=sections))
    item_blocks = []
    if items:
        item_blocks.append(
            Table(
                caption=_("Notiser i perioden"),
                columns=[_("Dato"), _("Notis"), _("Land"), _("Kilde")],
                rows=[
                    [
                        date(item.date),
                        item.title,
                        ", ".join(c.display_name for c in item.countries.all()),
                        item.source_display,
                    ]
                    for item in items
                ],
            )
        )
        item_blocks.append(
            BulletList(
                items=[
                    ListItem(
                        text=" ".join(filter(None, [item.summary, item.relevance])) or item.title,
                        lead=f"{item.title}.",
                    )
                    for item in items
                ]
            )
        )
        links = [ListItem(text=item.title, url=item.link) for item in items if item.link]
        if links:
            item_blocks.append(BulletList(items=links, title=_("Kilder")))
    else:
        item_blocks.append(Note(_("Ingen notiser i perioden.")))
    document.chapters.append(Chapter(id="notiser", title=_("Hva vi har lært"), blocks=item_blocks))
    return number_report(document)


# Distribution


def distribute(version: SituationReportVersion) -> None:
    """After a version's files are stored: tell the monitoring team (notification kind "monitoring.report_issued")
    and queue the e-mail to the report's distribution list."""
    from django.contrib.auth import get_user_model

    from arena.monitoring.kinds import REPORT_ISSUED
    from arena.notifications.service import notify
    from arena.register.permissions import MONITORING_TEAM_GROUP

    report = version.report
    team = get_user_model().objects.filter(groups__name=MONITORING_TEAM_GROUP, is_active=True)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            team,
            REPORT_ISSUED.key,
            title=_("%(title)s, versjon %(version)d, er utgitt")
            % {"title": report.title, "version": version.version},
            url=report.get_absolute_url(),
            once=f"situation-report-version-{version.pk}",
        )
    if report.recipients:
        transaction.on_commit(lambda: distribute_task.enqueue(version.pk))


@task()
def distribute_task(pk: int) -> str:
    """Send an issued version (PDF attached, link to Arena) to the report's distribution list, once."""
    version = SituationReportVersion.objects.select_related("report").get(pk=pk)
    if version.distributed_at or version.status != SituationReportVersion.Status.DONE:
        return "skipped"
    report = version.report
    recipients = report.recipients[:MAX_RECIPIENTS]
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.ARENA_BASE_URL.rstrip("/") + report.get_absolute_url()
        body = _(
            "%(title)s (versjon %(version)d) er utgitt.\n\nRapporten ligger ved som PDF og kan også leses i Arena: "
            "%(link)s\n\n%(organisation)s"
        ) % {
            "title": report.title,
            "version": version.version,
            "link": link,
            "organisation": settings.ORGANISATION_NAME,
        }
        message = EmailMessage(subject=f"Arena: {report.title}", body=body, bcc=recipients)
        version.pdf_file.open("rb")
        try:
            message.attach(issuing.file_name(version, "pdf"), version.pdf_file.read(), "application/pdf")
        finally:
            version.pdf_file.close()
        message.send()
    SituationReportVersion.objects.filter(pk=pk).update(distributed_at=timezone.now())
    changes.log(
        log_actions.REPORT_DISTRIBUTED,
        report,
        by=Access.system(),
        count=len(recipients),
        version=version.version,
    )
    return "sent"
