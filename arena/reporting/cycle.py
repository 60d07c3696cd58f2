"""The reporting cycle as plain functions: open a year's cycle, pre-fill each unit's submission from the
register, save, submit, return with a comment, approve, approve the cycle, write the editorial texts, and the
overview of who has submitted, who is late and what changed since last year.

Every function takes the actor (`by`: an `Access` or a user) and asks the register's `Access`; a refused action
raises PermissionDenied, a wrong state ValidationError with a bokmål message. Every step is recorded in the
activity log (arena.register.changes.log) with who did it, so resubmissions and returns stay visible. The unit's facts (activities,
engagements, outlook) are corrected in the register itself, through its own editing pages; a submission holds
the workflow state, the unit's remarks, the coordinator's comment and a snapshot of what was pre-filled.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.notifications import events as notifications
from arena.register.changes import log
from arena.register.contacts import current_roles, international_contacts_by_unit
from arena.register.models import Activity, Engagement, Outlook, Unit, UnitRole
from arena.register.models.base import active_in_year
from arena.register.permissions import Access
from arena.register.structure import UnitTree
from arena.reporting.models import EditorialText, ReportingCycle, Submission

# Activity-log actions of the cycle (labels in arena.reporting.log_actions).
OPENED = "reporting.cycle.opened"
APPROVED_CYCLE = "reporting.cycle.approved"
TEXTS_EDITED = "reporting.cycle.texts_edited"
SAVED = "reporting.submission.saved"
REFRESHED = "reporting.submission.refreshed"
SUBMITTED = "reporting.submission.submitted"
RETURNED = "reporting.submission.returned"
APPROVED = "reporting.submission.approved"
REOPENED = "reporting.submission.reopened"
REOPENED_CYCLE = "reporting.cycle.reopened"


def reporting_units(year: int) -> list[Unit]:
    """Units that get a submission: those with a current international contact, and those with activities in
    the year or engagements active in it."""
    with_contact = current_roles(UnitRole.Role.INTERNATIONAL_CONTACT)
    ids = set(with_contact.values_list("unit", flat=True))
    ids |= set(Activity.units.through.objects.filter(activity__year=year).values_list("unit_id", flat=True))
    ids |= set(
        Engagement.objects.filter(active_in_year(year), unit__isnull=False).values_list("unit_id", flat=True)
    )
    return list(Unit.objects.filter(pk__in=ids).order_by("name"))


def _snapshot(unit: Unit, year: int) -> dict:
    engagements = (
        Engagement.objects.filter(active_in_year(year), unit=unit)
        .select_related("arena")
        .order_by("arena__name")
    )
    activities = Activity.objects.filter(year=year, units=unit).order_by("title")
    outlook = Outlook.objects.filter(unit=unit, year=year).first()
    return {
        "engagements": [
            {
                "id": e.pk,
                "arena": e.arena.name,
                "role": e.get_role_display(),
                "since": e.starts_on.year if e.starts_on else None,
            }
            for e in engagements
        ],
        "activities": [{"id": a.pk, "title": a.title} for a in activities],
        "outlook": outlook.text if outlook else "",
    }


def prefill_submission(cycle: ReportingCycle, unit: Unit) -> Submission:
    """The unit's submission, (re)filled with its engagements and the year's activities so far."""
    submission, _created = Submission.objects.get_or_create(cycle=cycle, unit=unit)
    submission.prefilled = _snapshot(unit, cycle.year)
    submission.prefilled_at = timezone.now()
    submission.save(update_fields=["prefilled", "prefilled_at", "updated_at"])
    return submission


def require_future_deadline(deadline: datetime.date, access: Access) -> None:
    """A deadline already past would make every unit late at once: refused (today is allowed). Only the system
    may record a finished year's cycle with its real, past deadline (the demo register's 2019 and 2020)."""
    if access.is_system:
        return
    today = timezone.localdate()
    if deadline < today:
        raise ValidationError(
            _("Fristen %(deadline)s er passert. Velg en frist som er i dag eller senere.")
            % {"deadline": deadline.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def open_cycle(
    year: int, deadline: datetime.date, instructions: str = "", *, by, units: list[Unit] | None = None
) -> ReportingCycle:
    access = Access.of(by)
    access.require(access.can_manage_cycle())
    require_future_deadline(deadline, access)
    cycle = ReportingCycle(
        year=year, deadline=deadline, instructions=instructions, opened_by=access.acting_user
    )
    cycle.full_clean()
    cycle.save()
    for unit in reporting_units(year) if units is None else units:
        prefill_submission(cycle, unit)
    log(OPENED, cycle, by=access, year=year, deadline=deadline.isoformat(), units=cycle.submissions.count())
    notifications.cycle_opened(cycle)  # notifications: to each unit's contacts (e-mail after commit)
    return cycle


def _require_open(cycle: ReportingCycle) -> None:
    if not cycle.is_open:
        raise ValidationError(
            _("Rapporteringsrunden for %(year)d er godkjent og kan ikke endres.") % {"year": cycle.year}
        )


def _require_editable(submission: Submission, access: Access) -> None:
    access.require(access.can_edit_submission(submission))
    _require_open(submission.cycle)
    if not submission.is_editable:
        raise ValidationError(
            _("Innspillet er levert og kan ikke endres før koordinator sender det tilbake.")
        )


@transaction.atomic
def save_submission(submission: Submission, *, by, remarks: str) -> Submission:
    access = Access.of(by)
    _require_editable(submission, access)
    if submission.remarks != remarks:
        log(SAVED, submission, by=access, before=submission.remarks, after=remarks)
    submission.remarks = remarks
    submission.save(update_fields=["remarks", "updated_at"])
    return submission


@transaction.atomic
def refresh_submission(submission: Submission, *, by) -> Submission:
    """Fill the snapshot again from the register (after the unit has corrected it there)."""
    access = Access.of(by)
    _require_editable(submission, access)
    submission = prefill_submission(submission.cycle, submission.unit)
    log(REFRESHED, submission, by=access)
    return submission


@transaction.atomic
def submit(submission: Submission, *, by) -> Submission:
    access = Access.of(by)
    access.require(access.can_edit_submission(submission))
    _require_open(submission.cycle)
    if not submission.is_editable:
        raise ValidationError(_("Innspillet er allerede levert."))
    submission.prefilled = _snapshot(submission.unit, submission.cycle.year)
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_by = access.acting_user
    submission.submitted_at = timezone.now()
    submission.save()
    log(
        SUBMITTED,
        submission,
        by=access,
        activities=len(submission.prefilled["activities"]),
        engagements=len(submission.prefilled["engagements"]),
    )
    return submission


@transaction.atomic
def return_submission(submission: Submission, *, by, comment: str) -> Submission:
    access = Access.of(by)
    access.require(access.can_review_submission(submission))
    _require_open(submission.cycle)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Bare et levert innspill kan sendes tilbake."))
    if not comment.strip():
        raise ValidationError(_("Skriv en kommentar som forteller enheten hva som må rettes."))
    submission.status = Submission.Status.RETURNED
    submission.coordinator_comment = comment.strip()
    submission.reviewed_by = access.acting_user
    submission.reviewed_at = timezone.now()
    submission.save()
    log(RETURNED, submission, by=access, comment=submission.coordinator_comment)
    notifications.submission_returned(submission)  # notifications
    return submission


@transaction.atomic
def approve_submission(submission: Submission, *, by) -> Submission:
    access = Access.of(by)
    access.require(access.can_review_submission(submission))
    _require_open(submission.cycle)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Bare et levert innspill kan godkjennes."))
    submission.status = Submission.Status.APPROVED
    submission.reviewed_by = access.acting_user
    submission.reviewed_at = timezone.now()
    submission.save()
    log(APPROVED, submission, by=access)
    notifications.submission_approved(submission)  # notifications
    return submission


def units_without_contact(cycle: ReportingCycle, today: datetime.date | None = None) -> list[Submission]:
    """The cycle's submissions not yet approved whose unit has no current international contact of its own
    (nobody but the coordinator delivers them)."""
    contacts = international_contacts_by_unit(today or timezone.localdate())
    pending = cycle.submissions.exclude(status=Submission.Status.APPROVED).select_related("unit", "cycle")
    return [s for s in pending.order_by("unit__name") if not contacts.get(s.unit_id)]


@transaction.atomic
def approve_units_without_contact(cycle: ReportingCycle, *, by) -> list[Submission]:
    """The coordinator delivers and approves, in one step, every submission of a unit without an international
    contact; each is logged as delivered and approved by the coordinator, one entry per step and submission."""
    access = Access.of(by)
    access.require(access.can_manage_cycle())
    _require_open(cycle)
    done = []
    for submission in units_without_contact(cycle):
        if submission.is_editable:
            submit(submission, by=access)
        approve_submission(submission, by=access)
        done.append(submission)
    return done


@transaction.atomic
def reopen_submission(submission: Submission, *, by, reason: str) -> Submission:
    """Open an approved submission again, so the unit's records of the year can be changed (approval locks
    them, see Access.locks). The unit delivers it again afterwards; the coordinators are told. In an approved
    cycle (only the coordinator may do this there) the cycle is opened again too: versions already issued stay
    as they are, and a new version is issued once the cycle is approved again."""
    access = Access.of(by)
    access.require(access.can_reopen_submission(submission))
    if submission.status != Submission.Status.APPROVED:
        raise ValidationError(_("Bare et godkjent innspill kan åpnes igjen."))
    if not reason.strip():
        raise ValidationError(_("Skriv hvorfor innspillet må åpnes igjen."))
    cycle = submission.cycle
    if not cycle.is_open:
        cycle.status = ReportingCycle.Status.OPEN
        cycle.approved_by = None
        cycle.approved_at = None
        cycle.save()
        log(REOPENED_CYCLE, cycle, by=access, unit=submission.unit.short_name, reason=reason.strip())
    submission.status = Submission.Status.DRAFT
    submission.save()
    log(REOPENED, submission, by=access, reason=reason.strip())
    notifications.submission_reopened(submission, reason.strip())
    return submission


@transaction.atomic
def approve_cycle(cycle: ReportingCycle, *, by) -> ReportingCycle:
    """Approve the year's cycle; refused while any unit's submission is not approved (a draft, submitted but
    not reviewed, or returned)."""
    access = Access.of(by)
    access.require(access.can_manage_cycle())
    _require_open(cycle)
    pending = list(cycle.submissions.exclude(status=Submission.Status.APPROVED).select_related("unit"))
    if pending:
        drafts = [s for s in pending if s.status == Submission.Status.DRAFT]
        others = [s for s in pending if s.status != Submission.Status.DRAFT]
        parts = []
        if drafts:
            parts.append(_("utkast fra %(units)s") % {"units": ", ".join(s.unit.short_name for s in drafts)})
        if others:
            parts.append(
                _("ikke godkjent fra %(units)s") % {"units": ", ".join(s.unit.short_name for s in others)}
            )
        raise ValidationError(
            _("Rapporteringsrunden kan ikke godkjennes før alle innspill er godkjent: %(pending)s.")
            % {"pending": "; ".join(parts)}
        )
    cycle.status = ReportingCycle.Status.APPROVED
    cycle.approved_by = access.acting_user
    cycle.approved_at = timezone.now()
    cycle.save()
    log(APPROVED_CYCLE, cycle, by=access)
    return cycle


EDITORIAL_TEXTS = ("preface", "about", "summary", "afterword")


@transaction.atomic
def save_editorial_texts(
    cycle: ReportingCycle,
    *,
    by,
    preface: str,
    about: str,
    summary: str,
    afterword: str,
    guiding_documents=None,
) -> ReportingCycle:
    """The coordinator's texts; they may be polished after approval too (the figures come from the register).
    The log entry keeps each changed text as it was before and after, so nothing is lost."""
    access = Access.of(by)
    access.require(access.can_manage_cycle())
    new = {"preface": preface, "about": about, "summary": summary, "afterword": afterword}
    # Compare with what is stored: a bound form may already have set the new texts on `cycle`.
    stored = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    changed = {name: {"before": getattr(stored, name), "after": new[name]} for name in EDITORIAL_TEXTS
               if getattr(stored, name) != new[name]}  # fmt: skip
    documents_before = sorted(cycle.guiding_documents.values_list("pk", flat=True))
    for name in EDITORIAL_TEXTS:
        setattr(cycle, name, new[name])
    cycle.save(update_fields=list(EDITORIAL_TEXTS))
    documents_after = documents_before
    if guiding_documents is not None:
        cycle.guiding_documents.set(guiding_documents)
        documents_after = sorted(cycle.guiding_documents.values_list("pk", flat=True))
    if changed or documents_after != documents_before:
        log(
            TEXTS_EDITED,
            cycle,
            by=access,
            texts=changed,
            guiding_documents={"before": documents_before, "after": documents_after},
        )
    return cycle


# The overview


@dataclass
class OverviewRow:
    submission: Submission
    contacts: list[str]
    is_late: bool
    activities: int
    previous_activities: int
    new_engagements: list[str] = field(default_factory=list)
    ended_engagements: list[str] = field(default_factory=list)
    has_outlook: bool = False
    texts: int = 0  # how many of the unit's two editorial texts (introduction, what matters next) are written

    @property
    def change(self) -> int:
        return self.activities - self.previous_activities


def overview(cycle: ReportingCycle, today: datetime.date | None = None) -> list[OverviewRow]:
    """One row per submission: status, whether it is late, and what changed since last year for the unit (with
    its sub-units). A fixed number of queries."""
    today = today or timezone.localdate()
    year = cycle.year
    tree = UnitTree.load()
    submissions = list(cycle.submissions.select_related("unit", "submitted_by").order_by("unit__name"))
    contacts = international_contacts_by_unit(today)
    activity_units = defaultdict(set)
    for activity_id, activity_year, unit_id in Activity.units.through.objects.filter(
        activity__year__in=(year, year - 1)
    ).values_list("activity_id", "activity__year", "unit_id"):
        activity_units[(activity_year, unit_id)].add(activity_id)
    engagements = list(
        Engagement.objects.filter(
            active_in_year(year) | active_in_year(year - 1), unit__isnull=False
        ).select_related("arena")
    )
    outlook_units = set(Outlook.objects.filter(year=year).values_list("unit_id", flat=True))
    texts = Counter(
        EditorialText.objects.filter(cycle=cycle, kind__in=EditorialText.UNIT_KINDS)
        .exclude(text="")
        .values_list("unit_id", flat=True)
    )
    rows = []
    for submission in submissions:
        scope = tree.descendants([submission.unit_id])
        count = Counter()
        for y in (year, year - 1):
            count[y] = len(set().union(*(activity_units[(y, pk)] for pk in scope)))
        mine = [e for e in engagements if e.unit_id in scope]
        rows.append(
            OverviewRow(
                submission=submission,
                contacts=[str(p) for p in contacts.get(submission.unit_id, [])],
                is_late=submission.is_editable and cycle.is_open and today > cycle.deadline,
                activities=count[year],
                previous_activities=count[year - 1],
                new_engagements=[
                    e.arena.short_name for e in mine if e.is_active_in(year) and not e.is_active_in(year - 1)
                ],
                ended_engagements=[
                    e.arena.short_name for e in mine if e.is_active_in(year - 1) and not e.is_active_in(year)
                ],
                has_outlook=bool(scope & outlook_units),
                texts=texts[submission.unit_id],
            )
        )
    return rows


def submissions_for(by, cycle: ReportingCycle) -> list[Submission]:
    """The submissions the actor may edit in the cycle (all of them for the coordinator)."""
    queryset = Access.of(by).submissions(cycle.submissions.select_related("unit"))
    return list(queryset.order_by("unit__name"))
