from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    """Invitations: arrival (shared mailbox over IMAP, uploaded .eml/.msg, a form), reading, routing to the owning
    unit's international contacts, answers (accept → agenda meeting, decline, forward), reminders and retention."""

    name = "arena.invitations"
    label = "invitations"
    verbose_name = _("Invitasjoner")

    def ready(self):
        from arena.invitations import kinds  # noqa: F401 - registers the notification kinds
        from arena.invitations.log_actions import register_labels
        from arena.notifications import events

        register_labels()
        events.add_reminder_source("invitations", "arena.invitations.reminders.send_invitation_reminders")
