"""The invitations' reminders, run with the other reminders on the worker's hourly schedule
(arena.notifications.events.send_all_reminders; also `python -m arena send_reminders`):

- an invitation sent to a unit and not answered: its contacts are reminded once when it has waited
  ARENA_INVITATION_REMINDER_DAYS days, or once when the registration deadline is ARENA_REMINDER_DAYS or fewer
  days away;
- past the deadline (or, when no deadline was read, past the event's first day) and still not answered (or still
  in triage): escalated once to the coordinator;
- after an accepted invitation's meeting: the attendees and the unit's contacts are asked once for a short note,
  which becomes the year's activity (workflow.write_note).

Each goes once (notify's `once` key). Safe to run as often as wanted."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arena.invitations import kinds
from arena.invitations.models import Invitation
from arena.invitations.routing import contacts_for
from arena.invitations.workflow import coordinators
from arena.notifications.service import notify


def waiting_days() -> int:
    return int(getattr(settings, "ARENA_INVITATION_REMINDER_DAYS", 5))


def note_requests(today: datetime.date) -> int:
    """After an accepted invitation's meeting: its attendees (and the unit's contacts) are asked once for a note."""
    count = 0
    ended = Invitation.objects.filter(
        status=Invitation.Status.ACCEPTED,
        activity__isnull=True,
        meeting__ends_at__date__lt=today,
        meeting__ends_at__date__gte=today - datetime.timedelta(days=60),
    ).select_related("meeting", "unit")
    for invitation in ended:
        contacts, _holder = contacts_for(invitation.unit, today)
        count += len(
            notify(
                [*invitation.attendees.select_related("user"), *contacts],
                kinds.NOTE_REQUESTED.key,
                title=_("Skriv et kort notat fra %(meeting)s") % {"meeting": invitation.meeting.name},
                body=_("Notatet blir årets aktivitet for enheten på arenaen."),
                url=invitation.get_absolute_url() + "#note-heading",
                once=f"invitation:{invitation.pk}:note",
            )
        )
    return count


def send_invitation_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        return note_requests(today) + answer_reminders(today)


def answer_reminders(today: datetime.date) -> int:
    count = 0
    open_ones = Invitation.objects.filter(status__in=Invitation.OPEN).select_related("unit")
    for invitation in open_ones:
        values = {"subject": invitation.subject}
        # past the deadline, or — with no deadline read — past the event's first day
        passed = invitation.deadline or invitation.starts_on
        if passed and passed < today:
            values["date"] = date_format(passed)
            body = (
                _("Påmeldingsfristen var %(date)s, og invitasjonen er ikke besvart.")
                if invitation.deadline
                else _("Arrangementet begynte %(date)s, og invitasjonen er ikke besvart.")
            )
            count += len(
                notify(
                    coordinators(),
                    kinds.ESCALATED.key,
                    title=_("Fristen er passert uten svar: %(subject)s") % values,
                    body=body % values,
                    url=invitation.get_absolute_url(),
                    once=f"invitation:{invitation.pk}:escalated",
                )
            )
            continue
        if invitation.unit is None or invitation.routed_at is None:
            continue
        waited = (today - timezone.localtime(invitation.routed_at).date()).days
        close = invitation.deadline and (invitation.deadline - today).days <= settings.ARENA_REMINDER_DAYS
        if waited < waiting_days() and not close:
            continue
        contacts, _holder = contacts_for(invitation.unit, today)
        body = (
            _("Fristen for å svare er %(deadline)s.") % {"deadline": date_format(invitation.deadline)}
            if invitation.deadline
            else ngettext(
                "Invitasjonen har ventet i %(days)d dag.", "Invitasjonen har ventet i %(days)d dager.", waited
            )
            % {"days": waited}
        )
        count += len(
            notify(
                contacts,
                kinds.REMINDER.key,
                title=_("Ubesvart invitasjon: %(subject)s") % values,
                body=body,
                url=invitation.get_absolute_url(),
                once=f"invitation:{invitation.pk}:reminder:{invitation.unit_id}",
            )
        )
    return count
