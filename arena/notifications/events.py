"""The reporting cycle's notifications: cycle opened, submission returned or approved (to the unit's current
international contacts, arena.register.contacts), and the deadline reminders (approaching / passed), which
the worker runs every hour (ARENA_PERIODIC_TASKS) or cron runs with `python -m arena send_reminders`."""

import datetime
import functools

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from arena.notifications import kinds
from arena.notifications.service import notify
from arena.register.contacts import coordinators, international_contacts


def in_bokmal(function):
    """Notifications are written in bokmål whatever language the acting user chose for their own pages."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def _deadline(cycle) -> str:
    return date_format(cycle.deadline, "DATE_FORMAT")


@in_bokmal
def cycle_opened(cycle) -> list:
    made = []
    for submission in cycle.submissions.select_related("unit"):
        made += notify(
            international_contacts(submission.unit),
            kinds.CYCLE_OPENED.key,
            title=_("Rapporteringen for %(year)s er åpnet") % {"year": cycle.year},
            body=_("Innspillet fra %(unit)s skal leveres innen %(deadline)s.")
            % {
                "unit": submission.unit.name,
                "deadline": _deadline(cycle),
            }
            + (f"\n\n{cycle.instructions}" if cycle.instructions else ""),
            url=submission.get_absolute_url(),
        )
    return made


@in_bokmal
def submission_returned(submission) -> list:
    return notify(
        international_contacts(submission.unit),
        kinds.SUBMISSION_RETURNED.key,
        title=_("Innspillet fra %(unit)s er sendt tilbake") % {"unit": submission.unit.name},
        body=_("Koordinator ber dere rette dette før innspillet leveres på nytt:")
        + f"\n\n{submission.coordinator_comment}",
        url=submission.get_absolute_url(),
    )


@in_bokmal
def submission_approved(submission) -> list:
    return notify(
        international_contacts(submission.unit),
        kinds.SUBMISSION_APPROVED.key,
        title=_("Innspillet fra %(unit)s er godkjent") % {"unit": submission.unit.name},
        body=_("Koordinator har godkjent innspillet for %(year)s. Takk!") % {"year": submission.cycle.year},
        url=submission.get_absolute_url(),
    )


@in_bokmal
def submission_reopened(submission, reason: str) -> list:
    return notify(
        coordinators(),
        kinds.SUBMISSION_REOPENED.key,
        title=_("Innspillet fra %(unit)s for %(year)s er åpnet igjen")
        % {"unit": submission.unit.name, "year": submission.cycle.year},
        body=_("Enheten vil endre oppføringene sine og leverer innspillet på nytt. Begrunnelse:")
        + f"\n\n{reason}",
        url=submission.get_absolute_url(),
    )


@in_bokmal
def send_deadline_reminders(today: datetime.date | None = None) -> int:
    """Remind the contacts of every unit whose submission is not delivered: once when the deadline is
    ARENA_REMINDER_DAYS or fewer days away, once when it has passed. Safe to run as often as wanted."""
    from arena.reporting.models import ReportingCycle, Submission

    today = today or timezone.localdate()
    count = 0
    pending = (Submission.Status.DRAFT, Submission.Status.RETURNED)
    for cycle in ReportingCycle.objects.filter(status=ReportingCycle.Status.OPEN):
        days_left = (cycle.deadline - today).days
        if days_left < 0:
            kind, stage = kinds.DEADLINE_PASSED.key, "passed"
            title = _("Fristen for rapporteringen for %(year)s er passert") % {"year": cycle.year}
        elif days_left <= settings.ARENA_REMINDER_DAYS:
            kind, stage = kinds.DEADLINE_APPROACHING.key, "approaching"
            title = _("Fristen for rapporteringen for %(year)s nærmer seg") % {"year": cycle.year}
        else:
            continue
        for submission in cycle.submissions.filter(status__in=pending).select_related("unit"):
            body = _("Innspillet fra %(unit)s er ikke levert. Fristen er %(deadline)s.") % {
                "unit": submission.unit.name,
                "deadline": _deadline(cycle),
            }
            count += len(
                notify(
                    international_contacts(submission.unit, on=today),
                    kind,
                    title=title,
                    body=body,
                    url=submission.get_absolute_url(),
                    once=f"{submission.pk}:{stage}:{cycle.deadline.isoformat()}",
                )
            )
    return count


# Other apps' reminders (e.g. the agenda's notes and reporting deadlines) run on the same schedule: each app adds
# a dotted path to a function `f(today) -> int` in its AppConfig.ready.
_REMINDER_SOURCES: dict[str, str] = {}


def add_reminder_source(name: str, dotted_path: str) -> None:
    _REMINDER_SOURCES[name] = dotted_path


def send_all_reminders(today: datetime.date | None = None) -> int:
    """The reporting cycle's reminders and every registered source's, once each."""
    from django.utils.module_loading import import_string

    count = send_deadline_reminders(today)
    for path in _REMINDER_SOURCES.values():
        count += import_string(path)(today)
    return count


@task()
def deadline_reminders_task() -> int:
    return send_all_reminders()
