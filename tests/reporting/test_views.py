"""The reporting pages, per persona: coordinator, unit contact, reader, anonymous."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from arena.register.models import Activity, Unit
from arena.reporting import cycle as flow
from arena.reporting.models import IssuedReport, ReportingCycle, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def user(username):
    return get_user_model().objects.get(username=username)


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def as_user(client):
    def sign_in(username):
        client.force_login(user(username))
        return client

    return sign_in


@pytest.fixture
def opened():
    return flow.open_cycle(2020, datetime.date(2031, 2, 1), "Lever innen fristen.", by=user("koordinator"))


def submission_url(cycle, key, action=None):
    unit = Unit.objects.get(key=key)
    if action:
        return reverse("reporting-submission-action", args=[cycle.year, unit.pk, action])
    return reverse("reporting-submission", args=[cycle.year, unit.pk])


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("reporting-index"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_coordinator_opens_a_cycle_from_the_index(as_user):
    client = as_user("koordinator")
    assert "Åpne en rapporteringsrunde" in page(client.get(reverse("reporting-index")))
    response = client.post(
        reverse("reporting-open"), {"year": "2020", "deadline": "2031-02-01", "instructions": "Husk utsyn."}
    )
    cycle = ReportingCycle.objects.get(year=2020)
    assert response.status_code == 302 and response.url == cycle.get_absolute_url()
    assert cycle.submissions.count() >= 6
    again = client.post(reverse("reporting-open"), {"year": "2020", "deadline": "2031-02-01"})
    assert again.status_code == 400
    assert "Det finnes allerede en rapporteringsrunde for dette året." in again.content.decode()


def test_others_may_not_open_or_approve(as_user, opened):
    for username in ("kontakt-kf", "leser"):
        client = as_user(username)
        assert "Åpne en rapporteringsrunde" not in page(client.get(reverse("reporting-index")))
        assert (
            client.post(reverse("reporting-open"), {"year": "2021", "deadline": "2032-02-01"}).status_code
            == 403
        )
        assert client.post(reverse("reporting-approve", args=[2020])).status_code == 403
        assert client.get(reverse("reporting-texts", args=[2020])).status_code == 403
        assert client.post(reverse("reporting-issue", args=[2020]), {"layout": "unit"}).status_code == 403


def test_cycle_overview_lists_every_unit_with_status_and_changes(as_user, opened):
    html = page(as_user("leser").get(reverse("reporting-cycle", args=[2020])))
    for submission in opened.submissions.select_related("unit"):
        assert submission.unit.name in html
    assert "Nils Fiktivsen" in html  # KF's international contact
    assert "Aktiviteter i fjor" in html and "Nye deltakelser" in html
    assert "Godkjenn rapporteringsrunden" not in html


def test_a_unit_contact_works_on_their_own_submission_only(as_user, opened):
    client = as_user("kontakt-kf")
    own = page(client.get(submission_url(opened, "kf")))
    assert "Lever innspillet" in own and "Ny aktivitet" in own
    kf_activity = Activity.objects.filter(year=2020, units__key="kf").first()
    assert reverse("record-edit", args=["aktiviteter", kf_activity.pk]) in own

    response = client.post(submission_url(opened, "kf"), {"remarks": "Alt er oppdatert."})
    assert response.status_code == 302
    assert opened.submissions.get(unit__key="kf").remarks == "Alt er oppdatert."

    other = page(client.get(submission_url(opened, "ff")))  # readable, not editable
    assert "Lever innspillet" not in other
    assert client.post(submission_url(opened, "ff"), {"remarks": "Inntrenger"}).status_code == 403
    assert client.post(submission_url(opened, "ff", "lever")).status_code == 403
    assert client.post(submission_url(opened, "ff", "oppdater")).status_code == 403
    ff = opened.submissions.get(unit__key="ff")
    assert ff.remarks == "" and ff.status == Submission.Status.DRAFT

    assert client.post(submission_url(opened, "kf", "lever"), {"confirmed": "yes"}).status_code == 302
    assert opened.submissions.get(unit__key="kf").status == Submission.Status.SUBMITTED
    assert client.post(submission_url(opened, "kf", "godkjenn")).status_code == 403


def test_the_coordinator_returns_with_a_comment_and_approves(as_user, opened):
    flow.submit(opened.submissions.get(unit__key="kf"), by=user("kontakt-kf"))
    client = as_user("koordinator")
    assert "Send tilbake med kommentar" in page(client.get(submission_url(opened, "kf")))
    response = client.post(submission_url(opened, "kf", "send-tilbake"), {"comment": ""}, follow=True)
    assert "Skriv en kommentar som forteller enheten hva som må rettes." in page(response)
    assert opened.submissions.get(unit__key="kf").status == Submission.Status.SUBMITTED
    client.post(submission_url(opened, "kf", "send-tilbake"), {"comment": "Utsynet mangler."})
    kf = opened.submissions.get(unit__key="kf")
    assert kf.status == Submission.Status.RETURNED
    assert "Utsynet mangler." in page(as_user("kontakt-kf").get(submission_url(opened, "kf")))
    flow.submit(kf, by=user("kontakt-kf"))
    client = as_user("koordinator")
    client.post(submission_url(opened, "kf", "godkjenn"))
    assert opened.submissions.get(unit__key="kf").status == Submission.Status.APPROVED
    assert client.post(submission_url(opened, "kf", "noe-annet")).status_code == 404


def test_approving_the_cycle_with_drafts_is_refused_with_a_message(as_user, opened):
    response = as_user("koordinator").post(reverse("reporting-approve", args=[2020]), follow=True)
    html = page(response)
    assert "Rapporteringsrunden kan ikke godkjennes før alle innspill er godkjent" in html
    assert ReportingCycle.objects.get(year=2020).status == ReportingCycle.Status.OPEN


def test_the_coordinator_writes_the_editorial_texts(as_user, opened):
    client = as_user("koordinator")
    assert "Forord" in page(client.get(reverse("reporting-texts", args=[2020])))
    response = client.post(
        reverse("reporting-texts", args=[2020]),
        {"preface": "Et godt år.", "about": "", "summary": "Kort.", "afterword": ""},
    )
    assert response.status_code == 302
    preview = page(client.get(reverse("reporting-preview", args=[2020, "area"])))
    assert "Et godt år." in preview


@pytest.mark.parametrize("layout", ["unit", "area"])
def test_the_report_is_shown_in_arena(as_user, layout, django_assert_max_num_queries):
    client = as_user("leser")
    with django_assert_max_num_queries(40):
        html = page(client.get(reverse("reporting-preview", args=[2019, layout])))
    assert "Internasjonal årsmelding 2019" in html
    for title in Activity.objects.filter(year=2019).values_list("title", flat=True)[:10]:
        assert title.replace("'", "&#x27;").replace('"', "&quot;") in html
    assert client.get(reverse("reporting-preview", args=[2019, "sideways"])).status_code == 404


def test_issuing_from_the_page_stores_files_to_download(as_user, approved_cycle):
    approved_cycle(1995)
    client = as_user("koordinator")
    response = client.post(reverse("reporting-issue", args=[1995]), {"layout": "area"})
    issued = IssuedReport.objects.get(year=1995, layout="area")
    assert response.status_code == 302 and response.url == issued.get_absolute_url()
    html = page(client.get(issued.get_absolute_url()))
    assert "Utgitt" in html and reverse("reporting-download", args=[issued.pk, "pdf"]) in html
    download = as_user("leser").get(reverse("reporting-download", args=[issued.pk, "pdf"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "attachment" in download["Content-Disposition"]
    assert client.get(reverse("reporting-download", args=[issued.pk, "exe"])).status_code == 404


def test_a_running_version_shows_its_progress_and_refreshes(as_user):
    issued = IssuedReport.objects.create(
        year=2020, layout="unit", version=1, status=IssuedReport.Status.RUNNING, progress=35, step="Lager PDF"
    )
    html = page(as_user("leser").get(issued.get_absolute_url()))
    assert '<progress id="progress" max="100" value="35">' in html
    assert 'http-equiv="refresh"' in html and "Lager PDF" in html
    assert as_user("leser").get(reverse("reporting-download", args=[issued.pk, "pdf"])).status_code == 404


def test_admin_lists_the_reporting_models(as_user, opened):
    client = as_user("koordinator")
    for name in ("reportingcycle", "submission", "issuedreport", "editorialtext"):
        assert client.get(reverse(f"admin:reporting_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:reporting_reportingcycle_change", args=[opened.pk])).status_code == 200
