"""The agenda's notification kinds (registered with arena.notifications when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from arena.notifications.kinds import register

NOTE_REQUESTED = register(
    "agenda.note_requested",
    _("Bestilling av håndnotat"),
    _(
        "Til enhetens internasjonale kontakter når koordinator ber enheten skrive notat til et dagsordenpunkt."
    ),
)
NOTE_DELIVERED = register(
    "agenda.note_delivered",
    _("Håndnotat levert"),
    _("Til koordinator når en enhet leverer et håndnotat."),
)
NOTE_RETURNED = register(
    "agenda.note_returned",
    _("Håndnotat sendt tilbake"),
    _("Når koordinator sender et håndnotat tilbake med en kommentar."),
)
NOTE_APPROVED = register(
    "agenda.note_approved",
    _("Håndnotat godkjent"),
    _("Når koordinator godkjenner et håndnotat."),
)
NOTE_LATE = register(
    "agenda.note_late",
    _("Håndnotat på overtid"),
    _("Påminnelse når fristen for et håndnotat nærmer seg eller er passert og notatet ikke er levert."),
)
OBLIGATION_DUE = register(
    "agenda.obligation_due",
    _("Rapporteringsfrist"),
    _("Påminnelse før en rapporteringsfrist, og når den er passert uten at leveransen er registrert."),
)
