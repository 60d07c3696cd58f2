"""Approval locks a unit's records of the year: its contact cannot change, add or remove them — on the pages,
through the API or any other caller of the write path — until the submission is reopened, which is logged and
tells the coordinator. The coordinator is never locked out; other years and other units stay open."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from arena.notifications.models import Notification
from arena.register import changes
from arena.register.models import Activity, LogEntry, Unit
from arena.register.permissions import Access
from arena.reporting import cycle as flow
from arena.reporting.models import Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def approved():
    """The 2020 cycle with KF's submission delivered and approved."""
    coordinator = user("koordinator")
    cycle = flow.open_cycle(2020, datetime.date(2031, 2, 1), "", by=coordinator)
    kf = cycle.submissions.get(unit__key="kf")
    flow.submit(kf, by=user("kontakt-kf"))
    flow.approve_submission(kf, by=coordinator)
    return kf


def kf_activity(year):
    return Activity.objects.filter(year=year, units__key="kf").first()


def test_an_approved_submission_locks_the_units_records_of_that_year_for_its_contact(approved):
    contact = Access.of(user("kontakt-kf"))
    locked = kf_activity(2020)
    assert locked is not None
    assert not contact.can_change(locked) and contact.is_locked(locked)
    locked.title = "Endret etter godkjenning"
    with pytest.raises(changes.RecordLocked, match="2020"):
        changes.save(locked, by=contact)
    assert Activity.objects.get(pk=locked.pk).title != "Endret etter godkjenning"
    # A new activity of the locked year for the unit is refused as well; nothing is stored.
    before = Activity.objects.count()
    with pytest.raises(changes.RecordLocked):
        changes.save(Activity(year=2020, title="Ny"), by=contact, relations={"units": [approved.unit]})
    assert Activity.objects.count() == before
    # Another year is open; the coordinator is never locked out.
    changes.save(Activity(year=2021, title="Neste år"), by=contact, relations={"units": [approved.unit]})
    coordinator = Access.of(user("koordinator"))
    assert coordinator.can_change(locked)
    changes.save(locked, by=coordinator)


def test_other_units_are_not_locked_by_one_units_approval(approved):
    other = Activity.objects.filter(year=2020).exclude(units__key="kf").exclude(units__isnull=True).first()
    assert other is not None
    assert not Access.of(user("kontakt-kf")).is_locked(other)


def test_the_edit_page_says_why_and_a_form_for_a_locked_year_is_refused(approved, client):
    client.force_login(user("kontakt-kf"))
    locked = kf_activity(2020)
    page = client.get(f"/aktiviteter/{locked.pk}/endre/")
    assert page.status_code == 403
    assert "Åpne innspillet igjen" in page.content.decode()
    before = Activity.objects.count()
    response = client.post(
        "/aktiviteter/ny/",
        {
            "year": 2020,
            "title": "Ny etter godkjenning",
            "kind": Activity.Kind.PARTICIPATION,
            "units": [approved.unit.pk],
        },
    )
    assert response.status_code == 200 and "er godkjent" in response.content.decode()
    assert Activity.objects.count() == before


def test_reopening_is_logged_tells_the_coordinator_and_opens_the_records_again(approved):
    contact = user("kontakt-kf")
    with pytest.raises(ValidationError):
        flow.reopen_submission(approved, by=contact, reason="  ")
    with pytest.raises(PermissionDenied):
        flow.reopen_submission(approved, by=user("kontakt-ff"), reason="x")
    flow.reopen_submission(approved, by=contact, reason="En aktivitet manglet.")
    approved.refresh_from_db()
    assert approved.status == Submission.Status.DRAFT
    entry = LogEntry.objects.filter(action=flow.REOPENED).get()
    assert entry.actor == contact and entry.data["reason"] == "En aktivitet manglet."
    told = Notification.objects.filter(kind="reporting.submission_reopened")
    assert told.exists() and all(n.recipient.username != contact.username for n in told)
    assert Access.of(contact).can_change(kf_activity(2020))
    with pytest.raises(ValidationError):
        flow.reopen_submission(approved, by=contact, reason="igjen")  # only an approved one


def test_an_approved_cycle_locks_every_unit_and_only_the_coordinator_reopens_it(approved):
    coordinator = user("koordinator")
    cycle = approved.cycle
    for submission in cycle.submissions.exclude(status=Submission.Status.APPROVED):
        flow.submit(submission, by=coordinator)
        flow.approve_submission(submission, by=coordinator)
    flow.approve_cycle(cycle, by=coordinator)
    some_unit = Unit.objects.filter(submissions__cycle=cycle).exclude(key="kf").first()
    activity = Activity.objects.filter(year=2020, units=some_unit).first()
    if activity is not None:
        assert Access.of(user("kontakt-kf")).locked_unit_ids(2020) >= {approved.unit_id, some_unit.pk}
    with pytest.raises(PermissionDenied):
        flow.reopen_submission(approved, by=user("kontakt-kf"), reason="For sent")
    # The coordinator may: the submission and the cycle are open again (logged), KF's records unlocked.
    flow.reopen_submission(approved, by=coordinator, reason="KF må rette en aktivitet.")
    cycle.refresh_from_db()
    approved.refresh_from_db()
    assert cycle.is_open and cycle.approved_at is None and approved.status == Submission.Status.DRAFT
    entry = LogEntry.objects.filter(action=flow.REOPENED_CYCLE).get()
    assert entry.data == {"unit": "KF", "reason": "KF må rette en aktivitet."}
    assert Access.of(user("kontakt-kf")).can_change(kf_activity(2020))
    if activity is not None:  # the other units stay approved and locked
        assert Access.of(user("kontakt-kf")).is_locked(activity)


def test_the_nearest_unit_with_a_submission_decides_what_is_locked(approved):
    """The directorate's approval does not lock a division whose own submission is open again; a department
    without a submission of its own follows its division."""
    coordinator = user("koordinator")
    cycle = approved.cycle
    kf = approved.unit
    top = cycle.submissions.get(unit=kf.parent)  # the directorate's own submission
    if top.status != Submission.Status.APPROVED:
        flow.submit(top, by=coordinator)
        flow.approve_submission(top, by=coordinator)
    flow.reopen_submission(approved, by=user("kontakt-kf"), reason="Mangler en aktivitet.")
    contact = Access.of(user("kontakt-kf"))
    assert kf.pk not in contact.locked_unit_ids(2020)
    below = Unit.objects.filter(parent=kf).exclude(submissions__cycle=cycle).first()
    if below is not None:
        assert below.pk not in contact.locked_unit_ids(2020)
    flow.submit(approved, by=contact.acting_user)
    flow.approve_submission(approved, by=coordinator)
    locked = Access.of(user("kontakt-kf")).locked_unit_ids(2020)
    assert kf.pk in locked and (below is None or below.pk in locked)
