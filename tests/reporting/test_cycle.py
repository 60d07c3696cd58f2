"""The reporting cycle on the demo register: opening with pre-filled submissions, the submission workflow and
its permissions, approving the cycle, the overview, the constraints and the editorial texts in the report."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from arena.register.models import Activity, GuidingDocument, Unit
from arena.register.permissions import Access
from arena.reporting import cycle as flow
from arena.reporting.builder import build_report
from arena.reporting.models import ReportingCycle, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

DEADLINE = datetime.date(2031, 2, 1)  # in the future: a past deadline is refused


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def coordinator():
    return user("koordinator")


@pytest.fixture
def opened(coordinator):
    return flow.open_cycle(2020, DEADLINE, "Frist 1. februar.", by=coordinator)


def submission(cycle, key):
    return cycle.submissions.get(unit__key=key)


def test_opening_prefills_a_submission_per_unit_from_the_register(opened):
    units = set(opened.submissions.values_list("unit__key", flat=True))
    assert {"ff", "kf", "dh", "hk", "as", "ffpr"} <= units
    kf = submission(opened, "kf")
    assert kf.status == Submission.Status.DRAFT and kf.prefilled_at
    titles = {a["title"] for a in kf.prefilled["activities"]}
    assert titles == set(Activity.objects.filter(year=2020, units__key="kf").values_list("title", flat=True))
    assert kf.prefilled["engagements"] and all(
        {"arena", "role"} <= set(e) for e in kf.prefilled["engagements"]
    )
    hdir = submission(opened, "hdir")
    assert hdir.prefilled["outlook"]  # the directorate's 2020 outlook


def test_only_the_coordinator_opens_a_cycle_and_only_once_a_year(coordinator, opened):
    with pytest.raises(PermissionDenied):
        flow.open_cycle(2021, DEADLINE, by=user("kontakt-kf"))
    with pytest.raises(ValidationError) as refused:
        flow.open_cycle(2020, DEADLINE, by=coordinator)
    assert "Det finnes allerede en rapporteringsrunde for dette året." in str(refused.value)


def test_a_unit_contact_cannot_edit_or_submit_another_units_submission(opened):
    contact = user("kontakt-kf")
    ff = submission(opened, "ff")
    for action in (
        lambda: flow.save_submission(ff, by=contact, remarks="x"),
        lambda: flow.submit(ff, by=contact),
        lambda: flow.refresh_submission(ff, by=contact),
    ):
        with pytest.raises(PermissionDenied):
            action()
    ff.refresh_from_db()
    assert ff.status == Submission.Status.DRAFT and ff.remarks == ""
    assert not Access.of(contact).can_edit_submission(ff)
    assert Access.of(contact).can_edit_submission(submission(opened, "kf"))
    # The FF contact reaches FF's department too, as in the register; readers reach nothing.
    assert Access.of(user("kontakt-ff")).can_edit_submission(submission(opened, "ffpr"))
    assert not Access.of(user("leser")).can_edit_submission(ff)
    assert [s.unit.key for s in flow.submissions_for(contact, opened)] == ["kf"]


def test_submit_return_with_comment_resubmit_approve(opened, coordinator):
    contact = user("kontakt-kf")
    kf = submission(opened, "kf")
    flow.save_submission(kf, by=contact, remarks="To aktiviteter lagt til.")
    flow.submit(kf, by=contact)
    assert kf.status == Submission.Status.SUBMITTED and kf.submitted_by == contact
    with pytest.raises(ValidationError):
        flow.save_submission(kf, by=contact, remarks="etter levering")
    with pytest.raises(PermissionDenied):
        flow.approve_submission(kf, by=contact)
    with pytest.raises(ValidationError):
        flow.return_submission(kf, by=coordinator, comment="  ")
    flow.return_submission(kf, by=coordinator, comment="Utsynet mangler.")
    assert kf.status == Submission.Status.RETURNED and kf.coordinator_comment == "Utsynet mangler."
    flow.submit(kf, by=contact)
    flow.approve_submission(kf, by=coordinator)
    kf.refresh_from_db()
    assert kf.status == Submission.Status.APPROVED and kf.reviewed_by == coordinator


def test_a_cycle_cannot_be_approved_while_a_submission_is_a_draft(opened, coordinator):
    contact = user("kontakt-kf")
    with pytest.raises(ValidationError) as refused:
        flow.approve_cycle(opened, by=coordinator)
    assert "utkast fra" in str(refused.value) and "KF" in str(refused.value)
    opened.refresh_from_db()
    assert opened.status == ReportingCycle.Status.OPEN
    # Everything approved but one draft: still refused, naming that unit.
    for s in opened.submissions.exclude(unit__key="kf"):
        flow.submit(s, by=coordinator)
        flow.approve_submission(s, by=coordinator)
    with pytest.raises(ValidationError) as refused:
        flow.approve_cycle(opened, by=coordinator)
    assert "utkast fra KF" in str(refused.value)
    kf = submission(opened, "kf")
    flow.submit(kf, by=contact)
    with pytest.raises(ValidationError):  # submitted but not reviewed
        flow.approve_cycle(opened, by=coordinator)
    flow.approve_submission(kf, by=coordinator)
    with pytest.raises(PermissionDenied):
        flow.approve_cycle(opened, by=contact)
    flow.approve_cycle(opened, by=coordinator)
    assert opened.status == ReportingCycle.Status.APPROVED and opened.approved_at
    with pytest.raises(ValidationError):  # an approved cycle is closed for changes
        flow.return_submission(kf, by=coordinator, comment="for sent")


def test_overview_shows_status_lateness_and_changes_since_last_year(opened, coordinator):
    flow.submit(submission(opened, "kf"), by=user("kontakt-kf"))
    before_deadline = {r.submission.unit.key: r for r in flow.overview(opened, today=DEADLINE)}
    after_deadline = {
        r.submission.unit.key: r for r in flow.overview(opened, today=DEADLINE + datetime.timedelta(1))
    }
    assert not any(r.is_late for r in before_deadline.values())
    assert not after_deadline["kf"].is_late  # submitted in time
    assert after_deadline["ff"].is_late
    kf = after_deadline["kf"]
    assert kf.activities == Activity.objects.filter(year=2020, units__key="kf").distinct().count()
    assert kf.previous_activities == Activity.objects.filter(year=2019, units__key="kf").distinct().count()
    assert kf.contacts == ["Nils Fiktivsen"]
    # FF counts its department's activities too.
    ff_scope = Activity.objects.filter(year=2020, units__key__in=["ff", "ffpr"]).distinct().count()
    assert after_deadline["ff"].activities == ff_scope
    assert any(r.new_engagements for r in after_deadline.values())


def test_overview_costs_a_fixed_number_of_queries(opened, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        flow.overview(opened)


def test_constraints_refuse_bad_rows_with_bokmal_messages(opened):
    kf = submission(opened, "kf")
    kf.status = Submission.Status.RETURNED
    with pytest.raises(ValidationError) as refused:
        kf.full_clean()
    assert "må ha en kommentar fra koordinator" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(pk=kf.pk).update(status="returned", submitted_at=kf.prefilled_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(cycle=opened, unit=Unit.objects.get(key="kf"))


def test_editorial_texts_and_appendix_selection_reach_the_report(opened, coordinator):
    documents = list(GuidingDocument.objects.filter(category="europe")[:2])
    with pytest.raises(PermissionDenied):
        flow.save_editorial_texts(
            opened, by=user("kontakt-kf"), preface="x", about="", summary="", afterword=""
        )
    flow.save_editorial_texts(
        opened,
        by=coordinator,
        preface="Forord fra koordinator.",
        about="",
        summary="Året var preget av pandemien.",
        afterword="Takk til alle bidragsytere.",
        guiding_documents=documents,
    )
    report = build_report(2020, "area")
    assert report.chapters[0].title == "Forord"
    assert report.chapters[0].blocks[0].text == "Forord fra koordinator."
    summary = next(c for c in report.chapters if c.id == "sammendrag")
    assert summary.blocks[0].text == "Året var preget av pandemien."
    appendix = next(c for c in report.chapters if c.id == "vedlegg")
    listed = [item.text for s in appendix.sections for b in s.blocks for item in b.items]
    assert len(listed) == 2 and all(any(d.title in text for d in documents) for text in listed)
