"""The notification kinds of proposed register entries (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _

from arena.notifications.kinds import register

PROPOSED = register(
    "suggestions.proposed",
    _("Forslag til registeret"),
    _("Til koordinator når en kontakt foreslår en ny arena eller organisasjon."),
)
DECIDED = register(
    "suggestions.decided",
    _("Forslaget ditt er avgjort"),
    _("Når koordinator godtar, slår sammen eller avviser en arena eller organisasjon du har foreslått."),
)
