"""Briefing notes for governing-body sessions, as plain functions: the coordinator confirms each agenda item's
owning unit and deadline (the unit's contacts are notified), the contact writes and delivers, the coordinator
returns (with a comment) or approves. Every step is a version through arena.register.changes and an entry in
the activity log; a step in the wrong state raises ValidationError with a bokmål message and changes nothing.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arena.agenda import kinds, log_actions
from arena.agenda.models import AgendaItem, BriefingNote, Meeting
from arena.agenda.richtext import sanitize
from arena.notifications.service import notify
from arena.register import changes
from arena.register.contacts import coordinators as current_coordinators
from arena.register.contacts import international_contacts
from arena.register.models import Person, Unit
from arena.register.permissions import Access


def coordinators() -> list[Person]:
    """The coordinators (register.contacts), who hear of delivered notes."""
    return list(current_coordinators())


def _bokmal():
    return translation.override(settings.LANGUAGE_CODE)


def _date(day) -> str:
    return date_format(day, "DATE_FORMAT") if day else "–"


@transaction.atomic
def confirm_item(item: AgendaItem, unit: Unit, deadline: datetime.date | None, *, by) -> BriefingNote:
    """Make `unit` the item's owner with a note due on `deadline`; the unit's contacts are asked for the note.
    Changing the owner of an item whose note is approved is refused."""
    access = Access.of(by)
    access.require(access.can_manage_agenda())
    if unit is None:
        raise ValidationError(_("Velg hvilken enhet som skal skrive notatet."))
    meeting = item.meeting
    if deadline is not None and deadline > meeting.local_start.date():
        raise ValidationError(_("Fristen for notatet må være før møtet begynner."))
    note = BriefingNote.objects.filter(item=item).first()
    if note is not None and note.status == BriefingNote.Status.APPROVED and note.unit_id != unit.pk:
        raise ValidationError(_("Notatet er godkjent; ansvarlig enhet kan ikke lenger endres."))
    was = (item.unit_id, item.note_deadline, item.confirmed)
    item.unit, item.note_deadline, item.confirmed = unit, deadline, True
    item.full_clean()
    changes.save(item, by=access)
    if note is None:
        note = BriefingNote(item=item, unit=unit, deadline=deadline)
        changes.save(note, by=access)
    elif (note.unit_id, note.deadline) != (unit.pk, deadline):
        note.unit, note.deadline = unit, deadline
        changes.save(note, by=access)
    if was != (unit.pk, deadline, True):
        changes.log(
            log_actions.ITEM_CONFIRMED,
            item,
            by=access,
            unit=unit.short_name,
            item=str(item),
            deadline=deadline.isoformat() if deadline else "",
        )
        with _bokmal():
            notify(
                international_contacts(unit),
                kinds.NOTE_REQUESTED.key,
                title=_("Håndnotat til %(meeting)s: %(item)s") % {"meeting": meeting.name, "item": item},
                body=_("%(unit)s er bedt om å skrive håndnotat til punktet «%(item)s». Frist: %(deadline)s.")
                % {"unit": unit.name, "item": item, "deadline": _date(deadline)},
                url=note.get_absolute_url(),
            )
    return note


def confirm_suggestions(meeting: Meeting, deadline: datetime.date | None, *, by) -> int:
    """Confirm every unconfirmed item that has a suggested unit, with one deadline. Returns how many."""
    count = 0
    for item in meeting.items.filter(confirmed=False, suggested_unit__isnull=False).select_related(
        "suggested_unit", "meeting__arena"
    ):
        confirm_item(item, item.suggested_unit, deadline, by=by)
        count += 1
    return count


def _require_editable(note: BriefingNote, access: Access) -> None:
    access.require(access.can_edit_note(note))
    if note.status == BriefingNote.Status.APPROVED:
        raise ValidationError(_("Notatet er godkjent og kan ikke endres."))
    if note.status == BriefingNote.Status.DELIVERED:
        raise ValidationError(_("Notatet er levert og kan ikke endres før koordinator sender det tilbake."))


@transaction.atomic
def save_note(
    note: BriefingNote, *, by, background: str, position: str, intervention: str, based_on=changes.ANY
) -> BriefingNote:
    """Store the note's three parts (sanitised)."""
    access = Access.of(by)
    stored = BriefingNote.objects.select_for_update().get(pk=note.pk)
    _require_editable(stored, access)
    note.background, note.position, note.intervention = (
        sanitize(background),
        sanitize(position),
        sanitize(intervention),
    )
    note.status = stored.status
    changes.save(note, by=access, based_on=based_on)
    changes.log(log_actions.NOTE_SAVED, note, by=access)
    return note


@transaction.atomic
def deliver(note: BriefingNote, *, by) -> BriefingNote:
    access = Access.of(by)
    note = BriefingNote.objects.select_for_update().select_related("item__meeting", "unit").get(pk=note.pk)
    access.require(access.can_edit_note(note))
    if note.status == BriefingNote.Status.APPROVED:
        raise ValidationError(_("Notatet er allerede godkjent og kan ikke leveres på nytt."))
    if note.status == BriefingNote.Status.DELIVERED:
        raise ValidationError(_("Notatet er allerede levert."))
    if not note.position.strip():
        raise ValidationError(_("Notatet kan ikke leveres uten norsk posisjon."))
    note.status = BriefingNote.Status.DELIVERED
    note.delivered_by = access.acting_user
    note.delivered_at = timezone.now()
    changes.save(note, by=access)
    changes.log(log_actions.NOTE_DELIVERED, note, by=access)
    with _bokmal():
        notify(
            coordinators(),
            kinds.NOTE_DELIVERED.key,
            title=_("%(unit)s har levert notat: %(item)s")
            % {"unit": note.unit.short_name, "item": note.item},
            body=_("Notatet til %(meeting)s er klart til gjennomgang.") % {"meeting": note.item.meeting.name},
            url=note.get_absolute_url(),
        )
    return note


def _require_delivered(note: BriefingNote, access: Access) -> None:
    access.require(access.can_review_note(note))
    if note.status != BriefingNote.Status.DELIVERED:
        raise ValidationError(_("Bare et levert notat kan sendes tilbake eller godkjennes."))


@transaction.atomic
def return_note(note: BriefingNote, comment: str, *, by) -> BriefingNote:
    access = Access.of(by)
    note = BriefingNote.objects.select_for_update().select_related("item__meeting", "unit").get(pk=note.pk)
    _require_delivered(note, access)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Skriv hva enheten skal rette før notatet sendes tilbake."))
    note.status = BriefingNote.Status.RETURNED
    note.coordinator_comment = comment
    changes.save(note, by=access)
    changes.log(log_actions.NOTE_RETURNED, note, by=access, comment=comment)
    with _bokmal():
        notify(
            international_contacts(note.unit),
            kinds.NOTE_RETURNED.key,
            title=_("Notatet «%(item)s» er sendt tilbake") % {"item": note.item},
            body=_("Koordinator ber dere rette dette før notatet leveres på nytt:") + f"\n\n{comment}",
            url=note.get_absolute_url(),
        )
    return note


@transaction.atomic
def approve(note: BriefingNote, *, by) -> BriefingNote:
    access = Access.of(by)
    note = BriefingNote.objects.select_for_update().select_related("item__meeting", "unit").get(pk=note.pk)
    _require_delivered(note, access)
    note.status = BriefingNote.Status.APPROVED
    note.approved_by = access.acting_user
    note.approved_at = timezone.now()
    changes.save(note, by=access)
    changes.log(log_actions.NOTE_APPROVED, note, by=access)
    with _bokmal():
        notify(
            international_contacts(note.unit),
            kinds.NOTE_APPROVED.key,
            title=_("Notatet «%(item)s» er godkjent") % {"item": note.item},
            body=_("Koordinator har godkjent notatet til %(meeting)s. Takk!")
            % {"meeting": note.item.meeting.name},
            url=note.get_absolute_url(),
        )
    return note


def session_notes(meeting: Meeting):
    """The meeting's agenda items in order, each with its note (or None) — the coordinator's overview."""
    items = list(
        meeting.items.select_related("unit", "suggested_unit", "area", "note", "note__unit").order_by(
            "position", "pk"
        )
    )
    for item in items:
        item.note_or_none = getattr(item, "note", None) if hasattr(item, "note") else None
    return items
