"""The answers to an invitation, as plain functions. Each step asks `Access`, writes through the register's one
write path (one version of the invitation) and is logged (`changes.log`) and notified:

- `send_to_unit` (Arena when sure, the coordinator from triage): to the unit's current international contacts;
- `to_triage` / `back_to_triage` (a contact sends it back, with a reason): to the coordinator;
- `accept` (who attends): becomes a meeting in the agenda (arena.agenda.meetings) with those attendees;
- `decline` (a reason);
- `forward` to another unit (a reason): that unit's contacts are notified.
Bad input raises ValidationError with a bokmål message and stores nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.invitations import kinds, log_actions
from arena.invitations.models import Invitation
from arena.notifications.events import in_bokmal
from arena.notifications.service import notify
from arena.register import changes
from arena.register.models import Person, Unit
from arena.register.permissions import Access

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def coordinators() -> list[Person]:
    """The people with a current coordinator role on the coordinating unit (register.contacts' one definition)."""
    from arena.register.contacts import coordinators as current_coordinators

    return list(current_coordinators().select_related("user"))


def _facts(invitation: Invitation) -> str:
    lines = [invitation.subject]
    if invitation.sender_name or invitation.sender_email:
        lines.append(_("Fra: %(sender)s") % {"sender": invitation.sender_name or invitation.sender_email})
    if invitation.starts_on:
        lines.append(_("Når: %(date)s") % {"date": invitation.starts_on.isoformat()})
    if invitation.deadline:
        lines.append(_("Frist: %(date)s") % {"date": invitation.deadline.isoformat()})
    return "\n".join(lines)


@in_bokmal
def notify_unit(invitation: Invitation, unit: Unit, contacts: Iterable[Person] | None = None, note: str = ""):
    from arena.invitations.routing import contacts_for

    if contacts is None:
        contacts, _holder = contacts_for(unit, timezone.localdate())
    body = _facts(invitation) + (f"\n\n{note}" if note else "")
    return notify(
        contacts,
        kinds.ROUTED.key,
        title=_("Invitasjon til %(unit)s: %(subject)s") % {"unit": unit.name, "subject": invitation.subject},
        body=body,
        url=invitation.get_absolute_url(),
    )


@in_bokmal
def notify_triage(invitation: Invitation, note: str = ""):
    return notify(
        coordinators(),
        kinds.TRIAGE.key,
        title=_("Invitasjon til vurdering: %(subject)s") % {"subject": invitation.subject},
        body=_facts(invitation) + (f"\n\n{note}" if note else ""),
        url=invitation.get_absolute_url(),
    )


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Skriv en kort begrunnelse."))
    return reason[:2000]


@transaction.atomic
def send_to_unit(invitation: Invitation, unit: Unit, *, by, contacts=None, arena=None) -> Invitation:
    """To the unit's contacts (the coordinator may correct the arena on the way)."""
    access = Access.of(by)
    access.require(access.can_triage_invitations())
    if unit is None:
        raise ValidationError(_("Velg en enhet."))
    if arena is not None:
        invitation.arena = arena
    invitation.unit = unit
    invitation.status = Invitation.Status.ROUTED
    invitation.routed_at = timezone.now()
    changes.save(invitation, by=access, action="invitation")
    changes.log(log_actions.ROUTED, invitation, by=access, unit=unit.name)
    notify_unit(invitation, unit, contacts)
    return invitation


@transaction.atomic
def to_triage(invitation: Invitation, *, by) -> Invitation:
    """Arena is unsure: the coordinator decides."""
    access = Access.of(by)
    invitation.status = Invitation.Status.TRIAGE
    invitation.unit = None
    changes.save(invitation, by=access, action="invitation")
    changes.log(log_actions.TRIAGED, invitation, by=access)
    notify_triage(invitation)
    return invitation


@transaction.atomic
def back_to_triage(invitation: Invitation, *, by, reason: str) -> Invitation:
    access = Access.of(by)
    access.require(access.can_answer_invitation(invitation) and invitation.is_open)
    reason = _reason(reason)
    invitation.proposed_unit = invitation.unit
    invitation.unit = None
    invitation.status = Invitation.Status.TRIAGE
    changes.save(invitation, by=access, action="invitation")
    changes.log(log_actions.RETURNED, invitation, by=access, reason=reason)
    notify_triage(invitation, reason)
    return invitation


@transaction.atomic
def forward(invitation: Invitation, unit: Unit, *, by, reason: str) -> Invitation:
    access = Access.of(by)
    access.require(access.can_answer_invitation(invitation))
    if not invitation.is_open or invitation.status == Invitation.Status.TRIAGE:
        raise ValidationError(
            _("Bare en invitasjon som er sendt til en enhet og ikke besvart, kan videresendes.")
        )
    if unit is None or unit.pk == invitation.unit_id:
        raise ValidationError(_("Velg en annen enhet enn den invitasjonen er sendt til."))
    reason = _reason(reason)
    invitation.unit = unit
    invitation.status = Invitation.Status.FORWARDED
    invitation.routed_at = timezone.now()
    invitation.answer_reason = reason
    changes.save(invitation, by=access, action="invitation")
    changes.log(log_actions.FORWARDED, invitation, by=access, unit=unit.name, reason=reason)
    notify_unit(invitation, unit, note=_("Videresendt med begrunnelsen: %(reason)s") % {"reason": reason})
    return invitation


@transaction.atomic
def decline(invitation: Invitation, *, by, reason: str) -> Invitation:
    access = Access.of(by)
    access.require(access.can_answer_invitation(invitation))
    if not invitation.is_open or invitation.unit_id is None:
        raise ValidationError(_("Invitasjonen er allerede besvart eller ikke sendt til en enhet."))
    invitation.answer_reason = _reason(reason)
    invitation.status = Invitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    changes.save(invitation, by=access, action="invitation")
    changes.log(log_actions.DECLINED, invitation, by=access, reason=invitation.answer_reason)
    return invitation


@transaction.atomic
def accept(
    invitation: Invitation,
    *,
    by,
    people: Iterable[Person],
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
):
    """Accept with the people who attend: the invitation becomes a meeting of its arena in the agenda, attended
    by those people and the unit. Returns the meeting."""
    from arena.agenda.meetings import save_meeting
    from arena.agenda.models import Meeting

    access = Access.of(by)
    access.require(access.can_answer_invitation(invitation))
    if not invitation.is_open or invitation.unit_id is None:
        raise ValidationError(_("Invitasjonen er allerede besvart eller ikke sendt til en enhet."))
    people = list(people)
    if not people:
        raise ValidationError(_("Velg hvem som deltar."))
    if invitation.arena_id is None:
        raise ValidationError(
            _("Velg arenaen invitasjonen gjelder før du takker ja, så møtet havner i agendaen.")
        )
    if starts_at is None:
        if invitation.starts_on is None:
            raise ValidationError(_("Invitasjonen har ingen dato. Oppgi når arrangementet er."))
        starts_at = datetime.datetime.combine(invitation.starts_on, datetime.time(9), tzinfo=OSLO)
    if ends_at is None:
        last = invitation.ends_on or starts_at.astimezone(OSLO).date()
        ends_at = datetime.datetime.combine(last, datetime.time(16), tzinfo=OSLO)
    kind = Meeting.Kind.CONFERENCE if invitation.kind in ("seminar", "course") else Meeting.Kind.MEETING
    meeting = Meeting(
        arena=invitation.arena,
        kind=kind,
        name=invitation.subject[:300],
        starts_at=starts_at,
        ends_at=ends_at,
        place=invitation.location[:300],
        description=_("Fra invitasjon fra %(sender)s.")
        % {"sender": invitation.sender_name or invitation.sender_email or _("ukjent avsender")},
    )
    save_meeting(meeting, by=access, people=people, units=[invitation.unit])
    invitation.meeting = meeting
    invitation.status = Invitation.Status.ACCEPTED
    invitation.answered_at = timezone.now()
    changes.save(invitation, by=access, action="invitation", relations={"attendees": people})
    changes.log(log_actions.ACCEPTED, invitation, by=access, meeting=meeting.pk)
    return meeting


@transaction.atomic
def write_note(invitation: Invitation, text: str, *, by):
    """After the meeting: the short note becomes the year's activity of the unit on the arena, with the
    invitation as its provenance. Returns the activity."""
    from arena.register.models import Activity

    access = Access.of(by)
    access.require(access.can_write_invitation_note(invitation))
    if invitation.status != Invitation.Status.ACCEPTED or invitation.meeting is None:
        raise ValidationError(_("Bare en invitasjon det er takket ja til, kan få et notat etter møtet."))
    if invitation.activity_id is not None:
        raise ValidationError(_("Notatet er allerede skrevet."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Skriv et kort notat om møtet."))
    meeting = invitation.meeting
    activity = Activity(
        year=meeting.local_start.year,
        title=invitation.subject[:300],
        description=text[:20000],
        kind=Activity.Kind.PARTICIPATION,
        source_section=(
            _("Invitasjon %(id)s: %(subject)s") % {"id": invitation.pk, "subject": invitation.subject}
        )[:300],
    )
    changes.save(
        activity,
        by=access,
        action="invitation",
        relations={"units": [invitation.unit], "arenas": [invitation.arena]},
        validate=True,
    )
    invitation.activity = activity
    changes.save(invitation, by=access, action="invitation")
    changes.log(log_actions.NOTE_WRITTEN, invitation, by=access, activity=activity.pk)
    return activity
