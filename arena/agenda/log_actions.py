"""Labels of the agenda's activity-log actions (arena.register.activity_log)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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

    def count(data):
        from arena.register.activity_log import count

        return count(data, "count")

    name_actions(
        {
            MEETING_CANCELLED: _("avlyste møtet"),
            MEETING_REINSTATED: _("gjeninnsatte møtet"),
            AGENDA_IMPORTED: lambda data: (
                ngettext(
                    "importerte dagsordenen (%(count)d punkt)",
                    "importerte dagsordenen (%(count)d punkter)",
                    count(data),
                )
                % {"count": count(data)}
            ),
            ITEM_CONFIRMED: _("bekreftet %(unit)s som ansvarlig for punkt %(item)s, frist %(deadline)s"),
            NOTE_SAVED: _("lagret notatet"),
            NOTE_DELIVERED: _("leverte notatet"),
            NOTE_RETURNED: _("sendte notatet tilbake: %(comment)s"),
            NOTE_APPROVED: _("godkjente notatet"),
            NOTES_COMPILED: lambda data: (
                ngettext(
                    "samlet %(count)d godkjent notat i ett dokument",
                    "samlet %(count)d godkjente notater i ett dokument",
                    count(data),
                )
                % {"count": count(data)}
            ),
            DEADLINE_DELIVERED: _("registrerte leveransen for %(period)s"),
            DEADLINES_GENERATED: lambda data: (
                ngettext("laget %(count)d frist", "laget %(count)d frister", count(data))
                % {"count": count(data)}
            ),
            TOKEN_RENEWED: _("fornyet adressen til sin kalender"),
        }
    )
