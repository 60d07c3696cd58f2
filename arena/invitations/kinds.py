"""The invitations' notification kinds (registered with arena.notifications when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from arena.notifications.kinds import register

ROUTED = register(
    "invitations.routed",
    _("Ny invitasjon til enheten"),
    _("Til enhetens internasjonale kontakter når en invitasjon er sendt til enheten."),
)
TRIAGE = register(
    "invitations.triage",
    _("Invitasjon til vurdering"),
    _("Til koordinator når Arena ikke er sikker på hvilken enhet en invitasjon hører til."),
)
REMINDER = register(
    "invitations.reminder",
    _("Ubesvart invitasjon"),
    _("Påminnelse til enhetens kontakter når en invitasjon ikke er besvart."),
)
ESCALATED = register(
    "invitations.escalated",
    _("Invitasjon ubesvart etter fristen"),
    _("Til koordinator når påmeldingsfristen for en invitasjon er passert uten svar."),
)
NOTE_REQUESTED = register(
    "invitations.note_requested",
    _("Notat etter møtet"),
    _("Til deltakerne etter et møte fra en invitasjon: et kort notat, som blir årets aktivitet."),
)
