"""The agenda's reminders, run with the reporting cycle's on the worker's hourly schedule
(arena.notifications.events.send_all_reminders; also `python -m arena send_reminders`):

- a briefing note not delivered: once when its deadline is ARENA_REMINDER_DAYS or fewer days away, once when
  it has passed (to the unit's current international contacts);
- a reporting deadline not delivered: once `remind_days_before` days ahead, once when it has passed (to the
  owning unit's contacts).

Each reminder goes once (notify's `once` key); the run also makes this year's deadlines (and next year's from
October) so none is missed. Safe to run as often as wanted."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arena.agenda import kinds
from arena.agenda.models import BriefingNote, Deadline, Meeting
from arena.agenda.obligations import generate_deadlines
from arena.notifications.service import notify
from arena.register.contacts import international_contacts
from arena.register.permissions import Access


def _stage(due: datetime.date, today: datetime.date, ahead: int) -> str | None:
    days_left = (due - today).days
    if days_left < 0:
        return "passed"
    if days_left <= ahead:
        return "approaching"
    return None


def note_reminders(today: datetime.date) -> int:
    count = 0
    notes = BriefingNote.objects.filter(
        status__in=BriefingNote.EDITABLE,
        deadline__isnull=False,
        item__meeting__status=Meeting.Status.PLANNED,
        item__meeting__ends_at__gte=timezone.now() - datetime.timedelta(days=1),
    ).select_related("item__meeting", "unit")
    for note in notes:
        stage = _stage(note.deadline, today, settings.ARENA_REMINDER_DAYS)
        if stage is None:
            continue
        values = {
            "item": note.item,
            "meeting": note.item.meeting.name,
            "deadline": date_format(note.deadline),
        }
        if stage == "passed":
            title = _("Håndnotatet «%(item)s» er på overtid") % values
        else:
            title = _("Fristen for håndnotatet «%(item)s» nærmer seg") % values
        body = _("Notatet til %(meeting)s er ikke levert. Fristen er %(deadline)s.") % values
        count += len(
            notify(
                international_contacts(note.unit, on=today),
                kinds.NOTE_LATE.key,
                title=title,
                body=body,
                url=note.get_absolute_url(),
                once=f"note:{note.pk}:{stage}:{note.deadline.isoformat()}",
            )
        )
    return count


def deadline_reminders(today: datetime.date) -> int:
    count = 0
    deadlines = Deadline.objects.filter(
        delivered_at__isnull=True,
        obligation__is_active=True,
        due_on__lte=today + datetime.timedelta(days=366),
    ).select_related("obligation__unit")
    for deadline in deadlines:
        obligation = deadline.obligation
        stage = _stage(deadline.due_on, today, obligation.remind_days_before)
        if stage is None:
            continue
        values = {
            "name": obligation.name,
            "period": deadline.period,
            "deadline": date_format(deadline.due_on),
        }
        if stage == "passed":
            title = _("Rapporteringsfristen for %(name)s (%(period)s) er passert") % values
        else:
            title = _("Rapporteringsfristen for %(name)s (%(period)s) nærmer seg") % values
        body = _("Fristen er %(deadline)s. Registrer leveransen i Arena når den er sendt.") % values
        count += len(
            notify(
                international_contacts(obligation.unit, on=today),
                kinds.OBLIGATION_DUE.key,
                title=title,
                body=body,
                url=deadline.get_absolute_url(),
                once=f"deadline:{deadline.pk}:{stage}:{deadline.due_on.isoformat()}",
            )
        )
    return count


def send_agenda_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        system = Access.system()
        generate_deadlines(today.year, by=system)
        if today.month >= 10:
            generate_deadlines(today.year + 1, by=system)
        return note_reminders(today) + deadline_reminders(today)
