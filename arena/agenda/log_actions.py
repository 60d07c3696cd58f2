"""Labels of the agenda's activity-log actions (arena.register.activity_log)."""

from django.utils.translation import gettext_lazy as _

MEETING_CANCELLED = "agenda.meeting.cancelled"
MEETING_REINSTATED = "agenda.meeting.reinstated"
AGENDA_IMPORTED = "agenda.meeting.agenda_imported"
ITEM_CONFIRMED = "agenda.item.confirmed"
NOTE_SAVED = "agenda.note.saved"
NOTE_DELIVERED = "agenda.note.delivered"
NOTE_RETURNED = "agenda.note.returned"
NOTE_APPROVED = "agenda.note.approved"
NOTES_COMPILED = "agenda.meeting.notes_compiled"
DEADLINE_DELIVERED = "agenda.deadline.delivered"
DEADLINES_GENERATED = "agenda.obligation.deadlines_generated"
TOKEN_RENEWED = "agenda.calendar.token_renewed"


def register_labels() -> None:
    from arena.register.activity_log import name_actions

    name_actions(
        {
            MEETING_CANCELLED: _("avlyste møtet"),
            MEETING_REINSTATED: _("gjeninnsatte møtet"),
            AGENDA_IMPORTED: _("importerte dagsordenen (%(count)s punkter)"),
            ITEM_CONFIRMED: _("bekreftet %(unit)s som ansvarlig for punkt %(item)s, frist %(deadline)s"),
            NOTE_SAVED: _("lagret notatet"),
            NOTE_DELIVERED: _("leverte notatet"),
            NOTE_RETURNED: _("sendte notatet tilbake: %(comment)s"),
            NOTE_APPROVED: _("godkjente notatet"),
            NOTES_COMPILED: _("samlet %(count)s godkjente notater i ett dokument"),
            DEADLINE_DELIVERED: _("registrerte leveransen for %(period)s"),
            DEADLINES_GENERATED: _("laget %(count)s frister"),
            TOKEN_RENEWED: _("fornyet adressen til sin kalender"),
        }
    )
