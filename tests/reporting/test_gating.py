"""Gated issuing and the cycle's details: a permanent version only from an approved cycle, drafts marked "Utkast"
in every format and never listed as issued or archived; a past deadline refused; units without a contact
delivered and approved in one step; delivering asks for confirmation; the review shows descriptions."""

import datetime
import io
import subprocess

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from arena.archive.handoff import hand_off
from arena.archive.kinds import AnnualReport
from arena.register.models import Activity, LogEntry, Unit
from arena.reporting import cycle as flow
from arena.reporting.forms import OpenCycleForm
from arena.reporting.issuing import draft_versions, issue_draft, issue_report, issued_versions
from arena.reporting.models import IssuedReport, Submission
from arena.reporting.pdfa import check_pdfa

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

FUTURE = datetime.date(2031, 2, 1)


def user(username):
    return get_user_model().objects.get(username=username)


def _bytes(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


def test_issuing_needs_an_approved_cycle_a_draft_is_marked_in_every_format_and_never_archived(
    report_files, tmp_path
):
    coordinator = user("koordinator")
    with pytest.raises(ValidationError, match="ingen rapporteringsrunde"):
        issue_report(1995, "unit", by=coordinator, background=False)
    cycle = flow.open_cycle(1995, FUTURE, by=coordinator, units=[])
    with pytest.raises(ValidationError, match="før rapporteringsrunden er godkjent"):
        issue_report(1995, "unit", by=coordinator, background=False)
    assert not IssuedReport.objects.exists()  # nothing stored

    draft = issue_draft(1995, "unit", by=coordinator, background=False)
    assert (draft.status, draft.is_draft, draft.version) == ("done", True, 1)
    assert draft.pdf_file.name == "1995/unit/utkast1/arsmelding-1995-unit-utkast1.pdf"
    assert list(issued_versions(1995)) == [] and list(draft_versions(1995)) == [draft]
    assert LogEntry.objects.filter(action="reporting.report.drafted", object_id=draft.pk).exists()

    html = _bytes(draft.html_file).decode()
    assert 'class="draft-banner"' in html and "<title>UTKAST: " in html and "report--draft" in html
    pdf = _bytes(draft.pdf_file)
    assert check_pdfa(pdf) == []
    path = tmp_path / "utkast.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    assert pages and all("UTKAST" in page for page in pages)  # the margin mark on every page
    document = docx.Document(io.BytesIO(_bytes(draft.docx_file)))
    section = document.sections[-1]
    assert section.header.paragraphs[0].text == "UTKAST" == section.first_page_header.paragraphs[0].text
    assert document.paragraphs[0].text.startswith("UTKAST: Internasjonal årsmelding 1995")
    props = document.core_properties
    assert props.title.startswith("UTKAST") and props.content_status == "Utkast"

    with pytest.raises(ValidationError, match="utkast arkiveres ikke"):
        AnnualReport().get(draft.pk)
    with pytest.raises(ValidationError, match="utkast arkiveres ikke"):
        hand_off(draft, tmp_path / "arkiv", by=coordinator)
    with pytest.raises(ValidationError, match="Det er ikke utgitt noen årsmelding"):
        AnnualReport().latest(1995)

    flow.approve_cycle(cycle, by=coordinator)
    issued = issue_report(1995, "unit", by=coordinator, background=False)
    assert (issued.status, issued.is_draft, issued.version) == (
        "done",
        False,
        1,
    )  # numbered apart from drafts
    assert "UTKAST" not in _bytes(issued.html_file).decode()
    assert list(issued_versions(1995)) == [issued]
    assert AnnualReport().latest(1995) == issued


def test_the_issue_page_offers_a_draft_before_approval_and_issuing_after(client, report_files):
    coordinator = user("koordinator")
    cycle = flow.open_cycle(1995, FUTURE, by=coordinator, units=[])
    client.force_login(coordinator)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert "Lag utkast" in html and reverse("reporting-issue", args=[1995]) not in html
    refused = client.post(reverse("reporting-issue", args=[1995]), {"layout": "unit"}, follow=True)
    assert "kan ikke utgis før rapporteringsrunden er godkjent" in refused.content.decode()
    assert not IssuedReport.objects.exists()
    response = client.post(reverse("reporting-draft", args=[1995]), {"layout": "unit"})
    draft = IssuedReport.objects.get()
    assert draft.is_draft and response.url == draft.get_absolute_url()
    assert "kan ikke arkiveres" in client.get(draft.get_absolute_url()).content.decode()
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert "Utkast (ikke utgitt)" in html and "Utgitte versjoner" not in html

    flow.approve_cycle(cycle, by=coordinator)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert "Lag utkast" not in html and reverse("reporting-issue", args=[1995]) in html


def test_a_past_deadline_is_refused_today_is_not(client):
    coordinator = user("koordinator")
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="er passert"):
        flow.open_cycle(2020, today - datetime.timedelta(days=1), by=coordinator)
    assert not OpenCycleForm({"year": 2020, "deadline": today - datetime.timedelta(days=1)}).is_valid()
    assert OpenCycleForm({"year": 2020, "deadline": today}).is_valid()
    client.force_login(coordinator)
    response = client.post(reverse("reporting-open"), {"year": "2020", "deadline": "2021-02-01"})
    assert response.status_code == 400 and "Fristen er passert" in response.content.decode()
    assert flow.open_cycle(2020, today, by=coordinator).deadline == today


def test_units_without_contact_are_delivered_and_approved_in_one_step(client):
    coordinator = user("koordinator")
    cycle = flow.open_cycle(2020, FUTURE, by=coordinator)
    without = flow.units_without_contact(cycle)
    assert without and len(without) < cycle.submissions.count()
    with_contact = cycle.submissions.exclude(pk__in=[s.pk for s in without])
    client.force_login(coordinator)
    assert "Lever og godkjenn alle uten kontakt" in client.get(cycle.get_absolute_url()).content.decode()

    other = client.__class__()
    other.force_login(user("kontakt-kf"))
    assert other.post(reverse("reporting-approve-without-contact", args=[2020])).status_code == 403

    response = client.post(reverse("reporting-approve-without-contact", args=[2020]), follow=True)
    assert "Levert og godkjent for enheter uten kontakt" in response.content.decode()
    for submission in without:
        submission.refresh_from_db()
        assert submission.status == Submission.Status.APPROVED and submission.submitted_by == coordinator
        for action in (flow.SUBMITTED, flow.APPROVED):
            entry = LogEntry.objects.get(action=action, object_id=submission.pk)
            assert entry.actor == coordinator
    assert set(with_contact.values_list("status", flat=True)) == {Submission.Status.DRAFT}
    assert flow.approve_units_without_contact(cycle, by=coordinator) == []  # nothing left to do


def test_delivering_asks_for_confirmation_and_the_review_shows_descriptions(client):
    cycle = flow.open_cycle(2020, FUTURE, by=user("koordinator"))
    kf = Unit.objects.get(key="kf")
    submission = cycle.submissions.get(unit=kf)
    deliver = reverse("reporting-submission-action", args=[2020, kf.pk, "lever"])
    confirm = reverse("reporting-submission-confirm", args=[2020, kf.pk])
    client.force_login(user("kontakt-kf"))
    html = client.get(submission.get_absolute_url()).content.decode()
    assert "delivery-panel" in html and confirm in html
    assert client.post(deliver).url == confirm  # without confirming: to the confirmation step
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DRAFT
    html = client.get(confirm).content.decode()
    count = Activity.objects.filter(year=2020, units=kf).count()
    assert "Ja, lever innspillet" in html and f"{count} aktivitet" in html
    assert client.post(deliver, {"confirmed": "yes"}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert client.get(confirm).url == submission.get_absolute_url()  # delivered: nothing to confirm
    ff = Unit.objects.get(key="ff")
    assert client.get(reverse("reporting-submission-confirm", args=[2020, ff.pk])).status_code == 403

    client.force_login(user("koordinator"))
    html = client.get(submission.get_absolute_url()).content.decode()
    described = Activity.objects.filter(year=2020, units=kf).exclude(description="").first()
    assert described is not None
    assert 'class="activity-description"' in html
    first_line = described.description.splitlines()[0][:40]
    assert first_line.replace("'", "&#x27;").replace('"', "&quot;") in html
