"""Labels of the invitations' activity-log actions (arena.register.activity_log)."""

from django.utils.translation import gettext_lazy as _

RECEIVED = "invitations.received"
ROUTED = "invitations.routed"
TRIAGED = "invitations.triaged"
ACCEPTED = "invitations.accepted"
DECLINED = "invitations.declined"
FORWARDED = "invitations.forwarded"
RETURNED = "invitations.returned"
BODY_REMOVED = "invitations.body_removed"
NOTE_WRITTEN = "invitations.note_written"


def register_labels() -> None:
    from arena.register.activity_log import name_actions

    name_actions(
        {
            RECEIVED: _("registrerte invitasjonen (%(source)s)"),
            ROUTED: _("sendte invitasjonen til %(unit)s"),
            TRIAGED: _("la invitasjonen til vurdering hos koordinator"),
            ACCEPTED: _("takket ja til invitasjonen"),
            DECLINED: _("takket nei til invitasjonen: %(reason)s"),
            FORWARDED: _("videresendte invitasjonen til %(unit)s: %(reason)s"),
            RETURNED: _("sendte invitasjonen tilbake til koordinator: %(reason)s"),
            BODY_REMOVED: _("slettet innhold og vedlegg etter oppbevaringstiden"),
            NOTE_WRITTEN: _("skrev notatet etter møtet; det ble årets aktivitet"),
        }
    )
