"""Situation reports: compiled from the period's items and assessments, draft → review → issued through the
annual report's issuing and renderers (PDF/A checked the same way), versioned, and sent to the distribution
list over a real SMTP server."""

import dataclasses
import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from arena.monitoring import reports
from arena.monitoring.models import CountryAssessment, Situation, SituationReport
from arena.monitoring.situations import save_assessment, save_situation
from arena.reporting.pdfa import check_pdfa


@pytest.fixture
def situation(team):
    covid = save_situation(
        Situation(name="Covid-19-pandemien", starts_on=datetime.date(2020, 1, 1)),
        by=team.member,
        countries=[team.sweden, team.denmark],
        topics=[team.covid],
    )
    assessment = save_assessment(
        CountryAssessment(
            situation=covid,
            country=team.sweden,
            year=2020,
            week=12,
            measures="Anbefalinger fremfor forbud; skolene for de minste holdes åpne.",
            lessons="Tillit til myndighetene bærer tiltakene.",
        ),
        by=team.member,
    )
    return covid, assessment


def test_an_assessment_draws_on_the_weeks_items(team, situation):
    _covid, assessment = situation
    assert list(assessment.items.all()) == [team.open_item]


def test_monthly_report_is_issued_rendered_and_sent(
    team, situation, smtp, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.REPORTING_FILES_DIR = str(tmp_path)
    covid, _assessment = situation
    report = reports.create_report(
        covid,
        SituationReport.Kind.MONTHLY,
        datetime.date(2020, 3, 10),
        by=team.member,
        distribution="ledelsen@example.no, beredskap@example.no",
    )
    assert (report.starts_on, report.ends_on) == (datetime.date(2020, 3, 1), datetime.date(2020, 3, 31))
    with pytest.raises(ValidationError, match="gjennomgås"):
        reports.issue(report, by=team.member)
    with pytest.raises(PermissionDenied):
        reports.send_to_review(report, by=team.personas.user("reader"))
    reports.send_to_review(report, by=team.member)
    with django_capture_on_commit_callbacks(execute=True):
        version = reports.issue(report, by=team.member, background=False)
    assert version.status == "done", version.error
    assert version.version == 1
    report.refresh_from_db()
    assert report.status == "issued"

    pdf = version.pdf_file.read()
    assert check_pdfa(pdf) == []
    html = version.html_file.read().decode()
    assert "Sverige anbefaler hjemmekontor" in html
    assert "Tillit til myndighetene" in html
    assert "Fortrolig" not in html  # a team item never goes into a report
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(version.docx_file.read())).paragraphs)
    assert "Landene vi følger" in text and "Fortrolig" not in text

    ((recipients, message),) = smtp.messages
    assert sorted(recipients) == ["beredskap@example.no", "ledelsen@example.no"]
    attachment = next(message.iter_attachments())
    assert attachment.get_filename().endswith("-v1.pdf")
    version.refresh_from_db()
    assert version.distributed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        again = reports.issue(report, by=team.member, background=False)
    assert again.version == 2 and again.pdf_file.name != version.pdf_file.name
    assert len(smtp.messages) == 2


def test_a_failed_generation_is_marked_and_can_be_retried(team, situation, settings, tmp_path, monkeypatch):
    from arena.monitoring import kinds
    from arena.reporting import issuing

    settings.REPORTING_FILES_DIR = str(tmp_path)
    covid, _assessment = situation
    report = reports.create_report(
        covid, SituationReport.Kind.WEEKLY, datetime.date(2020, 3, 18), by=team.member
    )
    reports.send_to_review(report, by=team.member)

    def broken(version):
        raise RuntimeError("ingen data")

    kind = issuing.KINDS[kinds.SITUATION_REPORT]
    monkeypatch.setitem(issuing.KINDS, kinds.SITUATION_REPORT, dataclasses.replace(kind, build=broken))
    version = reports.issue(report, by=team.member, background=False)
    assert version.status == "failed" and "ingen data" in version.error
    assert not any(version.file_for(fmt) for fmt in ("html", "docx", "pdf"))
    monkeypatch.setitem(issuing.KINDS, kinds.SITUATION_REPORT, kind)
    with pytest.raises(PermissionDenied):
        issuing.retry_document(kinds.SITUATION_REPORT, version.pk, by=team.personas.user("reader"))
    issuing.retry_document(kinds.SITUATION_REPORT, version.pk, by=team.member)  # queued again, same number
    version.refresh_from_db()
    assert version.status == "queued" and version.version == 1


def test_feeds_are_polled_on_the_workers_schedule(settings):
    from django.utils.module_loading import import_string

    path, every = settings.ARENA_PERIODIC_TASKS["monitoring-feeds"]
    assert import_string(path).name == "poll_feeds_task" and every == 3600


def test_the_years_monitoring_as_an_annual_report_chapter(team, situation):
    from arena.monitoring.annual import monitoring_chapter
    from arena.reporting.document import Table

    chapter = monitoring_chapter(2020)
    tables = [b for s in chapter.sections for b in s.blocks if isinstance(b, Table)]
    assert tables[0].rows == [
        ["Covid-19", "1"]
    ]  # the team's item is not counted: the annual report is public
    assert tables[1].rows == [["Sverige", "1"]]
    assert "Covid-19-pandemien" in str(chapter.blocks)
    assert monitoring_chapter(2019) is None
