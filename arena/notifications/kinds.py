"""The kinds of notification. Each module names its kinds once (in its AppConfig.ready) with `register`; a
kind has a key, a label (shown on the preferences page, where users turn its e-mail off) and a description.
The in-app notification is always made; e-mail follows the user's choice per kind."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    description: str = ""


KINDS: dict[str, Kind] = {}


def register(key: str, label, description="") -> Kind:
    kind = Kind(key, label, description)
    KINDS[key] = kind
    return kind


CYCLE_OPENED = register(
    "reporting.cycle_opened",
    _("Rapporteringsrunden er åpnet"),
    _("Til enhetenes internasjonale kontakter når koordinator åpner årets rapportering."),
)
SUBMISSION_RETURNED = register(
    "reporting.submission_returned",
    _("Innspill sendt tilbake"),
    _("Når koordinator sender enhetens innspill tilbake med en kommentar."),
)
SUBMISSION_APPROVED = register(
    "reporting.submission_approved",
    _("Innspill godkjent"),
    _("Når koordinator godkjenner enhetens innspill."),
)
SUBMISSION_REOPENED = register(
    "reporting.submission_reopened",
    _("Innspill åpnet igjen"),
    _("Til koordinator når en enhet åpner et godkjent innspill igjen for å endre oppføringene sine."),
)
DEADLINE_APPROACHING = register(
    "reporting.deadline_approaching",
    _("Fristen nærmer seg"),
    _("Påminnelse noen dager før fristen når enhetens innspill ikke er levert."),
)
DEADLINE_PASSED = register(
    "reporting.deadline_passed",
    _("Fristen er passert"),
    _("Når fristen er passert og enhetens innspill ikke er levert."),
)
