from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications in the app ("Varsler") and by e-mail, sent as background tasks."""

    name = "arena.notifications"
    label = "notifications"
    verbose_name = _("Varsler")

    def ready(self):
        from arena.notifications import kinds  # noqa: F401 - registers the core kinds
