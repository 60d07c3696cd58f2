from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The agenda: meetings and governing-body sessions with briefing notes, reporting obligations and their
    deadlines, calendar pages and iCalendar feeds."""

    name = "arena.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from arena.agenda import kinds  # noqa: F401 - registers the agenda's notification kinds
        from arena.agenda.log_actions import register_labels
        from arena.notifications import events

        register_labels()
        events.add_reminder_source("agenda", "arena.agenda.reminders.send_agenda_reminders")
