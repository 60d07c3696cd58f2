"""`python -m arena send_reminders`: send the deadline reminders now (the worker also does it every hour)."""

from django.core.management.base import BaseCommand

from arena.notifications.events import send_all_reminders


class Command(BaseCommand):
    help = (
        "Send deadline reminders: reporting cycles, briefing notes, reporting obligations (each goes once)."
    )

    def handle(self, **options):
        self.stdout.write(f"reminders: {send_all_reminders()}")
