"""Issued versions: files stored with who and when, a new version per issue, issued files never overwritten,
failures recorded, the background path queued after commit."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from arena.reporting import issuing
from arena.reporting.issuing import generate, issue_report
from arena.reporting.models import IssuedReport
from arena.reporting.pdfa import check_pdfa

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def user(username):
    return get_user_model().objects.get(username=username)


def _bytes(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


def test_issuing_twice_makes_two_versions_and_leaves_the_first_untouched(report_files, approved_cycle):
    # A year without data keeps this quick; the content of full reports is checked in test_renderers.
    approved_cycle(1995)
    coordinator = user("koordinator")
    first = issue_report(1995, "unit", by=coordinator, background=False)
    assert first.status == IssuedReport.Status.DONE and first.progress == 100
    assert first.version == 1 and first.requested_by == coordinator and first.issued_at
    stored = {fmt: _bytes(first.file_for(fmt)) for fmt in ("html", "docx", "pdf")}
    assert all(hashlib.sha256(data).hexdigest() == first.checksums[fmt] for fmt, data in stored.items())
    assert check_pdfa(stored["pdf"]) == []
    assert first.pdf_file.name == "1995/unit/v1/arsmelding-1995-unit-v1.pdf"
    assert (report_files / first.pdf_file.name).exists()

    second = issue_report(1995, "unit", by=coordinator, background=False)
    assert second.version == 2 and second.pdf_file.name != first.pdf_file.name
    first.refresh_from_db()
    assert {fmt: _bytes(first.file_for(fmt)) for fmt in stored} == stored
    # An issued version is never generated again.
    with pytest.raises(ValidationError):
        generate(first.pk)
    # Versions count per layout.
    assert issue_report(1995, "area", by=coordinator, background=False).version == 1


def test_only_the_coordinator_issues(report_files):
    with pytest.raises(PermissionDenied):
        issue_report(2019, "unit", by=user("kontakt-kf"), background=False)
    assert not IssuedReport.objects.exists()


def test_a_failure_is_recorded_on_the_version(report_files, monkeypatch, approved_cycle):
    approved_cycle(2020)

    def broken(report, fmt):
        raise RuntimeError("disk full")

    monkeypatch.setattr(issuing, "render", broken)
    issued = issue_report(2020, "area", by=user("koordinator"), background=False)
    assert issued.status == IssuedReport.Status.FAILED
    assert "disk full" in issued.error and not issued.pdf_file


def test_background_issue_is_queued_and_started_after_commit(
    report_files, django_capture_on_commit_callbacks, approved_cycle
):
    approved_cycle(2020)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issued = issue_report(2020, "unit", by=user("koordinator"), background=True)
    assert issued.status == IssuedReport.Status.QUEUED and issued.progress == 0
    assert len(callbacks) == 1
