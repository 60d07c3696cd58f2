"""One checklist over every page that changes data — register editing, the reporting cycle, import, the agenda
(its cases are in tests/agenda/checklist.py) — for every persona: signed out → the sign-in page; a persona
without the right → refused and nothing written; the right persona → saved, with the version or log entry
attributed to that person."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arena.ingest import review
from arena.ingest.models import ImportBatch
from arena.ingest.proposals import propose
from arena.ingest.readers import read_bytes
from arena.register import changes
from arena.register.changes import latest_history_id
from arena.register.models import Activity, Arena, LogEntry, Organisation
from arena.register.permissions import Access
from arena.reporting import cycle as flow
from arena.reporting.models import IssuedReport, ReportingCycle, Submission
from tests.agenda import checklist as agenda_checklist
from tests.conftest import PERSONAS
from tests.suggestions import checklist as suggestions_checklist

SYSTEM = Access.system()

CONTRIBUTION = b"""# Innspill fra KF 2021

## Divisjon for kvalitet og forl\xc3\xb8p

Divisjonen deltar i Nordic Working Group on Patient Safety under Nordisk ministerr\xc3\xa5d, og leder arbeidet med
en felles nordisk veileder i 2021.
"""


@pytest.fixture(autouse=True)
def report_files(settings, tmp_path):
    settings.REPORTING_FILES_DIR = str(tmp_path / "reports")
    settings.REPORTING_BACKGROUND = False


def fingerprint() -> dict:
    """Every row of every table of Arena's apps (and users), so "nothing written" means exactly that."""
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in {
            "register",
            "reporting",
            "ingest",
            "agenda",
            "auth",
            "monitoring",
            "suggestions",
        }:
            tables[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return tables


def latest_version_by(obj, user, action_prefix=""):
    record = obj.history.order_by("-history_date", "-history_id").first()
    return (
        record is not None
        and record.history_user_id == user.pk
        and (record.history_change_reason or "").startswith(action_prefix)
    )


def logged_by(action, user) -> bool:
    return LogEntry.objects.filter(action=action, actor=user).exists()


# The cases: each prepares what its page needs and says who may, and how to see that it was written.


@dataclass
class Case:
    name: str
    prepare: Callable  # (personas) -> (url, post data, context)
    allowed: set[str]
    written: Callable  # (context, user) -> bool
    refused_with: dict[str, int] = field(default_factory=dict)  # persona -> status other than 403


def _kf_activity(p):
    activity = Activity(year=2021, title="Nordisk pasientsikkerhet", kind=Activity.Kind.PARTICIPATION)
    changes.save(activity, by=SYSTEM, relations={"units": [p.kf]})
    return activity


def edit_activity(p):
    activity = _kf_activity(p)
    data = {"year": 2021, "title": "Nordisk pasientsikkerhet og læring", "kind": "participation",
            "units": [p.kf.pk], "based_on": latest_history_id(activity)}  # fmt: skip
    return reverse("record-edit", args=["aktiviteter", activity.pk]), data, activity


def activity_saved(activity, user):
    activity.refresh_from_db()
    return activity.title == "Nordisk pasientsikkerhet og læring" and latest_version_by(activity, user, "web")


def create_activity(p):
    data = {"year": 2021, "title": "Ny KF-aktivitet", "kind": "event", "units": [p.kf.pk], "based_on": ""}
    return reverse("record-create", args=["aktiviteter"]), data, None


def activity_created(_context, user):
    activity = Activity.objects.filter(title="Ny KF-aktivitet").first()
    return activity is not None and latest_version_by(activity, user, "web")


def edit_names(p):
    org = Organisation(name="Verdens helseorganisasjon", abbreviation="WHO", kind="international")
    changes.save(org, by=SYSTEM)
    data = {"name": org.name, "abbreviation": "WHO", "kind": "international",
            "other_names": "World Health Organisation\nWHO-sekretariatet", "based_on": latest_history_id(org)}  # fmt: skip
    return reverse("record-edit", args=["organisasjoner", org.pk]), data, org


def names_saved(org, user):
    return changes.other_names(org) == [
        "WHO-sekretariatet",
        "World Health Organisation",
    ] and latest_version_by(org, user, "web")


def restore_version(p):
    activity = _kf_activity(p)
    first = latest_history_id(activity)
    activity.title = "Feil tittel"
    changes.save(activity, by=SYSTEM)
    url = reverse("record-restore", args=["aktiviteter", activity.pk, first])
    return url, {"based_on": latest_history_id(activity)}, activity


def restored(activity, user):
    activity.refresh_from_db()
    return (
        activity.title == "Nordisk pasientsikkerhet"
        and latest_version_by(activity, user, "restore")
        and logged_by("register.restored", user)
    )


def open_cycle(p):
    data = {"year": 2021, "deadline": "2032-01-31", "instructions": "Frist i januar."}
    return reverse("reporting-open"), data, None


def cycle_opened(_context, user):
    cycle = ReportingCycle.objects.filter(year=2021).first()
    return cycle is not None and cycle.opened_by == user and logged_by(flow.OPENED, user)


def _cycle(p, status=Submission.Status.DRAFT):
    _kf_activity(p)
    cycle = flow.open_cycle(2021, datetime.date(2022, 1, 31), by=SYSTEM, units=[p.kf])
    submission = cycle.submissions.get(unit=p.kf)
    if status != Submission.Status.DRAFT:
        flow.submit(submission, by=SYSTEM)
    if status == Submission.Status.APPROVED:
        flow.approve_submission(submission, by=SYSTEM)
    return cycle, submission


def edit_texts(p):
    cycle, _submission = _cycle(p)
    data = {"preface": "Et forord.", "about": "", "summary": "", "afterword": ""}
    return reverse("reporting-texts", args=[2021]), data, cycle


def texts_saved(cycle, user):
    cycle.refresh_from_db()
    return cycle.preface == "Et forord." and logged_by(flow.TEXTS_EDITED, user)


def save_remarks(p):
    _cycle_, submission = _cycle(p)
    return reverse("reporting-submission", args=[2021, p.kf.pk]), {"remarks": "Alt er med."}, submission


def remarks_saved(submission, user):
    submission.refresh_from_db()
    return submission.remarks == "Alt er med." and logged_by(flow.SAVED, user)


def submission_step(action, status):
    def prepare(p):
        _cycle_, submission = _cycle(p, status)
        url = reverse("reporting-submission-action", args=[2021, p.kf.pk, action])
        return url, {"comment": "Mangler utsyn.", "confirmed": "yes"}, submission

    return prepare


def submission_is(status, logged):
    def check(submission, user):
        submission.refresh_from_db()
        return submission.status == status and logged_by(logged, user)

    return check


def approve_cycle(p):
    cycle, _submission = _cycle(p, Submission.Status.APPROVED)
    return reverse("reporting-approve", args=[2021]), {}, cycle


def cycle_approved(cycle, user):
    cycle.refresh_from_db()
    return cycle.status == ReportingCycle.Status.APPROVED and logged_by(flow.APPROVED_CYCLE, user)


def issue(p):
    # An empty year (a short report) whose cycle is approved: a permanent version is issued only from one.
    flow.approve_cycle(flow.open_cycle(1999, datetime.date(2000, 2, 1), by=SYSTEM, units=[]), by=SYSTEM)
    return reverse("reporting-issue", args=[1999]), {"layout": "unit"}, None


def issued(_context, user):
    report = IssuedReport.objects.filter(year=1999).first()
    return report is not None and report.requested_by == user and logged_by("reporting.report.issued", user)


def make_draft(p):
    return reverse("reporting-draft", args=[1998]), {"layout": "unit"}, None  # no cycle needed for a draft


def drafted(_context, user):
    draft = IssuedReport.objects.filter(year=1998, is_draft=True).first()
    return draft is not None and draft.requested_by == user and logged_by("reporting.report.drafted", user)


def upload(p):
    file = SimpleUploadedFile("innspill-kf-2021.md", CONTRIBUTION, content_type="text/markdown")
    return reverse("ingest-list"), {"file": file, "year": "2021"}, None


def uploaded(_context, user):
    batch = ImportBatch.objects.first()
    return batch is not None and batch.created_by == user and logged_by(review.STORED, user)


def _batch():
    document = read_bytes(CONTRIBUTION, "innspill-kf-2021.md")
    return review.store(document, propose(document, year=2021), by=SYSTEM)


def decide(p):
    batch = _batch()
    data = {f"decision-{proposal.pk}": "accept" for proposal in batch.proposals.all()}
    return reverse("ingest-batch", args=[batch.pk]), data, batch


def decided(batch, user):
    return all(p.decided_by == user for p in batch.proposals.all())


def commit(p):
    batch = _batch()
    for proposal in batch.proposals.all():
        review.decide(proposal, "accept", SYSTEM)
    return reverse("ingest-commit", args=[batch.pk]), {"bekreft": "ja"}, batch


def committed(batch, user):
    batch.refresh_from_db()
    arena = Arena.objects.filter(name__icontains="Patient Safety").first()
    return (
        batch.status == ImportBatch.Status.COMMITTED
        and logged_by(review.COMMITTED, user)
        and arena is not None
        and latest_version_by(arena, user, f"import:{batch.pk}")
    )


def undo_import(p):
    batch = _batch()
    for proposal in batch.proposals.all():
        review.decide(proposal, "accept", SYSTEM)
    review.commit(batch, by=SYSTEM)
    return reverse("ingest-undo", args=[batch.pk]), {"bekreft": "ja"}, batch


def undone(batch, user):
    from arena.ingest.undo import UNDONE

    batch.refresh_from_db()
    return batch.status == ImportBatch.Status.UNDONE and logged_by(UNDONE, user)


def merge_activity(p):
    batch = _batch()
    stored = Activity.objects.create(year=2021, title="Nordisk pasientsikkerhet", description="Kort.")
    stored.units.set([p.kf])
    proposal = batch.proposals.filter(kind="activity").first()
    url = reverse("ingest-merge", args=[batch.pk, proposal.pk])
    return url, {"med": stored.pk, "units": [p.kf.pk]}, proposal


def merged(proposal, user):
    proposal.refresh_from_db()
    return proposal.status == "merged" and proposal.decided_by == user


CONTACTS_KF = {"coordinator", "contact_kf"}
COORDINATOR = {"coordinator"}


def create_monitoring_item(p):
    data = {"title": "Sjekkliste-notis", "date": "2020-03-16", "source_kind": "media", "access_level": "team"}
    return reverse("monitoring-item-create"), data, None


def monitoring_item_created(_context, user):
    from arena.monitoring.models import MonitoringItem

    item = MonitoringItem.objects.filter(title="Sjekkliste-notis").first()
    return item is not None and latest_version_by(item, user, "web") and item.author == user


def situation_report_to_review(p):
    from arena.monitoring.models import Situation, SituationReport

    situation = changes.save(
        Situation(name="Sjekklistesituasjon", starts_on=datetime.date(2020, 1, 1)), by=SYSTEM
    )
    report = changes.save(
        SituationReport(
            situation=situation,
            kind="weekly",
            starts_on=datetime.date(2020, 3, 16),
            ends_on=datetime.date(2020, 3, 22),
            title="Uke 12",
        ),
        by=SYSTEM,
    )
    return reverse("monitoring-report", args=[report.pk]), {"step": "review"}, report


def situation_report_in_review(report, user):
    from arena.monitoring.log_actions import REPORT_TO_REVIEW

    report.refresh_from_db()
    return report.status == "review" and logged_by(REPORT_TO_REVIEW, user) and latest_version_by(report, user)


CASES = [
    Case("edit activity", edit_activity, CONTACTS_KF, activity_saved),
    Case("create activity", create_activity, CONTACTS_KF, activity_created, {"contact_ff": 200}),
    Case("edit other names", edit_names, COORDINATOR, names_saved),
    Case("restore a version", restore_version, COORDINATOR, restored),
    Case("open a cycle", open_cycle, COORDINATOR, cycle_opened),
    Case("editorial texts", edit_texts, COORDINATOR, texts_saved),
    Case("submission remarks", save_remarks, CONTACTS_KF, remarks_saved),
    Case(
        "deliver a submission",
        submission_step("lever", Submission.Status.DRAFT),
        CONTACTS_KF,
        submission_is(Submission.Status.SUBMITTED, flow.SUBMITTED),
    ),
    Case(
        "approve a submission",
        submission_step("godkjenn", Submission.Status.SUBMITTED),
        COORDINATOR,
        submission_is(Submission.Status.APPROVED, flow.APPROVED),
    ),
    Case(
        "return a submission",
        submission_step("send-tilbake", Submission.Status.SUBMITTED),
        COORDINATOR,
        submission_is(Submission.Status.RETURNED, flow.RETURNED),
    ),
    Case("approve the cycle", approve_cycle, COORDINATOR, cycle_approved),
    Case("issue the report", issue, COORDINATOR, issued),
    Case("make a draft of the report", make_draft, COORDINATOR, drafted),
    Case("upload a document", upload, COORDINATOR, uploaded),
    Case("decide on proposals", decide, COORDINATOR, decided),
    Case("commit an import", commit, COORDINATOR, committed),
    Case("merge a proposed activity", merge_activity, COORDINATOR, merged),
    Case("undo an import", undo_import, COORDINATOR, undone),
    *(Case(*case) for case in agenda_checklist.CASES),
    *(Case(*case) for case in suggestions_checklist.CASES),
    Case("create a monitoring item", create_monitoring_item, COORDINATOR, monitoring_item_created),
    Case("situation report to review", situation_report_to_review, COORDINATOR, situation_report_in_review),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_page_that_changes_data(case, persona, personas, as_persona):
    url, data, context = case.prepare(personas)
    client = as_persona(persona)  # signing in sets last_login: before the fingerprint
    before = fingerprint()
    response = client.post(url, data)
    if persona == "anonymous":
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert fingerprint() == before
    elif persona in case.allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert case.written(context, personas.user(persona))
    else:
        assert response.status_code == case.refused_with.get(persona, 403)
        assert fingerprint() == before
